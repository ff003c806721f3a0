"""Guidance beside a case (what to do, say and record at its step) and the tip of the day."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from cstui.content.daily_tip import TipText, shipped_tip_of_the_day
from cstui.errors import CstuiError
from cstui.models.kinds import Step
from cstui.tui.text import literal

if TYPE_CHECKING:  # the content models load with the guidance, on first use
    from cstui.services.guidance import GuidanceService, StepHelp
    from cstui.tui.app import CstuiApp
    from cstui.workspace import Workspace

WIDE = 100
"""Terminals at least this many columns wide show the panel from the start."""


def load_guidance(widget: Widget) -> GuidanceService | None:
    """The workspace's guidance (loaded on first use); new content warnings become toasts.

    None, with an error toast, if the shipped content itself cannot be read.
    """
    workspace: Workspace = cast("CstuiApp", widget.app).workspace
    before = len(workspace.warnings)
    try:
        service = workspace.guidance
    except CstuiError as exc:
        widget.notify(str(exc), severity="error", markup=False, timeout=10)
        return None
    for warning in workspace.warnings[before:]:
        widget.notify(warning, severity="warning", markup=False, timeout=10)
    return service


def _heading(text: Text, title: str) -> None:
    text.append(f"\n{title}\n", style="bold")


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
    for phrase in guide.guidance.say:
        text.append("• ")
        text.append_text(literal(f"“{phrase}”", "italic"))
        text.append("\n")
    _heading(text, "Record")
    for line in guide.guidance.record.values():
        text.append("• ")
        text.append_text(literal(line))
        text.append("\n")
    if guide.tips:
        _heading(text, "Tips")
        for tip in guide.tips:
            text.append("• ")
            text.append_text(literal(tip.title, "bold"))
            text.append(": ")
            text.append_text(literal(tip.body))
            text.append("\n")
    return text


class GuidancePanel(VerticalScroll):
    """The current step's guidance, beside the step form; f2 shows or hides it."""

    can_focus = False

    def compose(self) -> ComposeResult:
        yield Static(id="guidance-text")

    def on_mount(self) -> None:
        self.display = self.app.size.width >= WIDE

    def show_step(self, step: Step) -> None:
        """Show the guidance of ``step``."""
        service = load_guidance(self)
        guide = service.step_help(step) if service is not None else None
        self.query_one("#guidance-text", Static).update(step_help_text(step, guide))
        self.scroll_home(animate=False)

    def toggle(self) -> bool:
        """Show it if hidden, hide it if shown; True when now shown."""
        self.display = not self.display
        return bool(self.display)

    @property
    def text(self) -> str:
        """What the panel says, as plain text."""
        rendered = self.query_one("#guidance-text", Static).render()
        return str(getattr(rendered, "plain", rendered))


def tip_line(tip: TipText | None) -> Text:
    """``Tip of the day: <title>: <tip>`` on one line (cut with … if long)."""
    if tip is None:
        return Text("")
    text = Text.assemble(("Tip of the day: ", "bold"))
    text.append_text(literal(tip.title, "bold"))
    text.append(" — ")
    text.append_text(literal(tip.body))
    return text


class TipOfTheDay(Static):
    """One line at the top of the home screen; ``t`` opens every tip."""

    line: Text = Text("")

    def on_mount(self) -> None:
        workspace: Workspace = cast("CstuiApp", self.app).workspace
        today = workspace.clock().astimezone(workspace.zone).date()
        # Read cheaply at start; the content library decides when it may differ.
        tip: TipText | None = shipped_tip_of_the_day(workspace.settings.data_dir, today)
        if tip is None:
            service = load_guidance(self)
            if service is None:
                return
            tip = service.tip_of_the_day(today)
        self.line = tip_line(tip)
        self.update(self.line)

    def render(self) -> Text:
        """The line, cut with an ellipsis to the width there is."""
        shown = self.line.copy()
        shown.truncate(max(self.content_size.width, 1), overflow="ellipsis")
        return shown
