"""Every key of the screen underneath, on ``?``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from cstui.tui.keys import key_label, screen_keys
from cstui.tui.widgets.keys_footer import KeysFooter

GLOBAL_KEYS = (
    ("? / f1", "this list of keys"),
    ("ctrl+p", "command palette: every action by name"),
    ("tab / shift+tab", "next / previous field or table"),
    ("ctrl+q", "quit"),
)


def keys_text(screen: Screen[object]) -> Text:
    """The keys of ``screen``, then the keys that work everywhere."""
    text = Text("Keys on this screen\n", style="bold")
    for binding in screen_keys(screen):
        text.append(f"  {key_label(binding):<16}", style="bold cyan")
        text.append(f"{binding.description}\n")
    text.append("\nEverywhere\n", style="bold")
    for key, what in GLOBAL_KEYS:
        text.append(f"  {key:<16}", style="bold cyan")
        text.append(f"{what}\n")
    return text


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of Esc, ? or q closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield VerticalScroll(Static(keys_text(self.under)))
        yield KeysFooter()

    def action_close(self) -> None:
        """Back to the screen underneath."""
        self.dismiss(None)
