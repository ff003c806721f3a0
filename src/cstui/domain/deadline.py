"""The centre's time zone by name; the deadline value types live in
:mod:`cstui.models.deadline` (re-exported here for the modules that import them from here)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cstui.models.deadline import Due, DueKind, describe_duration, iso

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
