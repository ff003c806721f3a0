"""Looking after the file store: check, back up, restore, verify, forget in backups."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cstui.errors import CstuiError, StoreError

if TYPE_CHECKING:  # what only looking after the store needs loads when it is asked for
    from cstui.models.case import Case
    from cstui.store.file.archive_rows import Document, ReportRows
    from cstui.store.file.backend import JSONFileBackend, Tables
    from cstui.store.file.erasures import EraseJournal
    from cstui.store.records import AuditEvent, Health, Verdict


class FileStoreAdmin:
    """The main document, its archive, backups and audit log, looked after."""

    def __init__(self, backend: JSONFileBackend, rows: ReportRows) -> None:
        self.backend = backend
        self.rows = rows

    @property
    def location(self) -> Path:
        """The main document's file."""
        return self.backend.path

    def _documents(self, problems: list[str]) -> tuple[Tables, dict[str, Tables]]:
        """The main document ({} if it cannot be read) and every part that can be read;
        what cannot be read, in ``problems``."""
        try:
            main = self.backend.snapshot()
        except CstuiError as exc:
            problems.append(str(exc))
            main = {}
        parts = {}
        for name in self.backend.part_names():
            try:
                parts[name] = self.backend.part(name)
            except CstuiError as exc:
                problems.append(str(exc))
        return main, parts

    def check(self) -> Health:
        """Read the whole store and every case in it; report what cannot be read."""
        from pydantic import ValidationError

        from cstui.models.case import Case
        from cstui.store.file import archive_rows_upkeep
        from cstui.store.file.audit_anchors import without_anchor

        problems: list[str] = []
        main, parts = self._documents(problems)
        readable: set[str] = set()  # a case may also have a leftover copy in the archive
        rows: dict[int, Document] = {}  # the report row of each readable case, by id(document)
        for tables in [main, *parts.values()]:
            for doc in tables.get("cases", {}).values():
                try:
                    case = Case.model_validate(without_anchor(doc))  # every rule, as typed
                except ValidationError:
                    problems.append(f"stored case {doc.get('id', '(no id)')} is not readable")
                    continue
                readable.add(case.id)
                rows[id(doc)] = self.rows.row_from(case, doc)
        problems += archive_rows_upkeep.disagreements(
            parts, self.rows, lambda doc: rows.get(id(doc))
        )
        problems += self._file_problems(main, parts)
        try:
            verdict = self.verify()
        except CstuiError:  # the store's own damage, named above
            from cstui.store.records import Verdict

            verdict = Verdict(True, 0)
        if not verdict.ok:
            problems.append(f"audit log: {verdict.problem}")
        newest = self.backend.backups.newest_good()
        from cstui.store.records import Health

        return Health(not problems, self.backend.path, len(readable), problems, newest)

    def _file_problems(self, main: Tables, parts: dict[str, Tables]) -> list[str]:
        """What the manifest, the counter, the ids, the roster and the modes show."""
        from cstui.store.file import checks
        from cstui.store.file.roster_file import RosterFile

        ledger = self.backend.ledger
        root = self.backend.path.parent
        return [
            *checks.manifest_problems(ledger),
            *checks.counter_problems(main, ledger, parts),
            *checks.duplicate_problems(main, parts),
            *checks.roster_problems(RosterFile(root / "team.toml")),
            *checks.mode_problems(root),
        ]

    def backups(self) -> list[Path]:
        """Every backup, newest first."""
        return self.backend.backups.all()

    def backup(self, at: datetime) -> Path:
        """Copy the store now (it must be readable and as its manifest says): the files
        are linked under the lock and copied after it."""
        with self.backend.lock.hold():
            self.backend.fold()  # a backup holds the main document, never a journal
            snapshot = self.backend.backups.now(at, self.backend.ledger.settled())
        return self.backend.backups.finish(snapshot)

    def restore(self, name: str, at: datetime) -> Path | None:
        """Put the named backup (verified first) in place of the store, its archive too;
        return the restore point that keeps what it replaced."""
        from cstui.store.file.case_archive import CaseArchive
        from cstui.store.file.restore import restore

        backup = self.backend.backups.find(name)
        backend = self.backend
        kept = restore(backend.backups, backend.ledger, backend.lock, backup, at, backend.fold)
        with backend.lock.hold():
            backend.record_restore(backup.name)
        archive = CaseArchive(self.backend, self.rows)
        if archive.in_first_layout():  # a backup from before the archive's index was split
            archive.split_first_layout()
        try:
            self.backend.snapshot()
        except StoreError as exc:  # pragma: no cover - restore checks the backup first
            raise StoreError(f"restored {backup.name}, but it cannot be read: {exc}") from None
        return kept

    def verify(self) -> Verdict:
        """Check the audit log's hash chain end to end."""
        return self.backend.audit.verify()

    def forget_in_backups(self, cases: Sequence[Case]) -> int:
        """Put ``cases`` as they are now into every backup (their report rows worked out
        again beside each block rewritten); return how many files were rewritten."""
        from cstui.models.case import case_number
        from cstui.store.file import archive_rows_upkeep
        from cstui.store.file.backup_erasure import rewrite_backups
        from cstui.store.file.documents import case_to_document

        saved = {str(case_number(c.id)): case_to_document(c) for c in cases}
        beside = archive_rows_upkeep.rows_beside(self.rows)
        return rewrite_backups(self.backend.backups, "cases", saved, beside)

    def on_wait(self, tell: Callable[[str], None]) -> None:
        """Call ``tell(holder)`` when a write has to wait for another terminal's lock."""
        self.backend.on_wait = tell

    def erasures(self) -> EraseJournal:
        """The journal of erasures under way, beside the store."""
        from cstui.store.file.erasures import EraseJournal

        return EraseJournal(self.backend)


class FileAuditTrail:
    """The store's hash-chained audit log (``cases.audit.log``)."""

    def __init__(self, backend: JSONFileBackend, clock: Callable[[], datetime]) -> None:
        self.backend = backend
        self.clock = clock

    def append(self, events: Sequence[AuditEvent]) -> None:
        """Record ``events`` under the store's lock."""
        with self.backend.lock.hold():
            self.backend.audit.append(events, self.clock())

    def events(self) -> list[AuditEvent]:
        """Every event recorded, oldest first."""
        return self.backend.audit.events()

    def verify(self) -> Verdict:
        """Check the log's hash chain end to end."""
        return self.backend.audit.verify()
