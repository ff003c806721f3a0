"""Add an entry to the learning log: when, what kind, what, and a reflection."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cstui.errors import InputError
from cstui.models.skills import LearningKind, parse_learning
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.drafting import Drafting
from cstui.tui.widgets.form import FieldSpec, Form
from cstui.tui.widgets.keys_footer import KeysFooter


def learning_fields(today: date) -> list[FieldSpec]:
    """The learning log's fields."""
    kinds = tuple((k.label, k.value) for k in LearningKind)
    return [
        FieldSpec("kind", "Kind", "choice", choices=kinds, default=LearningKind.COURSE.value),
        FieldSpec("what", "What (the course, book, colleague...)", max_length=300),
        FieldSpec("on", "Date (YYYY-MM-DD)", "date", default=today.isoformat()),
        FieldSpec("reflection", "Reflection: what I took from it", "text"),
    ]


class SkillsLearningDialog(Drafting, ModalScreen[dict[str, Any] | None]):
    """Gives back the checked fields, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="skills-learning.save"),
        Binding("escape", "cancel", "Cancel", id="skills-learning.cancel"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.draft_name = "skills/learning"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog skills-dialog"):
            yield Static("Log learning", classes="dialog-title")
            yield Form(learning_fields(self.today), id="skills-learning-form")
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Form).field("what").control.focus()

    def action_save(self) -> None:
        """Check the fields; give them back, or show what is wrong under each."""
        form = self.query_one(Form)
        values = form.values()
        try:
            parse_learning(values, self.today)
        except InputError as exc:
            first = form.show_problems(exc.problems)
            if first is not None:
                first.control.focus()
            return
        self.draft_done()
        self.dismiss(values)

    def action_cancel(self) -> None:
        """Close without saving; ask first if something was typed."""
        if not self.query_one(Form).is_dirty():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.draft_done()
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard this entry? It has not been saved."), answered)
