"""Other terminals' saves shown as they happen, and the server's reach on screen.

The store's change feed calls from a thread of its own; :class:`LiveUpdates` carries each
call onto the app's thread. A burst of changes becomes one re-read of the screen on top
(one is asked for at a time: changes heard before it is delivered ride along with it);
screens below re-read as they come back to the top. The screens' own timers go on as
before, as a fallback. Loaded only when the store has a live feed (a database server, or
a folder whose files are watched).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events

if TYPE_CHECKING:
    from cstui.bundle import Changes
    from cstui.tui.app import CstuiApp

LOST = "server unreachable — reconnecting"
"""Shown in the title bar while the database server cannot be reached."""
LOST_NOTICE = "The database server cannot be reached: reconnecting. What you type is kept."
BACK_NOTICE = "The database server is back."


@runtime_checkable
class ShowsLiveChanges(Protocol):
    """A screen that re-reads what it shows when another terminal saves."""

    def changed_elsewhere(self) -> None:
        """Another terminal saved: read again now (at most one read in flight)."""
        ...


class LiveUpdates:
    """Carries the store's change feed onto the app's thread: re-reads and the server's
    reach (the title bar's note and a notification)."""

    def __init__(self, app: CstuiApp, feed: Changes) -> None:
        self.app = app
        self.feed = feed
        self._lock = threading.Lock()
        self._asked = False
        """A re-read is on its way to the app's thread (another change needs no other)."""

    def start(self) -> None:
        """Start listening."""
        self.feed.start(self._changed, self._reached)

    def stop(self) -> None:
        """Stop listening."""
        self.feed.stop()

    def _changed(self) -> None:
        """In the feed's thread: ask the app's thread for one re-read."""
        with self._lock:
            if self._asked:
                return
            self._asked = True
        if not self.app.post_message(events.Callback(callback=self._reread)):
            self._asked = False  # the app is closing

    def _reread(self) -> None:
        with self._lock:
            self._asked = False
        screen = self.app.screen
        if isinstance(screen, ShowsLiveChanges):
            screen.changed_elsewhere()

    def _reached(self, connected: bool) -> None:
        """In the feed's thread: the server is lost or back."""
        self.app.post_message(events.Callback(callback=lambda: self._show_reach(connected)))

    def _show_reach(self, connected: bool) -> None:
        self.app.server_note = "" if connected else LOST
        if connected:
            self.app.notify(BACK_NOTICE, markup=False)
        else:
            self.app.notify(LOST_NOTICE, severity="error", markup=False, timeout=10)


def start_live_updates(app: CstuiApp, feed: Changes) -> LiveUpdates:
    """Listen to ``feed`` for ``app`` (call on the app's thread, once)."""
    live = LiveUpdates(app, feed)
    live.start()
    return live
