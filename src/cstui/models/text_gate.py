"""Which characters a terminal could act on, and the one gate all text passes.

Text is cleaned twice: on its way in (:func:`clean_text`, used by the models) and on its
way out (:func:`shown`), because stored text can be edited, or imported, around the app.
Every string that leaves the app for a terminal, a CSV or Markdown file or JSON text goes
through :func:`shown` (or :func:`shown_data` for a JSON-ready value), whatever its source.

What a terminal could act on is *removed*, not drawn as a visible stand-in: an escape
sequence goes whole (``\\x1b]52;c;...\\x07`` leaves nothing behind), a lone control byte
goes alone. Removing gives the same text whether it was cleaned on the way in or on the
way out, keeps columns aligned and exports re-importable, and never shows half of a
sequence as if it were data.

This module needs nothing but :mod:`re`: the command line and the terminal app load it
at start-up.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(escape sequence, control, unshowable, surrogate), compiled on first need: text
    that is plain printable ASCII (nearly all of it) never needs them."""
    escape_sequence = re.compile(  # CSI, OSC, DCS/SOS/PM/APC strings, two-byte escapes
        r"""
        (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                    # CSI ... final byte
      | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c)  # OSC/DCS/... to ST or BEL
      | \x1b[@-Z\\-_]                                        # other two-byte escapes
        """,
        re.VERBOSE | re.DOTALL,
    )
    # C0 controls except tab and newline, DEL, C1 controls, bidi embedding/override/isolate.
    control = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    # What may not leave the app as it is: the above, and lone surrogates (bytes that were
    # not UTF-8, e.g. a file name or an argument), which no UTF-8 output can hold.
    unshowable = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
    return escape_sequence, control, unshowable, re.compile("[\ud800-\udfff]")


def _plain(text: str) -> bool:
    """True for printable ASCII with no tab or newline: nothing to clean or fold."""
    return text.isascii() and text.isprintable()


_LINE_BREAKS = str.maketrans("\n\t", "  ")
REPLACEMENT = "\ufffd"
"""What a byte that was not UTF-8 is shown as."""


def clean_text(value: str) -> str:
    """Return ``value`` without escape sequences, control bytes or bidi overrides.

    Carriage returns become newlines so pasted Windows text keeps its lines. Text with
    nothing to remove (nearly all of it) is returned as it is, after one quick search.
    """
    if _plain(value):
        return value
    escape_sequence, control, _, _ = _patterns()
    if control.search(value) is None:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = escape_sequence.sub("", value)
    return control.sub("", value)


def clean_line(value: str) -> str:
    """Like :func:`clean_text`, for one-line fields: whitespace runs fold to one space."""
    return " ".join(clean_text(value).split())


def shown(text: str, *, newlines: bool = True) -> str:
    """``text`` fit to leave the app: nothing in it a terminal or a viewer could act on.

    Escape sequences (whole), C0 and C1 controls, DEL and bidi overrides and isolates are
    removed; a carriage return becomes a newline; bytes that were not UTF-8 show as
    U+FFFD. Newlines and tabs are kept, or with ``newlines=False`` (a table cell, one
    line of a list) become spaces.
    """
    if _plain(text):
        return text
    _, _, unshowable, surrogate = _patterns()
    if unshowable.search(text) is not None:
        text = clean_text(surrogate.sub(REPLACEMENT, text))
    if newlines or ("\n" not in text and "\t" not in text):
        return text
    return text.translate(_LINE_BREAKS)


def shown_data(value: Any) -> Any:
    """A JSON-ready ``value`` with every string in it (keys too) passed through :func:`shown`."""
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, dict):
        return {shown_data(k): shown_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [shown_data(v) for v in value]
    return value
