"""Plan an improvement action: what needs to happen, what I will initiate, by when, and the
development activities and readings matched to the statement by theme.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from cstui.errors import InputError
from cstui.models.content import Suggestions
from cstui.models.skills import Statement, parse_plan
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.drafting import Drafting, Values
from cstui.tui.text import literal
from cstui.tui.widgets.form import FieldSpec, Form
from cstui.tui.widgets.keys_footer import KeysFooter

ACTIVITY = "activity:"
READING = "reading:"
LINKED = "skills-links"
"""The draft's entry for the ticked activities and readings."""


def action_fields(due: date) -> list[FieldSpec]:
    """The questions of the process, and a due date."""
    return [
        FieldSpec("need", "What needs to happen?", "text"),
        FieldSpec("initiate", "What do I need to initiate?", "text"),
        FieldSpec("due", "Due by (YYYY-MM-DD)", "date", default=due.isoformat()),
    ]


LINKED_MARK = "✔ "


def link_label(label: str, linked: bool) -> Text:
    """An activity or reading, marked when linked (not by colour alone)."""
    text = Text()
    text.append(LINKED_MARK if linked else " " * len(LINKED_MARK), style="bold green")
    text.append_text(literal(label))
    return text


def link_choices(suggestions: Suggestions) -> list[tuple[str, str]]:
    """(label, value) of every matched activity and reading, to link with space."""
    choices = [(f"Activity: {a.title}", f"{ACTIVITY}{a.id}") for a in suggestions.activities]
    choices += [
        (f"Reading: {r.title} ({r.author}, {r.year})", f"{READING}{r.id}")
        for r in suggestions.readings
    ]
    return choices


class SkillsActionDialog(Drafting, ModalScreen[dict[str, Any] | None]):
    """A form for one thing we could do better; gives back the checked fields, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="skills-action.save"),
        Binding("escape", "cancel", "Cancel", id="skills-action.cancel"),
    ]

    def __init__(
        self,
        statement: Statement,
        suggestions: Suggestions,
        theme_titles: list[str],
        today: date,
        due: date,
    ) -> None:
        super().__init__()
        self.statement = statement
        self.suggestions = suggestions
        self.theme_titles = theme_titles
        self.choices = link_choices(suggestions)
        self.today = today
        self.draft_name = f"skills/action/{statement.id}"
        self.due = due

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog skills-dialog"):
            yield Static(
                f"Plan an action on {self.statement.id}", classes="dialog-title", markup=False
            )
            yield Static(self.statement.text, classes="skills-statement", markup=False)
            yield Form(action_fields(self.due), id="skills-action-form")
            themes = "; ".join(self.theme_titles) or "none"
            yield Static(
                f"Development to link (space). Themes: {themes}",
                classes="field-label",
                markup=False,
            )
            yield SelectionList[str](
                *[Selection(link_label(label, False), value) for label, value in self.choices],
                id=LINKED,
            )
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Form).fields()[0].control.focus()

    @property
    def links(self) -> SelectionList[str]:
        """The activities and readings to tick."""
        return self.query_one(f"#{LINKED}", SelectionList)

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        """Mark a linked item with a tick as well as colour."""
        self._mark(event.selection_index)
        self.draft_typed()

    def _mark(self, index: int) -> None:
        links = self.links
        linked = self.choices[index][1] in links.selected
        links.replace_option_prompt_at_index(index, link_label(self.choices[index][0], linked))

    def draft_values(self) -> Values | None:
        """The typed fields and the ticked links; None when nothing is typed or ticked."""
        typed, linked = super().draft_values(), list(self.links.selected)
        if typed is None and not linked:
            return None
        return {**self.query_one(Form).raw(), LINKED: linked}

    def restore_draft(self, values: Values) -> None:
        """Put the typed fields back and tick the links that were ticked."""
        super().restore_draft(values)
        kept = values.get(LINKED)
        ticked = (
            {value for value in kept if isinstance(value, str)} if isinstance(kept, list) else set()
        )
        links = self.links
        for index, (_label, value) in enumerate(self.choices):
            if (value in ticked) != (value in links.selected):
                links.toggle(value)
                self._mark(index)

    def values(self) -> dict[str, Any]:
        """What was typed and linked, ready for the service."""
        values = self.query_one(Form).values()
        linked = self.links.selected
        values["statement"] = self.statement.id
        values["activities"] = [v.removeprefix(ACTIVITY) for v in linked if v.startswith(ACTIVITY)]
        values["readings"] = [v.removeprefix(READING) for v in linked if v.startswith(READING)]
        return values

    def action_save(self) -> None:
        """Check the fields; give them back, or show what is wrong under each."""
        values = self.values()
        form = self.query_one(Form)
        try:
            parse_plan(values, self.today)
        except InputError as exc:
            first = form.show_problems(exc.problems)
            if first is not None:
                first.control.focus()
            return
        self.draft_done()
        self.dismiss(values)

    def action_cancel(self) -> None:
        """Close without saving; ask first if something was typed."""
        form = self.query_one(Form)
        if not form.is_dirty() and not self.links.selected:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.draft_done()
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard this action? It has not been saved."), answered)
