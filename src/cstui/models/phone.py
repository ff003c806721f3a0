"""Phone numbers in E.164 (``+61400111222``): one customer, however the number was typed.

Pure functions, no I/O. The ``phonenumbers`` library is imported when a number is first
parsed, so the app's start does not pay for its metadata.
"""

from __future__ import annotations

import re

from cstui.models.text_gate import clean_line

NOT_A_NUMBER = "is not a phone number (like 0400 123 456 or +61 400 123 456)"
"""The message for a number that cannot be parsed (never echoing what was typed)."""

_REGION = re.compile(r"[A-Z]{2}")

REGION_OF_JURISDICTION = {"au": "AU", "uk": "GB"}
"""The country whose numbering plan a number without a country code is read in."""


def is_region(code: str) -> bool:
    """``code`` is a two-letter country code (ISO 3166-1 alpha-2, upper case)."""
    return bool(_REGION.fullmatch(code))


def e164(text: str, region: str) -> str:
    """``text`` as an E.164 number, a number without a country code read as one of
    ``region`` (like ``AU``). Raises ValueError if it is not a possible phone number."""
    import phonenumbers  # heavy metadata: loaded on first use only

    cleaned = clean_line(text)
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise ValueError(NOT_A_NUMBER) from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(NOT_A_NUMBER)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def e164_or_same(text: str, region: str) -> str:
    """``text`` in E.164 if it parses, else unchanged (for numbers already stored)."""
    try:
        return e164(text, region)
    except ValueError:
        return text
