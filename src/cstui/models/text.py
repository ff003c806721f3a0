"""Clean text on its way in: no escape sequences or control bytes ever reach storage.

Newlines and tabs are kept; everything else a terminal could act on is removed. The
cleaning itself, and :func:`~cstui.models.text_gate.shown`, the gate every string passes on
its way out, live in :mod:`cstui.models.text_gate`, which loads without pydantic.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ValidationInfo

from cstui.models.base import is_stored
from cstui.models.text_gate import clean_line, clean_text


def _clean_if_str(value: object, info: ValidationInfo) -> object:
    return clean_text(value) if isinstance(value, str) and not is_stored(info) else value


def _clean_line_if_str(value: object, info: ValidationInfo) -> object:
    return clean_line(value) if isinstance(value, str) and not is_stored(info) else value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


CleanText = Annotated[str, BeforeValidator(_clean_if_str)]
"""Free text (notes, details): cleaned, may span lines, may be empty."""

CleanLine = Annotated[str, BeforeValidator(_clean_line_if_str)]
"""A one-line field: cleaned and folded to single spaces, may be empty."""

RequiredLine = Annotated[str, BeforeValidator(_clean_line_if_str), AfterValidator(_not_blank)]
"""A one-line field that must say something."""

RequiredText = Annotated[str, BeforeValidator(_clean_if_str), AfterValidator(_not_blank)]
"""Free text that must say something."""
