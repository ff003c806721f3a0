"""The clock every test uses: it moves only when told to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FixedClock:
    """A clock that only moves when told to; call it for the current moment."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock on by ``timedelta(**delta)``; return the new moment."""
        self.now += timedelta(**delta)
        return self.now

    def set(self, moment: datetime) -> None:
        """Put the clock at ``moment``."""
        self.now = moment


MONDAY_IN_MARCH = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""Monday 2 March 2026, 10:00 UTC."""

MONDAY_IN_NOVEMBER = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
"""Monday 23 November 2026, 10:00 UTC: a case logged then is to be acknowledged by Tuesday
24th, 17:00, and resolved by 23 December."""
