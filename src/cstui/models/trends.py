"""The trends of the last weeks as the faces show them, and their figures in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cstui.models.deadline import describe_duration
from cstui.models.figures import Timing, WindowFigures, percent
from cstui.models.policy import Policy


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
