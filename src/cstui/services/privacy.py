"""Privacy: remove personal data after the retention period, or when a customer asks,
and give a customer a copy of what is held on them.

An erasure is journalled through the store before any of it is done, and finished (the
live cases, every backup, every copy kept apart) by the same steps whoever runs them:
the command itself, a rerun, or the next start after a crash (:meth:`finish_unfinished`).
Each step is done again harmlessly, so a crash at any point loses nothing and leaves
nothing behind once finished.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cstui.domain.privacy import due_for_purge, redact
from cstui.errors import NotFound, PermissionDenied
from cstui.models.case import Case
from cstui.models.contact import ERASED_NUMBER, Contact
from cstui.models.customer import normalise_email, normalise_phone
from cstui.models.phone import e164_or_same
from cstui.models.policy import Policy
from cstui.services.cases import CaseService
from cstui.store.ports import (
    ArchiveQuery,
    AuditTrail,
    ContactStore,
    Erasure,
    RefundStore,
    StoreAdmin,
)

ERASE_WHY = "erased at the customer's request"


@dataclass(frozen=True)
class Redaction:
    """Which cases were (or, in a dry run, would be) redacted."""

    case_ids: list[str]
    applied: bool
    backups_rewritten: int = 0
    contact_ids: list[str] = field(default_factory=list)
    """The calls whose caller's details were (or would be) removed."""


class PrivacyService:
    """Purge, erase and export, for team leaders; purge and erase are dry runs by default."""

    def __init__(
        self,
        cases: CaseService,
        policy: Policy,
        admin: StoreAdmin,
        clock: Callable[[], datetime],
        refunds: RefundStore | None = None,
        audit: AuditTrail | None = None,
        contacts: ContactStore | None = None,
    ) -> None:
        self.cases = cases
        self.policy = policy
        self.admin = admin
        self.clock = clock
        self.refunds = refunds
        self.audit = audit
        self.contacts = contacts

    def _require_leader(self, what: str = "remove personal data") -> None:
        if not self.cases.team.roster().is_team_leader(self.cases.user):
            raise PermissionDenied(f"only a team leader can {what}")

    def purge(self, apply: bool = False) -> Redaction:
        """Closed cases past the retention period."""
        self._require_leader()
        now = self.clock()
        years = self.policy.privacy.retention_years
        # Closed before the retention period began (a week's margin for leap days); the
        # exact rule is the domain's.
        closed_before = now - timedelta(days=365 * years - 7)
        old = self.cases.repo.closed_cases(ArchiveQuery(closed_before=closed_before))
        targets = [c for c in old if due_for_purge(c, self.policy, now)]
        calls = self.contacts.between(None, closed_before) if self.contacts else []
        return self._redact(targets, f"retention period of {years} years over", apply, (), calls)

    def erase(self, phone: str | None, email: str | None, apply: bool = False) -> Redaction:
        """Every case of one customer, on their request; any erasure left unfinished by a
        crash is finished first."""
        self._require_leader()
        if apply:
            self.finish_unfinished()
        targets = [c for c in self.cases.customer_history(phone, email) if c.redacted_at is None]
        given = [("phone", normalise_phone(phone) if phone else None)]
        given.append(("email", normalise_email(email) if email else None))
        for case in targets:  # the details each case holds, whichever found it
            given += [("phone", case.customer.phone), ("email", case.customer.email)]
        traces = {Erasure.trace(kind, value) for kind, value in given if value}
        calls = self._calls_of(targets, [value for kind, value in given if kind == "phone"])
        return self._redact(targets, ERASE_WHY, apply, tuple(sorted(traces)), calls)

    def _calls_of(self, cases: list[Case], phones: list[str | None]) -> list[Contact]:
        """The calls from any of ``phones`` or linked to any of ``cases``."""
        if self.contacts is None:
            return []
        region = self.policy.phone_region
        found: dict[str, Contact] = {}
        for phone in {e164_or_same(p, region) for p in phones if p}:
            found.update((c.id, c) for c in self.contacts.by_number(phone))
        for case in cases:
            found.update((c.id, c) for c in self.contacts.for_case(case.id))
        return list(found.values())

    def _traced_calls(self, erasure: Erasure) -> list[Contact]:
        """The calls an erasure left unfinished removes the caller from: those linked to
        its cases, and those from a number it traces."""
        if self.contacts is None:
            return []
        cases, traces = set(erasure.case_ids), set(erasure.traces)
        return [
            call
            for call in self.contacts.between(None, None)
            if call.case_id in cases or Erasure.trace("phone", call.number) in traces
        ]

    def _forget_calls(self, calls: list[Contact]) -> None:
        """Remove the caller's details from ``calls`` (each harmless to do twice)."""
        if self.contacts is None:
            return
        now = self.clock()
        for call in calls:
            self.contacts.update(call.id, self.cases.user, lambda c: _without_caller(c, now))

    def _redact(
        self,
        targets: list[Case],
        why: str,
        apply: bool,
        traces: tuple[str, ...] = (),
        calls: list[Contact] | None = None,
    ) -> Redaction:
        """Journal the erasure of ``targets`` and ``calls``, then do it (``apply``)."""
        ids = [c.id for c in targets]
        call_ids = sorted(c.id for c in calls or [] if not c.is_redacted)
        if not apply:
            return Redaction(ids, applied=False, contact_ids=call_ids)
        name = f"{self.clock().strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
        erasure = Erasure(name, self.cases.user, why, tuple(ids), traces)
        self.admin.erasures().begin(erasure)
        rewritten = self._finish(erasure, calls)
        return Redaction(ids, applied=True, backups_rewritten=rewritten, contact_ids=call_ids)

    def _finish(self, erasure: Erasure, calls: list[Contact] | None = None) -> int:
        """Do every step of ``erasure`` (each harmless to do twice), then end it; return
        how many backup and other files were rewritten. The calls go first (``calls``, or
        after a crash those the erasure's cases and traces lead to), while the cases
        still hold the numbers that find them."""
        found = self._traced_calls(erasure) if calls is None else calls
        self._forget_calls([call for call in found if not call.is_redacted])
        now = self.clock()

        def redacted(case: Case) -> Case:
            return redact(case, erasure.actor, now, erasure.why)

        saved = []
        for case_id in erasure.case_ids:
            try:
                case = self.cases.repo.get(case_id)
            except NotFound:
                continue
            if case.redacted_at is None:
                case = self.cases.repo.save(redacted(case), case.version)
            saved.append(case)
        journal = self.admin.erasures()
        rewritten = self.admin.forget_in_backups(saved)
        rewritten += journal.forget_elsewhere(saved, erasure.traces, redacted)
        journal.end(erasure)
        return rewritten

    def finish_unfinished(self) -> list[str]:
        """Finish every erasure a crash left unfinished; the case ids of each."""
        done: list[str] = []
        for erasure in self.admin.erasures().unfinished():
            self._finish(erasure)
            done.extend(erasure.case_ids)
        return done

    def export(self, phone: str | None, email: str | None) -> dict[str, Any]:
        """Everything held on one customer (their cases, the refunds of those cases, their
        calls, and the audit entries naming them), for an access request; team leaders
        only."""
        self._require_leader("export a customer's data")
        found = self.cases.customer_history(phone, email)
        records = [
            record
            for case in found
            for record in (self.refunds.for_case(case.id) if self.refunds else [])
        ]
        calls = sorted(self._calls_of(found, [phone]), key=lambda c: (c.at, c.id))
        ids = {case.id for case in found} | {record.id for record in records}
        ids |= {call.id for call in calls}
        return {
            "cases": [case.model_dump(mode="json") for case in found],
            "refunds": [record.model_dump(mode="json") for record in records],
            "calls": [call.model_dump(mode="json") for call in calls],
            "audit": self._audit_naming(ids),
        }

    def _audit_naming(self, ids: set[str]) -> list[dict[str, Any]]:
        """The audit entries about any of the records ``ids``."""
        events = self.audit.events() if self.audit else []
        return [
            {
                "at": event.at.isoformat() if event.at else None,
                "actor": event.actor,
                "record": event.record,
                "action": event.action,
                "fields": list(event.fields),
            }
            for event in events
            if event.record in ids
        ]


def _without_caller(contact: Contact, now: datetime) -> Contact:
    """``contact`` without what identifies the caller (when, which queue, who took it and
    which case it was about are kept, for reports)."""
    erased = {"number": ERASED_NUMBER, "name": None, "call_id": None, "outcome": None}
    return contact.model_copy(update={**erased, "redacted_at": now})
