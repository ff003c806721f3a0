"""The in-memory store's contacts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from cstui.errors import NotFound
from cstui.models.contact import (
    Contact,
    contact_number,
    format_contact_id,
    in_period,
    newest_first,
)
from cstui.store.records import AuditEvent


class MemoryContactStore:
    """Contacts in a dictionary by number; each read hands out a copy."""

    def __init__(self, audit: Callable[[list[AuditEvent]], None] | None = None) -> None:
        self.contacts: dict[int, Contact] = {}
        self.lock = threading.RLock()
        self.record = audit or (lambda events: None)

    def add(self, build: Callable[[str], Contact]) -> Contact:
        """Give ``build`` the next contact id, keep a copy of what it returns."""
        with self.lock:
            number = max(self.contacts, default=0) + 1
            contact = build(format_contact_id(number))
            self.contacts[number] = contact.model_copy(deep=True)
            self.record([AuditEvent(contact.agent, contact.id, "created")])
        return contact

    def get(self, contact_id: str) -> Contact:
        """A copy of the stored contact, or NotFound."""
        with self.lock:
            found = self.contacts.get(_number(contact_id))
            if found is None:
                raise NotFound(f"there is no contact {contact_id}")
            return found.model_copy(deep=True)

    def update(self, contact_id: str, actor: str, change: Callable[[Contact], Contact]) -> Contact:
        """Apply ``change`` to a copy of the contact under the lock; keep the result."""
        with self.lock:
            changed = change(self.get(contact_id))
            self.contacts[_number(contact_id)] = changed.model_copy(deep=True)
            self.record([AuditEvent(actor, changed.id, "updated")])
        return changed

    def _all(self) -> list[Contact]:
        with self.lock:
            return [self.contacts[n].model_copy(deep=True) for n in sorted(self.contacts)]

    def by_number(self, number: str) -> list[Contact]:
        """The contacts from this number, newest first."""
        return newest_first([c for c in self._all() if c.number == number])

    def for_case(self, case_id: str) -> list[Contact]:
        """The contacts linked to a case, newest first."""
        return newest_first([c for c in self._all() if c.case_id == case_id])

    def between(self, since: datetime | None, before: datetime | None) -> list[Contact]:
        """The contacts in the period, oldest first."""
        found = [c for c in self._all() if in_period(c.at, since, before)]
        return sorted(found, key=lambda c: (c.at, contact_number(c.id)))


def _number(contact_id: str) -> int:
    try:
        return contact_number(contact_id)
    except ValueError:
        raise NotFound(f"there is no contact {contact_id}") from None
