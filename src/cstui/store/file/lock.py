"""The lock every writer of a folder's files takes: an OS lock on the folder itself.

The lock is ``flock`` on the folder's own directory, which the app never deletes or
replaces: no one can take it from its holder by deleting a file (a deleted lock *file*
once let a second writer in while the first still wrote). The kernel releases it when
its holder dies, so a crashed terminal never leaves the folder locked.

Beside it, a small *note* file names the holder for anyone who has to wait. The note is
only a message: deleting or damaging it changes nothing but the name shown.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from cstui.durable import file_mode
from cstui.errors import StoreBusyError, StoreError
from cstui.models.text_gate import shown
from cstui.store.file.files import open_plain, reason, settle_mode

NOTE_BYTES = 200
"""How much of the note a waiting writer reads."""
UNKNOWN_HOLDER = "another terminal"

_held = threading.local()
"""Per thread: the folders (device, inode) it holds the lock of, and how deeply."""


def _held_here() -> dict[tuple[int, int], int]:
    depths: dict[tuple[int, int], int] | None = getattr(_held, "depths", None)
    if depths is None:
        depths = _held.depths = {}
    return depths


@contextlib.contextmanager
def _open_folder(folder: Path) -> Iterator[int]:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise StoreError(f"cannot open the folder {folder} to lock it: {reason(exc)}") from None
    try:
        yield fd
    finally:
        os.close(fd)


def _open_note(path: Path, flags: int) -> int | None:
    """The note file, opened with ``flags`` (never through a link, never blocking on a
    pipe); None if it cannot be opened or is not a plain file."""
    try:
        return open_plain(path, flags, file_mode(path.parent))
    except OSError:
        return None


class FileLock:
    """Exclusive access to the folder of ``path``, shared by every process on the machine.

    ``path`` is the note file: the holder writes who it is there, and a writer that has
    to wait is told who holds the lock, once, through ``on_wait``. Locks on one folder
    taken by the same thread nest (a roster change inside a store write), while other
    threads and processes wait.
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

    @property
    def folder(self) -> Path:
        """The folder whose lock this is."""
        return self.path.parent

    @contextlib.contextmanager
    def hold(self, nest: bool = True) -> Iterator[None]:
        """Hold the lock for the ``with`` block; raise StoreBusyError after the timeout.

        With ``nest`` false, a lock this thread holds already counts as another's.
        """
        with _open_folder(self.folder) as fd:
            found = os.fstat(fd)
            key = (found.st_dev, found.st_ino)
            depths = _held_here() if nest else {}
            if key not in depths:
                self._acquire(fd)
                self._sign()
            depths[key] = depths.get(key, 0) + 1
            try:
                yield
            finally:
                depths[key] -= 1
                if not depths[key]:
                    del depths[key]
                    fcntl.flock(fd, fcntl.LOCK_UN)

    def _sign(self) -> None:
        fd = _open_note(self.path, os.O_RDWR | os.O_CREAT)
        if fd is None:
            return  # the lock holds without its note; a waiter is told "another terminal"
        stamp = time.strftime("%H:%M:%S")
        who = f"{self.label or UNKNOWN_HOLDER} (process {os.getpid()}, since {stamp})"
        try:
            with contextlib.suppress(OSError):
                settle_mode(fd, file_mode(self.folder))
                os.ftruncate(fd, 0)
                os.pwrite(fd, who.encode("utf-8"), 0)
        finally:
            os.close(fd)

    def holder(self) -> str:
        """Who holds the lock, as its holder wrote it (fit to show)."""
        fd = _open_note(self.path, os.O_RDONLY)
        text = ""
        if fd is not None:
            with contextlib.suppress(OSError):
                text = os.pread(fd, NOTE_BYTES, 0).decode("utf-8", errors="replace")
            os.close(fd)
        return " ".join(shown(text, newlines=False).split()) or UNKNOWN_HOLDER

    def _acquire(self, fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if self.on_wait is not None:
            self.on_wait(self.holder())
        if not _wait_for(fd, self.timeout):
            raise StoreBusyError(
                f"the store is busy: waited {self.timeout:g} s for {self.holder()}; "
                "nothing was changed, try again"
            )


def _wait_for(fd: int, timeout: float) -> bool:
    """Take the lock of the folder open as ``fd``, waiting at most ``timeout`` seconds;
    whether it was taken.

    The kernel hands the lock on the moment its holder lets go: a thread blocks in
    ``flock`` on a duplicate of ``fd`` (the same open folder, so the same lock) while
    this one waits for it with the timeout. A wait given up releases the lock at once if
    the thread takes it after all.
    """
    if timeout <= 0:
        return False
    waiter = os.dup(fd)
    taken = threading.Event()
    gave_up = threading.Event()
    settled = threading.Lock()

    def wait() -> None:
        try:
            fcntl.flock(waiter, fcntl.LOCK_EX)
        except OSError:
            os.close(waiter)
            return
        with settled:
            if gave_up.is_set():
                fcntl.flock(waiter, fcntl.LOCK_UN)
            else:
                taken.set()
        os.close(waiter)  # the lock stays with ``fd``, the same open folder

    threading.Thread(target=wait, name="cstui-lock-wait", daemon=True).start()
    if taken.wait(timeout):
        return True
    with settled:
        gave_up.set()
        return taken.is_set()
