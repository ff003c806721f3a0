"""A whole centre in a data folder, read and written for ``cstui store copy`` through the
file store (part of the composition root: it hands the store the folder's own rules)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from cstui.config_files import POLICY_FILE, TEAM_FILE, ConfigFile
from cstui.errors import StoreError
from cstui.models.case import Case
from cstui.models.contact import Contact
from cstui.models.refunds import RefundRecord
from cstui.models.report_facts import FACTS_FORMAT
from cstui.models.skills import Action, Assessment, LearningEntry
from cstui.models.team import Roster
from cstui.published import folder_files, write_folder
from cstui.store.file import CLOSED_BATCH, FileStores, open_file_store
from cstui.store.file.files import ensure_private_dir
from cstui.store.file.hot import META, META_ID
from cstui.store.file.roster_file import RosterFile
from cstui.store.file.tinydb_skills import SKILLS_DIR
from cstui.store.file.tinydb_tables import BufferStorage, merge
from cstui.store.records import AuditEvent

SkillRow = tuple[str, str, int, dict[str, Any]]
T = TypeVar("T")
KINDS: dict[str, Any] = {"assessments": Assessment, "actions": Action, "learning": LearningEntry}


class FolderCentre:
    """A whole centre in data folder ``data_dir``, its store opened as ``actor``."""

    def __init__(self, data_dir: Path, actor: str) -> None:
        self.data_dir = data_dir
        self.actor = actor
        self._stores: FileStores | None = None

    def close(self) -> None:
        """Nothing is held open between transactions."""

    @property
    def stores(self) -> FileStores:
        """The folder's file store, keeping briefs by the folder's policy."""
        if self._stores is None:
            from cstui.content.toml_files import default_policy, model_of
            from cstui.domain.brief import brief_of, brief_stamp
            from cstui.domain.reports import complaint_facts
            from cstui.models.policy import Policy

            policy_file = ConfigFile(self.data_dir / POLICY_FILE)
            exists = policy_file.path.exists()
            policy = (
                model_of(policy_file.path, policy_file.values(), Policy)
                if exists
                else default_policy()
            )
            stamp = brief_stamp(policy_file.raw if exists else b"")
            ensure_private_dir(self.data_dir)
            self._stores = open_file_store(
                self.data_dir,
                self.actor,
                brief_of=lambda case: brief_of(case, policy),
                brief_stamp=lambda: stamp,
                facts_of=complaint_facts,
                facts_format=FACTS_FORMAT,
                clock=lambda: datetime.now(UTC),
                closed_batch=CLOSED_BATCH,
                phone_region=lambda: policy.phone_region,
            )
        return self._stores

    # -- reading -------------------------------------------------------------------------
    def case_batches(self, size: int) -> Iterator[list[Case]]:
        """Every case, open and archived, in number order, ``size`` at a time."""
        cases = self.stores.cases
        every = sorted([*cases.open_cases(), *cases.closed_cases()], key=lambda c: c.id)
        for start in range(0, len(every), size):
            yield every[start : start + size]

    def case_hashes(self, digest: Callable[[Any], str]) -> dict[str, str]:
        """``digest`` of each case's canonical JSON, by id."""
        return {c.id: digest(c.model_dump(mode="json")) for b in self.case_batches(1000) for c in b}

    def refunds(self) -> list[RefundRecord]:
        """Every refund record, in number order."""
        return self.stores.refunds.all()

    def contacts(self) -> list[Contact]:
        """Every call kept, in number order."""
        return self.stores.contacts.between(None, None)

    def roster(self) -> Roster | None:
        """The roster, if the folder has one."""
        roster = RosterFile(self.data_dir / TEAM_FILE)
        return roster.load() if roster.exists() else None

    def files(self) -> dict[str, bytes]:
        """The policy and content overrides (none if the folder has no policy yet)."""
        if not (self.data_dir / POLICY_FILE).exists():
            return {}
        return folder_files(self.data_dir)

    def owners(self) -> list[str]:
        """Whoever has a skills log here."""
        folder = self.data_dir / SKILLS_DIR
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if (p / f"{p.name}.json").is_file())

    def skills(self) -> list[SkillRow]:
        """Every person's skills log entries."""
        rows: list[SkillRow] = []
        for owner in self.owners():
            log = self.stores.skills.log(owner)
            draft = log.draft()
            entries: dict[str, Sequence[Any]] = {
                "assessments": [*log.assessments(), *([draft] if draft else [])],
                "actions": log.actions(),
                "learning": log.learning(),
            }
            for kind, items in entries.items():
                rows += [(owner, kind, i.id, i.model_dump(mode="json")) for i in items]
        return sorted(rows, key=lambda row: row[:3])

    def audit(self) -> list[AuditEvent]:
        """The audit trail, oldest first."""
        if not (self.data_dir / "cases.json").exists():
            return []
        return self.stores.audit.events()

    def counters(self) -> tuple[int, int]:
        """The next case and refund numbers."""
        meta = self.stores.backend.snapshot().get(META, {}).get(str(META_ID), {})
        return int(meta.get("next_case", 1)), int(meta.get("next_refund", 1))

    # -- writing -------------------------------------------------------------------------
    def put_cases(self, cases: Sequence[Case]) -> None:
        """Store ``cases`` with their own ids, in one transaction."""
        builds: list[tuple[str | None, Callable[[str], Case]]] = [
            (case.id, _given(case)) for case in cases
        ]
        self.stores.cases.create_many(builds, self.actor)

    def put_refunds(self, records: Sequence[RefundRecord]) -> None:
        """Store ``records`` in number order; StoreError if a number would change."""
        for record in records:
            made = self.stores.refunds.create(_given(record))
            if made.id != record.id:
                raise StoreError(f"refund {record.id} would be stored as another number")

    def put_contacts(self, contacts: Sequence[Contact]) -> None:
        """Store ``contacts`` in number order; StoreError if a number would change."""
        for contact in contacts:
            made = self.stores.contacts.add(_given(contact))
            if made.id != contact.id:
                raise StoreError(f"call {contact.id} would be stored as another number")

    def put_roster(self, roster: Roster) -> None:
        """Write the roster file."""
        ensure_private_dir(self.data_dir)
        RosterFile(self.data_dir / TEAM_FILE).write(roster)

    def put_files(self, files: Mapping[str, bytes]) -> None:
        """Write the policy and content files."""
        ensure_private_dir(self.data_dir)
        missing = {n: raw for n, raw in files.items() if not (self.data_dir / n).exists()}
        write_folder(self.data_dir, {**folder_files_or_none(self.data_dir), **missing})

    def put_skills(self, rows: Sequence[SkillRow]) -> None:
        """Store skills log entries in number order; StoreError if a number would change."""
        for owner, kind, number, doc in rows:
            log = self.stores.skills.log(owner)
            item = KINDS[kind].model_validate(doc)
            made: Any
            if kind == "actions":
                made = log.add_action(_given(item))
            elif kind == "learning":
                made = log.add_learning(_given(item))
            elif item.is_draft:
                made = log.update_draft(_given(item))
            else:
                made = log.add_assessment(_given(item))
            if made is None or made.id != number:
                raise StoreError(f"{owner}'s skills log would number {kind} {number} otherwise")

    def put_audit(self, events: Sequence[AuditEvent]) -> None:
        """Append ``events`` to the folder's trail."""
        self.stores.audit.append(events)

    def put_counters(self, next_case: int, next_refund: int) -> None:
        """Raise the counters to at least these next numbers."""
        from tinydb import TinyDB

        with self.stores.backend.transaction() as buffer:
            meta = TinyDB(buffer, True, storage=BufferStorage).table(META, cache_size=0)
            found: Mapping[str, Any] = meta.get(doc_id=META_ID) or {}
            merge(
                meta,
                META_ID,
                {
                    "next_case": max(int(found.get("next_case", 1)), next_case),
                    "next_refund": max(int(found.get("next_refund", 1)), next_refund),
                },
            )


def _given(value: T) -> Callable[..., T]:
    """A build that ignores the id it is given and returns ``value`` as it is."""

    def build(*_: Any) -> T:
        return value

    return build


def folder_files_or_none(data_dir: Path) -> dict[str, bytes]:
    """The folder's files as they are (none if it has no policy yet)."""
    return folder_files(data_dir) if (data_dir / POLICY_FILE).exists() else {}


__all__ = ["FolderCentre"]
