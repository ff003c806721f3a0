"""Skills logs in PostgreSQL: one table, each row owned by one person.

The server keeps each log private by row-level security: a person's role reads and
changes only the rows whose owner is the role that signed in (the administrator's
excepted); the owner column keeps each log apart, as the file store's private folders do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from psycopg.types.json import Jsonb
from pydantic import BaseModel

from cstui.errors import InputError, NotFound
from cstui.models.skills import Action, Assessment, LearningEntry, check_owner_name
from cstui.store.postgres.connection import Database

M = TypeVar("M", bound=BaseModel)


class PostgresSkillsLog:
    """One person's assessments, actions and learning entries."""

    def __init__(self, db: Database, owner: str) -> None:
        self.db = db
        self.owner = owner

    def _next(self, conn: Any, kind: str) -> int:
        row = conn.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM skills WHERE owner = %s AND kind = %s",
            (self.owner, kind),
        ).fetchone()
        return int(row[0])

    def _put(self, conn: Any, kind: str, number: int, item: BaseModel) -> None:
        conn.execute(
            "INSERT INTO skills VALUES (%s, %s, %s, %s) ON CONFLICT (owner, kind, number) "
            "DO UPDATE SET doc = EXCLUDED.doc",
            (self.owner, kind, number, Jsonb(item.model_dump(mode="json"))),
        )

    def _all(self, kind: str, model: type[M]) -> list[M]:
        with self.db.reading() as conn:
            rows = conn.execute(
                "SELECT doc FROM skills WHERE owner = %s AND kind = %s ORDER BY number",
                (self.owner, kind),
            ).fetchall()
        return [model.model_validate(doc) for (doc,) in rows]

    def _insert(self, kind: str, build: Callable[[int], M]) -> M:
        with self.db.transaction() as conn:
            self._lock(conn)
            number = self._next(conn, kind)
            item = build(number)
            self._put(conn, kind, number, item)
        return item

    def _lock(self, conn: Any) -> None:
        """Take this log's turn: two terminals of one person write one at a time."""
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('skills:' || %s))", (self.owner,))

    def _update(self, kind: str, model: type[M], number: int, change: Callable[[M], M]) -> M:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT doc FROM skills WHERE owner = %s AND kind = %s AND number = %s FOR UPDATE",
                (self.owner, kind, number),
            ).fetchone()
            if row is None:
                raise NotFound(f"there is no {kind[:-1]} {number} in your skills log")
            item = change(model.model_validate(row[0]))
            self._put(conn, kind, number, item)
        return item

    def draft(self) -> Assessment | None:
        """The assessment not completed yet, if there is one."""
        return next((a for a in self._all("assessments", Assessment) if a.is_draft), None)

    def update_draft(
        self, change: Callable[[Assessment | None, int], Assessment | None]
    ) -> Assessment | None:
        """Store what ``change`` makes of the draft (None deletes it)."""
        with self.db.transaction() as conn:
            self._lock(conn)
            current = self.draft()
            result = change(current, self._next(conn, "assessments"))
            if result is None:
                if current is not None:
                    conn.execute(
                        "DELETE FROM skills WHERE owner = %s AND kind = 'assessments' "
                        "AND number = %s",
                        (self.owner, current.id),
                    )
                return None
            self._put(conn, "assessments", result.id, result)
        return result

    def add_assessment(self, build: Callable[[int], Assessment]) -> Assessment:
        """Store a new assessment built with the next id."""
        return self._insert("assessments", build)

    def assessments(self) -> list[Assessment]:
        """The completed assessments, oldest first."""
        done = [a for a in self._all("assessments", Assessment) if not a.is_draft]
        return sorted(done, key=lambda a: (a.completed_at, a.id))

    def update_assessment(
        self, number: int, change: Callable[[Assessment], Assessment]
    ) -> Assessment:
        """Change one assessment, holding its row."""
        return self._update("assessments", Assessment, number, change)

    def actions(self) -> list[Action]:
        """Every improvement action, oldest first."""
        return self._all("actions", Action)

    def add_action(self, build: Callable[[int], Action]) -> Action:
        """Store a new action built with the next id."""
        return self._insert("actions", build)

    def update_action(self, number: int, change: Callable[[Action], Action]) -> Action:
        """Change one action, holding its row; NotFound if there is none."""
        return self._update("actions", Action, number, change)

    def learning(self) -> list[LearningEntry]:
        """Every learning log entry, in the order logged."""
        return self._all("learning", LearningEntry)

    def add_learning(self, build: Callable[[int], LearningEntry]) -> LearningEntry:
        """Store a new learning log entry built with the next id."""
        return self._insert("learning", build)


class PostgresSkillsLogs:
    """Every person's log, kept apart by owner."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def log(self, owner: str) -> PostgresSkillsLog:
        """``owner``'s log; InputError if the name cannot name a log."""
        try:
            check_owner_name(owner)
        except ValueError as exc:
            raise InputError.single("user", f"{exc}; the user name names the skills log") from None
        return PostgresSkillsLog(self.db, owner)
