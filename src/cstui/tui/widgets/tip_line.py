"""The tip of the day: at the top of the home screen, wrapped to the width there is."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from cstui.tui.text import literal


def tip_line(title: str, body: str) -> Text:
    """``Tip of the day: <title> — <tip>``, wrapped at word boundaries."""
    text = Text.assemble(("Tip of the day: ", "bold"))
    text.append_text(literal(title, "bold"))
    text.append(" — ")
    text.append_text(literal(body))
    return text


class TipOfTheDay(Static):
    """The top of the home screen, as many lines as the tip needs; ``t`` opens every tip.

    It is given the tip (at once, or later with :meth:`show_tip`); it reads nothing.
    """

    line: Text = Text("")

    def __init__(self, tip: Any = None, *, id: str | None = None) -> None:
        """``tip``: anything with a ``title`` and a ``body``, or None for none yet."""
        super().__init__(id=id)
        if tip is not None:
            self.line = tip_line(tip.title, tip.body)

    def on_mount(self) -> None:
        if self.line.plain:
            self.update(self.line)

    def show_tip(self, title: str, body: str) -> None:
        """Show this tip."""
        self.line = tip_line(title, body)
        self.update(self.line)
