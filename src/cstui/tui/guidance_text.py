"""The guidance panel's text for a step: do, say, record and the tips that apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from cstui.models.kinds import Step
from cstui.tui.text import literal

if TYPE_CHECKING:  # the content models load with the guidance, on first use
    from cstui.services.guidance import StepHelp


def _heading(text: Text, title: str) -> None:
    text.append(f"\n{title}\n", style="bold")


def _bullets(text: Text, lines: list[Text]) -> None:
    for line in lines:
        text.append("• ")
        text.append_text(line)
        text.append("\n")


def step_help_text(step: Step, guide: StepHelp | None) -> Text:
    """The panel's text for ``step``: do, say, record and the tips that apply."""
    if step is Step.CLOSED or guide is None:
        text = Text.assemble(("Guidance\n", "bold"))
        text.append("The case is closed. ctrl+o reopens it, with a reason.")
        return text
    text = Text.assemble((f"Guidance: {step.label}\n", "bold"))
    _heading(text, "Do")
    text.append_text(literal(guide.guidance.do))
    text.append("\n")
    _heading(text, "Say")
    _bullets(text, [literal(f"“{phrase}”", "italic") for phrase in guide.guidance.say])
    _heading(text, "Record")
    _bullets(text, [literal(line) for line in guide.guidance.record.values()])
    if guide.tips:
        _heading(text, "Tips")
        tips = []
        for tip in guide.tips:
            line = Text()
            line.append_text(literal(tip.title, "bold"))
            line.append(": ")
            line.append_text(literal(tip.body))
            tips.append(line)
        _bullets(text, tips)
    return text
