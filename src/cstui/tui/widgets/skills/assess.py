"""The Assess tab: one factor's statements, the one being rated, and each factor's progress.

The tab holds the ratings being made; each rating is posted (:class:`AssessTab.Rated`)
for the screen to save. The keys are the screen's: it calls :meth:`AssessTab.rate`,
:meth:`AssessTab.move` and :meth:`AssessTab.factor`.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import OptionList, Static, TabPane

from cstui.models.skill_scores import factor_progress, rated
from cstui.models.skills import Rating, SelfAssessment, Statement
from cstui.tui.widgets.skills_assess import (
    StatementList,
    process_text,
    progress_text,
    statement_text,
)


class AssessTab(TabPane):
    """Rate the statements, one factor at a time."""

    class Rated(Message):
        """A statement was rated (``rating`` None: its rating cleared)."""

        def __init__(self, statement: Statement, rating: Rating | None, completed: bool) -> None:
            super().__init__()
            self.statement = statement
            self.rating = rating
            self.completed = completed
            """This rating rated the last statement not rated yet."""

    def __init__(self, content: SelfAssessment) -> None:
        super().__init__("Assess", id="tab-assess")
        self.content = content
        self.ratings: dict[str, Rating] = {}
        self.current: Statement = content.statements[0]

    def compose(self) -> ComposeResult:
        yield Static(process_text(self.content.process), id="assess-process")
        yield Static(id="assess-progress")
        yield Static(id="assess-statement")
        yield StatementList(id="assess-list")

    @property
    def complete(self) -> bool:
        """Every statement is rated."""
        return rated(self.content, self.ratings) == len(self.content.statements)

    def start(self, ratings: Mapping[str, Rating], position: str | None = None) -> None:
        """Show these ratings, at statement ``position`` (else the first not rated)."""
        self.ratings = dict(ratings)
        start = self.content.statement(position or "") if position else None
        if start is None:
            start = next(
                (s for s in self.content.statements if s.id not in self.ratings),
                self.content.statements[0],
            )
        self.show_statement(start, rebuild=True)

    def _factor_statements(self) -> list[Statement]:
        return self.content.statements_of(self.current.factor)

    def show_statement(self, statement: Statement, rebuild: bool = False) -> None:
        """Make ``statement`` the one being rated; rebuild the list when the factor changed."""
        changed = statement.factor != self.current.factor
        self.current = statement
        statements = self._factor_statements()
        index = statements.index(statement)
        listing = self.query_one(StatementList)
        if rebuild or changed or listing.option_count != len(statements):
            listing.show(statements, self.ratings, index)
        elif listing.highlighted != index:
            listing.highlighted = index
        self._show_text()

    def _show_text(self) -> None:
        factor = self.content.factor(self.current.factor)
        progress = factor_progress(self.content, self.ratings)
        self.query_one("#assess-progress", Static).update(
            progress_text(self.content, progress, factor.id)
        )
        self.query_one("#assess-statement", Static).update(
            statement_text(
                factor,
                self.current,
                len(self._factor_statements()),
                self.ratings.get(self.current.id),
            )
        )

    @on(OptionList.OptionHighlighted, "#assess-list")
    def _highlighted(self) -> None:
        # Read the list's highlight now, not the event's: keys move it faster than events
        # arrive, and a late event must not move the statement back.
        listing = self.query_one(StatementList)
        index = listing.highlighted
        if index is None or index >= listing.option_count:
            return
        statement = self.content.statement(listing.get_option_at_index(index).id or "")
        if statement is not None and statement.id != self.current.id:
            self.show_statement(statement)

    def rate(self, rating: Rating | None) -> None:
        """Rate the statement shown (or clear its rating) and move to the next one."""
        statement, was_complete = self.current, self.complete
        if rating is None:
            self.ratings.pop(statement.id, None)
        else:
            self.ratings[statement.id] = rating
        self.query_one(StatementList).update_row(statement, rating)
        if rating is not None:
            self.move(1)
        else:
            self._show_text()
        self.post_message(self.Rated(statement, rating, not was_complete and self.complete))

    def move(self, step: int) -> None:
        """Show the next (1) or previous (-1) statement, across factors."""
        ids = self.content.ids()
        index = min(max(ids.index(self.current.id) + step, 0), len(ids) - 1)
        statement = self.content.statement(ids[index])
        assert statement is not None
        self.show_statement(statement)

    def factor(self, step: int) -> None:
        """Show the first statement of the next (1) or previous (-1) factor."""
        factors = [f.id for f in self.content.factors]
        index = min(max(factors.index(self.current.factor) + step, 0), len(factors) - 1)
        self.show_statement(self.content.statements_of(factors[index])[0])
