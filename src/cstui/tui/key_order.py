"""Keys are handled one at a time, in the order they were typed.

Textual hands each key from the terminal to the focused widget's queue and goes on to
the next key at once. A key the widget does not take (Tab) then travels up the widget
tree, one queue at a time, back to the app, which only then runs its binding (move the
focus). Keys that arrived in the same read as the Tab have been handed to the old
field by then: ``Bob``, then ``Tab 0 4 0 0`` together, gave the name "Bob0400".

:class:`KeysInOrder` holds each key (or paste) until the one before it has been all
the way through: handled by the widget it was given to and by each of that widget's
parents, up to the app. Only then is the next one handed on, to whatever has the
focus by then.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.timer import Timer

InputKey = events.Key | events.Paste
"""What the terminal types: a key, or text pasted in one piece."""

STUCK_AFTER = 0.5
"""Seconds after which a key not reported through (its widget went away mid-way) stops
holding the keys behind it."""


class KeysInOrder:
    """Hands keys from the terminal to the app one at a time, each after the one before."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: deque[InputKey] = deque()
        """Keys that came while another was on its way, oldest first."""
        self.on_its_way: object | None = None
        """A token for the key being handled now; None when none is."""
        self._watchdog: Timer | None = None

    def must_wait(self, event: InputKey) -> bool:
        """Whether ``event`` is held behind a key still being handled (then it is kept)."""
        if self.on_its_way is None:
            return False
        self.held.append(event)
        if self._watchdog is None:
            self._watchdog = self.app.set_timer(
                STUCK_AFTER, partial(self._through, self.on_its_way)
            )
        return True

    def handed_on(self, event: InputKey) -> None:
        """``event`` was handled by the app: if it went on to a widget, follow it."""
        if not event.is_forwarded:
            return  # a priority binding of the app took it: done already
        token = object()
        self.on_its_way = token
        self._follow(self.app.focused or self.app.screen, token)

    def _follow(self, node: MessagePump, token: object) -> None:
        """Once ``node`` has handled the key (and passed it up), check its parent."""
        if not node.call_later(self._passed, node, token):
            self.app.call_later(self._through, token)

    async def _passed(self, node: MessagePump, token: object) -> None:
        """``node`` is done with the key: go up, or, at the app, hand on the next key."""
        parent = node._parent
        if node is self.app:
            await self._through(token)
        elif parent is None:  # taken out of the tree on the way
            self.app.call_later(self._through, token)
        elif token is self.on_its_way:
            self._follow(parent, token)

    async def _through(self, token: object) -> None:
        """The key of ``token`` has been through: hand on the held keys, one at a time."""
        if token is not self.on_its_way:
            return
        self.on_its_way = None
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        while self.held and self.on_its_way is None:
            await self.app.on_event(self.held.popleft())
