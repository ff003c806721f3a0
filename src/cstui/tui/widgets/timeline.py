"""The six steps of a case: done (who, when), current, or still to come."""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text
from textual.widgets import Static

from cstui.models.case import Case
from cstui.models.kinds import PROCEDURE, Step
from cstui.tui.text import when

DONE, CURRENT, TODO = "✓", "▶", "·"


def timeline_text(case: Case, zone: tzinfo) -> Text:
    """One line per step, plus a closing line once the case is closed."""
    text = Text()
    for step in PROCEDURE:
        record = case.completed(step)
        if record is None and step.number < case.step.number:
            record = case.latest(step)  # done in an earlier cycle, before a reopening
        if record is not None:
            text.append(f"{DONE} {step.number} {step.label}\n", style="green")
            text.append(f"    {record.actor}, {when(record.at, zone)}\n", style="dim")
        elif step is case.step:
            text.append(f"{CURRENT} {step.number} {step.label}\n", style="bold reverse")
        else:
            text.append(f"{TODO} {step.number} {step.label}\n", style="dim")
    if case.step is Step.CLOSED:
        text.append(f"{DONE} Closed {when(case.closed_at, zone)}\n", style="bold green")
    return text


class StepTimeline(Static):
    """Where the case stands in the procedure."""

    def show(self, case: Case, zone: tzinfo) -> None:
        """Draw the timeline for ``case``."""
        self.update(timeline_text(case, zone))
