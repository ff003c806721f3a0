"""The TUI's end of the pop channel (:mod:`cstui.pop_channel`): an asyncio server on the
person's socket, in the app's own event loop, so listening never blocks a key.

Imported once home is drawn, not on the start path. A call handed over without a contact
id is kept here (:func:`take_call`): the caller's screen goes up at once, the call is kept
in a worker thread, and only then does ``cstui pop`` hear ``kept``; it keeps the call
itself only when told otherwise, and then as the same call (same moment, same agent), so
a call is kept exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cstui.errors import CstuiError, InputError
from cstui.pop_channel import (
    MESSAGE_LIMIT,
    Answer,
    ChannelError,
    Pop,
    peer_uid,
    socket_folder,
    socket_path,
)

if TYPE_CHECKING:
    from cstui.tui.app import CstuiApp

READ_TIMEOUT = 2.0
"""Seconds a connected client has to send its pop."""

TOUCH_EVERY = 1.0
"""At most how often (seconds) a key marks this TUI as the one used last."""


def came_in_at(call: Pop) -> datetime | None:
    """When ``call`` came in, as the command that popped it said (None: not said)."""
    try:
        at = datetime.fromisoformat(call.at) if call.at else None
    except ValueError:
        return None
    return at if at is not None and at.tzinfo is not None else None


def warm_up(app: CstuiApp) -> None:
    """In a worker, once: load what taking a call uses (the contacts service, the phone
    number rules, the caller's screen), so the first call is shown as fast as the next."""
    from cstui.tui.screens import caller  # noqa: F401

    with contextlib.suppress(CstuiError):
        app.services.contacts.check("+61400000000")


async def take_call(app: CstuiApp, call: Pop) -> Answer:
    """Show ``call``'s caller on top of whatever is open, and keep the call unless the
    command kept it already; what to answer ``cstui pop``."""
    if call.contact_id:
        app.push_screen(app.screens.caller(call.number, call))
        return Answer(shown=True, kept=True)
    contacts = app.services.contacts
    try:
        number = contacts.check(call.number, call.call_id, call.name, call.queue)
    except InputError as exc:  # said by ``cstui pop`` itself, the usual way
        return Answer(shown=False, refused=True, problem=str(exc))
    screen = app.screens.caller(number, dataclasses.replace(call, number=number))
    drawn = asyncio.Event()
    await app.push_screen(screen)
    screen.call_after_refresh(drawn.set)
    await drawn.wait()  # the caller is on the screen before the store is written
    try:
        contact = await asyncio.to_thread(
            contacts.record, number, call.call_id, call.name, call.queue, came_in_at(call)
        )
    except CstuiError as exc:
        return Answer(shown=True, problem=f"the open cstui could not keep the call: {exc}")
    screen.kept(contact.id)
    from cstui.services.contacts import contact_json

    return Answer(shown=True, kept=True, contact=contact_json(contact))


class PopListener:
    """Takes pops from ``cstui pop`` run by the same OS user and hands each to
    ``on_pop``; connections from any other user are closed unanswered."""

    def __init__(self, person: str, on_pop: Callable[[Pop], Awaitable[Answer]]) -> None:
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
            answer = await self.on_pop(pop)
            writer.write(answer.encode())
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
