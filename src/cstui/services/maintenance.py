"""Looking after the store: check it, back it up, restore it, verify its audit log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from cstui.errors import CstuiError, PermissionDenied, StoreError
from cstui.models.case import Case
from cstui.store import archive_rows, archive_rows_upkeep
from cstui.store.archive_rows import Document
from cstui.store.audit import Verdict
from cstui.store.backend import JSONFileBackend
from cstui.store.backups import archive_of
from cstui.store.case_archive import CaseArchive


@dataclass(frozen=True)
class Health:
    """What ``check`` found."""

    ok: bool
    store: Path
    cases: int
    problems: list[str]
    newest_backup: Path | None


class StoreMaintenance:
    """Maintenance of one store file and its backups and audit log."""

    def __init__(
        self, backend: JSONFileBackend, clock: Callable[[], datetime], may_restore: bool = True
    ) -> None:
        self.backend = backend
        self.clock = clock
        self.may_restore = may_restore
        """Restoring rolls back everyone's work, so only a team leader may."""

    def check(self) -> Health:
        """Read the whole store and every case in it; report what cannot be read."""
        problems: list[str] = []
        try:
            documents = [self.backend.snapshot()]
        except CstuiError as exc:
            problems.append(str(exc))
            documents = []
        parts = {}
        for name in self.backend.part_names():
            try:
                parts[name] = self.backend.part(name)
            except CstuiError as exc:
                problems.append(str(exc))
        documents += parts.values()
        readable: set[str] = set()  # a case may also have a leftover copy in the archive
        rows: dict[int, Document] = {}  # the report row of each readable case, by id(document)
        for tables in documents:
            for doc in tables.get("cases", {}).values():
                try:
                    case = Case.model_validate(doc)  # every rule, as if typed in
                except ValidationError:
                    problems.append(f"stored case {doc.get('id', '(no id)')} is not readable")
                    continue
                readable.add(case.id)
                rows[id(doc)] = archive_rows.row_from(case, doc)
        count = len(readable)
        problems += archive_rows_upkeep.disagreements(parts, lambda doc: rows.get(id(doc)))
        verdict = self.verify()
        if not verdict.ok:
            problems.append(f"audit log: {verdict.problem}")
        return Health(
            not problems, self.backend.path, count, problems, self.backend.backups.newest_good()
        )

    def backups(self) -> list[Path]:
        """Every backup, newest first."""
        return self.backend.backups.all()

    def backup(self) -> Path:
        """Copy the store now (it must be readable)."""
        with self.backend.lock.hold():
            self.backend.snapshot()
            return self.backend.backups.now(self.clock())

    def restore(self, name: str) -> Path | None:
        """Put the named backup in place of the store; return where the old file was kept."""
        if not self.may_restore:
            raise PermissionDenied(
                "only a team leader can restore a backup: it rolls back everyone's cases"
            )
        backup = self.backend.backups.find(name)
        with self.backend.lock.hold():
            kept = self.backend.backups.restore(backup, self.clock())
        archive = CaseArchive(self.backend)
        if archive.in_first_layout():  # a backup from before the archive's index was split
            archive.split_first_layout()
        restored = {p.stem for p in archive_of(backup).glob("*.json")}
        archive_rows_upkeep.drop_unrestored(archive, restored)
        try:
            self.backend.snapshot()
        except StoreError as exc:  # pragma: no cover - restore checks the backup first
            raise StoreError(f"restored {backup.name}, but it cannot be read: {exc}") from None
        return kept

    def verify(self) -> Verdict:
        """Check the audit log's hash chain end to end."""
        return self.backend.audit.verify()
