"""The Assess tab: one factor's statements with their ratings, and the statement shown.

The list only shows; the screen owns the ratings and handles the keys, which work only
while this list has focus (never while typing in a field).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cstui.models.skills import Factor, Process, Rating, SelfAssessment, Statement

RATING_STYLES: dict[Rating, str] = {
    Rating.WELL: "bold green",
    Rating.ADEQUATE: "cyan",
    Rating.BETTER: "bold yellow",
    Rating.NA: "dim",
}
RATING_SHORT: dict[Rating, str] = {
    Rating.WELL: "well",
    Rating.ADEQUATE: "adequate",
    Rating.BETTER: "better",
    Rating.NA: "n/a",
}
UNRATED = "·"
RATING_WIDTH = 9


def rating_text(rating: Rating | None, long: bool = False) -> Text:
    """A rating in words and its colour; a dot when not rated yet."""
    if rating is None:
        return Text("not rated yet" if long else UNRATED, style="dim")
    return Text(rating.label if long else RATING_SHORT[rating], style=RATING_STYLES[rating])


def statement_line(statement: Statement, rating: Rating | None) -> Text:
    """One row of the list: rating, number and the statement on one line."""
    shown = rating_text(rating)
    shown.pad_right(RATING_WIDTH - shown.cell_len)
    line = Text()
    line.append_text(shown)
    line.append(f"{statement.number:>2}. ")
    line.append(statement.text)
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


def progress_text(
    content: SelfAssessment, progress: Mapping[str, tuple[int, int]], current: str
) -> Text:
    """``Leadership 12/22 Policy 0/11 ...`` on one line at 80 columns: the current factor
    in reverse, finished ones green. No-break spaces keep each factor in one piece.
    """
    text = Text()
    for index, factor in enumerate(content.factors):
        done, total = progress[factor.id]
        if index:
            text.append(" ")
        label = f"{factor.short}\u00a0{done}/{total}"
        style = "green" if done == total else ""
        if factor.id == current:
            label, style = f"\u00a0{label}\u00a0", f"bold reverse {style}".strip()
        text.append(label, style=style)
    return text


def statement_text(factor: Factor, statement: Statement, count: int, rating: Rating | None) -> Text:
    """The statement shown in full, where it is, and its rating."""
    text = Text()
    text.append(factor.title, style="bold")
    text.append(f" · statement {statement.number} of {count}\n", style="dim")
    text.append(statement.text)
    text.append("\nRating: ", style="dim")
    text.append_text(rating_text(rating, long=True))
    return text


class StatementList(OptionList):
    """The statements of one factor; the highlighted one is the one being rated."""

    BINDINGS = [
        Binding("pagedown", "screen.factor(1)", "Next factor", show=False),
        Binding("pageup", "screen.factor(-1)", "Previous factor", show=False),
    ]

    def show(
        self,
        statements: Sequence[Statement],
        ratings: Mapping[str, Rating],
        highlighted: int,
    ) -> None:
        """Replace the rows with ``statements`` and highlight row ``highlighted``."""
        self.clear_options()
        self.add_options(
            [Option(statement_line(s, ratings.get(s.id)), id=s.id) for s in statements]
        )
        self.highlighted = highlighted

    def update_row(self, statement: Statement, rating: Rating | None) -> None:
        """Redraw one statement's row after it was rated."""
        self.replace_option_prompt(statement.id, statement_line(statement, rating))


def process_text(process: Process) -> Text:
    """The self-assessment's process, word for word: how to work through it."""
    text = Text(f"{process.title}: ", style="bold")
    text.append(" ".join(f"{n}. {step}" for n, step in enumerate(process.steps, 1)), style="dim")
    return text
