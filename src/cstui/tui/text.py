"""Show stored data literally and safely: every string from data becomes ``Text``, never
markup, and passes the output gate (:func:`cstui.models.text_gate.shown`) on the way, so
no escape sequence, control byte or bidi override it holds reaches the terminal."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text

from cstui.models.deadline import Due, describe_duration
from cstui.models.text_gate import shown

if TYPE_CHECKING:
    from cstui.models.kinds import Step

OVERDUE_MARK = "!"
WAITING_MARK = "⏸"


def literal(value: object, style: str = "") -> Text:
    """``value`` as plain text: brackets, ``[@click=...]`` and the like stay as typed;
    whatever a terminal could act on is removed."""
    return Text(shown(str(value)), style=style, no_wrap=False)


def safe(value: object) -> str:
    """``value`` as a string fit for the screen (a title, a notification, a cell)."""
    return shown(str(value))


def when(moment: datetime | None, zone: tzinfo, with_time: bool = True) -> str:
    """A moment in the centre's time zone."""
    if moment is None:
        return "—"
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def due_text(due: Due | None, zone: tzinfo) -> Text:
    """The next due date; overdue ones get a ``!`` and how late, as well as colour."""
    if due is None:
        return Text("—")
    label = due.at.astimezone(zone).strftime("%d %b %H:%M")
    if due.overdue_by is not None:
        return Text(
            f"{OVERDUE_MARK} {label}, {describe_duration(due.overdue_by)} late", style="bold red"
        )
    return Text(label)


def step_text(step: Step, waiting: bool) -> Text:
    """A case's step, with a pause mark when waiting on the customer."""
    text = Text(f"{step.number} {step.label}")
    if waiting:
        text.append(f" {WAITING_MARK}", style="yellow")
    return text
