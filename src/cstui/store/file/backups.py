"""Rolling backups of a store file: one a day, the newest kept, checked before use.

A backup is a copy of the main document (``backups/cases-DATE.json``) and, beside it, the
archive of closed cases as it was (``backups/cases-DATE.archive/``). Archive files are
only ever replaced, never changed in place, so that folder holds hard links: a daily
backup of 100,000 closed cases costs no copying.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from cstui.errors import NotFound, StoreError
from cstui.store.file.files import atomic_write, ensure_app_folder, file_mode, reason
from cstui.store.file.hot import BRIEFS

KEEP = 14


def is_good(path: Path) -> bool:
    """Whether ``path`` holds a complete JSON document of tables."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(data, dict) and all(isinstance(t, dict) for t in data.values())


@dataclass
class Backups:
    """The ``backups/`` folder of one store file."""

    store: Path
    keep: int = KEEP

    @property
    def folder(self) -> Path:
        """Where the copies live."""
        return self.store.parent / "backups"

    def all(self) -> list[Path]:
        """Every backup of this store, newest first."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob(f"{self.store.stem}-*.json"), reverse=True)

    def newest_good(self) -> Path | None:
        """The newest backup that reads as a complete document."""
        return next((p for p in self.all() if is_good(p)), None)

    @property
    def archive(self) -> Path:
        """The live archive folder beside the store."""
        return self.store.parent / "archive"

    def _copy(self, name: str) -> Path:
        target = self.folder / name
        try:
            ensure_app_folder(self.folder)
            self._link_archive(archive_of(target))
            atomic_write(target, self.store.read_bytes())
        except OSError as exc:
            raise StoreError(f"could not back up {self.store.name}: {reason(exc)}") from None
        return target

    def _link_archive(self, folder: Path) -> None:
        """Hard-link (or, across file systems, copy) every archive file into ``folder``."""
        if not self.archive.is_dir():
            return
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        ensure_app_folder(partial)
        for source in self.archive.glob("*.json"):
            try:
                os.link(source, partial / source.name)
            except OSError:
                shutil.copy2(source, partial / source.name)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)

    def daily(self, today: date) -> Path | None:
        """Copy the store once a day (before its first change that day); prune old copies."""
        target = self.folder / f"{self.store.stem}-{today.isoformat()}.json"
        if target.exists() or not self.store.exists():
            return None
        made = self._copy(target.name)
        daily = [p for p in self.all() if "T" not in p.stem]
        for old in daily[self.keep :]:
            old.unlink(missing_ok=True)
            shutil.rmtree(archive_of(old), ignore_errors=True)
        return made

    def now(self, moment: datetime) -> Path:
        """A backup made on request, named by the minute."""
        if not self.store.exists():
            raise NotFound(f"there is no store file {self.store} to back up yet")
        return self._copy(f"{self.store.stem}-{moment.strftime('%Y-%m-%dT%H%M%S')}.json")

    def find(self, name: str) -> Path:
        """A backup by file name or path; NotFound if it is not one of this store's."""
        wanted = Path(name).name
        for backup in self.all():
            if backup.name == wanted:
                return backup
        raise NotFound(f"there is no backup called {wanted} in {self.folder}")

    def restore(self, backup: Path, moment: datetime) -> Path | None:
        """Put ``backup`` in place of the store (call under the store's lock).

        The current file, damaged or not, is kept beside it; its new name is returned.
        """
        if not is_good(backup):
            raise StoreError(f"the backup {backup.name} is itself damaged; choose another")
        kept = None
        if self.store.exists():
            kept = self.store.with_name(
                f"{self.store.name}.before-restore-{moment.strftime('%Y%m%dT%H%M%S')}"
            )
            shutil.copy2(self.store, kept)
            kept.chmod(file_mode(kept.parent))
        saved = archive_of(backup)
        if saved.is_dir():
            ensure_app_folder(self.archive)
            for part in saved.glob("*.json"):
                atomic_write(self.archive / part.name, part.read_bytes())
        atomic_write(self.store, backup.read_bytes())
        return kept


def archive_of(backup: Path) -> Path:
    """The archive folder saved with the backup ``backup``."""
    return backup.with_suffix(".archive")


Derive = Callable[[str, dict[str, Any]], tuple[str, dict[str, Any]] | None]
"""Given a rewritten archive part's name and content: the name and content of a part
worked out from it, to write again beside it; or None."""


def _rewrite(
    path: Path, change: Callable[[dict[str, Any]], bool], derive: Derive | None = None
) -> int:
    """Apply ``change`` to the JSON document at ``path``; write it back if it changed, and
    what ``derive`` works out from it; return how many files were written."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return 0
    if not isinstance(data, dict) or not change(data):
        return 0
    atomic_write(path, orjson.dumps(data))
    made = derive(path.stem, data) if derive is not None else None
    if made is None:
        return 1
    atomic_write(path.with_name(f"{made[0]}.json"), orjson.dumps(made[1]))
    return 2


def rewrite_backups(
    backups: Backups, table: str, replacements: dict[str, Any], derive: Derive | None = None
) -> int:
    """Put ``replacements`` (document id -> document) into every backup, its archive
    included, and drop those ids from the saved lookups; return the files changed.

    ``derive`` works out again, beside each archive part rewritten, a part made from it.

    Used when personal data is removed, so old copies do not keep what the store forgot.
    """

    def replace(data: dict[str, Any]) -> bool:
        rows = data.get(table)
        hits = {k: d for k, d in replacements.items() if isinstance(rows, dict) and k in rows}
        if isinstance(rows, dict):
            rows.update(hits)
        briefs = data.get(BRIEFS)  # a brief repeats the case's words: worked out again later
        if isinstance(briefs, dict):
            for key in hits:
                briefs.pop(key, None)
        return bool(hits)

    gone = {int(key) for key in replacements if key.isdigit()}

    def unlink_keys(data: dict[str, Any]) -> bool:
        found = False
        for keys in data.values():
            for key, numbers in list(keys.items()):
                kept = [n for n in numbers if n not in gone]
                if len(kept) != len(numbers):
                    found = True
                    if kept:
                        keys[key] = kept
                    else:
                        del keys[key]
        return found

    changed = 0
    for backup in backups.all():
        changed += _rewrite(backup, replace)
        for part in sorted(archive_of(backup).glob("*.json")):
            with contextlib.suppress(StoreError):
                changed += _rewrite(
                    part, unlink_keys if part.stem.startswith("lookup-") else replace, derive
                )
    return changed
