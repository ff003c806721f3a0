"""Clean text on its way in: no escape sequences or control bytes ever reach storage.

Newlines and tabs are kept; everything else a terminal could act on is removed.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ValidationInfo

from cstui.models.base import is_stored

# CSI, OSC, DCS/SOS/PM/APC strings and two-byte escapes, 7-bit and 8-bit forms.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                    # CSI ... final byte
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c)  # OSC/DCS/... to ST or BEL
  | \x1b[@-Z\\-_]                                        # other two-byte escapes
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, and bidi embedding/override/isolate marks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str) -> str:
    """Return ``value`` without escape sequences, control bytes or bidi overrides.

    Carriage returns become newlines so pasted Windows text keeps its lines. Text with
    nothing to remove (nearly all of it) is returned as it is, after one quick search.
    """
    if _CONTROL.search(value) is None:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    return _CONTROL.sub("", value)


def clean_line(value: str) -> str:
    """Like :func:`clean_text`, for one-line fields: whitespace runs fold to one space."""
    return " ".join(clean_text(value).split())


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
