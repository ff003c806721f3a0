"""Pastes reach the app whole and in order, with their control sequences removed.

Textual 8.2.8's terminal parser reads an escape sequence inside a bracketed paste as a
sequence of its own: a colour code such as ``\\x1b[31m`` is not the paste's end marker,
so its characters are sent at once as separate keys (``^``, ``[``, ``3``, ...) while the
text before it waits in the paste buffer until the paste ends. Pasting
``AAA \\x1b[31mRED\\x1b[0m BBB`` typed ``^[31mRED^[0m BBB`` and then pasted ``AAA``.

:class:`CleanPasteParser` removes control sequences from the text between the paste's
start and end markers before Textual's parser reads it (the rest of the paste keeps its
order); :func:`use_clean_pastes` has a terminal driver use it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.message import Message

from cstui.models.text_gate import clean_text

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class CleanPasteParser(XTermParser):
    """Textual's terminal parser, reading pastes without their control sequences."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self.in_paste = False
        """Whether the data read last ended inside a paste."""

    def feed(self, data: str) -> Iterable[Message]:
        """Parse ``data`` (a paste's control sequences removed first)."""
        return super().feed(self.cleaned(data))

    def cleaned(self, data: str) -> str:
        """``data`` with control sequences removed from what lies inside a paste."""
        parts: list[str] = []
        position = 0
        while position < len(data):
            marker = PASTE_END if self.in_paste else PASTE_START
            found = data.find(marker, position)
            end = len(data) if found < 0 else found
            chunk = data[position:end]
            parts.append(clean_text(chunk) if self.in_paste else chunk)
            if found < 0:
                break
            parts.append(marker)
            position = found + len(marker)
            self.in_paste = not self.in_paste
        return "".join(parts)


def use_clean_pastes(driver: type[Driver]) -> None:
    """Have ``driver`` (a terminal driver class) read its input with the clean parser."""
    module = sys.modules.get(driver.__module__)
    if module is not None and getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = CleanPasteParser  # type: ignore[attr-defined]
