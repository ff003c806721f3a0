"""Changes other terminals commit, heard as they happen.

Migration 3's triggers ``NOTIFY cstui_changes`` with the table and row of each change to a
case, a refund or the roster; the server delivers it when the change commits, so a
rolled-back change is never heard. :class:`ServerChanges` LISTENs on a connection of its
own, in a daemon thread, and opens it again by itself (waiting a little longer after each
failure) when the server goes away, saying when it is lost and when it is back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

from cstui.errors import StoreError

if TYPE_CHECKING:
    import psycopg

CHANNEL = "cstui_changes"
RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0, 5.0)
"""How long to wait before each new try to reach a lost server (the last one repeats)."""
WAIT_SECONDS = 0.5
"""How long one wait for notifications lasts: a stop is heard within it."""
PING_SECONDS = 5.0
"""A quiet connection is checked this often, so a server that vanished is noticed."""

Connection: TypeAlias = "psycopg.Connection[tuple[Any, ...]]"


class ServerChanges:
    """The PostgreSQL store's :class:`cstui.store.ports.ChangeFeed`: LISTEN on a
    connection of its own, opened with ``open_connection`` (StoreError if it cannot)."""

    def __init__(
        self,
        open_connection: Callable[[], Connection],
        retry_seconds: tuple[float, ...] = RETRY_SECONDS,
        heard_up_to: int | None = None,
    ) -> None:
        """``heard_up_to``: the audit trail's last entry when what is shown was read (None:
        not known), so listening need not read again if nothing has changed since."""
        self.open_connection = open_connection
        self.heard_up_to = heard_up_to
        self.retry_seconds = retry_seconds
        self._connected = True
        """As the store was opened: the server had just answered."""
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def live(self) -> bool:
        """Always: a server tells of each change."""
        return True

    @property
    def connected(self) -> bool:
        """Whether the listening connection reaches the server now."""
        return self._connected

    def start(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        """Listen in a daemon thread until :meth:`stop` (once: a second start is an error).
        ``on_change`` is called once as listening begins (unless nothing has changed since
        the start's read), and again each time it resumes: what changed before then was not
        heard."""
        if self._thread is not None:
            raise RuntimeError("the change feed has already been started")
        self._thread = threading.Thread(
            target=self._run, args=(on_change, on_connection), name="cstui-changes", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; the thread ends within :data:`WAIT_SECONDS`."""
        self._stopped.set()

    def _run(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        import psycopg  # here, in the feed's thread, not on the screen's as a start ends

        failures = 0
        while not self._stopped.is_set():
            try:
                conn = self.open_connection()
            except StoreError:
                self._reached(False, on_connection)
                self._stopped.wait(self.retry_seconds[min(failures, len(self.retry_seconds) - 1)])
                failures += 1
                continue
            failures = 0
            try:
                with conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._reached(True, on_connection)
                    if self._changed_unheard(conn):
                        on_change()  # what changed before listening (or while away)
                    self._listen(conn, on_change)
            except psycopg.Error:
                self._reached(False, on_connection)

    def _changed_unheard(self, conn: Connection) -> bool:
        """Whether anything may have changed before listening began: not known unless this
        is the first listening since the start's read. Every change to a case, refund or
        roster appends to the audit trail in commit order, so a last entry still the
        start's means nothing has; any change from now on is heard."""
        since, self.heard_up_to = self.heard_up_to, None
        if since is None:
            return True
        row = conn.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()
        return row is None or int(row[0]) != since

    def _listen(self, conn: Connection, on_change: Callable[[], None]) -> None:
        """Tell of each notification until stopped; psycopg.Error when the server is lost."""
        quiet_since = time.monotonic()
        while not self._stopped.is_set():
            for _heard in conn.notifies(timeout=WAIT_SECONDS):
                on_change()
                quiet_since = time.monotonic()
            if time.monotonic() - quiet_since >= PING_SECONDS:
                conn.execute("SELECT 1")
                quiet_since = time.monotonic()

    def _reached(self, connected: bool, on_connection: Callable[[bool], None]) -> None:
        if connected != self._connected:
            self._connected = connected
            on_connection(connected)


__all__ = ["CHANNEL", "ServerChanges"]
