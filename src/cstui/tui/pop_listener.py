"""The TUI's end of the pop channel (:mod:`cstui.pop_channel`): an asyncio server on the
person's socket, in the app's own event loop, so listening never blocks a key.

Imported once home is drawn, not on the start path.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cstui.pop_channel import (
    MESSAGE_LIMIT,
    ChannelError,
    Pop,
    peer_uid,
    socket_folder,
    socket_path,
)

READ_TIMEOUT = 2.0
"""Seconds a connected client has to send its pop."""

TOUCH_EVERY = 1.0
"""At most how often (seconds) a key marks this TUI as the one used last."""

SHOWN = b'{"shown": true}\n'


class PopListener:
    """Takes pops from ``cstui pop`` run by the same OS user and hands each to
    ``on_pop``; connections from any other user are closed unanswered."""

    def __init__(self, person: str, on_pop: Callable[[Pop], None]) -> None:
        self.person = person
        self.on_pop = on_pop
        self.path: Path | None = None
        self.server: asyncio.AbstractServer | None = None
        self.touched = 0.0
        self.ignored = 0
        """How many connections from other users were turned away."""

    async def start(self) -> str | None:
        """Listen on this TUI's socket; why not, if it cannot (said once, never fatal)."""
        try:
            path = socket_path(socket_folder(), self.person, os.getpid())
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            self.server = await asyncio.start_unix_server(
                self._serve, path=str(path), limit=MESSAGE_LIMIT
            )
            os.chmod(path, 0o600)
        except (ChannelError, OSError) as exc:
            return f"calls from the telephony cannot reach this terminal: {exc}"
        self.path = path
        return None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            sock: Any = writer.get_extra_info("socket")
            if sock is None or peer_uid(sock) != os.getuid():
                self.ignored += 1
                return
            line = await asyncio.wait_for(reader.readline(), READ_TIMEOUT)
            pop = Pop.decode(line)
            if pop is None:
                return
            self.on_pop(pop)
            writer.write(SHOWN)
            await writer.drain()
        except (OSError, TimeoutError, ValueError):
            pass
        finally:
            writer.close()

    def touch(self) -> None:
        """This TUI was just used: the next pop comes here (at most once a second)."""
        now = time.monotonic()
        if self.path is None or now - self.touched < TOUCH_EVERY:
            return
        self.touched = now
        with contextlib.suppress(OSError):
            os.utime(self.path)

    def stop(self) -> None:
        """Stop listening and remove the socket."""
        if self.server is not None:
            self.server.close()
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.path = None
