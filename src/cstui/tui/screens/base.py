"""What every screen shares: loads and saves off the UI thread, drafts, leaving, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.screens.background import BackgroundWork

if TYPE_CHECKING:
    from cstui.tui.widgets.form import Form


class CstuiScreen(BackgroundWork, Screen[Any]):
    """A screen of the app; store work runs in a thread and reports back here."""

    def keep_draft(self) -> None:
        """Keep what is typed but not saved, so a closed terminal loses nothing.

        Nothing to keep here; a screen with a form worth keeping overrides this.
        """

    # -- leaving and errors --------------------------------------------------------------
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
