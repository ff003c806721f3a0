"""Keys are handled one at a time, in the order they were typed.

Textual hands each key from the terminal to the focused widget's queue and goes on to
the next key at once. A key the widget does not take (Tab) then travels up the widget
tree, one queue at a time, back to the app, which only then runs its binding (move the
focus). Keys that arrived in the same read as the Tab have been handed to the old
field by then: ``Bob``, then ``Tab 0 4 0 0`` together, gave the name "Bob0400".

:class:`KeysInOrder` holds each key (or paste) until the one before it has been all
the way through: handled by the widget it was given to and by each of that widget's
parents, up to the app. Only then is the next one handed on, to whatever has the
focus by then. A key can set off messages of its own on its way (Enter on a menu
chooses an option, which the menu then tells the field it belongs to): the next key
waits for those too, so a save pressed right after a choice sees the choice. A
printable key (or a paste) given to a text field is the exception: the field takes it
and passes nothing on, so the key after it goes straight on too, and plain typing is
never held.
"""

from __future__ import annotations

import sys
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

TEXT_FIELDS = (("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea"))
"""Textual's text fields (module, class): each takes every printable key and paste."""

SETTLE_ROUNDS = 8
"""At most this many rounds of waiting for the messages a key set off."""

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
        self._given_to: MessagePump | None = None
        """The widget the key on its way was handed to."""
        self._rounds_left = 0

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
        target = self.app.focused or self.app.screen
        if takes_typing(target, event):
            return
        token = object()
        self.on_its_way = token
        self._given_to, self._rounds_left = target, SETTLE_ROUNDS
        self._follow(target, event, token)

    def _follow(self, node: MessagePump, event: InputKey, token: object) -> None:
        """Once ``node`` has handled the key (and passed it up, or not), look again."""
        if not node.call_later(self._passed, node, event, token):
            self.app.call_later(self._settled, token)

    async def _passed(self, node: MessagePump, event: InputKey, token: object) -> None:
        """``node`` is done with the key: follow it up, or see to what it set off."""
        if node is self.app:
            await self._settled(token)
        elif went_up(node, event):
            self._follow(node._parent, event, token)  # type: ignore[arg-type]
        else:
            self.app.call_later(self._settled, token)

    async def _settled(self, token: object) -> None:
        """The key has been handled: while messages wait on the way it went (a menu's
        choice on its way to its field), let them through first; then hand on the next."""
        given_to = self._given_to
        if token is not self.on_its_way or given_to is None:
            return
        if self._rounds_left > 0 and messages_waiting(given_to):
            self._rounds_left -= 1
            self._trail(given_to, token)
            return
        await self._through(token)

    def _trail(self, node: MessagePump, token: object) -> None:
        """Once ``node`` has handled the messages queued before this, go on up; at the
        app, look again."""
        at_the_app = node is self.app or not node.is_attached
        if at_the_app or not node.call_later(self._trailed, node, token):
            self.app.call_later(self._settled, token)

    async def _trailed(self, node: MessagePump, token: object) -> None:
        self._trail(node._parent or self.app, token)

    async def _through(self, token: object) -> None:
        """The key of ``token`` has been through: hand on the held keys, one at a time."""
        if token is not self.on_its_way:
            return
        self.on_its_way = self._given_to = None
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        while self.held and self.on_its_way is None:
            await self.app.on_event(self.held.popleft())


def messages_waiting(node: MessagePump) -> bool:
    """Whether ``node`` or one of its parents, up to the app, has messages still to handle
    (the app's own include a change of focus asked for on the way)."""
    pump: MessagePump | None = node
    while pump is not None:
        if pump.message_queue_size:
            return True
        pump = pump._parent
    return False


def went_up(node: MessagePump, event: InputKey) -> bool:
    """Whether ``node``, having handled ``event``, passed it on to its parent.

    A handler that takes the key stops it. (Textual also stops a message on its way into
    the node that sent it, after passing it on: so a stopped key whose sender is the
    parent may still be on its way there.)
    """
    parent = node._parent
    if parent is None or not node.is_attached:
        return False
    return not event._stop_propagation or parent is event._sender


def takes_typing(target: MessagePump, event: InputKey) -> bool:
    """Whether ``target`` is a text field that keeps ``event`` (a printable key or a
    paste) to itself. Only fields whose module is loaded are looked at: nothing is
    imported for this."""
    if isinstance(event, events.Key) and not event.is_printable:
        return False
    if getattr(target, "read_only", False):
        return False
    fields = tuple(
        getattr(sys.modules[module], name) for module, name in TEXT_FIELDS if module in sys.modules
    )
    return isinstance(target, fields)
