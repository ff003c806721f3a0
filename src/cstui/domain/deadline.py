"""The centre's time zone by name (deadline values live in :mod:`cstui.models.deadline`)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["zone_named"]


def zone_named(name: str | None) -> tzinfo:
    """The time zone ``name``, or this computer's when none (or an unknown one) is given."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC
