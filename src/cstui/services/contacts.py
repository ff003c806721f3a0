"""Every call from a customer: recorded when the telephony pops it, linked to a case or
noted with its outcome by the agent, and shown with the customer's cases on one timeline.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from cstui.domain.call_reports import CallsReport as CallsReport
from cstui.domain.call_reports import calls_report
from cstui.domain.due import zone
from cstui.errors import FieldProblem, InputError
from cstui.models.case import Case
from cstui.models.contact import Contact
from cstui.models.phone import e164
from cstui.models.text_gate import clean_line
from cstui.services.cases import CaseService
from cstui.store.ports import ContactStore

DAY = timedelta(days=1)
"""A day either side of a period: its days are the centre's, the store's times UTC."""

FIELD_LIMITS = {"call_id": 80, "name": 120, "queue": 80, "outcome": 200}
"""The longest text each field of a contact takes."""


@dataclass(frozen=True)
class Moment:
    """One entry of a customer's timeline: a case (by when it was received) or a call."""

    at: datetime
    case: Case | None = None
    contact: Contact | None = None


def timeline(cases: list[Case], contacts: list[Contact]) -> list[Moment]:
    """Cases and calls on one timeline, newest first."""
    moments = [Moment(case.created_at, case=case) for case in cases]
    moments += [Moment(contact.at, contact=contact) for contact in contacts]
    return sorted(moments, key=lambda moment: moment.at, reverse=True)


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact as JSON, marked as one (``kind``) beside the cases of a timeline."""
    return {"kind": "contact", **contact.model_dump(mode="json")}


class ContactService:
    """Record, find, link and note the calls of customers."""

    def __init__(
        self,
        contacts: ContactStore,
        cases: CaseService,
        user: str,
        clock: Callable[[], datetime],
    ) -> None:
        self.contacts = contacts
        self.cases = cases
        self.user = user
        self.clock = clock

    def number_of(self, typed: str, field: str = "number") -> str:
        """``typed`` as an E.164 number; InputError naming ``field`` if it is none."""
        try:
            return e164(typed, self.cases.policy.phone_region)
        except ValueError as exc:
            raise InputError.single(field, str(exc)) from None

    def check(
        self,
        number: str,
        call_id: str | None = None,
        name: str | None = None,
        queue: str | None = None,
    ) -> str:
        """The E.164 number of a call that :meth:`record` would keep; InputError names a
        bad field."""
        _checked_lines({"call_id": call_id, "name": name, "queue": queue})
        return self.number_of(number)

    def record(
        self,
        number: str,
        call_id: str | None = None,
        name: str | None = None,
        queue: str | None = None,
        at: datetime | None = None,
    ) -> Contact:
        """Keep one incoming call, taken by the user now (or ``at``, when the call came in
        as the command that popped it saw it: a call this user kept at that very moment
        from that number is the same call, returned, not kept twice); InputError names a
        bad field."""
        given = {"call_id": call_id, "name": name, "queue": queue}
        extras = _checked_lines(given)
        e164_number = self.number_of(number)
        if at is not None:
            for kept in self.contacts.by_number(e164_number):
                if kept.at == at and kept.agent == self.user:
                    return kept
        when = at or self.clock()

        def build(contact_id: str) -> Contact:
            return Contact(id=contact_id, at=when, number=e164_number, agent=self.user, **extras)

        return self.contacts.add(build)

    def of_number(self, number: str) -> list[Contact]:
        """The calls from this number (however typed), newest first."""
        return self.contacts.by_number(self.number_of(number, "phone"))

    def of_case(self, case_id: str) -> list[Contact]:
        """The calls linked to a case, newest first."""
        return self.contacts.for_case(case_id)

    def of_customer(self, cases: list[Case], phone: str | None) -> list[Contact]:
        """The calls from ``phone`` and those linked to any of ``cases``, newest first."""
        numbers = {case.customer.phone for case in cases if case.customer.phone}
        with contextlib.suppress(InputError):  # not a number: the calls of the cases alone
            numbers |= {self.number_of(phone)} if phone else set()
        found: dict[str, Contact] = {}
        for number in sorted(numbers):
            found.update((c.id, c) for c in self.contacts.by_number(number))
        for case in cases:
            found.update((c.id, c) for c in self.contacts.for_case(case.id))
        return sorted(found.values(), key=lambda c: (c.at, c.id), reverse=True)

    def report(self, start: date, end: date) -> CallsReport:
        """Contacts per day, repeat callers and calls per case, from ``start`` to ``end``
        (days in the centre's zone)."""
        centre = zone(self.cases.policy.business_hours)
        since = before = None
        if start > date.min + DAY:
            since = datetime.combine(start - DAY, time.min, tzinfo=UTC)
        if end < date.max - 2 * DAY:
            before = datetime.combine(end + 2 * DAY, time.min, tzinfo=UTC)
        return calls_report(self.contacts.between(since, before), start, end, centre)

    def link(self, contact_id: str, case_id: str) -> Contact:
        """Link a call to a case (which must exist)."""
        case = self.cases.get(case_id.strip().upper())
        return self.contacts.update(
            contact_id, self.user, lambda c: c.model_copy(update={"case_id": case.id})
        )

    def note(self, contact_id: str, outcome: str) -> Contact:
        """Note what came of a call, in one line (replacing an earlier note)."""
        line = _checked_lines({"outcome": outcome}).get("outcome")
        if not line:
            raise InputError.single("outcome", "say what came of the call in one line")
        return self.contacts.update(
            contact_id, self.user, lambda c: c.model_copy(update={"outcome": line})
        )


def _checked_lines(given: dict[str, str | None]) -> dict[str, str]:
    """The given text fields, each cleaned to one line and within its limit."""
    problems: list[FieldProblem] = []
    lines: dict[str, str] = {}
    for field, value in given.items():
        if value is None or not value.strip():
            continue
        line = clean_line(value)
        if len(line) > FIELD_LIMITS[field]:
            problems.append(FieldProblem(field, f"is longer than {FIELD_LIMITS[field]} characters"))
        elif line:
            lines[field] = line
    if problems:
        raise InputError(problems)
    return lines
