"""Signed-in browser sessions, and the slowing down of failed sign-ins.

A session is a random token held in an HttpOnly cookie; the person, their role and (on a
PostgreSQL store) their password stay in the server's memory, keyed by that token, and
nothing the browser sends afterwards changes them. A session ends on sign-out or after
the policy's idle time, and its app processes end with it.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from cstui.web.handover import Identity

T = TypeVar("T")
TOKEN_BYTES = 32
MAX_PROCESSES = 4
"""App processes (browser tabs) one session may have running at once."""
FREE_TRIES = 3
"""Wrong passphrases in a row (per name, and per address) before each try waits."""
FIRST_DELAY = 1.0
"""Seconds every wrong passphrase costs."""
MAX_DELAY = 60.0
"""The longest a try waits (the wait doubles with each wrong try past the free ones)."""


@dataclass(eq=False)
class Session:
    """One signed-in person in one browser."""

    token: str
    identity: Identity
    leader: bool
    last_seen: float
    processes: set[Ending] = field(default_factory=set)

    @property
    def person(self) -> str:
        """Who signed in."""
        return self.identity.user

    def touch(self, now: float) -> None:
        """The browser did something: the idle time starts again."""
        self.last_seen = now


class Ending:
    """Something that ends with its session (an app process and its page connection)."""

    def __init__(self, stop: Callable[[], object]) -> None:
        self.stop = stop


class SessionBook:
    """The sessions now signed in, by token."""

    def __init__(self, idle_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._sessions: dict[str, Session] = {}

    def open(self, identity: Identity, leader: bool) -> Session:
        """A new session for ``identity`` (a fresh token: none is ever reused)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        session = Session(token, identity, leader, self.clock())
        self._sessions[token] = session
        return session

    def find(self, token: str | None) -> Session | None:
        """The live session of ``token``, if any (compared in constant time)."""
        if not token:
            return None
        now = self.clock()
        for known, session in self._sessions.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                if now - session.last_seen > self.idle_seconds:
                    return None
                return session
        return None

    def close(self, session: Session) -> None:
        """End ``session``: its token no longer works and its processes are stopped."""
        self._sessions.pop(session.token, None)
        for ending in list(session.processes):
            ending.stop()
        session.processes.clear()
        session.identity = Identity("", "", "")

    def idle(self) -> Iterator[Session]:
        """The sessions idle for longer than the idle time."""
        now = self.clock()
        return iter([s for s in self._sessions.values() if now - s.last_seen > self.idle_seconds])

    def every(self) -> list[Session]:
        """Every live session."""
        return list(self._sessions.values())

    def __len__(self) -> int:
        return len(self._sessions)


@dataclass
class Tries:
    """Wrong tries in a row for one name or address, and when the next may be checked."""

    failures: int = 0
    not_before: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Throttle:
    """Slows down guessing: each wrong passphrase costs :data:`FIRST_DELAY`, and after
    :data:`FREE_TRIES` wrong ones in a row for a name or from an address, each further
    try waits twice as long as the one before (at most :data:`MAX_DELAY`). Tries for the
    same name or from the same address are checked one at a time."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._tries: dict[str, Tries] = {}

    def _of(self, key: str) -> Tries:
        if len(self._tries) > 10_000:  # forget quiet keys rather than grow without end
            now = self.clock()
            self._tries = {k: t for k, t in self._tries.items() if t.not_before > now}
        return self._tries.setdefault(key, Tries())

    async def attempt(self, keys: tuple[str, ...], check: Callable[[], Awaitable[T]]) -> T:
        """Run ``check`` once every key's wait is over."""
        tries = [self._of(key) for key in keys]
        for t in tries:
            await t.lock.acquire()
        try:
            wait = max(t.not_before for t in tries) - self.clock()
            if wait > 0:
                await asyncio.sleep(wait)
            return await check()
        finally:
            for t in reversed(tries):
                t.lock.release()

    def failed(self, keys: tuple[str, ...]) -> float:
        """Note a wrong try; the seconds the next try for these keys will wait."""
        delay = 0.0
        for key in keys:
            tries = self._of(key)
            tries.failures += 1
            extra = max(tries.failures - FREE_TRIES, 0)
            delay = max(delay, min(FIRST_DELAY * 2**extra, MAX_DELAY))
            tries.not_before = self.clock() + delay
        return delay

    def succeeded(self, keys: tuple[str, ...]) -> None:
        """A right passphrase: the name's count starts again (the address's is kept)."""
        name = keys[0]
        self._tries.pop(name, None)
