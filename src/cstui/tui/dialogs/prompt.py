"""Ask for one line of text (a reason, a note, a phone number)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cstui.tui.drafting import Drafting
from cstui.tui.widgets.keys_footer import KeysFooter


class PromptDialog(Drafting, ModalScreen[str | None]):
    """A question and a text box; Enter gives the text, Esc gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(
        self, question: str, placeholder: str = "", value: str = "", draft: str | None = None
    ) -> None:
        """``draft``: the name to keep what is typed as (None keeps nothing)."""
        super().__init__()
        self.draft_name = draft
        self.question = question
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", markup=False, classes="field-error")
            yield Static("Enter to confirm · Esc to cancel", classes="dialog-hint")
        yield KeysFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Give back what was typed, unless it is blank."""
        if not event.value.strip():
            error = self.query_one("#prompt-error", Static)
            error.update("Type something first, or press Esc to cancel.")
            error.display = True
            return
        self.draft_done()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Give back nothing."""
        self.draft_done()
        self.dismiss(None)
