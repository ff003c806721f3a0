"""Self-assessment scores: points per rating, a factor's score, how far an assessment has
got, and a score trend as a sparkline (see :mod:`cstui.domain.skills` for the rules).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cstui.models.skills import Assessment, Rating, SelfAssessment

POINTS: dict[Rating, int] = {Rating.WELL: 100, Rating.ADEQUATE: 50, Rating.BETTER: 0}
"""Points per rating; not applicable scores nothing and is left out of the mean."""

GAP_WINDOW = 3
"""Persistent gaps look at this many most recent completed assessments..."""
GAP_TIMES = 2
"""...and need a ``could do better`` in at least this many of them."""

SPARK_BARS = "▁▂▃▄▅▆▇█"


def _round(value: float) -> int:
    """Round half up (50.5 -> 51), unlike Python's round-half-even."""
    return int(value + 0.5)


def factor_score(content: SelfAssessment, ratings: Mapping[str, Rating], factor: str) -> int | None:
    """The factor's score, 0 to 100; None when none of its statements counts."""
    points = [
        POINTS[rating]
        for s in content.statements_of(factor)
        if (rating := ratings.get(s.id)) is not None and rating in POINTS
    ]
    if not points:
        return None
    return _round(sum(points) / len(points))


def factor_scores(content: SelfAssessment, ratings: Mapping[str, Rating]) -> dict[str, int | None]:
    """Every factor's score, in factor order."""
    return {f.id: factor_score(content, ratings, f.id) for f in content.factors}


def rated(content: SelfAssessment, ratings: Mapping[str, Rating]) -> int:
    """How many of the statements have a rating (not applicable included)."""
    return sum(1 for s in content.statements if s.id in ratings)


def factor_progress(
    content: SelfAssessment, ratings: Mapping[str, Rating]
) -> dict[str, tuple[int, int]]:
    """Per factor: (statements rated, statements in it)."""
    return {
        f.id: (
            sum(1 for s in content.statements_of(f.id) if s.id in ratings),
            len(content.statements_of(f.id)),
        )
        for f in content.factors
    }


def trend(
    content: SelfAssessment, assessments: Sequence[Assessment]
) -> dict[str, list[int | None]]:
    """Per factor, its score in each assessment, oldest first."""
    return {
        f.id: [factor_score(content, a.ratings, f.id) for a in assessments] for f in content.factors
    }


def sparkline(values: Sequence[int | None]) -> str:
    """One bar per score on a fixed 0-100 scale; a space where there is no score."""
    bars = []
    for value in values:
        if value is None:
            bars.append(" ")
        else:
            index = min(len(SPARK_BARS) - 1, max(0, value) * len(SPARK_BARS) // 101)
            bars.append(SPARK_BARS[index])
    return "".join(bars)
