"""The keys a screen offers, for the help list and the command palette."""

from __future__ import annotations

from textual.actions import parse
from textual.binding import Binding
from textual.screen import Screen


def screen_keys(screen: Screen[object]) -> list[Binding]:
    """The described bindings a screen declares, in declaration order.

    A binding whose action the screen's ``check_action`` turns off (returns False) is
    left out, as the footer leaves it out: an agent is not offered a team leader's keys.
    """
    return [
        b
        for b in screen.BINDINGS
        if isinstance(b, Binding) and b.description and offered(screen, b.action)
    ]


def offered(screen: Screen[object], action: str) -> bool:
    """Whether ``screen`` (or the app, for ``app.`` actions) allows ``action`` now."""
    namespace, name, parameters = parse(action)
    target = screen.app if namespace == "app" else screen
    return target.check_action(name, parameters) is not False


def key_label(binding: Binding) -> str:
    """How the key is written for people: ``ctrl+s``, ``? / f1``."""
    names = [k.strip() for k in binding.key.split(",")]
    nicer = {"question_mark": "?", "enter": "Enter", "escape": "Esc"}
    return " / ".join(nicer.get(name, name) for name in names)
