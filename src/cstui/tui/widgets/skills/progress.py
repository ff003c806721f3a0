"""The Progress tab: scores per factor across assessments, given as text by the screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TabPane


class ProgressTab(TabPane):
    """Scores per factor across assessments, and the persistent gaps."""

    def __init__(self) -> None:
        super().__init__("Progress", id="tab-progress")

    def compose(self) -> ComposeResult:
        yield VerticalScroll(Static(id="progress-view"), id="progress-scroll")

    def show(self, view: Text) -> None:
        """Show the progress ``view``."""
        self.query_one("#progress-view", Static).update(view)
