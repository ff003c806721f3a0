"""Backups of a store: verified copies, one a day and on request, the newest kept.

A backup is a copy of the main document (``backups/cases-DATE.json``) and of every
archive file, each archive file copied once into a content-addressed area
(``backups/blocks/<sha256>.json``) that later backups reuse: archive files are only
ever replaced, never changed in place, so a copy made once stays right. The backup's
manifest (``backups/cases-DATE.manifest``), written last, names the sha256 of every
file; a backup is *good* when every file is there with its hash. No backup shares a
file with the live store, so damage to a live file never reaches one.

Under the store's lock a backup only hard-links what it will copy into a snapshot
folder (files are replaced, never written in place, so the links hold the files as
they were); the copying and hashing happen after the lock is released.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from cstui.errors import NotFound, StoreError
from cstui.store.file.files import (
    BACKUPS_DIR,
    BLOCKS,
    atomic_write,
    atomic_write_all,
    ensure_app_folder,
    reason,
)
from cstui.store.file.manifest import (
    ARCHIVE_DIR,
    FILES,
    HIGHEST,
    Manifest,
    digest,
    read_or_none,
    shape_problem,
)

KEEP = 14
SNAPSHOT = ".snapshot-"
STALE_SNAPSHOT = 600.0
"""Seconds after which a snapshot folder is taken to be left by a process that died."""
CHUNK = 64
"""Files copied (and fsynced) together."""


def manifest_of(backup: Path) -> Path:
    """The manifest written with the backup ``backup``."""
    return backup.with_suffix(".manifest")


def archive_of(backup: Path) -> Path:
    """The archive folder of a backup made before backups were copies (hard links)."""
    return backup.with_suffix(".archive")


@dataclass(frozen=True)
class Snapshot:
    """What a backup will copy: hard links in ``folder``, each with the hash it must have
    (None: whatever it holds, for a restore point of a store that may be damaged)."""

    backup: Path
    folder: Path
    hashes: dict[str, str | None]
    highest: int


def read_backup_manifest(backup: Path) -> Manifest | None:
    """The manifest of ``backup``; None if it has none or it cannot be read."""
    try:
        found = orjson.loads(manifest_of(backup).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(found, dict) or not isinstance(found.get(FILES), dict):
        return None
    return found


@dataclass
class Backups:
    """The ``backups/`` folder of one store file."""

    store: Path
    keep: int = KEEP

    @property
    def folder(self) -> Path:
        """Where the copies live."""
        return self.store.parent / BACKUPS_DIR

    @property
    def blocks(self) -> Path:
        """The content-addressed copies of archive files, shared by the backups."""
        return self.folder / BLOCKS

    def blob(self, sha: str) -> Path:
        """The copy of the archive file whose sha256 is ``sha``."""
        return self.blocks / f"{sha}.json"

    def all(self) -> list[Path]:
        """Every backup of this store, newest first."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob(f"{self.store.stem}-*.json"), reverse=True)

    def problem(self, backup: Path) -> str:
        """Why ``backup`` cannot be restored ("" when it is good: every file there with
        its hash, the main document a document of tables)."""
        manifest = read_backup_manifest(backup)
        if manifest is None:
            return "has no readable manifest (it was cut short, or made by an older cstui)"
        raw = read_or_none(backup)
        if raw is None or digest(raw) != manifest.get("main"):
            return f"is damaged ({backup.name} is not as it was backed up)"
        try:
            if shape_problem(self.store.stem, orjson.loads(raw)):
                return "does not hold a store"
        except orjson.JSONDecodeError:
            return "does not hold a store"
        for name, sha in manifest[FILES].items():
            if not isinstance(sha, str) or read_digest(self.blob(sha)) != sha:
                return f"is damaged (its copy of {name} is missing or changed)"
        return ""

    def newest_good(self) -> Path | None:
        """The newest backup that verifies (every file there, with its hash)."""
        return next((p for p in self.all() if not self.problem(p)), None)

    # -- making a backup ---------------------------------------------------------------
    def take(self, name: str, manifest: Manifest | None, highest: int = 0) -> Snapshot:
        """Link what the backup ``name`` must copy into a snapshot folder (call under
        the store's lock). With ``manifest``, each file must still have its hash there;
        without, the files are kept as they are (a restore point)."""
        folder = self.folder / f"{SNAPSHOT}{Path(name).stem}"
        live = self._live_names()
        files = manifest[FILES] if manifest is not None else {}
        hashes = {n: files.get(n, {}).get("sha256") for n in live}
        try:
            ensure_app_folder(self.folder)
            shutil.rmtree(folder, ignore_errors=True)
            ensure_app_folder(folder)
            for rel in live:
                sha = hashes[rel]
                if sha is None or rel == self.store.name or not self.blob(sha).exists():
                    _link(self.store.parent / rel, folder / _flat(rel))
        except OSError as exc:
            raise StoreError(f"could not back up {self.store.name}: {reason(exc)}") from None
        if manifest is not None:
            highest = max(highest, int(manifest.get(HIGHEST, 0)))
        return Snapshot(self.folder / name, folder, hashes, highest)

    def _live_names(self) -> list[str]:
        archive = self.store.parent / ARCHIVE_DIR
        names = [self.store.name] if self.store.exists() else []
        if archive.is_dir():
            names += sorted(f"{ARCHIVE_DIR}/{p.name}" for p in archive.glob("*.json"))
        return names

    def finish(self, snapshot: Snapshot) -> Path:
        """Copy and check what ``snapshot`` holds, write the backup's manifest last."""
        try:
            main, files = self._copy(snapshot)
            ensure_app_folder(self.blocks)
            record = {"main": main, FILES: files, HIGHEST: snapshot.highest}
            atomic_write(manifest_of(snapshot.backup), orjson.dumps(record))
        except OSError as exc:
            raise StoreError(f"could not back up {self.store.name}: {reason(exc)}") from None
        finally:
            shutil.rmtree(snapshot.folder, ignore_errors=True)
        self.prune()
        return snapshot.backup

    def _copy(self, snapshot: Snapshot) -> tuple[str, dict[str, str]]:
        """Copy the snapshot's files; the main document's hash and each archive file's."""
        ensure_app_folder(self.blocks)
        files: dict[str, str] = {}
        main = ""
        pending: list[tuple[Path, bytes]] = []
        for rel, expected in snapshot.hashes.items():
            raw = read_or_none(snapshot.folder / _flat(rel))
            if raw is None:  # already copied by an earlier backup (or gone meanwhile)
                if expected is not None:
                    files[rel] = expected
                continue
            sha = digest(raw)
            if expected is not None and sha != expected:
                raise StoreError(f"{rel} has been changed outside cstui: not backed up")
            if rel == self.store.name:
                main = sha
                atomic_write(snapshot.backup, raw)
                continue
            files[rel] = sha
            if not self.blob(sha).exists():
                pending.append((self.blob(sha), raw))
            if len(pending) >= CHUNK:
                atomic_write_all(pending)
                pending = []
        atomic_write_all(pending)
        return main, files

    def due(self, today: date) -> bool:
        """Whether the day's backup is still to be made (and no terminal is making it)."""
        target = self.folder / f"{self.store.stem}-{today.isoformat()}.json"
        if manifest_of(target).exists() or not self.store.exists():
            return False
        folder = self.folder / f"{SNAPSHOT}{target.stem}"
        with contextlib.suppress(OSError):
            if time.time() - folder.stat().st_mtime < STALE_SNAPSHOT:
                return False  # another terminal is copying it now
        return True

    def daily(self, today: date, manifest: Manifest) -> Snapshot | None:
        """The snapshot of the day's backup, if it is not made yet (call under the lock,
        before the day's first change; :meth:`finish` it after)."""
        if not self.due(today):
            return None
        return self.take(f"{self.store.stem}-{today.isoformat()}.json", manifest)

    def prune(self) -> None:
        """Keep the newest ``keep`` daily backups, and only the copies a backup names."""
        daily = [p for p in self.all() if "T" not in p.stem]
        for old in daily[self.keep :]:
            manifest_of(old).unlink(missing_ok=True)
            old.unlink(missing_ok=True)
            shutil.rmtree(archive_of(old), ignore_errors=True)
        self.collect()

    def collect(self) -> int:
        """Delete the copies no backup names any more, and snapshots left by a process
        that died; return how many copies were deleted."""
        named: set[str] = set()
        for backup in self.all():
            manifest = read_backup_manifest(backup)
            if manifest is None and not archive_of(backup).exists():
                return 0  # a backup being written: its copies are not named yet
            named.update(str(s) for s in (manifest or {}).get(FILES, {}).values())
        for folder in self.folder.glob(f"{SNAPSHOT}*"):
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime > STALE_SNAPSHOT:
                    shutil.rmtree(folder, ignore_errors=True)
        deleted = 0
        for blob in self.blocks.glob("*.json") if self.blocks.is_dir() else []:
            if blob.stem not in named:
                blob.unlink(missing_ok=True)
                deleted += 1
        return deleted

    def now(self, moment: datetime, manifest: Manifest | None) -> Snapshot:
        """The snapshot of a backup made on request, named by the second."""
        if not self.store.exists():
            raise NotFound(f"there is no store file {self.store} to back up yet")
        return self.take(self.free_name(moment), manifest)

    def free_name(self, moment: datetime, suffix: str = "") -> str:
        """A name for a backup made at ``moment`` that no backup has yet (a second later
        if one made in the same second has it, so names sort as they were made)."""
        while True:
            name = f"{self.store.stem}-{moment.strftime('%Y-%m-%dT%H%M%S')}{suffix}.json"
            if not (self.folder / name).exists() and not manifest_of(self.folder / name).exists():
                return name
            moment += timedelta(seconds=1)

    def find(self, name: str) -> Path:
        """A backup by file name or path; NotFound if it is not one of this store's."""
        wanted = Path(name).name
        for backup in self.all():
            if backup.name == wanted:
                return backup
        raise NotFound(f"there is no backup called {wanted} in {self.folder}")

    def discard(self, snapshot: Snapshot) -> None:
        """Give up the backup ``snapshot`` was taken for."""
        shutil.rmtree(snapshot.folder, ignore_errors=True)

    def remove_snapshots(self) -> None:
        """Delete every snapshot folder (they link to files as they were)."""
        for folder in self.folder.glob(f"{SNAPSHOT}*") if self.folder.is_dir() else []:
            shutil.rmtree(folder, ignore_errors=True)


def advice(backups: Backups | None) -> str:
    """Which backup to restore, for a message about damage."""
    good = backups.newest_good() if backups is not None else None
    if good is None:
        return "There is no backup of it yet: move it away to start afresh"
    return f"The newest good backup is {good}: restore it with `cstui store restore {good.name}`"


def read_digest(path: Path) -> str | None:
    """The sha256 of ``path``; None if it cannot be read."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _flat(rel: str) -> str:
    return rel.replace("/", "__")


def _link(source: Path, target: Path) -> None:
    """Hard-link ``source`` as ``target`` (copy it across file systems); nothing if gone."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        return
    except OSError:
        shutil.copy2(source, target)


def document_of(raw: bytes) -> dict[str, Any]:
    """The parsed document ``raw`` ({} if it is not one)."""
    try:
        found = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {}
    return found if isinstance(found, dict) else {}
