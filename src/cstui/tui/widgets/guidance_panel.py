"""The guidance beside a case: what to do, say and record at its step.

The panel is given the step (``step``) and asks for that step's guidance by posting
:class:`GuidancePanel.HelpWanted`; the screen reads it off the UI thread and hands the
text back with :meth:`GuidancePanel.show_help`. The panel itself reads nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from cstui.models.kinds import Step

WIDE = 100
"""Terminals at least this many columns wide show the panel from the start."""


class GuidancePanel(VerticalScroll):
    """The current step's guidance, beside the step form; f2 shows or hides it."""

    can_focus = False

    class HelpWanted(Message):
        """The panel now shows ``step`` and needs its guidance."""

        def __init__(self, panel: GuidancePanel, step: Step) -> None:
            super().__init__()
            self.panel = panel
            self.step = step

        @property
        def control(self) -> GuidancePanel:
            """The panel asking."""
            return self.panel

    step: reactive[Step | None] = reactive(None, init=False)
    """The step whose guidance the panel shows (set by the screen)."""

    def compose(self) -> ComposeResult:
        yield Static(id="guidance-text")

    def on_mount(self) -> None:
        self.display = self.app.size.width >= WIDE

    def watch_step(self, step: Step | None) -> None:
        if step is not None:
            self.post_message(self.HelpWanted(self, step))

    def show_help(self, step: Step, text: Text) -> None:
        """Show ``text``, the guidance of ``step`` (ignored if the step has moved on)."""
        if step is not self.step:
            return
        self.query_one("#guidance-text", Static).update(text)
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
