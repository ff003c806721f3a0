"""The Three & three tab: three things done well and three to do better, picked with space.

The tab checks each pick (three at most, never in both lists) and posts the lists
(:class:`ThreeTab.Picked`) for the screen to save.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import SelectionList, Static, TabPane
from textual.widgets.selection_list import Selection

from cstui.models.skills import MAX_PICKS, Action, Assessment, SelfAssessment
from cstui.tui.widgets.skills_assess import RATING_WIDTH, rating_text

PICKED_MARK = "✔ "


class ThreeTab(TabPane):
    """The latest assessment's picks, and the candidates proposed from its ratings."""

    class Picked(Message):
        """The picks changed: these are both lists now, for assessment ``assessment_id``."""

        def __init__(
            self, assessment_id: int, strengths: list[str], improvements: list[str]
        ) -> None:
            super().__init__()
            self.assessment_id = assessment_id
            self.strengths = strengths
            self.improvements = improvements

    def __init__(self, content: SelfAssessment) -> None:
        super().__init__("Three & three", id="tab-three")
        self.content = content
        self.latest: Assessment | None = None
        self.actions: Sequence[Action] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="three-title", classes="skills-subtitle")
        yield Static(id="three-strengths-title", classes="skills-subtitle")
        yield SelectionList[str](id="three-strengths", classes="skills-picks")
        yield Static(id="three-improve-title", classes="skills-subtitle")
        yield SelectionList[str](id="three-improvements", classes="skills-picks")

    @property
    def strengths(self) -> SelectionList[str]:
        """The list of things done well."""
        return self.query_one("#three-strengths", SelectionList)

    @property
    def improvements(self) -> SelectionList[str]:
        """The list of things to do better."""
        return self.query_one("#three-improvements", SelectionList)

    def _pick_label(self, statement_id: str, picked: bool) -> Text:
        statement = self.content.statement(statement_id)
        rating = self.latest.ratings.get(statement_id) if self.latest else None
        label = Text()
        label.append(PICKED_MARK if picked else " " * len(PICKED_MARK), style="bold green")
        label.append(f"{statement_id} ", style="bold")
        shown = rating_text(rating)
        shown.pad_right(RATING_WIDTH - shown.cell_len)
        label.append_text(shown)
        for planned in (a for a in self.actions if a.statement == statement_id):
            label.append(f"#{planned.id} {planned.status.value} ", style="bold cyan")
        label.append(statement.text if statement else "")
        return label

    def show(
        self,
        latest: Assessment | None,
        candidates: tuple[Sequence[str], Sequence[str]],
        actions: Sequence[Action],
        completed_on: str,
    ) -> None:
        """Show ``latest``'s picks and the proposed ``candidates`` (strengths, improvements),
        marking statements with ``actions``; ``completed_on`` is its day, as shown."""
        self.latest, self.actions = latest, actions
        lists = (self.strengths, self.improvements)
        keep = [widget.highlighted for widget in lists]
        for widget in lists:
            widget.clear_options()
        title = self.query_one("#three-title", Static)
        if latest is None:
            title.update(Text("Complete an assessment first (Assess tab, then c).", style="dim"))
            self._show_titles()
            return
        title.update(
            Text(
                f"Assessment {latest.id} of {completed_on} · proposed from your ratings · "
                "space picks",
                style="dim",
            )
        )
        for widget, proposed, picked in zip(
            lists, candidates, (latest.strengths, latest.improvements), strict=True
        ):
            ids = [*picked, *[c for c in proposed if c not in picked]]
            widget.add_options(
                [Selection(self._pick_label(sid, sid in picked), sid, sid in picked) for sid in ids]
            )
        for widget, index in zip(lists, keep, strict=True):
            if widget.option_count:
                widget.highlighted = min(index or 0, widget.option_count - 1)
        self._show_titles()

    def _show_titles(self) -> None:
        strengths, improvements = len(self.strengths.selected), len(self.improvements.selected)
        self.query_one("#three-strengths-title", Static).update(
            Text(f"Three things we do well ({strengths} of {MAX_PICKS} picked)", "bold")
        )
        title = Text()
        title.append(f"Three things we could do better ({improvements} of {MAX_PICKS})", "bold")
        title.append(" · e plans an action", style="dim")
        self.query_one("#three-improve-title", Static).update(title)

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        widget, value = event.selection_list, event.selection.value
        other = self.improvements if widget is self.strengths else self.strengths
        if value in widget.selected and value in other.selected:
            widget.deselect(value)
            self.notify(f"{value} is already picked in the other list.", severity="warning")
            return
        if len(widget.selected) > MAX_PICKS:
            widget.deselect(value)
            self.notify(f"Pick {MAX_PICKS} at most: unpick one first.", severity="warning")
            return
        widget.replace_option_prompt_at_index(
            event.selection_index, self._pick_label(value, value in widget.selected)
        )
        self._show_titles()
        if self.latest is not None:
            self.post_message(
                self.Picked(
                    self.latest.id, list(self.strengths.selected), list(self.improvements.selected)
                )
            )

    def highlighted_improvement(self) -> str | None:
        """The statement highlighted in the list of things to do better, if any."""
        improvements = self.improvements
        index = improvements.highlighted
        if self.latest is None or index is None or index >= improvements.option_count:
            return None
        return improvements.get_option_at_index(index).value
