"""The self-assessment as pure functions: scores, proposals, gaps, checks.

Scoring
-------
Each rated statement scores ``do well`` 100, ``adequate`` 50, ``could do better`` 0. A
factor's score is the mean over its statements rated one of those three, rounded to a
whole number: 0 to 100. ``not applicable`` and unrated statements are left out, so a
factor with none rated has no score (None), never 0.

Proposals
---------
After rating, the strongest candidates are the statements rated ``do well`` (then
``adequate``), those in the highest-scoring factor first; the weakest are those rated
``could do better`` (then ``adequate``), persistent gaps first, then those in the
lowest-scoring factor. The first three of each are proposed; the person picks.

Persistent gaps
---------------
A statement rated ``could do better`` in at least two of the last three completed
assessments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from cstui.errors import FieldProblem, InputError
from cstui.models.content import Activity, Development, Reading, Suggestions
from cstui.models.skill_scores import GAP_TIMES, GAP_WINDOW, factor_scores
from cstui.models.skills import (
    MAX_PICKS,
    Action,
    ActionPlan,
    ActionStatus,
    Assessment,
    Rating,
    SelfAssessment,
)


@dataclass(frozen=True)
class Gap:
    """A statement rated could do better again and again."""

    statement: str
    times: int
    """In how many of the last assessments it was rated could do better."""
    of: int
    """How many assessments were looked at (up to three)."""


@dataclass(frozen=True)
class Proposal:
    """Ranked candidates; the first three of each are proposed."""

    strengths: list[str]
    improvements: list[str]

    @property
    def proposed_strengths(self) -> list[str]:
        """The three strongest."""
        return self.strengths[:MAX_PICKS]

    @property
    def proposed_improvements(self) -> list[str]:
        """The three weakest."""
        return self.improvements[:MAX_PICKS]


# -- checking what comes in ----------------------------------------------------------------


def parse_rating(value: object) -> Rating | None:
    """``well``, ``adequate``, ``better`` or ``na`` (any case); None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return Rating(value.strip().casefold())
    except ValueError:
        return None


def _naming(field: str, what: str, ids: Sequence[str]) -> list[FieldProblem]:
    """One problem naming ``ids`` (``what: a, b``), or none when there are none."""
    return [FieldProblem(field, f"{what}: {', '.join(ids)}")] if ids else []


def check_ratings(content: SelfAssessment, raw: Mapping[str, object]) -> dict[str, Rating]:
    """Ratings keyed by statement id; InputError naming every unknown id and bad value."""
    known = set(content.ids())
    unknown = sorted(key for key in raw if key not in known)
    bad = sorted(key for key, value in raw.items() if key in known and parse_rating(value) is None)
    choices = ", ".join(r.value for r in Rating)
    problems = _naming("ratings", "unknown statement ids", unknown)
    problems += _naming("ratings", f"not a rating (use {choices}) for", bad)
    if problems:
        raise InputError(problems)
    return _in_statement_order(content, {key: parse_rating(value) for key, value in raw.items()})


def _in_statement_order(
    content: SelfAssessment, ratings: Mapping[str, Rating | None]
) -> dict[str, Rating]:
    return {s.id: r for s in content.statements if (r := ratings.get(s.id)) is not None}


def check_statement(content: SelfAssessment, statement_id: str, field: str = "statement") -> str:
    """A known statement id (surrounding space ignored); InputError otherwise."""
    wanted = statement_id.strip().casefold()
    if content.statement(wanted) is None:
        raise InputError.single(field, f"is not a statement id (like f1.01): {statement_id}")
    return wanted


def _pick_problems(
    content: SelfAssessment, assessment: Assessment, field: str, picked: Sequence[str]
) -> list[FieldProblem]:
    """Too many picks, unknown ids, and ids not rated (or rated n/a) in ``assessment``."""
    problems = [FieldProblem(field, f"pick at most {MAX_PICKS}")] if len(picked) > MAX_PICKS else []
    unknown = [i for i in picked if content.statement(i) is None]
    unrated = [
        i for i in picked if i not in unknown and assessment.ratings.get(i) in (None, Rating.NA)
    ]
    problems += _naming(field, "unknown statement ids", unknown)
    return problems + _naming(field, "not rated in this assessment", unrated)


def check_picks(
    content: SelfAssessment,
    assessment: Assessment,
    strengths: Sequence[str],
    improvements: Sequence[str],
) -> tuple[list[str], list[str]]:
    """Up to three of each, known, rated in ``assessment`` (not n/a), never in both lists."""
    picked = {
        field: list(dict.fromkeys(i.strip().casefold() for i in ids))
        for field, ids in (("strengths", strengths), ("improvements", improvements))
    }
    problems = [
        problem
        for field, ids in picked.items()
        for problem in _pick_problems(content, assessment, field, ids)
    ]
    both = [i for i in picked["strengths"] if i in picked["improvements"]]
    problems += _naming("improvements", "already picked as a strength", both)
    if problems:
        raise InputError(problems)
    return picked["strengths"], picked["improvements"]


def check_links(plan: ActionPlan, development: Development) -> None:
    """Every linked activity and reading exists; InputError naming the unknown ones."""
    problems = []
    activity_ids = {a.id for a in development.activities}
    reading_ids = {r.id for r in development.readings}
    unknown = [a for a in plan.activities if a not in activity_ids]
    if unknown:
        problems.append(FieldProblem("activities", f"unknown activity ids: {', '.join(unknown)}"))
    unknown = [r for r in plan.readings if r not in reading_ids]
    if unknown:
        problems.append(FieldProblem("readings", f"unknown reading ids: {', '.join(unknown)}"))
    if problems:
        raise InputError(problems)


# -- proposals, gaps, actions ---------------------------------------------------------------


def persistent_gaps(content: SelfAssessment, completed: Sequence[Assessment]) -> list[Gap]:
    """Statements rated could do better in >= 2 of the last 3 completed assessments.

    ``completed`` is oldest first. Most frequent first, then in statement order.
    """
    recent = list(completed)[-GAP_WINDOW:]
    gaps = []
    for statement in content.statements:
        times = sum(1 for a in recent if a.ratings.get(statement.id) is Rating.BETTER)
        if times >= GAP_TIMES:
            gaps.append(Gap(statement.id, times, len(recent)))
    order = {sid: index for index, sid in enumerate(content.ids())}
    return sorted(gaps, key=lambda g: (-g.times, order[g.statement]))


def propose(content: SelfAssessment, assessment: Assessment, gaps: Iterable[Gap] = ()) -> Proposal:
    """Rank the strongest and the weakest statements of ``assessment``."""
    scores = factor_scores(content, assessment.ratings)
    gap_times = {g.statement: g.times for g in gaps}
    order = {sid: index for index, sid in enumerate(content.ids())}

    def score_of(sid: str) -> int:
        statement = content.statement(sid)
        score = scores.get(statement.factor) if statement else None
        return 50 if score is None else score

    def with_rating(rating: Rating) -> list[str]:
        return [sid for sid in content.ids() if assessment.ratings.get(sid) is rating]

    well = sorted(with_rating(Rating.WELL), key=lambda s: (-score_of(s), order[s]))
    adequate_high = sorted(with_rating(Rating.ADEQUATE), key=lambda s: (-score_of(s), order[s]))
    better = sorted(
        with_rating(Rating.BETTER), key=lambda s: (-gap_times.get(s, 0), score_of(s), order[s])
    )
    adequate_low = sorted(
        with_rating(Rating.ADEQUATE),
        key=lambda s: (-gap_times.get(s, 0), score_of(s), order[s]),
    )
    return Proposal(strengths=well + adequate_high, improvements=better + adequate_low)


def is_overdue(action: Action, today: date) -> bool:
    """Not done and past its due date."""
    return action.status is not ActionStatus.DONE and action.due < today


def suggestions(content: SelfAssessment, development: Development, statement: str) -> Suggestions:
    """The activities and readings of the statement's themes, in theme order, each once."""
    known = {t.id for t in development.themes}
    themes = [t for t in content.themes_for(statement) if t in known]
    activities: dict[str, Activity] = {}
    readings: dict[str, Reading] = {}
    for theme in themes:
        for activity in development.activities_for(theme):
            activities.setdefault(activity.id, activity)
        for reading in development.readings_for(theme):
            readings.setdefault(reading.id, reading)
    return Suggestions(themes, list(activities.values()), list(readings.values()))
