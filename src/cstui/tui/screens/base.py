"""What every screen shares: the workspace, the time zone, and safe store calls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen

from cstui.errors import ConflictError, CstuiError, InputError
from cstui.tui.dialogs.confirm import ConfirmDialog

if TYPE_CHECKING:
    from cstui.tui.app import CstuiApp
    from cstui.tui.widgets.form import Form
    from cstui.workspace import Workspace

T = TypeVar("T")


class CstuiScreen(Screen[Any]):
    """A screen of the app; store work runs in a thread and reports back here."""

    busy = False

    @property
    def workspace(self) -> Workspace:
        """The opened data folder and its services."""
        return cast("CstuiApp", self.app).workspace

    @property
    def zone(self) -> tzinfo:
        """The centre's time zone, for showing times."""
        return self.workspace.zone

    def keep_draft(self) -> None:
        """Keep what is typed but not saved, so a closed terminal loses nothing.

        Nothing to keep here; a screen with a form worth keeping overrides this.
        """

    def perform(
        self, job: Callable[[], T], done: Callable[[T], None], form: Form | None = None
    ) -> None:
        """Run ``job`` off the UI thread; then ``done(result)``, or show what went wrong.

        An input problem lands under its field in ``form``; nothing typed is cleared.
        """
        if self.busy:
            self.notify("Still saving the last change…", severity="warning")
            return
        self.busy = True

        def work() -> None:
            try:
                result = job()
            except CstuiError as exc:
                self.app.call_from_thread(self._failed, exc, form)
            else:
                self.app.call_from_thread(self._succeeded, done, result)

        self.run_worker(work, thread=True, group="store", exit_on_error=False)

    def _succeeded(self, done: Callable[[T], None], result: T) -> None:
        self.busy = False
        done(result)

    def _failed(self, exc: CstuiError, form: Form | None) -> None:
        self.busy = False
        if isinstance(exc, InputError) and form is not None:
            first = form.show_problems(exc.problems)
            if first is not None:
                first.control.focus()
            self.notify(
                "Not saved: fix the fields marked in red. Nothing you typed was lost.",
                severity="error",
                markup=False,
            )
            return
        self.show_error(exc)

    def leave(self, form: Form | None, discarded: Callable[[], None] | None = None) -> None:
        """Close this screen; if ``form`` has typing in it, ask before discarding it.

        ``discarded`` runs when the screen closes without saving.
        """
        if form is None or not form.is_dirty():
            if discarded is not None:
                discarded()
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                if discarded is not None:
                    discarded()
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog("Discard what you typed? It has not been saved."), answered
        )

    def show_error(self, exc: CstuiError) -> None:
        """Tell the user in plain words; a conflict says how to reload and keep the text."""
        message = str(exc)
        if isinstance(exc, ConflictError):
            message += ". Press ctrl+r to reload it; what you typed is kept."
        self.notify(message, severity="error", markup=False, timeout=10)
