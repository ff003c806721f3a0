"""The in-memory store's audit trail, refunds, roster and drafts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from cstui.errors import ConfigError, NotFound
from cstui.models.refund_decisions import Decisions
from cstui.models.refunds import RefundRecord, RefundStatus, format_refund_id, refund_number
from cstui.models.roles import Role
from cstui.models.team import Roster
from cstui.store.records import CHAIN_START, AuditEvent, Draft, Verdict, chain_digest, verify_chain


class Revisions:
    """A counter of writes, shared by the stores of one bundle."""

    def __init__(self) -> None:
        self.count = 0

    def bump(self) -> None:
        """Count one more write."""
        self.count += 1


class MemoryAuditTrail:
    """Events in a list, each chained to the one before by a hash."""

    def __init__(self) -> None:
        self.entries: list[tuple[AuditEvent, str]] = []
        self.lock = threading.Lock()

    def record(self, events: Sequence[AuditEvent]) -> None:
        """Chain ``events`` on (what every write of the store calls)."""
        with self.lock:
            for event in events:
                previous = self.entries[-1][1] if self.entries else CHAIN_START
                self.entries.append((event, chain_digest(previous, event)))

    def append(self, events: Sequence[AuditEvent]) -> None:
        """Record ``events``."""
        self.record(events)

    def events(self) -> list[AuditEvent]:
        """Every event recorded, oldest first."""
        with self.lock:
            return [event for event, _ in self.entries]

    def verify(self) -> Verdict:
        """Walk the chain: an entry changed in place no longer matches its hash."""
        with self.lock:
            return verify_chain(list(self.entries))


class MemoryRefundStore:
    """Refund records in a dictionary by number; each read hands out a copy."""

    def __init__(self, audit: MemoryAuditTrail, revisions: Revisions) -> None:
        self.audit = audit
        self.revisions = revisions
        self.records: dict[int, RefundRecord] = {}
        self.lock = threading.RLock()

    def create(self, build: Callable[[str], RefundRecord]) -> RefundRecord:
        """Give ``build`` the next refund id, keep a copy of what it returns."""
        with self.lock:
            number = max(self.records, default=0) + 1
            record = build(format_refund_id(number))
            self.records[number] = record.model_copy(deep=True)
            self.audit.record([AuditEvent(record.created_by, record.id, "created")])
            self.revisions.bump()
        return record

    def get(self, refund_id: str) -> RefundRecord:
        """A copy of the stored record, or NotFound."""
        with self.lock:
            found = self.records.get(refund_number(refund_id))
            if found is None:
                raise NotFound(f"there is no refund record {refund_id}")
            return found.model_copy(deep=True)

    def update(
        self, refund_id: str, actor: str, change: Callable[[RefundRecord], RefundRecord]
    ) -> RefundRecord:
        """Apply ``change`` to a copy of the record under the lock; keep the result."""
        with self.lock:
            changed = change(self.get(refund_id))
            self.records[refund_number(refund_id)] = changed.model_copy(deep=True)
            self.audit.record([AuditEvent(actor, changed.id, "updated")])
            self.revisions.bump()
        return changed

    def all(self) -> list[RefundRecord]:
        """Every record, oldest first."""
        with self.lock:
            return [self.records[n].model_copy(deep=True) for n in sorted(self.records)]

    def decisions(self, requester: str) -> Decisions:
        """How many of ``requester``'s requests were approved and declined."""
        mine = [r for r in self.all() if r.created_by == requester and r.approval is not None]
        approved = sum(1 for r in mine if r.status is RefundStatus.APPROVED)
        return Decisions(approved, sum(1 for r in mine if r.status is RefundStatus.DECLINED))

    def pending(self) -> list[RefundRecord]:
        """Requests waiting for a team leader, oldest first."""
        return [r for r in self.all() if r.status is RefundStatus.PENDING]

    def for_case(self, case_id: str) -> list[RefundRecord]:
        """The records linked to a case, oldest first."""
        return [r for r in self.all() if r.case_id == case_id]


class MemoryRoster:
    """The roster as one value (None until written)."""

    def __init__(self, roster: Roster | None = None) -> None:
        self.roster = roster
        self.lock = threading.Lock()

    def exists(self) -> bool:
        """Whether a roster was written."""
        return self.roster is not None

    def roles(self) -> dict[str, Role]:
        """Who is on the roster, with their role; ConfigError if there is none."""
        return {member.name: member.role for member in self.load().members}

    def load(self) -> Roster:
        """A copy of the roster; ConfigError if there is none."""
        if self.roster is None:
            raise ConfigError("there is no team roster yet")
        return self.roster.model_copy(deep=True)

    def write(self, roster: Roster) -> None:
        """Replace the roster."""
        self.roster = roster.model_copy(deep=True)

    def update(self, change: Callable[[Roster], Roster]) -> Roster:
        """Apply ``change`` to the roster under the lock; keep the result."""
        with self.lock:
            updated = change(self.load())
            self.write(updated)
        return updated


class MemoryDrafts:
    """One person's drafts by form name."""

    def __init__(self) -> None:
        self.drafts: dict[str, Draft] = {}

    def save(self, name: str, values: dict[str, Any], at: datetime) -> None:
        """Keep ``values`` for the form ``name``."""
        self.drafts[name] = Draft(name, at, dict(values))

    def load(self, name: str) -> Draft | None:
        """A copy of the draft of form ``name``, if one is kept."""
        found = self.drafts.get(name)
        return None if found is None else Draft(found.name, found.saved_at, dict(found.values))

    def names(self) -> list[str]:
        """The name of every kept draft, sorted."""
        return sorted(self.drafts)

    def drop(self, name: str) -> None:
        """Forget the draft of form ``name``."""
        self.drafts.pop(name, None)
