"""Where the store's JSON documents live: files shared by terminals, or memory.

The main document (``cases.json``) is small: open cases and everything else the team
works on. Closed cases live apart, in *parts* (``archive/<name>.json``), each its own
JSON document, read only when asked for (see :mod:`.reading`). A transaction holds the
lock, reads afresh, and writes back once, only what changed. An everyday save (rows of
the main document only) is one line appended to the main document's journal (see
:mod:`.journal`); any other change is written atomically file by file: the changed parts
first, the main document last (the journal's lines folded into it), so a crash in
between leaves at worst an extra copy in a part, which the main document overrides.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from cstui.errors import StoreCorruptError, StoreError
from cstui.store.file.buffer import Buffer as Buffer  # where the repositories find it
from cstui.store.file.files import (
    BACKUPS_DIR,
    BLOCKS,
    atomic_write,
    atomic_write_all,
    audit_head,
    ensure_app_folder,
    has_temps,
    manifest_path,
    relative,
    remove_files,
    remove_stale_temps,
)
from cstui.store.file.journal import (
    JOURNAL_LIMIT,
    Change,
    changes,
    fold_line,
    line_of,
    prev_path,
)
from cstui.store.file.loading import (
    dump,
    stat_key,
    tables_copy,
)
from cstui.store.file.lock import FileLock
from cstui.store.file.reading import ARCHIVE as ARCHIVE
from cstui.store.file.reading import StoreFiles

if TYPE_CHECKING:  # what writing and looking after the store needs loads on first use
    from cstui.store.file.audit import AuditLog
    from cstui.store.file.backups import Snapshot
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


AUDIT_SUFFIX = ".audit.log"
"""The audit log is the main document's file with this suffix."""


@dataclass
class JSONFileBackend(StoreFiles):
    """The documents in JSON files, guarded by the lock of their folder (its holder
    named in ``<main file>.lock``)."""

    lock_timeout: float = 10.0
    on_wait: Callable[[str], None] | None = None
    label: str = ""
    """Who this terminal is, written into the lock file while it writes."""
    guard: Callable[[Tables], None] | None = None
    """Given the main document at the start of each transaction: raises to refuse it (a
    store in a newer format than this app writes)."""

    def __post_init__(self) -> None:
        super().__post_init__()
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

    def _part_to_change(self, name: str) -> Tables:
        return tables_copy(self.part(name))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Buffer]:
        """Lock, make sure the documents in memory are the files' (re-reading any file
        another terminal changed), let the caller change a copy, write it back atomically.

        The copy is shallow: repositories replace documents, never change them in place
        (see :mod:`cstui.store.file.tinydb_tables`), so what readers hold stays as stored.
        """
        snapshot: Snapshot | None = None
        self._read_ahead()
        with self.lock.hold():
            base = self.snapshot()
            self.journal.cut_partial()
            buffer = Buffer(tables_copy(base), load_part=self._part_to_change, base=base)
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

    def _read_ahead(self) -> None:
        """Read the files and hash the manifest's changed ones before taking the lock:
        under it, only what was written since is read (after a fold, every terminal
        reads the new main document, without keeping the others waiting)."""
        self.snapshot()
        if self.ledger.path.exists():
            with contextlib.suppress(StoreError):  # found again, and said, under the lock
                self.ledger.settled()

    def _forget(self) -> None:
        self._cache_key = None
        self._parts.clear()
        self.journal.reset()

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
                self._remember(name, stat_key(self.part_path(name).stat()), buffer.parts[name])

    def _payloads(self, buffer: Buffer) -> tuple[dict[str, bytes | None], dict[str, Tables]]:
        """What the commit writes (relative path -> bytes; None: deleted), and the documents."""
        documents = {relative(n): buffer.parts[n] for n in [*buffer.early, *buffer.late]}
        if buffer.dirty:
            documents[self.path.name] = buffer.data
        payloads: dict[str, bytes | None] = {k: dump(d) for k, d in documents.items()}
        payloads.update((relative(n), None) for n in buffer.dropped_parts)
        return payloads, documents

    def _journal_fits(self, buffer: Buffer) -> bool:
        """Whether this commit is one line of the journal: its writer allows it, it changes
        only rows of a main document that is there, and the journal has room."""
        return (
            buffer.journal
            and buffer.dirty
            and buffer.base is not None
            and self._cache_key is not None
            and not (buffer.changed_parts or buffer.late_parts or buffer.dropped_parts)
            and self.journal.length < JOURNAL_LIMIT
            and os.access(self.path.parent, os.W_OK)  # a folder made read-only: no save
        )

    def _commit(self, buffer: Buffer) -> Snapshot | None:
        now = datetime.now(UTC)
        manifest = self.ledger.settled()
        names = [relative(n) for n in [*buffer.early, *buffer.late, *buffer.dropped_parts]]
        mains = [self.path.name] if buffer.dirty else []
        damaged = self.ledger.damaged(manifest, names + mains)
        damaged = damaged or (self.ledger.journal_problem(manifest) if buffer.dirty else "")
        if damaged:
            from cstui.store.file.backups import advice

            raise StoreCorruptError(
                f"{damaged}; cstui will not write over it. {advice(self.backups)}"
            )
        snapshot = None
        today = now.astimezone().date()
        with contextlib.suppress(StoreError):  # a backup is a bonus, never a blocker
            if self.journal.length and self.backups.due(today):
                manifest = self._fold(now, manifest)  # a backup holds no journal
            snapshot = self.backups.daily(today, manifest)
        try:
            self._write(buffer, now, manifest)
        except BaseException:
            if snapshot is not None:
                self.backups.discard(snapshot)
            raise
        return snapshot

    def fold(self) -> None:
        """Write the journal's lines into the main document (call under the lock)."""
        self.snapshot()
        if self.journal.length:
            self._fold(datetime.now(UTC), self.ledger.settled())

    def _fold(self, now: datetime, manifest: Manifest) -> Manifest:
        """Write the store as it is as its main document, with no journal; the manifest after."""
        self._write(Buffer(tables_copy(self._cache), dirty=True), now, manifest)
        return self.ledger.settled()

    def _write(self, buffer: Buffer, now: datetime, manifest: Manifest) -> None:
        """Write the audit entries, then the change: a line of the journal, or the
        manifest, the parts and the main document."""
        # The audit entry goes first, so no change is ever stored unaudited (a crash in
        # between leaves an audited attempt). If the store cannot be written, the attempt
        # is marked "not stored"; the head moves once the change is stored.
        end = self.audit.write_entries(buffer.events, now)  # stamps each case's anchor
        payloads: dict[str, bytes | None] = {}
        try:
            if self._journal_fits(buffer):
                self._append(buffer)
            else:
                payloads = self._write_documents(buffer, manifest)
        except StoreError:
            from cstui.store.file.audit import AuditEvent

            undo = [AuditEvent(e.actor, e.record, "not stored") for e in buffer.events]
            with contextlib.suppress(StoreError):
                self.audit.append(undo, now)
            raise
        mains = [self.path.name] if buffer.dirty else []
        self.ledger.remember([relative(n) for n in buffer.early] + mains)
        with contextlib.suppress(StoreError):  # the change is stored; a leftover is overridden
            for name in buffer.dropped_parts:
                self._parts.pop(name, None)
            remove_files([self.part_path(name) for name in sorted(buffer.dropped_parts)])
            self._write_parts(buffer, buffer.late, payloads)
            self.ledger.remember([relative(n) for n in buffer.late])
        if end is not None:
            with contextlib.suppress(StoreError):  # the next writer finds the real end
                self.audit.move_head(end)

    def _append(self, buffer: Buffer) -> None:
        """Store the change as one line of the journal."""
        assert buffer.base is not None  # checked by _journal_fits
        fresh = self.journal.length == 0  # none yet, or one of an older main document
        change = changes(buffer.base, buffer.data)
        self.journal.write(line_of(self._base, self.journal.last, change), fresh)
        self._cache = buffer.data

    def _write_documents(self, buffer: Buffer, manifest: Manifest) -> dict[str, bytes | None]:
        """Write the manifest, the parts and the main document (the journal folded into
        it); return what was written."""
        payloads, documents = self._payloads(buffer)  # after the anchors are stamped
        if buffer.early or buffer.late:
            ensure_app_folder(self.archive)
        journal = buffer.dirty and (buffer.journal or self.journal.exists())
        self.ledger.record(manifest, payloads, documents, journal)
        # an everyday save that folds the journal sets it aside for terminals reading it;
        # any other (an erasure, a backup, a restore) leaves none of its lines behind
        aside = buffer.journal and buffer.base is not None and self.journal.length > 0
        # Every part the main document relies on is durable before it is replaced.
        self._write_parts(buffer, buffer.early, payloads)
        if buffer.dirty:
            main = payloads[self.path.name] or b""
            atomic_write(self.path, main)
            fold = changes(buffer.base, buffer.data) if aside and buffer.base else None
            self._now_stored(buffer.data, main, journal, fold)
        return payloads

    def _now_stored(
        self, data: Tables, main: bytes, make_journal: bool, fold: Change | None = None
    ) -> None:
        """After the main document was written as ``main``: the journal whose lines it
        holds is emptied (kept, so that deleting it is noticed), or, after an everyday
        save's ``fold`` (its change), set aside and begun again with a line saying so
        (see :func:`.journal.fold_line`); and the next read needs no parse."""
        from cstui.store.file.manifest import digest

        folded, through = self._base, self.journal.last
        new_base = digest(main)
        with contextlib.suppress(StoreError, OSError):  # a journal left over is of the old one
            if fold is not None:
                aside = prev_path(self.journal.path)
                with contextlib.suppress(OSError):  # (readers then read the main document)
                    aside.unlink(missing_ok=True)
                    os.link(self.journal.path, aside)
                st = os.stat(self.path)
                first = fold_line(new_base, fold, folded, through, (st.st_ino, st.st_size))
                atomic_write(self.journal.path, first)
            elif make_journal:
                atomic_write(self.journal.path, b"")
                remove_files([prev_path(self.journal.path)])
        self._base = new_base
        self.journal.reset(self._base)
        self._cache_key = None
        with contextlib.suppress(OSError):
            self._cache_key = stat_key(self.path.stat())
            self._checkpoint = self._cache = data
