"""Where the store's JSON documents live: files shared by terminals, or memory.

The main document (``cases.json``) is small: open cases and everything else the team
works on. Closed cases live apart, in *parts* (``archive/<name>.json``), each its own
JSON document, read only when asked for. Reads need no lock (files are replaced
atomically) and are cached until a file changes. A transaction holds the lock, reads
afresh, and writes back once, atomically, only what changed: the changed parts first,
the main document last, so a crash in between leaves at worst an extra copy in a part,
which the main document overrides.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import orjson

from cstui.bulk import bulk
from cstui.errors import StoreCorruptError, StoreError
from cstui.store.file.buffer import Buffer as Buffer  # where the repositories find it
from cstui.store.file.files import (
    ARCHIVE_DIR,
    BACKUPS_DIR,
    BLOCKS,
    atomic_write,
    atomic_write_all,
    audit_head,
    check_private,
    ensure_app_folder,
    has_temps,
    manifest_path,
    reason,
    relative,
    remove_files,
    remove_stale_temps,
)
from cstui.store.file.lock import FileLock
from cstui.store.file.shapes import shape_problem

if TYPE_CHECKING:  # what writing and looking after the store needs loads on first use
    from cstui.store.file.audit import AuditLog
    from cstui.store.file.backups import Backups, Snapshot
    from cstui.store.file.manifest import Ledger, Manifest

Tables = dict[str, dict[str, Any]]


class Backend(Protocol):
    """A place that holds one JSON document of tables."""

    def snapshot(self) -> Tables:
        """The current document, for reading only: callers must not change it."""
        ...

    def part(self, name: str) -> Tables:
        """The current part ``name`` (empty if none), for reading only."""
        ...

    def part_names(self) -> list[str]:
        """The name of every part stored."""
        ...

    def transaction(self) -> contextlib.AbstractContextManager[Buffer]:
        """Exclusive access: the buffer's data is written back if it became dirty."""
        ...


def _parse(raw: bytes, path: Path, backups: Callable[[], Backups] | None = None) -> Tables:
    problem = ""
    data: Any = None
    if not raw.strip():
        problem = "is empty"
    else:
        try:
            with bulk():  # thousands of dicts and no cycles: no collector passes
                data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            data = None
        if data is None:
            problem = "is damaged (not a complete JSON document)"
        elif shape := shape_problem(path.stem, data):
            problem = f"is not the shape of a case store ({shape})"
    if problem:
        from cstui.store.file.backups import advice

        kept = backups() if backups is not None else None
        raise StoreCorruptError(
            f"the store file {path} {problem}; cstui will not write over it. {advice(kept)}"
        )
    return dict(data)


def _dump(data: Tables) -> bytes:
    return orjson.dumps(data)


def _tables_copy(data: Tables) -> Tables:
    """A copy of the document and its tables; the rows themselves are shared."""
    return {name: dict(rows) for name, rows in data.items()}


ARCHIVE = ARCHIVE_DIR
"""The folder, beside the main document, that holds its parts."""
AUDIT_SUFFIX = ".audit.log"
"""The audit log is the main document's file with this suffix."""
PART_CACHE_BYTES = 4 << 20
"""How much of the parts' files a reader keeps parsed in memory, the most recently used:
ten full blocks of closed cases, beside the small index and lookup files."""

StatKey = tuple[int, ...]


def _stat_key(st: os.stat_result) -> StatKey:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)


_SIZE = 1
"""Where a stat key holds the file's size."""


@dataclass
class JSONFileBackend:
    """The documents in JSON files, guarded by the lock of their folder (its holder
    named in ``<main file>.lock``)."""

    path: Path
    lock_timeout: float = 10.0
    on_wait: Callable[[str], None] | None = None
    label: str = ""
    """Who this terminal is, written into the lock file while it writes."""
    guard: Callable[[Tables], None] | None = None
    """Given the main document at the start of each transaction: raises to refuse it (a
    store in a newer format than this app writes)."""
    _cache_key: StatKey | None = field(default=None, init=False, repr=False)
    _cache: Tables = field(default_factory=dict, init=False, repr=False)
    _parts: dict[str, tuple[StatKey, Tables]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._remove_stale_temps()
        if self.path.with_suffix(".restoring").exists():  # a restore cut short
            from cstui.store.file.restore import finish_interrupted

            finish_interrupted(self.backups, self.ledger, self.lock, self.record_restore)

    @cached_property
    def audit(self) -> AuditLog:
        """The audit trail of every change, beside the main document."""
        from cstui.store.file.audit import AuditLog
        from cstui.store.file.audit_anchors import StoredCases

        log = AuditLog(self.path.with_suffix(AUDIT_SUFFIX))
        log.cases = StoredCases(self)
        return log

    @cached_property
    def backups(self) -> Backups:
        """The copies of the store."""
        from cstui.store.file.backups import Backups

        return Backups(self.path)

    @cached_property
    def ledger(self) -> Ledger:
        """The manifest: what each file of the store should hold."""
        from cstui.store.file.manifest import Ledger

        return Ledger(self.path)

    def record_restore(self, backup: str) -> None:
        """Audit a restore of ``backup`` (a rollback ``store verify`` then accepts)."""
        from cstui.store.file.audit import AuditEvent
        from cstui.store.file.audit_anchors import RESTORED

        rollback = AuditEvent(self.label or "cstui", "store", RESTORED, (backup,))
        self.audit.append([rollback], datetime.now(UTC))

    @property
    def archive(self) -> Path:
        """The folder of the parts."""
        return self.path.parent / ARCHIVE

    def part_path(self, name: str) -> Path:
        """The file of the part ``name``."""
        return self.archive / f"{name}.json"

    def part_names(self) -> list[str]:
        """The name of every part stored."""
        if not self.archive.is_dir():
            return []
        return sorted(p.stem for p in self.archive.glob("*.json"))

    def _remove_stale_temps(self) -> None:
        """Delete temp files left by a crashed writer, never a live writer's (it holds the lock)."""
        head = audit_head(self.path.with_suffix(AUDIT_SUFFIX))
        backups = self.path.parent / BACKUPS_DIR
        places = [
            (self.path.parent, self.path.name),
            (head.parent, head.name),
            (backups, ""),
            (backups / BLOCKS, ""),
            (self.path.parent, manifest_path(self.path).name),
            (self.archive, ""),
        ]
        if not any(has_temps(folder, name) for folder, name in places):
            return
        idle = FileLock(self.lock.path, timeout=0)
        with contextlib.suppress(StoreError), idle.hold(nest=False):
            for folder, name in places:
                remove_stale_temps(folder, name)

    @property
    def lock(self) -> FileLock:
        """The lock every writer of these files takes."""
        return FileLock(
            self.path.with_name(self.path.name + ".lock"),
            self.lock_timeout,
            self.on_wait,
            self.label,
        )

    @staticmethod
    def _read(path: Path, known: StatKey | None) -> tuple[StatKey | None, bytes | None]:
        """(the file's stat key, its bytes or None when the key is ``known``)."""
        try:
            with open(path, "rb") as handle:
                key = _stat_key(os.fstat(handle.fileno()))
                if key == known:
                    return key, None
                return key, handle.read()
        except FileNotFoundError:
            return None, b""
        except OSError as exc:
            raise StoreError(f"cannot read the store file {path}: {reason(exc)}") from None

    def _load(self, path: Path, known: StatKey | None) -> tuple[StatKey | None, Tables | None]:
        key, raw = self._read(path, known)
        if key is None:
            return None, {}
        if raw is None:
            return key, None
        parsed = _parse(raw, path, lambda: self.backups)
        check_private(key[-1], path)
        return key, parsed

    def snapshot(self) -> Tables:
        """The main document, re-read only when its file has changed."""
        key, parsed = self._load(self.path, self._cache_key)
        if parsed is not None:
            self._cache, self._cache_key = parsed, key
        return self._cache

    def revision(self) -> StatKey | None:
        """A token that changes whenever the main document's file is replaced (None if
        there is no file yet)."""
        try:
            return _stat_key(os.stat(self.path))
        except OSError:
            return None

    def part(self, name: str) -> Tables:
        """The part ``name``, re-read only when its file has changed."""
        known = self._parts.get(name)
        key, parsed = self._load(self.part_path(name), known[0] if known else None)
        if parsed is None and known is not None:
            self._parts[name] = self._parts.pop(name)  # most recently used last
            return known[1]
        if key is not None and parsed is not None:
            self._remember(name, key, parsed)
        return parsed or {}

    def _remember(self, name: str, key: StatKey, data: Tables) -> None:
        """Keep ``data`` as the part ``name``, most recently used, within PART_CACHE_BYTES."""
        self._parts.pop(name, None)
        self._parts[name] = (key, data)
        size = sum(known[_SIZE] for known, _ in self._parts.values())
        while size > PART_CACHE_BYTES and len(self._parts) > 1:
            size -= self._parts.pop(next(iter(self._parts)))[0][_SIZE]

    def _part_to_change(self, name: str) -> Tables:
        return _tables_copy(self.part(name))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Buffer]:
        """Lock, make sure the documents in memory are the files' (re-reading any file
        another terminal changed), let the caller change a copy, write it back atomically.

        The copy is shallow: repositories replace documents, never change them in place
        (see :mod:`cstui.store.file.tinydb_tables`), so what readers hold stays as stored.
        """
        snapshot: Snapshot | None = None
        with self.lock.hold():
            buffer = Buffer(_tables_copy(self.snapshot()), load_part=self._part_to_change)
            if self.guard is not None:
                self.guard(buffer.data)
            try:
                yield buffer
                if buffer.any_change:
                    snapshot = self._commit(buffer)
            except BaseException:
                self._forget()  # whatever happened, the next read comes from the files
                raise
        if snapshot is not None:  # copied outside the lock: other terminals go on
            with contextlib.suppress(StoreError):  # a backup is a bonus, never a blocker
                self.backups.finish(snapshot)

    def _forget(self) -> None:
        self._cache_key = None
        self._parts.clear()

    def _write_parts(
        self, buffer: Buffer, names: list[str], payloads: dict[str, bytes | None]
    ) -> None:
        """Write the parts ``names`` together: each fsynced, then all renamed, then the
        archive folder fsynced once (:func:`atomic_write_all`)."""
        for name in names:
            self._parts.pop(name, None)
        atomic_write_all([(self.part_path(n), payloads[relative(n)] or b"") for n in names])
        for name in names:
            with contextlib.suppress(OSError):  # the next read then needs no parse
                self._remember(name, _stat_key(self.part_path(name).stat()), buffer.parts[name])

    def _payloads(self, buffer: Buffer) -> tuple[dict[str, bytes | None], dict[str, Tables]]:
        """What the commit writes (relative path -> bytes; None: deleted), and the documents."""
        documents = {relative(n): buffer.parts[n] for n in [*buffer.early, *buffer.late]}
        if buffer.dirty:
            documents[self.path.name] = buffer.data
        payloads: dict[str, bytes | None] = {k: _dump(d) for k, d in documents.items()}
        payloads.update((relative(n), None) for n in buffer.dropped_parts)
        return payloads, documents

    def _commit(self, buffer: Buffer) -> Snapshot | None:
        now = datetime.now(UTC)
        manifest = self.ledger.settled()
        names = [relative(n) for n in [*buffer.early, *buffer.late, *buffer.dropped_parts]]
        damaged = self.ledger.damaged(manifest, names + [self.path.name] * buffer.dirty)
        if damaged:
            from cstui.store.file.backups import advice

            raise StoreCorruptError(
                f"{damaged}; cstui will not write over it. {advice(self.backups)}"
            )
        snapshot = None
        with contextlib.suppress(StoreError):  # a backup is a bonus, never a blocker
            snapshot = self.backups.daily(now.astimezone().date(), manifest)
        try:
            self._write(buffer, now, manifest)
        except BaseException:
            if snapshot is not None:
                self.backups.discard(snapshot)
            raise
        return snapshot

    def _write(self, buffer: Buffer, now: datetime, manifest: Manifest) -> None:
        """Write the audit entries, the manifest, the parts and the main document."""
        # The audit entry goes first, so no change is ever stored unaudited (a crash in
        # between leaves an audited attempt). If the store cannot be written, the attempt
        # is marked "not stored"; the head moves once the change is stored.
        end = self.audit.write_entries(buffer.events, now)  # stamps each case's anchor
        try:
            payloads, documents = self._payloads(buffer)  # after the anchors are stamped
            if buffer.early or buffer.late:
                ensure_app_folder(self.archive)
            self.ledger.record(manifest, payloads, documents)
            # Every part the main document relies on is durable before it is replaced.
            self._write_parts(buffer, buffer.early, payloads)
            if buffer.dirty:
                atomic_write(self.path, payloads[self.path.name] or b"")
                with contextlib.suppress(OSError):  # the next read then needs no parse
                    self._cache, self._cache_key = buffer.data, _stat_key(self.path.stat())
        except StoreError:
            from cstui.store.file.audit import AuditEvent

            undo = [AuditEvent(e.actor, e.record, "not stored") for e in buffer.events]
            with contextlib.suppress(StoreError):
                self.audit.append(undo, now)
            raise
        written = [relative(n) for n in buffer.early] + [self.path.name] * buffer.dirty
        self.ledger.remember(written)  # the next commit need not hash them again
        with contextlib.suppress(StoreError):  # the change is stored; a leftover is overridden
            for name in buffer.dropped_parts:
                self._parts.pop(name, None)
            remove_files([self.part_path(name) for name in sorted(buffer.dropped_parts)])
            self._write_parts(buffer, buffer.late, payloads)
            self.ledger.remember([relative(n) for n in buffer.late])
        if end is not None:
            with contextlib.suppress(StoreError):  # the next writer finds the real end
                self.audit.move_head(end)
