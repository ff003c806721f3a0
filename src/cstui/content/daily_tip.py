"""Today's tip, read straight from the shipped tips file without the content models.

The home screen shows one line of it at start; the models (and pydantic) load later,
when something needs more. Whenever the full library could say something different,
this says nothing (None) and the caller asks the library instead.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from cstui.content.paths import TIPS_FILE, has_overrides
from cstui.domain.daily import of_the_day
from cstui.resources import data_file


class TipText(Protocol):
    """What a tip-of-the-day line needs of a tip (a content ``Tip`` has both)."""

    @property
    def title(self) -> str:
        """A short title."""
        ...

    @property
    def body(self) -> str:
        """The tip itself."""
        ...


@dataclass(frozen=True)
class TipLine:
    """A tip's title and body, exactly as the content model would hold them."""

    title: str
    body: str


def _clean_line(value: object) -> str | None:
    """``value`` if it is text that cleaning would leave as it is, on one line."""
    if isinstance(value, str) and value.isprintable() and " ".join(value.split()) == value:
        return value or None
    return None


def _clean_text(value: object) -> str | None:
    """``value`` if it is text with something in it that cleaning would leave as it is."""
    if isinstance(value, str) and value.isprintable() and value.strip():
        return value
    return None


def _tip(entry: object) -> TipLine | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        return None
    title, body = _clean_line(entry.get("title")), _clean_text(entry.get("body"))
    return TipLine(title, body) if title is not None and body is not None else None


def shipped_tip_of_the_day(data_dir: Path | None, day: date) -> TipLine | None:
    """The tip for ``day`` from the shipped ``tips.toml``, read as plain TOML.

    None when the content library must decide: the centre has its own content files
    (they may change the tips, and a problem in any of them is to be reported), or the
    shipped file is not plainly as expected (the library then says what is wrong).
    """
    if data_dir is not None and has_overrides(data_dir):
        return None
    try:
        raw = tomllib.loads(data_file(TIPS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    entries = raw.get("tips")
    if not isinstance(entries, list):
        return None
    tips = [tip for tip in map(_tip, entries) if tip is not None]
    if len(tips) != len(entries):
        return None
    return of_the_day(tips, day)
