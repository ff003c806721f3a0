"""The clock every test uses: it moves only when told to."""

from __future__ import annotations

from datetime import datetime, timedelta


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
