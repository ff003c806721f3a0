"""The team board as the faces show it: one open case a row, the counters along the top,
short ages, flags, and sorting and filtering the rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cstui.models.case import Case, case_number
from cstui.models.deadline import Due
from cstui.models.filter_words import haystacks, words_match
from cstui.models.kinds import Step

OVERDUE_FLAG = "!"
WAITING_FLAG = "⏸"
APPROVAL_FLAG = "$"


@dataclass(frozen=True)
class BoardRow:
    """One open case as the team view shows it."""

    case: Case
    due: Due | None
    age: timedelta
    """Time since the complaint was received."""
    awaiting_approval: bool
    """A refund for this case waits for a team leader's approval."""

    @property
    def overdue(self) -> bool:
        """Past its next deadline."""
        return self.due is not None and self.due.overdue

    @property
    def waiting(self) -> bool:
        """Waiting on the customer."""
        return self.case.waiting

    @property
    def flags(self) -> str:
        """``!`` overdue, ``⏸`` waiting on the customer, ``$`` awaiting approval."""
        return "".join(
            mark
            for mark, on in (
                (OVERDUE_FLAG, self.overdue),
                (WAITING_FLAG, self.waiting),
                (APPROVAL_FLAG, self.awaiting_approval),
            )
            if on
        )


@dataclass(frozen=True)
class Counters:
    """The line along the top of the team view."""

    open: int
    per_step: dict[Step, int]
    overdue: int
    due_today: int
    awaiting_approval: int


def short_age(delta: timedelta) -> str:
    """``3w``, ``12d``, ``5h``, ``40m``: how old, in one short word."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes >= 14 * 24 * 60:
        return f"{minutes // (7 * 24 * 60)}w"
    if minutes >= 24 * 60:
        return f"{minutes // (24 * 60)}d"
    if minutes >= 60:
        return f"{minutes // 60}h"
    return f"{minutes}m"


BOARD_COLUMNS: tuple[str, ...] = (
    "Case",
    "Customer",
    "Category",
    "Step",
    "Owner",
    "Age",
    "Next due",
    "Flags",
)
"""The team view's columns; keys 1 to 8 sort by them."""

_FAR = datetime.max.replace(tzinfo=None)


def _flag_weight(row: BoardRow) -> int:
    return -(4 * row.overdue + 2 * row.awaiting_approval + row.waiting)


SORT_KEYS: tuple[Callable[[BoardRow], object], ...] = (
    lambda r: case_number(r.case.id),
    lambda r: r.case.customer.name.casefold(),
    lambda r: r.case.category.casefold(),
    lambda r: r.case.step.number,
    lambda r: r.case.owner.casefold(),
    lambda r: r.age,
    lambda r: r.due.at.replace(tzinfo=None) if r.due is not None else _FAR,
    _flag_weight,
)
"""A sort key for each of :data:`BOARD_COLUMNS` (flags: most flagged first)."""

DEFAULT_SORT = 6
"""Next due, soonest (most overdue) first."""


def sort_rows(rows: Iterable[BoardRow], column: int, descending: bool = False) -> list[BoardRow]:
    """``rows`` sorted by column ``column`` (0-based); ties by case number."""
    key = SORT_KEYS[column]
    ordered = sorted(rows, key=lambda r: case_number(r.case.id))
    return sorted(ordered, key=key, reverse=descending)  # type: ignore[arg-type]


def _haystacks(row: BoardRow) -> dict[str, str]:
    case = row.case
    step = f"{case.step.value} {case.step.label}"
    return haystacks(case.id, case.customer.name, case.owner, case.category, step, case.summary)


def matches(row: BoardRow, text: str) -> bool:
    """Whether every word of ``text`` is found in the row (see
    :func:`cstui.models.filter_words.words_match`)."""
    return words_match(_haystacks(row), text)


def filter_rows(rows: Iterable[BoardRow], text: str, overdue_only: bool = False) -> list[BoardRow]:
    """The rows matching ``text`` (and overdue, if asked)."""
    return [r for r in rows if (not overdue_only or r.overdue) and matches(r, text)]
