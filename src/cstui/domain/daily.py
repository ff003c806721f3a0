"""What changes once a day: the same pick all day, the next one tomorrow. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

T = TypeVar("T")


def of_the_day(items: Sequence[T], day: date) -> T | None:
    """The item for ``day``: the same all day, the next one tomorrow (None if no items)."""
    if not items:
        return None
    return items[day.toordinal() % len(items)]
