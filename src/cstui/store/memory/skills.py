"""Skills logs held in memory, one per owner, behind the skills ports."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel

from cstui.errors import InputError, NotFound
from cstui.models.skills import Action, Assessment, LearningEntry, check_owner_name

M = TypeVar("M", bound=BaseModel)


class _Table:
    """Items of one kind by id, each read handed out as a copy."""

    def __init__(self) -> None:
        self.items: dict[int, BaseModel] = {}

    def next_id(self) -> int:
        return max(self.items, default=0) + 1

    def get(self, model: type[M], number: int) -> M:
        found = self.items[number]
        assert isinstance(found, model)
        return found.model_copy(deep=True)

    def all(self, model: type[M]) -> list[M]:
        return [self.get(model, n) for n in sorted(self.items)]

    def put(self, number: int, item: BaseModel) -> None:
        self.items[number] = item.model_copy(deep=True)


class MemorySkillsLog:
    """One person's assessments, actions and learning entries."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.tables = {"assessments": _Table(), "actions": _Table(), "learning": _Table()}

    def _insert(self, name: str, build: Callable[[int], M]) -> M:
        with self.lock:
            table = self.tables[name]
            item = build(table.next_id())
            table.put(table.next_id(), item)
        return item

    def _update(self, name: str, model: type[M], number: int, change: Callable[[M], M]) -> M:
        with self.lock:
            table = self.tables[name]
            if number not in table.items:
                raise NotFound(f"there is no {name[:-1]} {number} in your skills log")
            item = change(table.get(model, number))
            table.put(number, item)
        return item

    def draft(self) -> Assessment | None:
        """The assessment not completed yet, if there is one."""
        return next((a for a in self.tables["assessments"].all(Assessment) if a.is_draft), None)

    def update_draft(
        self, change: Callable[[Assessment | None, int], Assessment | None]
    ) -> Assessment | None:
        """Store what ``change`` makes of the draft (None deletes it)."""
        with self.lock:
            table, current = self.tables["assessments"], self.draft()
            result = change(current, table.next_id())
            if result is None:
                if current is not None:
                    table.items.pop(current.id, None)
                return None
            table.put(result.id, result)
        return result

    def add_assessment(self, build: Callable[[int], Assessment]) -> Assessment:
        """Store a new assessment built with the next id."""
        return self._insert("assessments", build)

    def assessments(self) -> list[Assessment]:
        """The completed assessments, oldest first."""
        done = [a for a in self.tables["assessments"].all(Assessment) if not a.is_draft]
        return sorted(done, key=lambda a: (a.completed_at, a.id))

    def update_assessment(
        self, number: int, change: Callable[[Assessment], Assessment]
    ) -> Assessment:
        """Change one assessment under the lock."""
        return self._update("assessments", Assessment, number, change)

    def actions(self) -> list[Action]:
        """Every improvement action, oldest first."""
        return self.tables["actions"].all(Action)

    def add_action(self, build: Callable[[int], Action]) -> Action:
        """Store a new action built with the next id."""
        return self._insert("actions", build)

    def update_action(self, number: int, change: Callable[[Action], Action]) -> Action:
        """Change one action under the lock; NotFound if there is none."""
        return self._update("actions", Action, number, change)

    def learning(self) -> list[LearningEntry]:
        """Every learning log entry, in the order logged."""
        return self.tables["learning"].all(LearningEntry)

    def add_learning(self, build: Callable[[int], LearningEntry]) -> LearningEntry:
        """Store a new learning log entry built with the next id."""
        return self._insert("learning", build)


class MemorySkillsLogs:
    """Every person's log, kept apart by owner."""

    def __init__(self) -> None:
        self.logs: dict[str, MemorySkillsLog] = {}
        self.lock = threading.Lock()

    def log(self, owner: str) -> MemorySkillsLog:
        """``owner``'s log; InputError if the name cannot name a log."""
        try:
            check_owner_name(owner)
        except ValueError as exc:
            raise InputError.single("user", f"{exc}; the user name names the skills log") from None
        with self.lock:
            return self.logs.setdefault(owner, MemorySkillsLog())
