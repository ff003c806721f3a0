"""The analysis of complaints as a table: one complaint a row, its headers, counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from cstui.models.kinds import Step


class AnalysisRow(NamedTuple):
    """One complaint in the analysis table (a tuple, as :class:`ComplaintFacts` is: the
    same fields but the first)."""

    received: date
    case_id: str
    complaint: str
    made_by: str
    directed_at: str
    category: str
    step: Step
    outcome: str


ANALYSIS_HEADERS: tuple[str, ...] = (
    "Date",
    "Case",
    "Complaint",
    "Complaint made by",
    "Complaint directed at",
    "Category",
    "Outcome",
)


def count_by(
    rows: Iterable[AnalysisRow], key: Callable[[AnalysisRow], str]
) -> list[tuple[str, int]]:
    """How many rows for each value of ``key``, most first (ties in first-seen order)."""
    counts = Counter(key(r) for r in rows)
    return sorted(counts.items(), key=lambda item: -item[1])
