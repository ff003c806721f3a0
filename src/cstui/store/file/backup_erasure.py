"""Personal data removed from every backup and restore point, as from the store.

A backup's main document is rewritten in place; a copied archive file is written anew
under its new hash, every manifest naming the old one is pointed at the new one, and
the old copy is deleted once no backup names it. Snapshot folders (hard links to files
as they were) are deleted, and so are archives of backups made before backups were
copies.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from cstui.store.file.backups import Backups, archive_of, manifest_of, read_backup_manifest
from cstui.store.file.files import atomic_write
from cstui.store.file.hot import BRIEFS
from cstui.store.file.manifest import ARCHIVE_DIR, FILES, digest

Derive = Callable[[str, dict[str, Any]], tuple[str, dict[str, Any]] | None]
"""Given a rewritten archive part's name and content: the name and content of a part
worked out from it, to write again beside it; or None."""
Change = Callable[[dict[str, Any]], bool]


def _changes(table: str, replacements: dict[str, Any]) -> tuple[Change, Change]:
    """(put the replacements into a document, drop their numbers from a lookup)."""

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

    return replace, unlink_keys


def _changed(raw: bytes, change: Change) -> dict[str, Any] | None:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) and change(data) else None


def rewrite_backups(
    backups: Backups, table: str, replacements: dict[str, Any], derive: Derive | None = None
) -> int:
    """Put ``replacements`` (document id -> document) into every backup and restore
    point, their archive copies included, and drop those ids from the saved lookups;
    return the files written. ``derive`` works out again, beside each archive copy
    rewritten, a part made from it."""
    replace, unlink_keys = _changes(table, replacements)
    return rewrite_every_copy(backups, replace, unlink_keys, derive)


def rewrite_every_copy(
    backups: Backups, change: Change, lookup_change: Change, derive: Derive | None = None
) -> int:
    """Apply ``change`` to every backup's and restore point's main document and archive
    copies (``lookup_change`` to its lookups) wherever it changes something; return the
    files written (see :func:`rewrite_backups`)."""
    replace, unlink_keys = change, lookup_change
    backups.remove_snapshots()
    renamed: dict[str, dict[str, str]] = {}  # old hash -> {relative path: new hash}
    written = 0
    for backup in backups.all():
        manifest = read_backup_manifest(backup)
        if manifest is None:  # made before backups were copies
            written += _rewrite_file(backup, replace)
            for part in sorted(archive_of(backup).glob("*.json")):
                written += _rewrite_file(
                    part, unlink_keys if part.stem.startswith("lookup-") else replace, derive
                )
            continue
        files: dict[str, str] = dict(manifest[FILES])
        for rel, sha in list(files.items()):
            if sha not in renamed:
                change = unlink_keys if Path(rel).stem.startswith("lookup-") else replace
                renamed[sha] = _rewrite_copy(backups, rel, sha, change, derive)
                written += len(renamed[sha])
            files.update(renamed[sha])
        main = backup.read_bytes()
        data = _changed(main, replace)
        if data is None and files == manifest[FILES]:
            continue
        if data is not None:
            main = orjson.dumps(data)
            atomic_write(backup, main)
            written += 1
        record = {**manifest, "main": digest(main), FILES: files}
        atomic_write(manifest_of(backup), orjson.dumps(record))
    backups.collect()
    return written


def _rewrite_file(path: Path, change: Change, derive: Derive | None = None) -> int:
    try:
        data = _changed(path.read_bytes(), change)
    except OSError:
        return 0
    if data is None:
        return 0
    atomic_write(path, orjson.dumps(data))
    made = derive(path.stem, data) if derive is not None else None
    if made is not None:
        atomic_write(path.with_name(f"{made[0]}.json"), orjson.dumps(made[1]))
    return 1 + (made is not None)


def _rewrite_copy(
    backups: Backups, rel: str, sha: str, change: Change, derive: Derive | None
) -> dict[str, str]:
    """Rewrite the copy of ``rel`` whose hash is ``sha``: the new hash of each file
    rewritten (``rel``, and what ``derive`` works out beside it) by relative path."""
    try:
        data = _changed(backups.blob(sha).read_bytes(), change)
    except OSError:
        return {}
    if data is None:
        return {}
    found = {rel: _store_copy(backups, orjson.dumps(data))}
    made = derive(Path(rel).stem, data) if derive is not None else None
    if made is not None:
        found[f"{ARCHIVE_DIR}/{made[0]}.json"] = _store_copy(backups, orjson.dumps(made[1]))
    return found


def _store_copy(backups: Backups, raw: bytes) -> str:
    sha = digest(raw)
    atomic_write(backups.blob(sha), raw)
    return sha
