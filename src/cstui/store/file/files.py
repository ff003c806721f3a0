"""Safe file primitives: a cross-process lock and atomic, private writes.

A write goes to a temporary file in the same folder, is fsynced, and replaces the
target with ``os.replace``: a reader sees the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from cstui.durable import FILE_MODE, SHARED_FILE_MODE, file_mode, write_synced
from cstui.errors import StoreBusyError, StoreError

__all__ = [
    "FILE_MODE",
    "SHARED_FILE_MODE",
    "FileLock",
    "atomic_write",
    "atomic_write_all",
    "file_mode",
    "write_synced",
]

DIR_MODE = 0o700
SHARED_DIR_MODE = 0o770
TEMP_MARK = ".tmp-"


def reason(exc: OSError) -> str:
    """The operating system's words for ``exc`` (``No space left on device``)."""
    return exc.strerror or str(exc) or type(exc).__name__


def ensure_private_dir(path: Path, like: Path | None = None) -> bool:
    """Create ``path`` (mode 0700, or 0770 when the folder ``like`` is shared with a team)
    if missing; return whether it was created."""
    if path.is_dir():
        return False
    shared = like is not None and file_mode(like) == SHARED_FILE_MODE
    try:
        path.mkdir(mode=SHARED_DIR_MODE if shared else DIR_MODE, parents=True, exist_ok=True)
        if shared:  # whatever the umask, and new files inherit the team's group
            path.chmod(SHARED_DIR_MODE | stat.S_ISGID)
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {path}: {reason(exc)}") from None
    return True


def atomic_write(path: Path, payload: bytes, sync_folder: bool = True) -> None:
    """Replace ``path`` with ``payload`` all at once, readable by its owner only.

    With ``sync_folder`` false the rename is left for the folder's next fsync to make
    durable: for a file whose loss in a power cut is harmless (the audit head).
    """
    atomic_write_all([(path, payload)], sync_folder)


def atomic_write_all(writes: Sequence[tuple[Path, bytes]], sync_folder: bool = True) -> None:
    """Replace each path with its payload: every temp file is written and fsynced, then
    all are renamed, then each folder is fsynced once, so all are durable together.

    A failure leaves no temp file behind; before the first rename it changes nothing.
    """
    temps: list[tuple[Path, Path]] = []
    path = Path()
    try:
        for path, payload in writes:
            temp = path.with_name(f"{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
            temps.append((temp, path))
            write_synced(temp, payload, file_mode(path.parent))
        for temp, path in temps:
            os.replace(temp, path)
    except OSError as exc:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise StoreError(
            f"could not write {path.name}: {reason(exc)}; nothing was changed"
        ) from None
    if sync_folder:
        for folder in dict.fromkeys(target.parent for target, _ in writes):
            _fsync_dir(folder)


def remove_files(paths: Sequence[Path]) -> None:
    """Delete ``paths`` (those already gone are fine), then fsync their folders once."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"could not remove {path.name}: {reason(exc)}") from None
    for folder in dict.fromkeys(target.parent for target in paths):
        _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(folder: Path, name: str) -> int:
    """Delete temporary files a crashed writer left beside ``name``; return how many."""
    removed = 0
    for temp in folder.glob(f"{name}*{TEMP_MARK}*" if not name else f"{name}{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            temp.unlink()
            removed += 1
    return removed


class FileLock:
    """An exclusive ``flock`` on a lock file, shared by every process on the machine.

    The kernel releases it when the holder dies, so a crashed terminal never leaves the
    store locked. The holder writes who it is into the lock file; a writer that has to
    wait is told who holds it, once, through ``on_wait``.
    """

    def __init__(
        self,
        path: Path,
        timeout: float = 10.0,
        on_wait: Callable[[str], None] | None = None,
        label: str = "",
    ) -> None:
        self.path = path
        self.timeout = timeout
        self.on_wait = on_wait
        self.label = label

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock for the ``with`` block; raise StoreBusyError after the timeout."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, file_mode(self.path.parent))
        except OSError as exc:
            raise StoreError(f"cannot open the lock file {self.path}: {reason(exc)}") from None
        try:
            self._acquire(fd)
            try:
                self._sign(fd)
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _sign(self, fd: int) -> None:
        stamp = time.strftime("%H:%M:%S")
        who = f"{self.label or 'another terminal'} (process {os.getpid()}, since {stamp})"
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, who.encode("utf-8"), 0)

    @staticmethod
    def holder(fd: int) -> str:
        """Who holds the lock, as its holder wrote it."""
        try:
            text = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip()
        except OSError:
            text = ""
        return " ".join(text.split()) or "another terminal"

    def _acquire(self, fd: int) -> None:
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"the store is busy: waited {self.timeout:g} s for {self.holder(fd)}; "
                        "nothing was changed, try again"
                    ) from None
                if not told and self.on_wait is not None:
                    self.on_wait(self.holder(fd))
                    told = True
                time.sleep(delay)
                delay = min(delay * 2, 0.01)
