"""Who complained: a customer, with the contact details used to find their history."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from cstui.models.base import Model
from cstui.models.kinds import CustomerType
from cstui.models.text import RequiredLine
from cstui.models.text_gate import clean_line

_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"\+?[0-9]{6,15}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normalise_phone(value: str) -> str:
    """Drop spaces and punctuation; keep a leading plus. Raises if it is not a phone number."""
    digits = _PHONE_PUNCTUATION.sub("", clean_line(value))
    if not _PHONE.fullmatch(digits):
        raise ValueError("is not a phone number (6 to 15 digits, spaces and a leading + allowed)")
    return digits


def normalise_email(value: str) -> str:
    """Lower-case and check the shape of an email address."""
    text = clean_line(value).lower()
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise ValueError("is not an email address (like name@example.com)")
    return text


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


Phone = Annotated[str, AfterValidator(normalise_phone)]
"""A phone number kept as digits with an optional leading plus."""
Email = Annotated[str, AfterValidator(normalise_email)]
"""An email address kept in lower case."""


class Customer(Model):
    """The person or organisation who complained."""

    name: RequiredLine = Field(max_length=120)
    """Name as the customer gave it."""
    phone: Annotated[Phone | None, BeforeValidator(_blank_to_none)] = None
    """Phone number, digits only (a leading + allowed)."""
    email: Annotated[Email | None, BeforeValidator(_blank_to_none)] = None
    """Email address, lower case."""
    type: CustomerType = CustomerType.PUBLIC
    """Member of public, regular, corporate, or a colleague (an internal customer)."""
