"""Pieces of the trends screen: a sparkline per category, and the figures under them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from cstui.models.policy import Policy
from cstui.models.trends import Trends, figure_rows
from cstui.tui.text import literal

NAME_WIDTH = 20


class CategoryRow(Horizontal):
    """A category's name, its weekly complaints as a sparkline, and the total."""

    def __init__(self, name: str, counts: list[int], *, bold: bool = False) -> None:
        super().__init__(classes="trend-row")
        self.category = name
        self.counts = counts
        self.bold = bold

    def compose(self) -> ComposeResult:
        name = literal(self.category, "bold" if self.bold else "")
        name.truncate(NAME_WIDTH, overflow="ellipsis")
        yield Static(name, classes="trend-name")
        yield Sparkline([float(c) for c in self.counts], classes="trend-spark")
        yield Static(Text(str(sum(self.counts)), justify="right"), classes="trend-total")


class CategorySparks(Vertical):
    """One row per category, with every complaint together on top."""

    def show(self, per_week: dict[str, list[int]]) -> None:
        """Replace the rows with ``per_week`` (category to weekly counts)."""
        self.remove_children()
        weeks = len(next(iter(per_week.values()), []))
        every = [sum(counts[i] for counts in per_week.values()) for i in range(weeks)]
        rows = [CategoryRow("All complaints", every, bold=True)]
        rows += [CategoryRow(name, counts) for name, counts in per_week.items()]
        self.mount_all(rows)


def figures_text(found: Trends, policy: Policy) -> Text:
    """The figures under the sparklines: what, then the value, one per line."""
    text = Text()
    text.append("Sparklines: complaints received each week, oldest on the left.\n", style="dim")
    for what, value in figure_rows(found, policy):
        text.append(f"{what}: ", style="bold")
        text.append_text(literal(value))
        text.append("\n")
    text.rstrip()
    return text
