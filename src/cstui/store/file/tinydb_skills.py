"""One person's skills log: a TinyDB document in its own private file.

``<data folder>/skills/<user>/<user>.json``, in a folder of its owner's own (0700, its
files 0600, even in a folder a team shares: the ``skills/`` folder above is the team's),
with its lock note and daily copies beside it. Written like the case store: under the
folder's lock, re-read, temp file, fsync, rename. Ids are taken under the lock from the
highest one stored, never from TinyDB's per-process counter. This module is the one
place that converts skills models to stored documents and back.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import TinyDB
from tinydb.table import Document, Table

from cstui.errors import InputError, NotFound, StoreCorruptError
from cstui.models.skills import Action, Assessment, LearningEntry, check_owner_name
from cstui.store.file.backend import Backend, Buffer, JSONFileBackend
from cstui.store.file.files import ensure_app_folder, ensure_private_dir
from cstui.store.file.tinydb_tables import BufferStorage, replace

SKILLS_DIR = "skills"
ASSESSMENTS = "assessments"
ACTIONS = "actions"
LEARNING = "learning"

M = TypeVar("M", bound=BaseModel)


def skills_path(data_dir: Path, owner: str) -> Path:
    """Where ``owner``'s log lives; InputError if the name is not safe in a file name."""
    try:
        check_owner_name(owner)
    except ValueError as exc:
        raise InputError.single(
            "user", f"{exc}; the user name names the private skills log file"
        ) from None
    return data_dir / SKILLS_DIR / owner / f"{owner}.json"


_OLD_BACKUP = r"-\d{4}-\d{2}-\d{2}(T\d{6})?\.json"
"""What follows the owner's name in the name of a daily copy an older version made."""


def _move_older_log(path: Path) -> None:
    """Move a log an older version kept as ``skills/<user>.json`` (and its copies in
    ``skills/backups/``) into the owner's own folder; only the owner's own files move."""
    skills = path.parent.parent
    older = skills / path.name
    if path.exists() or not older.is_file() or older.stat().st_uid != os.geteuid():
        return
    with contextlib.suppress(OSError):
        os.rename(older, path)
        (skills / f"{path.name}.lock").unlink(missing_ok=True)
    copies = skills / "backups"
    if not copies.is_dir():
        return
    mine = re.compile(re.escape(path.stem) + _OLD_BACKUP)
    for copy in copies.iterdir():
        if mine.fullmatch(copy.name) and copy.stat().st_uid == os.geteuid():
            with contextlib.suppress(OSError):
                ensure_app_folder(path.parent / "backups", personal=True)
                os.rename(copy, path.parent / "backups" / copy.name)


def _to_document(item: BaseModel) -> dict[str, Any]:
    return item.model_dump(mode="json")


class TinyDBSkillsRepository:
    """Assessments, actions and learning entries of one person."""

    def __init__(self, backend: Backend, where: str = "the skills log") -> None:
        self.backend = backend
        self.where = where

    @classmethod
    def for_owner(
        cls, data_dir: Path, owner: str, lock_timeout: float = 10.0
    ) -> TinyDBSkillsRepository:
        """The log of ``owner`` in ``data_dir`` (its private folder is made on first use)."""
        path = skills_path(data_dir, owner)
        ensure_private_dir(data_dir)
        ensure_app_folder(path.parent.parent)
        ensure_app_folder(path.parent, personal=True)
        _move_older_log(path)
        return cls(JSONFileBackend(path, lock_timeout=lock_timeout), str(path))

    # -- plumbing ----------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[TinyDB]:
        with self.backend.transaction() as buffer:
            yield TinyDB(buffer, True, storage=BufferStorage)

    def _reading(self) -> TinyDB:
        return TinyDB(Buffer(self.backend.snapshot()), False, storage=BufferStorage)

    def _from_document(self, model: type[M], doc: dict[str, Any]) -> M:
        try:
            return model.model_validate(doc)
        except ValidationError:
            raise StoreCorruptError(
                f"an entry of {self.where} is not readable; the file may have been edited by hand"
            ) from None

    @staticmethod
    def _table(db: TinyDB, name: str) -> Table:
        return db.table(name, cache_size=0)

    def _all(self, name: str, model: type[M]) -> list[M]:
        docs = self._table(self._reading(), name).all()
        return [self._from_document(model, dict(d)) for d in sorted(docs, key=lambda d: d.doc_id)]

    @staticmethod
    def _next_id(table: Table) -> int:
        return max((d.doc_id for d in table.all()), default=0) + 1

    def _insert(self, name: str, model: type[M], build: Callable[[int], M]) -> M:
        with self._writing() as db:
            table = self._table(db, name)
            number = self._next_id(table)
            item = build(number)
            table.insert(Document(_to_document(item), doc_id=number))
        return item

    def _update(self, name: str, model: type[M], number: int, change: Callable[[M], M]) -> M:
        with self._writing() as db:
            table = self._table(db, name)
            doc = table.get(doc_id=number)
            if doc is None:
                raise NotFound(f"there is no {name[:-1]} {number} in your skills log")
            item = change(self._from_document(model, dict(doc)))
            replace(table, number, _to_document(item))
        return item

    # -- assessments ---------------------------------------------------------------------
    def draft(self) -> Assessment | None:
        """The assessment not completed yet, if there is one."""
        return next((a for a in self._all(ASSESSMENTS, Assessment) if a.is_draft), None)

    def update_draft(
        self, change: Callable[[Assessment | None, int], Assessment | None]
    ) -> Assessment | None:
        """Read the draft (or None) under the lock, store what ``change`` makes of it.

        ``change`` gets the draft and the id a new one would take; returning None deletes
        the draft. The result is stored as given (completing it ends the draft).
        """
        with self._writing() as db:
            table = self._table(db, ASSESSMENTS)
            current = next(
                (
                    a
                    for a in (
                        self._from_document(Assessment, dict(d))
                        for d in sorted(table.all(), key=lambda d: d.doc_id)
                    )
                    if a.is_draft
                ),
                None,
            )
            result = change(current, self._next_id(table))
            if result is None:
                if current is not None:
                    table.remove(doc_ids=[current.id])
                return None
            replace(table, result.id, _to_document(result))
        return result

    def add_assessment(self, build: Callable[[int], Assessment]) -> Assessment:
        """Store a new assessment built with the next id."""
        return self._insert(ASSESSMENTS, Assessment, build)

    def assessments(self) -> list[Assessment]:
        """The completed assessments, oldest first."""
        done = [a for a in self._all(ASSESSMENTS, Assessment) if not a.is_draft]
        return sorted(done, key=lambda a: (a.completed_at, a.id))

    def update_assessment(
        self, number: int, change: Callable[[Assessment], Assessment]
    ) -> Assessment:
        """Change one assessment under the lock."""
        return self._update(ASSESSMENTS, Assessment, number, change)

    # -- actions -------------------------------------------------------------------------
    def actions(self) -> list[Action]:
        """Every improvement action, oldest first."""
        return self._all(ACTIONS, Action)

    def add_action(self, build: Callable[[int], Action]) -> Action:
        """Store a new action built with the next id."""
        return self._insert(ACTIONS, Action, build)

    def update_action(self, number: int, change: Callable[[Action], Action]) -> Action:
        """Change one action under the lock; NotFound if there is no such action."""
        return self._update(ACTIONS, Action, number, change)

    # -- learning log --------------------------------------------------------------------
    def learning(self) -> list[LearningEntry]:
        """Every learning log entry, in the order logged."""
        return self._all(LEARNING, LearningEntry)

    def add_learning(self, build: Callable[[int], LearningEntry]) -> LearningEntry:
        """Store a new learning log entry built with the next id."""
        return self._insert(LEARNING, LearningEntry, build)
