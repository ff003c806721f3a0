"""The Actions tab: the improvement actions, and the highlighted one in full.

``t`` moves the highlighted action on (open, doing, done); the tab shows it at once and
posts :class:`ActionsTab.StatusChanged` for the screen to save.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static, TabPane

from cstui.models.content import Development
from cstui.models.skills import Action, ActionStatus, SelfAssessment
from cstui.tui.widgets.skills_views import ActionTable, action_detail

Overdue = Callable[[Action], bool]


def never(_action: Action) -> bool:
    """No action is overdue (before the first read)."""
    return False


class ActionsTab(TabPane):
    """Every improvement action, with its due date and status."""

    class StatusChanged(Message):
        """Action ``action_id`` was moved on to ``status``."""

        def __init__(self, action_id: int, status: ActionStatus) -> None:
            super().__init__()
            self.action_id = action_id
            self.status = status

    def __init__(self, content: SelfAssessment) -> None:
        super().__init__("Actions", id="tab-actions")
        self.content = content
        self.actions: list[Action] = []
        self.development: Development | None = None
        self.overdue: Overdue = never

    def compose(self) -> ComposeResult:
        yield ActionTable(id="actions-table")
        yield VerticalScroll(Static(id="actions-detail"), classes="skills-detail")

    def show(self, actions: Sequence[Action], development: Development, overdue: Overdue) -> None:
        """Show ``actions``; ``overdue`` tells which are late."""
        self.actions, self.development, self.overdue = list(actions), development, overdue
        self._redraw()

    def _redraw(self) -> None:
        self.query_one(ActionTable).show(self.actions, self.overdue)
        self._show_detail()

    def _highlighted(self) -> Action | None:
        key = self.query_one(ActionTable).current_key()
        return next((a for a in self.actions if a.id == key), None)

    def _show_detail(self) -> None:
        detail = self.query_one("#actions-detail", Static)
        found = self._highlighted()
        if found is None or self.development is None:
            detail.update(
                Text(
                    "No actions yet. On Three & three, highlight a thing to improve and press e.",
                    style="dim",
                )
            )
            return
        detail.update(action_detail(found, self.content, self.development, self.overdue(found)))

    @on(DataTable.RowHighlighted, "#actions-table")
    def _row_highlighted(self) -> None:
        self._show_detail()

    def cycle_status(self) -> None:
        """Move the highlighted action on: open, doing, done, open."""
        found = self._highlighted()
        if found is None:
            return
        status = found.status.following()
        self.actions = [
            a.model_copy(update={"status": status}) if a.id == found.id else a for a in self.actions
        ]
        self._redraw()
        self.post_message(self.StatusChanged(found.id, status))

    def status_of(self, action_id: int) -> ActionStatus | None:
        """The status action ``action_id`` shows now."""
        return next((a.status for a in self.actions if a.id == action_id), None)
