"""The My performance tab: the person's own cases against the charter."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TabPane

from cstui.tui.widgets.skills_views import performance_note


class PerformanceTab(TabPane):
    """The person's own cases against the charter."""

    def __init__(self) -> None:
        super().__init__("My performance", id="tab-performance")

    def compose(self) -> ComposeResult:
        yield VerticalScroll(
            Static(id="performance-title", classes="skills-subtitle"),
            Static(id="performance-view"),
            Static(id="performance-note"),
            id="performance-scroll",
        )

    def show(self, owner: str, figures: RenderableType) -> None:
        """Show ``owner``'s ``figures`` (a table), with how to read them."""
        self.query_one("#performance-title", Static).update(
            Text(f"My cases ({owner}) against the charter", style="bold")
        )
        self.query_one("#performance-view", Static).update(figures)
        self.query_one("#performance-note", Static).update(performance_note())
