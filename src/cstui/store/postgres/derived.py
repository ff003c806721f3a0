"""What the read paths keep of each stored case version: the brief an open case is listed
by, and the facts a report counts it by.

Working them out needs the whole case validated (most of a list's or a report's time), so
each is worked out once per case version and kept in a table of its own (``case_briefs``,
``case_facts``: one row per case, with the version and the stamp it was worked out under).
A read joins the cases it wants to what is kept; what is missing or out of date (another
version, or another policy or facts format) is worked out from the case and kept for the
next read, in a transaction of its own. What is kept is only ever a copy: a read that
cannot keep it still answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson

from cstui.errors import PermissionDenied, StoreError
from cstui.store.postgres.connection import Database

if TYPE_CHECKING:
    from psycopg.types.json import Jsonb

    from cstui.models.case import Case

T = TypeVar("T")


class DerivedRows(Generic[T]):
    """One table of what is worked out of each case version (``table``: its name)."""

    def __init__(
        self,
        db: Database,
        table: str,
        work_out: Callable[[Case], dict[str, Any]],
        decode: Callable[[dict[str, Any]], T],
        keep_decoded: bool = False,
    ) -> None:
        """With ``keep_decoded``, what the last read decoded is kept (by case number,
        version and stamp), and the next read decodes only what changed since: the open
        cases' briefs, read again at every other terminal's save."""
        self.db = db
        self.table = table
        self.work_out = work_out
        self.decode = decode
        self.keep_decoded = keep_decoded
        self._decoded: dict[tuple[int, int, str], T] = {}

    def read(self, where: str, values: list[Any], stamp: str) -> list[T]:
        """What is worked out of every case ``where`` wants, in case number order."""
        from psycopg.types.json import Jsonb, set_json_loads

        query = (
            f"SELECT c.number, c.version, d.doc, CASE WHEN d.doc IS NULL THEN c.doc END "
            f"FROM cases c LEFT JOIN {self.table} d "
            f"ON d.number = c.number AND d.version = c.version AND d.stamp = %s "
            f"WHERE {where} ORDER BY c.number"
        )
        with self.db.reading() as conn, conn.cursor() as cursor:
            set_json_loads(orjson.loads, cursor)
            rows = cursor.execute(query, [stamp, *values]).fetchall()
        found: list[T] = []
        fresh: list[tuple[int, int, str, Jsonb]] = []
        decoded: dict[tuple[int, int, str], T] = {}
        for number, version, kept, doc in rows:
            if kept is None:
                from cstui.models.case import Case  # only what is not kept is validated

                kept = self.work_out(Case.model_validate(doc))
                fresh.append((number, version, stamp, Jsonb(kept)))
            key = (number, version, stamp)
            known = self._decoded.get(key)
            found.append(known if known is not None else self.decode(kept))
            decoded[key] = found[-1]
        self._keep(fresh)
        if self.keep_decoded:
            self._decoded = decoded
        return found

    def _keep(self, fresh: list[tuple[int, int, str, Jsonb]]) -> None:
        """Keep what was worked out, replacing what was kept of older versions."""
        if not fresh:
            return
        import psycopg

        statement = (
            f"INSERT INTO {self.table} (number, version, stamp, doc) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (number) DO UPDATE SET version = EXCLUDED.version, "
            "stamp = EXCLUDED.stamp, doc = EXCLUDED.doc"
        )
        try:
            with self.db.transaction() as conn, conn.cursor() as cursor:
                cursor.executemany(statement, fresh)
        except (psycopg.Error, StoreError, PermissionDenied):
            # a copy only: the next read works it out again
            return
