"""The Learning log tab: what was learnt, and the highlighted entry with its reflection."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabPane

from cstui.models.skills import LearningEntry
from cstui.tui.widgets.skills_views import LearningTable, learning_detail


class LearningTab(TabPane):
    """The learning log; ``l`` (the screen's key) adds to it."""

    def __init__(self) -> None:
        super().__init__("Learning log", id="tab-learning")
        self.entries: list[LearningEntry] = []

    def compose(self) -> ComposeResult:
        yield LearningTable(id="learning-table")
        yield VerticalScroll(Static(id="learning-detail"), classes="skills-detail")

    def show(self, entries: Sequence[LearningEntry]) -> None:
        """Show ``entries``."""
        self.entries = list(entries)
        self.query_one(LearningTable).show(self.entries)
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#learning-detail", Static)
        key = self.query_one(LearningTable).current_key()
        found = next((e for e in self.entries if e.id == key), None)
        if found is None:
            detail.update(
                Text(
                    "Nothing logged yet. Press l after a course, coaching, mentoring, a seminar, "
                    "a book, or watching an experienced colleague deal with customers.",
                    style="dim",
                )
            )
            return
        detail.update(learning_detail(found))

    @on(DataTable.RowHighlighted, "#learning-table")
    def _row_highlighted(self) -> None:
        self._show_detail()
