"""What a terminal reads from the server as it opens the store, in one round trip and
without psycopg (see :mod:`.libpq`): who signed in, the schema's version, the roster's
roles, the published policy and content, whether an erasure is unfinished, and the open
cases' kept briefs.

Each port answers its first question at start from this read (:class:`Once`); later
questions go to the server through psycopg, connected on first use. A start that is not
the everyday one (an older or newer schema, no roster or policy yet, an erasure to
finish, no libpq to load, any failure) is left to the psycopg path, which says why in its
usual words and does what a first start does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson

from cstui.config_files import POLICY_FILE
from cstui.models.roles import Role
from cstui.store.postgres.libpq import ConnectionRefused, LibpqSession
from cstui.store.postgres.schema import LATEST

T = TypeVar("T")

START_QUERY = f"""
SELECT json_build_object(
  'version', (SELECT version FROM cstui_schema),
  'person', session_user,
  'roles', (SELECT json_agg(json_build_array(m->>'name',
                                             coalesce(m->>'role', '{Role.AGENT.value}')))
              FROM roster LEFT JOIN LATERAL jsonb_array_elements(doc->'members') m ON TRUE),
  'files', (SELECT json_object_agg(name, body) FROM config_files),
  'erasures', (SELECT count(*) FROM erasures),
  'revision', (SELECT coalesce(max(seq), 0) FROM audit),
  'decided', (SELECT json_build_array(count(*) FILTER (WHERE status = 'approved'),
                                      count(*) FILTER (WHERE status = 'declined'))
                FROM refunds WHERE created_by = session_user AND decided),
  'briefs', (SELECT json_agg(json_build_array(d.stamp, d.doc) ORDER BY c.number)
               FROM cases c LEFT JOIN case_briefs d
                 ON d.number = c.number AND d.version = c.version
              WHERE c.is_open))
"""
"""One statement, so one moment of the database."""


class Once(Generic[T]):
    """An answer the start read found, given to the first asker only: whoever asks again
    reads the server."""

    def __init__(self, value: T | None = None) -> None:
        self._value = value

    @property
    def waiting(self) -> bool:
        """Whether the answer has not been taken yet."""
        return self._value is not None

    def take(self) -> T | None:
        """The answer, the first time (None after, or if there was none)."""
        value, self._value = self._value, None
        return value


@dataclass(frozen=True)
class StartRead:
    """What the start read found (only ever an everyday start's: see the module)."""

    person: str
    """The role that signed in."""
    roles: list[tuple[str | None, str]]
    """The roster's members' names and roles, as the roster port reads them."""
    files: dict[str, bytes]
    """The published policy and content, by name."""
    briefs: list[tuple[str | None, dict[str, Any] | None]]
    """Each open case's kept brief and the stamp it was worked out under, by number
    (None, None: none kept for its current version)."""
    decided: tuple[int, int]
    """How many of the person's own refund requests were approved, and declined."""
    revision: int
    """The audit trail's last entry: every change to a case, a refund or the roster
    makes one, in the order they commit."""


def read_at_start(url: str, **sign_in: str) -> StartRead | None:
    """The start read of the store at ``url``; None if this start is for the psycopg path."""
    try:
        session = LibpqSession.open(url, **sign_in)
    except ConnectionRefused:
        return None
    if session is None:
        return None
    try:
        found = session.value(START_QUERY)
    finally:
        session.close()
    if found is None:
        return None
    try:
        return _everyday(orjson.loads(found))
    except (ValueError, TypeError, KeyError):  # not what this app's schema gives
        return None


def _everyday(found: dict[str, Any]) -> StartRead | None:
    """The read, if it shows an everyday start: the current schema, a roster, a published
    policy, no erasure to finish."""
    files = found["files"] or {}
    usual = found["version"] == LATEST and found["erasures"] == 0 and found["roles"] is not None
    if not usual or POLICY_FILE not in files:
        return None
    approved, declined = found["decided"]
    return StartRead(
        found["person"],
        [(name, role) for name, role in found["roles"]],
        {name: str(files[name]).encode() for name in sorted(files)},
        [(stamp, doc) for stamp, doc in found["briefs"] or []],
        (int(approved), int(declined)),
        int(found["revision"]),
    )
