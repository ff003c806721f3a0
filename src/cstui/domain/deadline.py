"""The centre's time zone by name and its public holidays (deadline values live in
:mod:`cstui.models.deadline`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["public_holidays", "zone_named"]


def zone_named(name: str | None) -> tzinfo:
    """The time zone ``name``, or this computer's when none (or an unknown one) is given."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


@cache
def public_holidays(country: str, region: str, year: int) -> frozenset[date]:
    """The public holidays of ``country`` (and its ``region``, if named) in ``year``.

    The ``holidays`` library is imported on first use only, never at start-up. An
    unknown country or region gives the country's holidays, or none.
    """
    if not country:
        return frozenset()
    import holidays

    try:
        found = holidays.country_holidays(country, subdiv=region or None, years=year)
    except NotImplementedError:
        if not region:
            return frozenset()
        return public_holidays(country, "", year)
    return frozenset(found.keys())
