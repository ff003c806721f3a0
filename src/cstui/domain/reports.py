"""What a team leader looks at: the open cases at a glance, the monthly analysis, trends.

Pure functions over cases, the policy and a moment; nothing here reads the store.

- **Team board**: every open case with its next due date, age and flags (overdue,
  waiting on the customer, a refund awaiting approval), counters, filtering and sorting.
- **Analysis of complaints**: the complaints log's table (Date / Complaint / Complaint
  made by / Complaint directed at) with the category and the outcome.
- **Trends** over the last N weeks (rolling weeks ending now): complaints received per
  week by category; median time to acknowledge and to resolve against the policy's
  targets and the share done on time (as in :mod:`cstui.domain.performance`);
  satisfaction at follow-up; how long complaints took to close; who or what
  complaints were most often directed at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from cstui.domain.deadline import Due, describe_duration
from cstui.domain.due import next_due
from cstui.domain.performance import Timing, WindowFigures, percent, window_figures
from cstui.domain.register import imported_outcome
from cstui.models.case import Case, case_number
from cstui.models.kinds import PROCEDURE, Step
from cstui.models.policy import Policy
from cstui.models.report_facts import AnalysisRow as AnalysisRow
from cstui.models.report_facts import ComplaintFacts as ComplaintFacts
from cstui.models.steps import FollowUpData, SolveData

OVERDUE_FLAG = "!"
WAITING_FLAG = "⏸"
APPROVAL_FLAG = "$"

TOP_DIRECTED_AT = 5
"""How many "directed at" targets the trends list."""


# -- the team board -----------------------------------------------------------------------


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


def board(
    cases: Iterable[Case], policy: Policy, now: datetime, awaiting: Collection[str] = ()
) -> list[BoardRow]:
    """The open cases among ``cases`` as rows; ``awaiting`` holds ids awaiting approval."""
    return [
        BoardRow(c, next_due(c, policy, now), now - c.created_at, c.id in awaiting)
        for c in cases
        if c.is_open
    ]


def is_due_today(row: BoardRow, now: datetime, zone: tzinfo) -> bool:
    """Due later today (in the centre's zone), and not overdue yet."""
    return (
        row.due is not None
        and not row.due.overdue
        and row.due.at.astimezone(zone).date() == now.astimezone(zone).date()
    )


def counters(rows: Sequence[BoardRow], now: datetime, zone: tzinfo) -> Counters:
    """Open per step, overdue, due today, awaiting approval."""
    per_step = {step: 0 for step in PROCEDURE}
    for row in rows:
        per_step[row.case.step] = per_step.get(row.case.step, 0) + 1
    return Counters(
        open=len(rows),
        per_step=per_step,
        overdue=sum(1 for r in rows if r.overdue),
        due_today=sum(1 for r in rows if is_due_today(r, now, zone)),
        awaiting_approval=sum(1 for r in rows if r.awaiting_approval),
    )


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


FILTER_FIELDS: dict[str, str] = {
    "owner": "owner",
    "cat": "category",
    "category": "category",
    "step": "step",
    "id": "id",
    "customer": "customer",
}
"""Prefixes that narrow a filter word to one field: ``owner:bob``, ``step:solve``."""


def _haystacks(row: BoardRow) -> dict[str, str]:
    case = row.case
    return {
        "id": case.id.casefold(),
        "customer": case.customer.name.casefold(),
        "owner": case.owner.casefold(),
        "category": case.category.casefold(),
        "step": f"{case.step.value} {case.step.label}".casefold(),
        "summary": case.summary.casefold(),
    }


def matches(row: BoardRow, text: str) -> bool:
    """Whether every word of ``text`` is found in the row.

    A bare word is looked for in the id, customer, owner, category, step and summary;
    ``owner:bob``, ``cat:billing``, ``step:solve``, ``id:``, ``customer:`` look in one field.
    """
    hay = _haystacks(row)
    for word in text.casefold().split():
        prefix, colon, wanted = word.partition(":")
        if colon and prefix in FILTER_FIELDS:
            if wanted and wanted not in hay[FILTER_FIELDS[prefix]]:
                return False
        elif not any(word in value for value in hay.values()):
            return False
    return True


def filter_rows(rows: Iterable[BoardRow], text: str, overdue_only: bool = False) -> list[BoardRow]:
    """The rows matching ``text`` (and overdue, if asked)."""
    return [r for r in rows if (not overdue_only or r.overdue) and matches(r, text)]


# -- the analysis of complaints -----------------------------------------------------------


ANALYSIS_HEADERS: tuple[str, ...] = (
    "Date",
    "Case",
    "Complaint",
    "Complaint made by",
    "Complaint directed at",
    "Category",
    "Outcome",
)


def closed_outcome(case: Case) -> str:
    """What was decided and how the customer took it: ``Refund; customer satisfied``."""
    parts: list[str] = []
    solve = case.completed(Step.SOLVE)
    if solve is not None and isinstance(solve.data, SolveData):
        parts.append(solve.data.action)
    follow = case.completed(Step.FOLLOW_UP)
    if follow is not None and isinstance(follow.data, FollowUpData):
        data = follow.data
        if data.satisfied:
            parts.append("customer satisfied")
        elif data.internal_review:
            parts.append("not satisfied: internal review")
        else:
            parts.append(f"not satisfied: referred to {data.referral_body}")
    imported = imported_outcome(case)
    if imported:
        parts.append(imported)
    return " ".join("; ".join(parts).split())


def outcome_text(case: Case) -> str:
    """Where the complaint ended up: its step, the action decided, the customer's answer."""
    if case.is_open:
        text = f"Open at {case.step.label}"
        solve = case.completed(Step.SOLVE)
        if solve is not None and isinstance(solve.data, SolveData):
            text += f"; action: {solve.data.action}"
        text += "; waiting on the customer" if case.waiting else ""
        return " ".join(text.split())
    closed = closed_outcome(case)
    return f"Closed: {closed}" if closed else "Closed"


def complaint_facts(case: Case) -> ComplaintFacts:
    """What the analysis needs of ``case``."""
    return ComplaintFacts(
        created_at=case.created_at,
        case_id=case.id,
        complaint=case.summary,
        made_by=case.made_by_label(),
        directed_at=case.directed_at,
        category=case.category,
        step=case.step,
        outcome=outcome_text(case),
    )


def received_day(moment: datetime, zone: tzinfo) -> date:
    """The day ``moment`` falls on in ``zone``."""
    return moment.astimezone(zone).date()


def received_between(case: Case, start: date, end: date, zone: tzinfo) -> bool:
    """Received on a day from ``start`` to ``end`` (inclusive) in ``zone``."""
    return start <= received_day(case.created_at, zone) <= end


def analysis_of(
    facts: Iterable[ComplaintFacts], start: date, end: date, zone: tzinfo
) -> list[AnalysisRow]:
    """The complaints received from ``start`` to ``end``, oldest first (ties by number)."""
    days = ((received_day(f.created_at, zone), f) for f in facts)
    chosen = sorted(
        ((day, f) for day, f in days if start <= day <= end),
        key=lambda pair: (pair[1].created_at, case_number(pair[1].case_id)),
    )
    return [f.row(day) for day, f in chosen]


def analysis(cases: Iterable[Case], start: date, end: date, zone: tzinfo) -> list[AnalysisRow]:
    """The complaints among ``cases`` received from ``start`` to ``end``, oldest first."""
    chosen = (complaint_facts(c) for c in cases if received_between(c, start, end, zone))
    return analysis_of(chosen, start, end, zone)


def count_by(
    rows: Iterable[AnalysisRow], key: Callable[[AnalysisRow], str]
) -> list[tuple[str, int]]:
    """How many rows for each value of ``key``, most first (ties in first-seen order)."""
    counts = Counter(key(r) for r in rows)
    return sorted(counts.items(), key=lambda item: -item[1])


# -- trends -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CloseTimes:
    """How long complaints received in the window took to close."""

    within_4_weeks: int
    from_4_to_8_weeks: int
    over_8_weeks: int
    still_open: int


@dataclass(frozen=True)
class Trends:
    """Everything the trends screen and ``cstui report trends`` show."""

    weeks: int
    since: datetime
    until: datetime
    week_starts: list[datetime]
    """The start of each rolling week, oldest first; the last one ends at ``until``."""
    per_week: dict[str, list[int]]
    """Complaints received each week, by category (the policy's categories first)."""
    received: int
    figures: WindowFigures
    close_times: CloseTimes
    directed_at: list[tuple[str, int]]
    """The most frequent "directed at" targets, most first."""


def week_starts(now: datetime, weeks: int) -> list[datetime]:
    """The starts of the last ``weeks`` rolling weeks ending at ``now``, oldest first."""
    return [now - timedelta(weeks=weeks - i) for i in range(weeks)]


def weekly_counts(
    cases: Iterable[Case], categories: Sequence[str], now: datetime, weeks: int
) -> dict[str, list[int]]:
    """Complaints received in each of the last ``weeks`` weeks, per category.

    Every category of ``categories`` is listed (zeros included), then any other
    category found on a case, in alphabetical order.
    """
    since = now - timedelta(weeks=weeks)
    per_week: dict[str, list[int]] = {c: [0] * weeks for c in categories}
    extra: dict[str, list[int]] = {}
    for case in cases:
        if not since <= case.created_at <= now:
            continue
        index = min(int((case.created_at - since) / timedelta(weeks=1)), weeks - 1)
        bucket = per_week.get(case.category)
        if bucket is None:
            bucket = extra.setdefault(case.category, [0] * weeks)
        bucket[index] += 1
    return {**per_week, **dict(sorted(extra.items()))}


def close_times(cases: Iterable[Case]) -> CloseTimes:
    """Closed within 4 weeks of receipt, in 4 to 8 weeks, after more than 8, or still open."""
    within = middle = over = still_open = 0
    for case in cases:
        if case.is_open or case.closed_at is None:
            still_open += 1
            continue
        taken = case.closed_at - case.created_at
        if taken <= timedelta(weeks=4):
            within += 1
        elif taken <= timedelta(weeks=8):
            middle += 1
        else:
            over += 1
    return CloseTimes(within, middle, over, still_open)


def top_directed_at(cases: Iterable[Case], limit: int = TOP_DIRECTED_AT) -> list[tuple[str, int]]:
    """The targets complaints were most often directed at (letter case ignored; the
    first spelling met is shown)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for case in cases:
        name = " ".join(case.directed_at.split())
        if not name:
            continue
        key = name.casefold()
        spelling.setdefault(key, name)
        counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(spelling[key], count) for key, count in ranked[:limit]]


def _timed(case: Case) -> bool:
    """Whether the case's steps were worked here (not closed before it was imported)."""
    return not (
        case.import_key is not None and case.closed_at is not None and len(case.records) < 2
    )


def trends(cases: Iterable[Case], policy: Policy, now: datetime, weeks: int = 12) -> Trends:
    """The trends of the last ``weeks`` weeks before ``now``."""
    every = sorted(cases, key=lambda c: (c.created_at, case_number(c.id)))
    since = now - timedelta(weeks=weeks)
    recent = [c for c in every if since <= c.created_at <= now]
    return Trends(
        weeks=weeks,
        since=since,
        until=now,
        week_starts=week_starts(now, weeks),
        per_week=weekly_counts(every, policy.categories, now, weeks),
        received=len(recent),
        figures=window_figures([c for c in every if _timed(c)], policy, now, weeks),
        close_times=close_times(recent),
        directed_at=top_directed_at(recent),
    )


def target_texts(policy: Policy) -> tuple[str, str]:
    """The acknowledge and resolve targets in words."""
    ack = policy.targets.acknowledge_business_days
    days = policy.targets.resolve_calendar_days
    return (
        f"within {ack} business day{'s' if ack != 1 else ''}",
        f"within {days} day{'s' if days != 1 else ''}, waiting on the customer not counted",
    )


def _timing_words(timing: Timing, target: str, done_word: str) -> str:
    median = "—" if timing.median is None else describe_duration(timing.median)
    counted = timing.on_time + timing.late
    share = (
        "nothing to count yet"
        if counted == 0
        else f"{percent(timing.share_on_time)} {done_word} ({timing.on_time} of {counted})"
    )
    return f"median {median}; {share}; target {target}"


def figure_rows(found: Trends, policy: Policy) -> list[tuple[str, str]]:
    """The trends' figures as (what, value) lines, for the terminal and the TUI."""
    ack_target, resolve_target = target_texts(policy)
    figures, close = found.figures, found.close_times
    satisfied = (
        f"{percent(figures.share_satisfied)} ({figures.satisfied} of {figures.followed_up})"
        if figures.followed_up
        else "no follow-ups yet"
    )
    rows = [
        ("Time to acknowledge", _timing_words(figures.acknowledge, ack_target, "on time")),
        ("Time to resolve", _timing_words(figures.resolve, resolve_target, "within target")),
        ("Satisfied at follow-up", satisfied),
        (
            "Closed",
            f"within 4 weeks {close.within_4_weeks} · 4–8 weeks {close.from_4_to_8_weeks} · "
            f"over 8 weeks {close.over_8_weeks} · still open {close.still_open}",
        ),
    ]
    if found.directed_at:
        top = ", ".join(f"{name} ({n})" for name, n in found.directed_at)
        rows.append(("Most often directed at", top))
    return rows
