"""Sessions end after the idle time; wrong passphrases slow the next tries down."""

from __future__ import annotations

import asyncio

from cstui.web.handover import Identity, open_handover, read_handover
from cstui.web.sessions import FIRST_DELAY, FREE_TRIES, MAX_DELAY, SessionBook, Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_session_ends_after_the_idle_time_and_on_close() -> None:
    clock = Clock()
    book = SessionBook(idle_seconds=60, clock=clock)
    amir = book.open(Identity("/data", "amir", "cstui"), leader=False)
    stopped: list[str] = []
    from cstui.web.sessions import Ending

    amir.processes.add(Ending(lambda: stopped.append("app")))
    clock.now += 59
    assert book.find(amir.token) is amir
    amir.touch(clock())
    clock.now += 59
    assert book.find(amir.token) is amir and list(book.idle()) == []
    clock.now += 2
    assert book.find(amir.token) is None
    assert list(book.idle()) == [amir]
    book.close(amir)
    assert stopped == ["app"] and len(book) == 0
    assert book.find(amir.token) is None and book.find("") is None


def test_each_session_has_its_own_unguessable_token() -> None:
    book = SessionBook(idle_seconds=60)
    tokens = {book.open(Identity("/d", "amir", "cstui"), False).token for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= 40 for t in tokens)


def test_wrong_tries_slow_down_the_next_ones() -> None:
    clock = Clock()
    throttle = Throttle(clock)
    keys = ("name:amir", "address:10.0.0.9")
    delays = [throttle.failed(keys) for _ in range(FREE_TRIES + 8)]
    assert delays[:FREE_TRIES] == [FIRST_DELAY] * FREE_TRIES
    assert delays[FREE_TRIES] == 2 * FIRST_DELAY
    assert delays[-1] == MAX_DELAY and delays == sorted(delays)
    throttle.succeeded(keys)  # the name starts again; the address keeps its count
    assert throttle.failed(("name:amir", "address:10.0.0.10")) == FIRST_DELAY
    assert throttle.failed(("name:bob", "address:10.0.0.9")) == MAX_DELAY


def test_a_try_waits_until_the_last_wrong_ones_wait_is_over() -> None:
    throttle = Throttle()
    keys = ("name:amir", "address:x")
    for _ in range(FREE_TRIES):
        throttle.failed(keys)

    async def timed() -> float:
        loop = asyncio.get_running_loop()
        started = loop.time()

        async def check() -> None:
            return None

        await throttle.attempt(keys, check)
        return loop.time() - started

    assert asyncio.run(timed()) >= FIRST_DELAY * 0.9


def test_the_identity_goes_through_the_pipe_whole() -> None:
    sent = Identity("/data", "amir", "cstui", "postgresql://db/centre", "s3cret", wall=True)
    assert read_handover(open_handover(sent)) == sent
    assert "s3cret" not in repr(sent)
