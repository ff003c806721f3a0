"""Looking after a PostgreSQL store: checks and the audit trail here; backups and
restores are the administrator's ``pg_dump`` and ``pg_restore``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cstui.errors import StoreError
from cstui.store.postgres.connection import Database
from cstui.store.postgres.records import PostgresAuditTrail, PostgresErasures
from cstui.store.records import Health, Verdict

if TYPE_CHECKING:
    from cstui.models.case import Case

DUMP_ADVICE = (
    "on PostgreSQL, backups and restores are the database administrator's: "
    "pg_dump --format=custom DBNAME > FILE, and pg_restore --clean -d DBNAME FILE"
)


class PostgresStoreAdmin:
    """Check and verify a store on a server; back it up with the server's own tools."""

    def __init__(
        self,
        db: Database,
        location: Path,
        audit: PostgresAuditTrail,
        *,
        none_unfinished: bool = False,
    ) -> None:
        """``none_unfinished``: the start read found no erasure under way."""
        self.db = db
        self._location = location
        self.audit = audit
        self.journal = PostgresErasures(db, none_unfinished)

    @property
    def location(self) -> Path:
        """The database, as ``postgresql:/DBNAME`` (no host, user or password)."""
        return self._location

    def check(self) -> Health:
        """Count the cases and walk the audit chain (the server checks the rest)."""
        with self.db.reading() as conn:
            row = conn.execute("SELECT count(*) FROM cases").fetchone()
        verdict = self.verify()
        problems = [] if verdict.ok else [f"audit trail: {verdict.problem}"]
        return Health(not problems, self._location, int(row[0]) if row else 0, problems, None)

    def backup(self, at: datetime) -> Path:
        """Refused: see :data:`DUMP_ADVICE`."""
        raise StoreError(DUMP_ADVICE)

    def backups(self) -> list[Path]:
        """None that cstui keeps."""
        return []

    def restore(self, name: str, at: datetime) -> Path | None:
        """Refused: see :data:`DUMP_ADVICE`."""
        raise StoreError(DUMP_ADVICE)

    def verify(self) -> Verdict:
        """Check the audit trail's chain."""
        return self.audit.verify()

    def forget_in_backups(self, cases: Sequence[Case]) -> int:
        """The administrator's dumps are theirs to expire; nothing cstui keeps."""
        return 0

    def on_wait(self, tell: Callable[[str], None]) -> None:
        """Rows are locked for a moment only: nobody is told of a wait."""

    def erasures(self) -> PostgresErasures:
        """The journal of erasures under way."""
        return self.journal
