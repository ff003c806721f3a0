"""Refund records, the roster, the audit trail and the erasure journal in PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from cstui.errors import ConfigError, NotFound
from cstui.models.refund_decisions import DECIDED_STATUSES, Decisions
from cstui.models.roles import Role
from cstui.store.erasures import Erasure
from cstui.store.postgres.connection import Database
from cstui.store.postgres.start_read import Once
from cstui.store.records import AuditEvent, Verdict, verify_chain

if TYPE_CHECKING:
    from psycopg.types.json import Jsonb

    from cstui.models.case import Case
    from cstui.models.refunds import RefundRecord
    from cstui.models.team import Roster


def _jsonb(value: Any) -> Jsonb:
    """``value`` as a JSONB parameter (psycopg is loaded by the time anything is written)."""
    from psycopg.types.json import Jsonb

    return Jsonb(value)


def _refund_row(record: RefundRecord) -> tuple[Any, ...]:
    from cstui.models.refunds import refund_number

    decided = record.approval is not None and record.status.value in DECIDED_STATUSES
    return (
        refund_number(record.id),
        record.case_id,
        record.created_by,
        record.status.value,
        decided,
        _jsonb(record.model_dump(mode="json")),
    )


class PostgresRefundStore:
    """The ``refunds`` table, numbered by the ``refund`` counter."""

    def __init__(
        self, db: Database, decided_at_start: Once[tuple[str, Decisions]] | None = None
    ) -> None:
        """``decided_at_start``: who signed in and their decided requests, as the start
        read found them."""
        self.db = db
        self.decided_at_start = decided_at_start or Once()

    def create(self, build: Callable[[str], RefundRecord]) -> RefundRecord:
        """Give ``build`` the next refund id and store what it returns."""
        from cstui.models.refunds import format_refund_id

        with self.db.transaction() as conn:
            record = build(format_refund_id(self.db.take_number(conn, "refund")))
            self.db.acting(conn, record.created_by)
            conn.execute("INSERT INTO refunds VALUES (%s,%s,%s,%s,%s,%s)", _refund_row(record))
        return record

    def get(self, refund_id: str) -> RefundRecord:
        """The stored record, or NotFound."""
        from cstui.models.refunds import refund_number

        found = self._select("number = %s", [refund_number(refund_id)])
        if not found:
            raise NotFound(f"there is no refund record {refund_id}")
        return found[0]

    def update(
        self, refund_id: str, actor: str, change: Callable[[RefundRecord], RefundRecord]
    ) -> RefundRecord:
        """Apply ``change`` to the record as stored, holding its row; store the result."""
        from cstui.models.refunds import RefundRecord, refund_number

        number = refund_number(refund_id)
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT doc FROM refunds WHERE number = %s FOR UPDATE", (number,)
            ).fetchone()
            if row is None:
                raise NotFound(f"there is no refund record {refund_id}")
            changed = change(RefundRecord.model_validate(row[0]))
            values = _refund_row(changed)
            self.db.acting(conn, actor)
            conn.execute(
                "UPDATE refunds SET case_id=%s, created_by=%s, status=%s, decided=%s, doc=%s "
                "WHERE number = %s",
                (*values[1:], number),
            )
        return changed

    def _select(self, where: str, values: list[Any]) -> list[RefundRecord]:
        from cstui.models.refunds import RefundRecord

        with self.db.reading() as conn:
            rows = conn.execute(
                f"SELECT doc FROM refunds WHERE {where} ORDER BY number", values
            ).fetchall()
        return [RefundRecord.model_validate(doc) for (doc,) in rows]

    def pending(self) -> list[RefundRecord]:
        """Requests waiting for a team leader, oldest first."""
        return self._select("status = 'pending'", [])

    def for_case(self, case_id: str) -> list[RefundRecord]:
        """The records linked to a case, oldest first."""
        return self._select("case_id = %s", [case_id])

    def all(self) -> list[RefundRecord]:
        """Every record, oldest first."""
        return self._select("TRUE", [])

    def decisions(self, requester: str) -> Decisions:
        """Counted by the server: approved and declined requests of ``requester``."""
        kept = self.decided_at_start.take()
        if kept is not None and kept[0] == requester:
            return kept[1]
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT count(*) FILTER (WHERE status = 'approved'), "
                "count(*) FILTER (WHERE status = 'declined') "
                "FROM refunds WHERE created_by = %s AND decided",
                (requester,),
            ).fetchone()
        return Decisions(0, 0) if row is None else Decisions(int(row[0]), int(row[1]))


class PostgresRoster:
    """The roster as one row."""

    def __init__(self, db: Database, roles_at_start: Once[dict[str, Role]] | None = None) -> None:
        """``roles_at_start``: the roles as the start read found them (it found a roster)."""
        self.db = db
        self.roles_at_start = roles_at_start or Once()

    def exists(self) -> bool:
        """Whether a roster was written."""
        if self.roles_at_start.waiting:
            return True
        with self.db.reading() as conn:
            return conn.execute("SELECT 1 FROM roster").fetchone() is not None

    def roles(self) -> dict[str, Role]:
        """Who is on the roster, with their role, as the server reads them out of the
        roster it keeps (written only as a validated roster); ConfigError if none."""
        found = self.roles_at_start.take()
        if found is not None:
            return found
        with self.db.reading() as conn:
            rows = conn.execute(  # one row at least if there is a roster, none if not
                "SELECT m->>'name', coalesce(m->>'role', %s) FROM roster "
                "LEFT JOIN LATERAL jsonb_array_elements(doc->'members') m ON TRUE",
                (Role.AGENT.value,),
            ).fetchall()
        if not rows:
            raise ConfigError("there is no team roster yet")
        return {str(name): Role(role) for name, role in rows if name is not None}

    def load(self) -> Roster:
        """The roster; ConfigError if there is none."""
        from cstui.models.team import Roster

        with self.db.reading() as conn:
            row = conn.execute("SELECT doc FROM roster").fetchone()
        if row is None:
            raise ConfigError("there is no team roster yet")
        return Roster.model_validate(row[0])

    def write(self, roster: Roster) -> None:
        """Replace the roster."""
        with self.db.transaction() as conn:
            self._put(conn, roster)

    @staticmethod
    def _put(conn: Any, roster: Roster) -> None:
        conn.execute(
            "INSERT INTO roster VALUES (1, %s) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
            (_jsonb(roster.model_dump(mode="json")),),
        )

    def update(self, change: Callable[[Roster], Roster]) -> Roster:
        """Apply ``change`` to the roster as stored, holding its row; store the result."""
        from cstui.models.team import Roster

        with self.db.transaction() as conn:
            row = conn.execute("SELECT doc FROM roster FOR UPDATE").fetchone()
            if row is None:
                raise ConfigError("there is no team roster yet")
            updated = change(Roster.model_validate(row[0]))
            self._put(conn, updated)
        return updated


class PostgresAuditTrail:
    """The ``audit`` table: written by the server's triggers in each write's transaction
    (and by its function for app events); the app's roles only read it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, events: Sequence[AuditEvent]) -> None:
        """Record ``events`` on their own, through the server's one function for app
        events: it names the role that signed in as their actor."""
        with self.db.transaction() as conn:
            for event in events:
                conn.execute(
                    "SELECT cstui_audit_append(%s, %s, %s, %s)",
                    (event.actor, event.record, event.action, list(event.fields)),
                )

    def _rows(self) -> list[tuple[Any, ...]]:
        with self.db.reading() as conn:
            return conn.execute(
                "SELECT actor, record, action, fields, at, hash FROM audit ORDER BY seq"
            ).fetchall()

    def events(self) -> list[AuditEvent]:
        """Every event recorded, oldest first."""
        return [AuditEvent(a, r, act, tuple(f), at) for a, r, act, f, at, _ in self._rows()]

    def verify(self) -> Verdict:
        """Walk the chain: an entry changed in place no longer matches its hash."""
        return verify_chain(
            [(AuditEvent(a, r, act, tuple(f)), digest) for a, r, act, f, _, digest in self._rows()]
        )


class PostgresErasures:
    """Erasures under way, one row each; the server keeps no other copies of cases."""

    def __init__(self, db: Database, none_at_start: bool = False) -> None:
        """``none_at_start``: the start read found none under way."""
        self.db = db
        self.none_at_start = Once(True if none_at_start else None)

    def begin(self, erasure: Erasure) -> None:
        """Record ``erasure`` (committed before any of it is done)."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO erasures VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                (erasure.name, _jsonb(asdict(erasure))),
            )

    def unfinished(self) -> list[Erasure]:
        """Every erasure begun and not ended."""
        if self.none_at_start.take():
            return []
        with self.db.reading() as conn:
            rows = conn.execute("SELECT doc FROM erasures ORDER BY name").fetchall()
        return [_erasure(doc) for (doc,) in rows]

    def forget_elsewhere(
        self, cases: Sequence[Case], traces: Sequence[str], redact: Callable[[Case], Case]
    ) -> int:
        """Nothing is kept elsewhere on the server (backups are the administrator's)."""
        return 0

    def end(self, erasure: Erasure) -> None:
        """Forget ``erasure``."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM erasures WHERE name = %s", (erasure.name,))


def _erasure(doc: dict[str, Any]) -> Erasure:
    return Erasure(
        doc["name"], doc["actor"], doc["why"], tuple(doc["case_ids"]), tuple(doc["traces"])
    )
