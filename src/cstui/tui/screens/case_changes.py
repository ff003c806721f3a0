"""The case screen's small changes: a note, waiting, reopening, assigning, acknowledging.

Each asks what it needs in a dialog and queues the change behind any other save of the
case (see :meth:`cstui.tui.screens.case.CaseScreen._save_change`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cstui.services.drafts import case_draft
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.dialogs.prompt import PromptDialog

if TYPE_CHECKING:
    from cstui.models.case import Case
    from cstui.services.cases import CaseService
    from cstui.services.team import TeamService
    from cstui.tui.screens.base import CstuiScreen
    from cstui.tui.screens.case_view import CaseView

    ScreenBase = CstuiScreen
else:  # a mixin at run time
    ScreenBase = object


class CaseChanges(ScreenBase):
    """Notes, waiting, reopening, assigning and acknowledging, for the case screen."""

    case: Case | None
    case_id: str
    cases: CaseService
    team: TeamService

    if TYPE_CHECKING:

        def _save_change(
            self,
            change: Callable[[int | None], Case],
            done: Callable[[CaseView], None] | None = None,
        ) -> None: ...

    def _note(self, text: str) -> None:
        self._save_change(lambda version: self.cases.note(self.case_id, text, version))

    def action_add_note(self) -> None:
        """Add an internal note."""

        def add(text: str | None) -> None:
            if text:
                self._note(text)

        note = PromptDialog(
            "Internal note (not shown to the customer)", draft=case_draft(self.case_id, "note")
        )
        self.app.push_screen(note, add)

    def action_toggle_wait(self) -> None:
        """Start or stop waiting on the customer."""
        if self.case is None:
            return
        change = self.cases.resume if self.case.waiting else self.cases.wait
        self._save_change(lambda version: change(self.case_id, version))

    def action_reopen(self) -> None:
        """Reopen a closed case, asking why."""
        if self.case is None or self.case.is_open:
            self.notify("Only a closed case can be reopened.", severity="warning")
            return

        def reopen(reason: str | None) -> None:
            if reason:
                self._save_change(lambda version: self.cases.reopen(self.case_id, reason, version))

        why = PromptDialog("Why is this case reopened?", draft=case_draft(self.case_id, "reopen"))
        self.app.push_screen(why, reopen)

    def action_assign(self) -> None:
        """Give the case to someone on the roster."""
        self.load(lambda: self.team.roster().members, self._choose_owner, group="roster")

    def _choose_owner(self, members: list[Any]) -> None:
        items = [(f"{m.name} ({m.role.label})", m.name) for m in members]

        def assign(name: str | None) -> None:
            if name:
                self._save_change(lambda version: self.cases.assign(self.case_id, name, version))

        self.app.push_screen(ChooseDialog("Assign to", items), assign)

    def action_acknowledge(self) -> None:
        """Record that the customer was told their complaint was received, asking how."""
        if self.case is None or not self.case.is_open:
            self.notify("This case is closed: ctrl+o reopens it.", severity="warning")
            return
        from cstui.services.clocks import ACKNOWLEDGE_LABELS, acknowledge

        items = [(label, method) for method, label in ACKNOWLEDGE_LABELS.items()]

        def send(method: str | None) -> None:
            if method:
                self._save_change(
                    lambda version: acknowledge(self.cases, self.case_id, method, version)
                )

        self.app.push_screen(ChooseDialog("Acknowledged by", items), send)
