"""Pick one item from a list (e.g. who to assign a case to)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cstui.tui.text import literal
from cstui.tui.widgets.keys_footer import KeysFooter


class ChooseDialog(ModalScreen[str | None]):
    """A title and a list; Enter picks, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choose.cancel")]

    def __init__(self, title: str, items: list[tuple[str, str]]) -> None:
        """``items`` are (label, value) pairs."""
        super().__init__()
        self.title_text = title
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield OptionList(*[Option(literal(label), id=value) for label, value in self.items])
            yield Static("Enter to choose · Esc to cancel", classes="dialog-hint")
        yield KeysFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Give back the chosen value."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Give back nothing."""
        self.dismiss(None)
