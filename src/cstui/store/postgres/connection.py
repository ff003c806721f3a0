"""One connection to the server, shared by a terminal's threads, and what every write
does in its transaction: take a number from a counter, name who acts. The server writes
the audit trail (see :mod:`.authority_audit_sql`) and refuses what the signed-in role
may not do, shown as the app's own errors (:mod:`.authority`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, urlsplit

import psycopg
from psycopg.conninfo import make_conninfo

from cstui.errors import StoreError
from cstui.store.postgres.authority import refusal

WRONG_PASSWORD = "password authentication failed"
"""What the server says when a role or its password is wrong (it does not say which)."""


def connect(url: str, **sign_in: str) -> psycopg.Connection[tuple[Any, ...]]:
    """A connection to ``url`` (``sign_in`` may give ``user`` and ``password`` over the
    URL's); StoreError says why not, without the password."""
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


class Database:
    """A terminal's connection: one transaction at a time, from any thread."""

    def __init__(self, conn: psycopg.Connection[tuple[Any, ...]]) -> None:
        self.conn = conn
        self.lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """A transaction: committed at the end of the block, rolled back if it raises."""
        with self.lock:
            try:
                with self.conn.transaction():
                    yield self.conn
            except psycopg.OperationalError as exc:
                raise StoreError(f"the database server did not take the change: {exc}") from None
            except psycopg.Error as exc:
                refused = refusal(exc)
                if refused is None:
                    raise
                raise refused from None

    @contextmanager
    def reading(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """Reads that see one moment of the database."""
        with self.transaction() as conn:
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
