"""Deadlines as values: which promise, when, how late (worked out by :mod:`cstui.domain.due`).

Nothing here needs the cases, so a list of open cases can be shown from stored
summaries alone (see :mod:`cstui.models.brief`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class DueKind(StrEnum):
    """Which promise a due date belongs to."""

    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"
    FOLLOW_UP = "follow-up"


@dataclass(frozen=True)
class Due:
    """The next deadline of a case and how it stands against ``now``."""

    kind: DueKind
    at: datetime
    overdue_by: timedelta | None
    """How late it is, or None when not yet due."""
    delay_notice_due: bool = False
    """The final response will soon be late and no delay notice has been sent yet."""

    @property
    def overdue(self) -> bool:
        """Past the deadline."""
        return self.overdue_by is not None

    @classmethod
    def against(
        cls, kind: DueKind, at: datetime, now: datetime, notice_from: datetime | None = None
    ) -> Due:
        """The deadline ``at`` as it stands at ``now``; ``notice_from``: when a delay notice
        becomes due (None: none is to be sent)."""
        notice = notice_from is not None and now >= notice_from
        return cls(kind, at, now - at if now > at else None, notice)


def iso(moment: datetime) -> str:
    """A moment as stored case documents write it: ISO 8601, ``Z`` for UTC."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def describe_duration(delta: timedelta) -> str:
    """A short human duration: 3d 4h, 5h 10m, 12m."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {mins}m"
    return f"{mins}m"
