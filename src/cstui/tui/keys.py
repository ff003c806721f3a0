"""The keys a screen offers, for the help list and the command palette."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


def screen_keys(screen: Screen[object]) -> list[Binding]:
    """The described bindings a screen declares, in declaration order."""
    return [b for b in screen.BINDINGS if isinstance(b, Binding) and b.description]


def key_label(binding: Binding) -> str:
    """How the key is written for people: ``ctrl+s``, ``? / f1``."""
    names = [k.strip() for k in binding.key.split(",")]
    nicer = {"question_mark": "?", "enter": "Enter", "escape": "Esc"}
    return " / ".join(nicer.get(name, name) for name in names)
