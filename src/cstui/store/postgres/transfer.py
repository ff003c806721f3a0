"""Moving a whole centre into or out of a PostgreSQL store (``cstui store copy``), run by
the database administrator: rows are read and written in bulk, a batch per transaction,
and audit entries are chained onto the server's trail in the source's order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg.errors
from psycopg.types.json import Jsonb

from cstui.errors import PermissionDenied
from cstui.models.base import STORED
from cstui.models.case import Case
from cstui.models.contact import Contact, contact_number
from cstui.models.refunds import RefundRecord
from cstui.models.team import Roster
from cstui.store.postgres.cases import _INSERT, _row
from cstui.store.postgres.config_files import PostgresConfigFiles
from cstui.store.postgres.connection import Database, connect
from cstui.store.postgres.contacts import contact_values
from cstui.store.postgres.records import _refund_row
from cstui.store.postgres.schema import check_schema
from cstui.store.records import CHAIN_START, AuditEvent, chain_digest

SkillRow = tuple[str, str, int, dict[str, Any]]
"""One entry of a skills log: owner, kind (``assessments``, ``actions``, ``learning``),
number, and the entry as JSON."""


class ServerCentre:
    """A whole centre on a server, read and written as its administrator."""

    def __init__(self, url: str) -> None:
        conn = connect(url)
        check_schema(conn)
        self.db = Database(conn)
        self.config = PostgresConfigFiles(self.db)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- reading -------------------------------------------------------------------------
    def case_batches(self, size: int) -> Iterator[list[Case]]:
        """Every case in number order, ``size`` at a time."""
        after = 0
        while True:
            with self.db.reading() as conn:
                rows = conn.execute(
                    "SELECT number, doc FROM cases WHERE number > %s ORDER BY number LIMIT %s",
                    (after, size),
                ).fetchall()
            if not rows:
                return
            after = int(rows[-1][0])
            yield [Case.model_validate(doc) for _, doc in rows]

    def case_hashes(self, digest: Callable[[Any], str]) -> dict[str, str]:
        """``digest`` of each case's JSON as stored, by id (read without the models)."""
        with self.db.reading() as conn:
            rows = conn.execute("SELECT doc FROM cases ORDER BY number").fetchall()
        return {str(doc["id"]): digest(doc) for (doc,) in rows}

    def refunds(self) -> list[RefundRecord]:
        """Every refund record, in number order."""
        with self.db.reading() as conn:
            rows = conn.execute("SELECT doc FROM refunds ORDER BY number").fetchall()
        return [RefundRecord.model_validate(doc) for (doc,) in rows]

    def contacts(self) -> list[Contact]:
        """Every call kept, in number order."""
        with self.db.reading() as conn:
            rows = conn.execute("SELECT doc FROM contacts ORDER BY number").fetchall()
        return [Contact.model_validate(doc, context=STORED) for (doc,) in rows]

    def roster(self) -> Roster | None:
        """The roster, if one was written."""
        with self.db.reading() as conn:
            row = conn.execute("SELECT doc FROM roster").fetchone()
        return None if row is None else Roster.model_validate(row[0])

    def files(self) -> dict[str, bytes]:
        """The policy and content files published."""
        return self.config.files()

    def skills(self) -> list[SkillRow]:
        """Every person's skills log entries (the administrator reads past row security)."""
        with self.db.reading() as conn:
            rows = conn.execute(
                "SELECT owner, kind, number, doc FROM skills ORDER BY owner, kind, number"
            ).fetchall()
        return [(str(o), str(k), int(n), dict(d)) for o, k, n, d in rows]

    def audit(self) -> list[AuditEvent]:
        """The audit trail, oldest first."""
        with self.db.reading() as conn:
            rows = conn.execute(
                "SELECT actor, record, action, fields, at FROM audit ORDER BY seq"
            ).fetchall()
        return [AuditEvent(a, r, act, tuple(f), at) for a, r, act, f, at in rows]

    def counters(self) -> tuple[int, int]:
        """The next case and refund numbers."""
        with self.db.reading() as conn:
            found = dict(conn.execute("SELECT name, next FROM counters").fetchall())
        return int(found.get("case", 1)), int(found.get("refund", 1))

    # -- writing -------------------------------------------------------------------------
    @contextmanager
    def _loading(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """A transaction that writes rows as they are: the server's triggers (its checks
        and its audit entries) stay off, as only the administrator may have them."""
        with self.db.transaction() as conn:
            try:
                conn.execute("SET LOCAL session_replication_role = replica")
            except psycopg.errors.InsufficientPrivilege:
                raise PermissionDenied(
                    "copying into a server needs its administrator (a superuser, or a role "
                    "granted SET on session_replication_role): sign in as them"
                ) from None
            yield conn

    def put_cases(self, cases: Sequence[Case]) -> None:
        """Store ``cases`` as they are (numbers kept), in one transaction."""
        with self._loading() as conn, conn.cursor() as cursor:
            cursor.executemany(_INSERT, [_row(case) for case in cases])

    def put_refunds(self, records: Sequence[RefundRecord]) -> None:
        """Store ``records`` as they are, in one transaction."""
        with self._loading() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO refunds VALUES (%s,%s,%s,%s,%s,%s)",
                [_refund_row(record) for record in records],
            )

    def put_contacts(self, contacts: Sequence[Contact]) -> None:
        """Store ``contacts`` as they are (numbers kept), and raise their counter."""
        with self._loading() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO contacts VALUES (%s,%s,%s,%s,%s)",
                [(contact_number(c.id), *contact_values(c)) for c in contacts],
            )
            conn.execute(
                "UPDATE counters SET next = greatest(next, %s) WHERE name = 'contact'",
                (max((contact_number(c.id) for c in contacts), default=0) + 1,),
            )

    def put_roster(self, roster: Roster) -> None:
        """Write the roster."""
        with self._loading() as conn:
            conn.execute(
                "INSERT INTO roster VALUES (1, %s) ON CONFLICT (id) DO UPDATE SET doc = "
                "EXCLUDED.doc",
                (Jsonb(roster.model_dump(mode="json")),),
            )

    def put_files(self, files: Mapping[str, bytes]) -> None:
        """Publish the policy and content files."""
        with self._loading() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO config_files (name, body) VALUES (%s, %s)",
                [(name, raw.decode("utf-8")) for name, raw in files.items()],
            )

    def put_skills(self, rows: Sequence[SkillRow]) -> None:
        """Store skills log entries as they are."""
        with self._loading() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO skills VALUES (%s, %s, %s, %s)",
                [(owner, kind, number, Jsonb(doc)) for owner, kind, number, doc in rows],
            )

    def put_audit(self, events: Sequence[AuditEvent]) -> None:
        """Chain ``events`` onto the trail, in order, keeping when each happened."""
        with self._loading() as conn, conn.cursor() as cursor:
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('cstui_audit'))")
            row = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            previous = str(row[0]) if row else CHAIN_START
            values = []
            for event in events:
                previous = chain_digest(previous, event)
                fields = (event.actor, event.record, event.action, list(event.fields))
                values.append((*fields, event.at, previous))
            cursor.executemany(
                "INSERT INTO audit (actor, record, action, fields, at, hash) "
                "VALUES (%s, %s, %s, %s, coalesce(%s, now()), %s)",
                values,
            )

    def put_counters(self, next_case: int, next_refund: int) -> None:
        """Raise the counters to at least these next numbers (never lower them)."""
        with self._loading() as conn:
            for name, following in (("case", next_case), ("refund", next_refund)):
                conn.execute(
                    "UPDATE counters SET next = greatest(next, %s) WHERE name = %s",
                    (following, name),
                )


__all__ = ["ServerCentre", "SkillRow"]
