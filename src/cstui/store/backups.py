"""Rolling backups of a store file: one a day, the newest kept, checked before use."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from cstui.errors import NotFound, StoreError
from cstui.store.files import atomic_write, file_mode, reason

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

    def _copy(self, name: str) -> Path:
        target = self.folder / name
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)
            atomic_write(target, self.store.read_bytes())
        except OSError as exc:
            raise StoreError(f"could not back up {self.store.name}: {reason(exc)}") from None
        return target

    def daily(self, today: date) -> Path | None:
        """Copy the store once a day (before its first change that day); prune old copies."""
        target = self.folder / f"{self.store.stem}-{today.isoformat()}.json"
        if target.exists() or not self.store.exists():
            return None
        made = self._copy(target.name)
        daily = [p for p in self.all() if "T" not in p.stem]
        for old in daily[self.keep :]:
            old.unlink(missing_ok=True)
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
        atomic_write(self.store, backup.read_bytes())
        return kept


def rewrite_backups(backups: Backups, table: str, replacements: dict[str, Any]) -> int:
    """Put ``replacements`` (document id -> document) into every backup; return files changed.

    Used when personal data is removed, so old copies do not keep what the store forgot.
    """
    changed = 0
    for backup in backups.all():
        try:
            data = orjson.loads(backup.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            continue
        rows = data.get(table) if isinstance(data, dict) else None
        if not isinstance(rows, dict):
            continue
        hits = {key: doc for key, doc in replacements.items() if key in rows}
        if hits:
            rows.update(hits)
            atomic_write(backup, orjson.dumps(data))
            changed += 1
    return changed
