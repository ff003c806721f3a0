"""One connection to the server, shared by a terminal's threads, and what every write
does in its transaction: take a number from a counter, chain audit entries."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from typing import Any
from urllib.parse import quote, urlsplit

import psycopg

from cstui.errors import StoreError
from cstui.store.records import CHAIN_START, AuditEvent, chain_digest


def connect(url: str) -> psycopg.Connection[tuple[Any, ...]]:
    """A connection to ``url``; StoreError says why not, without the password."""
    try:
        return psycopg.connect(url, autocommit=True)
    except (psycopg.Error, ValueError, UnicodeError) as exc:
        text = str(exc).strip()
        reason = text.splitlines()[-1] if text else "refused"
        raise StoreError(f"cannot reach the database server: {_scrubbed(reason, url)}") from None


def _scrubbed(text: str, url: str) -> str:
    """``text`` without the URL or its password, should the library have repeated them."""
    try:
        secret = urlsplit(url).password
    except ValueError:
        secret = None
    for hidden in filter(None, (url, secret, quote(secret or "", safe=""))):
        text = text.replace(hidden, "***")
    return text


UNREACHABLE = "the database server cannot be reached"
NOT_SAVED = f"{UNREACHABLE}; nothing was saved"
UNKNOWN_OUTCOME = (
    "the connection to the database server was lost as the change was being committed: "
    "it may or may not have been saved; look before saving it again"
)

Connection = psycopg.Connection[tuple[Any, ...]]


def _first_line(exc: BaseException) -> str:
    """The first line of what the driver said (the server's own words)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Database:
    """A terminal's connection: one transaction at a time, from any thread.

    A connection found closed or broken is opened again (with ``reopen``) when the next
    transaction begins; a transaction cut short by a lost connection is never retried:
    it is reported as not saved when it cannot have committed, else as unknown.
    """

    def __init__(self, conn: Connection, reopen: Callable[[], Connection] | None = None) -> None:
        self.conn = conn
        self.reopen = reopen
        """Opens a new connection like the first one (None: the first one only)."""
        self.lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def transaction(self, *, saving: bool = True) -> Iterator[Connection]:
        """A transaction: committed at the end of the block, rolled back if it raises.

        StoreError when the server cannot be reached (nothing was saved: a read that
        fails says so too, as the save it may be part of is refused) or the connection was
        lost while committing what a ``saving`` block wrote (whether it was saved is not
        known)."""
        with self.lock:
            began = ExitStack()
            conn = self._begin(began)
            committing = False
            self._depth += 1
            try:
                with began:
                    yield conn
                    committing = True
            except psycopg.OperationalError as exc:
                raise StoreError(self._why(exc, saving and committing)) from None
            finally:
                self._depth -= 1

    def _begin(self, began: ExitStack) -> Connection:
        """Begin a transaction on the connection, entered into ``began``. A connection
        found lost is opened again first, and once more if BEGIN itself finds it lost
        (nothing of the transaction was sent yet)."""
        outermost = self._depth == 0
        for attempt in (1, 2):
            if outermost and (attempt == 2 or self.conn.closed or self.conn.broken):
                self._reconnect()
            try:
                began.enter_context(self.conn.transaction())
                return self.conn
            except psycopg.OperationalError as exc:
                if not outermost or attempt == 2 or self.reopen is None:
                    raise StoreError(f"{NOT_SAVED} ({_first_line(exc)})") from None
        raise AssertionError("two attempts made")  # pragma: no cover

    def _why(self, exc: psycopg.OperationalError, committing: bool) -> str:
        """What became of a transaction the server stopped: refused (the connection still
        works), lost before the commit (not saved) or while committing (not known)."""
        if not (self.conn.closed or self.conn.broken):
            return f"the database server did not take the change: {_first_line(exc)}"
        return f"{UNKNOWN_OUTCOME if committing else NOT_SAVED} ({_first_line(exc)})"

    def _reconnect(self) -> None:
        """A new connection in place of the lost one; StoreError if none."""
        if self.reopen is None:
            raise StoreError(NOT_SAVED)
        with suppress(psycopg.Error):
            self.conn.close()
        try:
            self.conn = self.reopen()
        except StoreError as exc:
            raise StoreError(f"{NOT_SAVED} ({exc})") from None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """Reads that see one moment of the database."""
        with self.transaction(saving=False) as conn:
            yield conn

    def take_number(self, conn: psycopg.Connection[tuple[Any, ...]], counter: str) -> int:
        """The next number of ``counter``: gap-free, as the taking transaction commits or not."""
        row = conn.execute(
            "UPDATE counters SET next = next + 1 WHERE name = %s RETURNING next - 1", (counter,)
        ).fetchone()
        assert row is not None, counter
        return int(row[0])

    def audit(
        self, conn: psycopg.Connection[tuple[Any, ...]], events: Sequence[AuditEvent]
    ) -> None:
        """Chain ``events`` onto the trail in this transaction (writers take turns)."""
        if not events:
            return
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('cstui_audit'))")
        row = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        previous = str(row[0]) if row else CHAIN_START
        for event in events:
            previous = chain_digest(previous, event)
            conn.execute(
                "INSERT INTO audit (actor, record, action, fields, hash) VALUES (%s,%s,%s,%s,%s)",
                (event.actor, event.record, event.action, list(event.fields), previous),
            )
