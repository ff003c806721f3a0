"""The charter figures of a window and how they read: medians, shares on time, rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cstui.models.deadline import describe_duration
from cstui.models.policy import Policy

NOTE = (
    "Acknowledged: the Declare step done by close of business on the target day. "
    "Resolved: the Notify step done; time waiting on the customer is left out."
)
"""How to read the figures, shown under them."""


@dataclass(frozen=True)
class Timing:
    """How one step went in a window: how long it took and how many met the target."""

    median: timedelta | None
    """The median time taken, over cycles where the step was done."""
    done: int
    on_time: int
    late: int
    """Done late, or not done and already past the target."""

    @property
    def share_on_time(self) -> float | None:
        """On time out of on time plus late; None when there is nothing to count."""
        counted = self.on_time + self.late
        return None if counted == 0 else self.on_time / counted


@dataclass(frozen=True)
class WindowFigures:
    """The charter figures over the last ``weeks`` weeks."""

    weeks: int
    since: datetime
    cycles: int
    """Cases logged or reopened in the window."""
    acknowledge: Timing
    resolve: Timing
    reopened: int
    followed_up: int
    satisfied: int

    @property
    def share_satisfied(self) -> float | None:
        """Satisfied out of followed up; None when none was followed up."""
        return None if self.followed_up == 0 else self.satisfied / self.followed_up


def percent(share: float | None) -> str:
    """``75%``, or ``—`` when there is nothing to count."""
    return "—" if share is None else f"{int(share * 100 + 0.5)}%"


def _duration(value: timedelta | None) -> str:
    return "—" if value is None else describe_duration(value)


def _counted(timing: Timing) -> str:
    if timing.on_time + timing.late == 0:
        return "—"
    return f"{percent(timing.share_on_time)} ({timing.on_time} of {timing.on_time + timing.late})"


def charter_rows(
    figures: Sequence[WindowFigures], policy: Policy
) -> list[tuple[str, list[str], str]]:
    """The figures as rows to show: (what, a value per window, the policy's target or "")."""
    ack_days = policy.targets.acknowledge_business_days
    resolve_days = policy.targets.resolve_calendar_days
    ack_target = f"within {ack_days} business day{'s' if ack_days != 1 else ''}"
    resolve_target = f"within {resolve_days} days"

    def satisfied(window: WindowFigures) -> str:
        if window.followed_up == 0:
            return "—"
        return f"{percent(window.share_satisfied)} ({window.satisfied} of {window.followed_up})"

    return [
        ("Cases logged or reopened", [str(w.cycles) for w in figures], ""),
        ("Median time to acknowledge", [_duration(w.acknowledge.median) for w in figures], ""),
        ("Acknowledged on time", [_counted(w.acknowledge) for w in figures], ack_target),
        ("Median time to resolve", [_duration(w.resolve.median) for w in figures], ""),
        ("Resolved on time", [_counted(w.resolve) for w in figures], resolve_target),
        ("Reopened", [str(w.reopened) for w in figures], ""),
        ("Satisfied at follow-up", [satisfied(w) for w in figures], ""),
    ]
