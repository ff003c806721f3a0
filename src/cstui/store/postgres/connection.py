"""One connection to the server, shared by a terminal's threads, and what every write
does in its transaction: take a number from a counter, name who acts. The server writes
the audit trail (see :mod:`.authority_audit_sql`) and refuses what the signed-in role
may not do, shown as the app's own errors (:mod:`.authority`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import quote, urlsplit

from cstui.errors import StoreError
from cstui.store.postgres.authority import refusal

if TYPE_CHECKING:  # psycopg loads with the first connection (see .start_read)
    import psycopg

WRONG_PASSWORD = "password authentication failed"
"""What the server says when a role or its password is wrong (it does not say which)."""


def connect(url: str, **sign_in: str) -> psycopg.Connection[tuple[Any, ...]]:
    """A connection to ``url`` (``sign_in`` may give ``user`` and ``password`` over the
    URL's); StoreError says why not, without the password."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    try:
        return psycopg.connect(make_conninfo(url, **sign_in), autocommit=True)
    except (psycopg.Error, ValueError, UnicodeError) as exc:
        text = str(exc).strip()
        reason = text.splitlines()[-1] if text else "refused"
        secret = sign_in.get("password", "")
        said = _scrubbed(reason, url).replace(secret, "***") if secret else _scrubbed(reason, url)
        raise StoreError(f"cannot reach the database server: {said}") from None


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

Connection: TypeAlias = "psycopg.Connection[tuple[Any, ...]]"


def _first_line(exc: BaseException) -> str:
    """The first line of what the driver said (the server's own words)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Database:
    """A terminal's connection: one transaction at a time, from any thread.

    A connection found closed or broken (or none yet) is opened (with ``reopen``) when
    the next transaction begins; a transaction cut short by a lost connection is never retried:
    it is reported as not saved when it cannot have committed, else as unknown.
    """

    def __init__(
        self, conn: Connection | None, reopen: Callable[[], Connection] | None = None
    ) -> None:
        self.conn = conn
        """None until the first transaction opens it (``reopen`` must be given then)."""
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
        import psycopg

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
            except psycopg.Error as exc:
                refused = refusal(exc)
                if refused is None:
                    raise
                raise refused from None
            finally:
                self._depth -= 1

    def _begin(self, began: ExitStack) -> Connection:
        """Begin a transaction on the connection, entered into ``began``. A connection
        found lost is opened again first, and once more if BEGIN itself finds it lost
        (nothing of the transaction was sent yet)."""
        import psycopg

        outermost = self._depth == 0
        for attempt in (1, 2):
            if outermost and (attempt == 2 or self._lost()):
                self._reconnect()
            conn = self._connection()
            try:
                began.enter_context(conn.transaction())
                return conn
            except psycopg.OperationalError as exc:
                if not outermost or attempt == 2 or self.reopen is None:
                    raise StoreError(f"{NOT_SAVED} ({_first_line(exc)})") from None
        raise AssertionError("two attempts made")  # pragma: no cover

    def _why(self, exc: psycopg.OperationalError, committing: bool) -> str:
        """What became of a transaction the server stopped: refused (the connection still
        works), lost before the commit (not saved) or while committing (not known)."""
        if not self._lost():
            return f"the database server did not take the change: {_first_line(exc)}"
        return f"{UNKNOWN_OUTCOME if committing else NOT_SAVED} ({_first_line(exc)})"

    def _reconnect(self) -> None:
        """A new connection in place of the lost one; StoreError if none."""
        import psycopg

        if self.reopen is None:
            raise StoreError(NOT_SAVED)
        if self.conn is not None:
            with suppress(psycopg.Error):
                self.conn.close()
        try:
            self.conn = self.reopen()
        except StoreError as exc:
            raise StoreError(f"{NOT_SAVED} ({exc})") from None

    def _lost(self) -> bool:
        """Whether there is no working connection (none opened yet, closed or broken)."""
        return self.conn is None or self.conn.closed or self.conn.broken

    def _connection(self) -> Connection:
        """The connection (opened by :meth:`_begin` before it is asked for)."""
        if self.conn is None:
            raise StoreError(NOT_SAVED)
        return self.conn

    def close(self) -> None:
        """Close the connection, if one was opened."""
        if self.conn is not None:
            self.conn.close()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """Reads that see one moment of the database."""
        with self.transaction(saving=False) as conn:
            yield conn

    def take_number(self, conn: psycopg.Connection[tuple[Any, ...]], counter: str) -> int:
        """The next number of ``counter``: gap-free, as the taking transaction commits or not."""
        row = conn.execute("SELECT cstui_take_number(%s)", (counter,)).fetchone()
        assert row is not None, counter
        return int(row[0])

    def acting(self, conn: psycopg.Connection[tuple[Any, ...]], actor: str) -> None:
        """Name ``actor`` as who makes this transaction's changes. The server's audit
        trail names the role that signed in; only the administrator's writes (copying a
        centre, tests) are recorded as made by the actor named here."""
        conn.execute("SELECT set_config('cstui.actor', %s, true)", (actor,))
