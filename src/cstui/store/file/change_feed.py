"""Other terminals' saves to a folder, heard by watching the store's files change.

Terminals sharing a folder have no server to tell them of each other's saves, but every
save changes the main document or its journal (and a roster change, the roster file):
a thread of the app looks at their stat every :data:`POLL` seconds, which costs a few
system calls, and says when they changed. Screens then re-read at once instead of at
their next timer tick.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

POLL = 0.2
"""Seconds between looks at the files."""


def _stamp(paths: Sequence[Path]) -> tuple[tuple[int, ...], ...]:
    found: list[tuple[int, ...]] = []
    for path in paths:
        try:
            st = os.stat(path)
            found.append((st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        except OSError:
            found.append(())
    return tuple(found)


class FolderChangeFeed:
    """A :class:`cstui.store.ports.ChangeFeed` for a folder: says when the files of
    ``paths`` change (each call from its own thread)."""

    def __init__(self, paths: Sequence[Path], every: float = POLL) -> None:
        """The files as they are now are the ones already seen: a change made before
        :meth:`start` is told as watching begins."""
        self.paths = list(paths)
        self.every = every
        self._seen = _stamp(self.paths)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def live(self) -> bool:
        """Always: the files are watched."""
        return True

    @property
    def connected(self) -> bool:
        """Always: there is no server to lose."""
        return True

    def start(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        """Watch the files from a thread of its own; ``on_connection`` is never called."""
        if self._thread is not None:
            return

        def watch() -> None:
            while not self._stop.wait(self.every):
                now = _stamp(self.paths)
                if now != self._seen:
                    self._seen = now
                    on_change()

        self._thread = threading.Thread(target=watch, name="cstui-folder-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching (for good)."""
        self._stop.set()


__all__ = ["POLL", "FolderChangeFeed"]
