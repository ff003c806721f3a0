"""Where the store's JSON document lives: a file shared by terminals, or memory.

Reads need no lock (files are replaced atomically) and are cached until the file
changes. A transaction holds the lock, reads the file afresh, and writes it back once,
atomically, only if something changed.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import orjson

from cstui.errors import StoreCorruptError, StoreError
from cstui.store.audit import AuditEvent, AuditLog
from cstui.store.backups import Backups
from cstui.store.files import TEMP_MARK, FileLock, atomic_write, reason, remove_stale_temps

Tables = dict[str, dict[str, Any]]


@dataclass
class Buffer:
    """The document as one transaction sees it; ``dirty`` once anything is written.

    Repositories add an :class:`AuditEvent` for each change they make; the events go to
    the audit log once the document is safely written.
    """

    data: Tables
    dirty: bool = False
    events: list[AuditEvent] = field(default_factory=list)


class Backend(Protocol):
    """A place that holds one JSON document of tables."""

    def snapshot(self) -> Tables:
        """The current document, for reading only: callers must not change it."""
        ...

    def transaction(self) -> contextlib.AbstractContextManager[Buffer]:
        """Exclusive access: the buffer's data is written back if it became dirty."""
        ...


def _parse(raw: bytes, path: Path, backups: Backups | None = None) -> Tables:
    problem = ""
    data: Any = None
    if not raw.strip():
        problem = "is empty"
    else:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            data = None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            problem = "is damaged (not a complete JSON document)"
    if problem:
        good = backups.newest_good() if backups is not None else None
        advice = (
            f"The newest good backup is {good}: restore it with `cstui store restore {good.name}`"
            if good is not None
            else "There is no backup of it yet: move it away to start afresh"
        )
        raise StoreCorruptError(
            f"the store file {path} {problem}; cstui will not write over it. {advice}"
        )
    return dict(data)


def _check_private(mode: int, path: Path) -> None:
    if mode & 0o007:
        raise StoreError(
            f"the store file {path} can be read by every user of this computer; cstui will "
            f"not use it. Run `chmod o-rwx {path}` and start again"
        )


def _dump(data: Tables) -> bytes:
    return orjson.dumps(data)


@dataclass
class JSONFileBackend:
    """The document in a JSON file, guarded by a lock file beside it."""

    path: Path
    lock_timeout: float = 10.0
    on_wait: Callable[[str], None] | None = None
    label: str = ""
    """Who this terminal is, written into the lock file while it writes."""
    _cache_key: tuple[int, ...] | None = field(default=None, init=False, repr=False)
    _cache: Tables = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.audit = AuditLog(self.path.with_suffix(".audit.log"))
        self.backups = Backups(self.path)
        self._remove_stale_temps()

    def _remove_stale_temps(self) -> None:
        """Delete temp files left by a crashed writer, never a live writer's (it holds the lock)."""
        places = [
            (self.path.parent, self.path.name),
            (self.audit.head_path.parent, self.audit.head_path.name),
            (self.backups.folder, ""),
        ]
        if not any(any(folder.glob(f"{name}*{TEMP_MARK}*")) for folder, name in places):
            return
        idle = FileLock(self.lock.path, timeout=0)
        with contextlib.suppress(StoreError), idle.hold():
            for folder, name in places:
                remove_stale_temps(folder, name)

    @property
    def lock(self) -> FileLock:
        """The lock every writer of this file takes."""
        return FileLock(
            self.path.with_name(self.path.name + ".lock"),
            self.lock_timeout,
            self.on_wait,
            self.label,
        )

    def _read(self) -> tuple[tuple[int, ...] | None, bytes | None]:
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                key = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)
                if key == self._cache_key:
                    return key, None
                return key, handle.read()
        except FileNotFoundError:
            return None, b""
        except OSError as exc:
            raise StoreError(f"cannot read the store file {self.path}: {reason(exc)}") from None

    def snapshot(self) -> Tables:
        """The file's document, re-read only when the file has changed."""
        key, raw = self._read()
        if key is None:
            self._cache_key, self._cache = None, {}
        elif raw is not None:
            parsed = _parse(raw, self.path, self.backups)
            _check_private(key[-1], self.path)
            self._cache, self._cache_key = parsed, key
        return self._cache

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Buffer]:
        """Lock, read afresh, let the caller change the buffer, write it back atomically."""
        with self.lock.hold():
            self._cache_key = None
            buffer = Buffer(orjson.loads(_dump(self.snapshot())))
            yield buffer
            if buffer.dirty:
                now = datetime.now(UTC)
                with contextlib.suppress(StoreError):  # a backup is a bonus, never a blocker
                    self.backups.daily(now.astimezone().date())
                # The audit entry goes first, so no change is ever stored unaudited (a crash
                # in between leaves an audited attempt). If the store cannot be written, the
                # attempt is marked "not stored"; the head moves once the change is stored.
                end = self.audit.write_entries(buffer.events, now)
                try:
                    atomic_write(self.path, _dump(buffer.data))
                except StoreError:
                    undo = [AuditEvent(e.actor, e.record, "not stored") for e in buffer.events]
                    with contextlib.suppress(StoreError):
                        self.audit.append(undo, now)
                    raise
                if end is not None:
                    with contextlib.suppress(StoreError):  # the next writer finds the real end
                        self.audit.move_head(end)


@dataclass
class MemoryBackend:
    """The document in memory: for tests, and the same semantics as the file backend."""

    _raw: bytes = b"{}"
    _lock: threading.Lock = field(default_factory=threading.Lock)
    events: list[AuditEvent] = field(default_factory=list)
    """The audit events of every committed transaction."""

    def snapshot(self) -> Tables:
        """A copy of the document."""
        data: Tables = orjson.loads(self._raw)
        return data

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Buffer]:
        """Serialise writers; keep the change only if the block finishes."""
        with self._lock:
            buffer = Buffer(orjson.loads(self._raw))
            yield buffer
            if buffer.dirty:
                self._raw = _dump(buffer.data)
                self.events.extend(buffer.events)
