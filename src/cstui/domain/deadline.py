"""Deadlines as the faces show them: which promise, when, how late.

Nothing here needs the models, so a list of open cases can be shown from stored
summaries alone (see :mod:`cstui.models.brief`). The values themselves live in
:mod:`cstui.models.deadline`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cstui.models.deadline import Due, DueKind, iso

__all__ = ["Due", "DueKind", "describe_duration", "iso", "zone_named"]


def zone_named(name: str | None) -> tzinfo:
    """The time zone ``name``, or this computer's when none (or an unknown one) is given."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


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
