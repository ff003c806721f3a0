"""CSV that a spreadsheet can open without running anything.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces), or with a
tab, carriage return or line feed, is read by spreadsheets as a formula; so is one that
starts with a compatibility form of those (fullwidth ``＝＋－＠``, an ideographic space),
which spreadsheets fold to the plain character (NFKC): the check runs on the folded text.
Such a text cell is written with a single quote in front, which spreadsheets show as
plain text. Every text cell (header included) passes the output gate first
(:func:`cstui.models.text_gate.shown`): no escape sequence or control byte is written. Numbers
(amounts, counts) are written as numbers, so a refund of -12.50 stays a number. Every
field is quoted.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from cstui.models.text_gate import shown

FORMULA_STARTS = ("=", "+", "-", "@")
"""What a spreadsheet takes as the start of a formula, after leading spaces."""
CONTROL_STARTS = ("\t", "\r", "\n")
"""Characters that, first in a cell, also start a formula in some spreadsheets."""
GUARD = "'"
"""Put in front of a dangerous text cell."""

Cell = str | int | float | Decimal | bool | date | datetime | None
"""What a row may hold: text is neutralised, numbers stay numbers."""


def _formula_start(text: str) -> bool:
    if text.startswith(CONTROL_STARTS):
        return True
    return text.lstrip(" ").startswith(FORMULA_STARTS + CONTROL_STARTS)


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could run ``text`` as a formula, as it is or NFKC-folded."""
    if _formula_start(text):
        return True
    return not text.isascii() and _formula_start(unicodedata.normalize("NFKC", text))


def neutralise(text: str) -> str:
    """``text`` with a single quote in front when a spreadsheet could run it.

    Text that already starts with a quote before something dangerous gets one more, so
    :func:`restore` always gives back exactly what was written.
    """
    if is_dangerous(text) or (text.startswith(GUARD) and is_dangerous(text[1:].lstrip(GUARD))):
        return GUARD + text
    return text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: drop the quote it put in front of a dangerous cell."""
    if text.startswith(GUARD) and is_dangerous(text[1:].lstrip(GUARD)):
        return text[1:]
    return text


def cell(value: Cell) -> str | int | float | Decimal:
    """One value ready for the writer: numbers as they are, everything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise(shown(str(value)))


def write_rows(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write ``header`` then ``rows`` to ``handle`` with every field quoted; return the rows.

    Text passes the output gate and is neutralised (header included); numbers are
    written as numbers.
    """
    out = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    out.writerow([cell(h) for h in header])
    count = 0
    for row in rows:
        out.writerow([cell(v) for v in row])
        count += 1
    return count
