"""The guidance beside a case: what to do, say and record at its step.

The panel is told the step to show (:meth:`GuidancePanel.show_step`). It shows the text
it was given for that step; lacking it, it posts :class:`GuidancePanel.HelpWanted`, and
the screen reads the guidance off the UI thread and gives the text of every step back
(:meth:`GuidancePanel.give_help`). The panel itself reads nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from cstui.models.kinds import Step

WIDE = 100
"""Terminals at least this many columns wide show the panel from the start."""


class GuidancePanel(VerticalScroll):
    """The current step's guidance, beside the step form; f2 shows or hides it."""

    can_focus = False

    class HelpWanted(Message):
        """The panel is to show ``step`` and has no guidance for it."""

        def __init__(self, panel: GuidancePanel, step: Step) -> None:
            super().__init__()
            self.panel = panel
            self.step = step

        @property
        def control(self) -> GuidancePanel:
            """The panel asking."""
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.step: Step | None = None
        """The step whose guidance the panel shows."""
        self.helps: dict[Step, Text] = {}
        """The text of each step's guidance, as given."""

    def compose(self) -> ComposeResult:
        yield Static(id="guidance-text")

    def on_mount(self) -> None:
        self.display = self.app.size.width >= WIDE

    def show_step(self, step: Step) -> None:
        """Show the guidance of ``step``, or ask for it (``HelpWanted``) if not given yet."""
        self.step = step
        text = self.helps.get(step)
        if text is None:
            self.post_message(self.HelpWanted(self, step))
            return
        self.query_one("#guidance-text", Static).update(text)
        self.scroll_home(animate=False)

    def give_help(self, helps: Mapping[Step, Text]) -> None:
        """Keep the guidance text of these steps; show it if it is the current step's."""
        self.helps.update(helps)
        if self.step is not None and self.step in helps:
            self.show_step(self.step)

    def toggle(self) -> bool:
        """Show it if hidden, hide it if shown; True when now shown."""
        self.display = not self.display
        return bool(self.display)

    @property
    def text(self) -> str:
        """What the panel says, as plain text."""
        rendered = self.query_one("#guidance-text", Static).render()
        return str(getattr(rendered, "plain", rendered))
