"""Putting a backup in place of the store, losing nothing and issuing no id twice.

A restore verifies the backup (every hash), then, under the store's lock: keeps the
store as it is as a restore point (a backup like any other, listed and restorable),
writes a journal (``cases.restoring``) naming the backup and the highest case number
ever issued, puts the backup's archive and main document in place (the archive made
exactly the backup's), raises the main document's counter above that highest number,
writes the manifest afresh and deletes the journal. A restore cut short is finished by
the next process that opens the store.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from cstui.errors import StoreError
from cstui.store.file.backups import (
    CHUNK,
    Backups,
    document_of,
    read_backup_manifest,
    read_digest,
)
from cstui.store.file.files import (
    atomic_write,
    atomic_write_all,
    ensure_app_folder,
    remove_files,
)
from cstui.store.file.journal import highest_number_in, journal_path
from cstui.store.file.lock import FileLock
from cstui.store.file.manifest import (
    ARCHIVE_DIR,
    FILES,
    HIGHEST,
    Ledger,
    highest_in,
    next_case,
    read_or_none,
)

POINT = "-before-restore"
"""What a restore point's name ends with."""


def journal_of(store: Path) -> Path:
    """The journal of a restore under way."""
    return store.with_suffix(".restoring")


def restore(
    backups: Backups,
    ledger: Ledger,
    lock: FileLock,
    backup: Path,
    at: datetime,
    fold: Callable[[], None] = lambda: None,
) -> Path | None:
    """Put ``backup`` in place of the store; return the restore point that keeps what it
    replaced (None if there was no store). ``fold`` writes the store's journal into its
    main document first, so the restore point holds it (a damaged store is kept as it is)."""
    problem = backups.problem(backup)
    if problem:
        raise StoreError(f"the backup {backup.name} {problem}; choose another")
    with lock.hold():
        with contextlib.suppress(StoreError):
            fold()
        highest = highest_ever(backups.store, ledger, backup)
        point = None
        if backups.store.exists():
            point = backups.finish(backups.take(backups.free_name(at, POINT), None, highest))
        journal = {"backup": backup.name, HIGHEST: highest}
        atomic_write(journal_of(backups.store), orjson.dumps(journal))
        _apply(backups, ledger, journal)
    return point


def highest_ever(store: Path, ledger: Ledger, backup: Path) -> int:
    """The highest case number the store or ``backup`` ever issued, as far as the
    manifests, the live main document and the live archive's last block tell."""
    found = [int((ledger.load() or {}).get(HIGHEST, 0))]
    found.append(int((read_backup_manifest(backup) or {}).get(HIGHEST, 0)))
    main = document_of(read_or_none(store) or b"")
    found += [next_case(main) - 1, highest_in(main), highest_number_in(journal_path(store))]
    archive = store.parent / ARCHIVE_DIR
    blocks = sorted(archive.glob("cases-*.json")) if archive.is_dir() else []
    if blocks:
        found.append(highest_in(document_of(read_or_none(blocks[-1]) or b"")))
    return max(found)


def _apply(backups: Backups, ledger: Ledger, journal: dict[str, Any]) -> None:
    """Put the journal's backup in place (again: what is already in place is kept)."""
    backup = backups.folder / str(journal["backup"])
    manifest = read_backup_manifest(backup)
    if manifest is None:
        raise StoreError(f"the backup {backup.name} being restored has gone")
    root = backups.store.parent
    ensure_app_folder(root / ARCHIVE_DIR)
    writes: list[tuple[Path, bytes]] = []
    for rel, sha in sorted(manifest[FILES].items()):
        if read_digest(root / rel) != sha:
            writes.append((root / rel, backups.blob(sha).read_bytes()))
        if len(writes) >= CHUNK:
            atomic_write_all(writes)
            writes = []
    atomic_write_all(writes)
    live = {f"{ARCHIVE_DIR}/{p.name}" for p in (root / ARCHIVE_DIR).glob("*.json")}
    remove_files([root / rel for rel in sorted(live - set(manifest[FILES]))])
    atomic_write(journal_path(backups.store), b"")  # its lines are of the store replaced
    main = document_of(backup.read_bytes())
    highest = int(journal.get(HIGHEST, 0))
    meta = main.setdefault("meta", {}).setdefault("1", {})
    meta["next_case"] = max(next_case(main), highest + 1)
    atomic_write(backups.store, orjson.dumps(main))
    fresh = ledger.build()
    fresh[HIGHEST] = max(int(fresh[HIGHEST]), highest)
    ledger.write(fresh)
    journal_of(backups.store).unlink(missing_ok=True)


def finish_interrupted(
    backups: Backups, ledger: Ledger, lock: FileLock, restored: Callable[[str], None]
) -> None:
    """Finish a restore a process began and did not end (nothing if there is none);
    ``restored(backup name)`` then records the rollback (as a finished restore does)."""
    journal = journal_of(backups.store)
    if not journal.exists():
        return
    with contextlib.suppress(StoreError, OSError, ValueError), lock.hold():
        found = orjson.loads(journal.read_bytes()) if journal.exists() else None
        if isinstance(found, dict):
            _apply(backups, ledger, found)
            restored(str(found.get("backup", "")))
