"""A contact: one call from a customer, kept whether or not it led to a case.

A telephony system reports each incoming call (``cstui pop``); the contact keeps when it
came, from which number (E.164), the telephony's call id and queue, who took it, and
later, if the agent says so, the case it was about and a one-line outcome.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import Field

from cstui.models.base import AwareDatetime, Model
from cstui.models.text import CleanLine

CONTACT_PREFIX = "T-"
"""Contact ids are ``T-000123`` (T for telephone), numbered like cases."""

_CONTACT_ID = re.compile(r"T-(\d{1,9})")

ERASED_NUMBER = "erased"
"""What an erased or purged contact keeps in place of the caller's number."""


def format_contact_id(number: int) -> str:
    """The id of the contact numbered ``number``."""
    return f"{CONTACT_PREFIX}{number:06d}"


def contact_number(contact_id: str) -> int:
    """The number of a contact id; ValueError if it is not one."""
    found = _CONTACT_ID.fullmatch(contact_id.strip().upper())
    if found is None:
        raise ValueError("is not a contact id (like T-000123)")
    return int(found.group(1))


class Contact(Model):
    """One call from a customer, as the telephony reported it and the agent noted it."""

    id: str = Field(pattern=r"^T-\d{6,9}$")
    """``T-000123``, issued by the store."""
    at: AwareDatetime
    """When the call came in (UTC)."""
    number: str = Field(max_length=20)
    """The caller's number in E.164 (``+61400111222``); ``erased`` once erased."""
    call_id: CleanLine | None = Field(default=None, max_length=80)
    """The telephony system's id of the call."""
    name: CleanLine | None = Field(default=None, max_length=120)
    """The caller's name as the telephony system knew it."""
    queue: CleanLine | None = Field(default=None, max_length=80)
    """The queue (or hunt group) the call came through."""
    agent: str = Field(min_length=1, max_length=64)
    """Who the call was popped to."""
    case_id: str | None = Field(default=None, pattern=r"^C-\d{6,9}$")
    """The case the call was about, once linked."""
    outcome: CleanLine | None = Field(default=None, max_length=200)
    """What came of the call, in one line."""
    redacted_at: datetime | None = None
    """When the caller's personal data was removed (retention over, or erased)."""

    @property
    def is_redacted(self) -> bool:
        """Whether the caller's personal data was removed."""
        return self.redacted_at is not None


def newest_first(contacts: list[Contact]) -> list[Contact]:
    """``contacts`` newest first (the later id first when two came at one moment)."""
    return sorted(contacts, key=lambda c: (c.at, contact_number(c.id)), reverse=True)


def in_period(at: datetime, since: datetime | None, before: datetime | None) -> bool:
    """Whether ``at`` is at or after ``since`` and before ``before`` (None: open-ended)."""
    return (since is None or at >= since) and (before is None or at < before)
