"""Cases held in memory, behind the :class:`~cstui.store.ports.CaseStore` port."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from cstui.errors import ConflictError, NotFound
from cstui.models.case import Case, case_number, format_case_id
from cstui.models.customer import normalise_email, normalise_phone
from cstui.store.memory.records import MemoryAuditTrail, Revisions
from cstui.store.query import ArchiveQuery
from cstui.store.records import AuditEvent, Progress, Revision

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.report_facts import ComplaintFacts


def _changed_fields(before: Case, after: Case) -> tuple[str, ...]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return tuple(key for key, value in new.items() if old.get(key) != value)


class MemoryCaseStore:
    """Every case in one dictionary by number; each read hands out a copy."""

    def __init__(
        self,
        brief_of: Callable[[Case], CaseBrief],
        facts_of: Callable[[Case], ComplaintFacts],
        audit: MemoryAuditTrail,
        revisions: Revisions,
    ) -> None:
        self.brief_of = brief_of
        self.facts_of = facts_of
        self.audit = audit
        self.revisions = revisions
        self.lock = threading.RLock()
        self.cases: dict[int, Case] = {}
        self.next_number = 1

    def _take_number(self) -> int:
        while self.next_number in self.cases:
            self.next_number += 1
        return self.next_number

    def create(self, build: Callable[[str], Case]) -> Case:
        """Give ``build`` the next case id, keep a copy of what it returns."""
        with self.lock:
            number = self._take_number()
            case = build(format_case_id(number))
            self.cases[number] = case.model_copy(deep=True)
            self.next_number = number + 1
            self.audit.record([AuditEvent(case.created_by, case.id, "created")])
            self.revisions.bump()
        return case

    def create_many(
        self, builds: list[tuple[str | None, Callable[[str], Case]]], actor: str
    ) -> list[Case | None]:
        """Store every case ``builds`` make, all or none; skip ids and import keys stored."""
        with self.lock:
            staged: dict[int, Case] = {}
            keys = {c.import_key for c in self.cases.values() if c.import_key}
            results: list[Case | None] = []
            number = self.next_number
            for wanted, build in builds:
                while wanted is None and (number in self.cases or number in staged):
                    number += 1
                slot = case_number(wanted) if wanted is not None else number
                case = self._build_new(slot, build, staged, keys)
                if case is not None:
                    staged[slot] = case.model_copy(deep=True)
                    keys.add(case.import_key or "")
                results.append(case)
            self._keep(staged, number, actor)
        return results

    def _build_new(
        self, slot: int, build: Callable[[str], Case], staged: dict[int, Case], keys: set[str]
    ) -> Case | None:
        """The case ``build`` makes at ``slot``, or None if the slot or its import key is
        taken."""
        if slot in self.cases or slot in staged:
            return None
        case = build(format_case_id(slot))
        return None if case.import_key is not None and case.import_key in keys else case

    def _keep(self, staged: dict[int, Case], number: int, actor: str) -> None:
        """Store the cases of an import at once, audited as imported."""
        if not staged:
            return
        self.cases.update(staged)
        self.next_number = max(number, *staged) + 1
        self.audit.record([AuditEvent(actor, c.id, "imported") for c in staged.values()])
        self.revisions.bump()

    def get(self, case_id: str) -> Case:
        """A copy of the stored case, or NotFound."""
        with self.lock:
            found = self.cases.get(case_number(case_id))
            if found is None:
                raise NotFound(f"there is no case {case_id}")
            return found.model_copy(deep=True)

    def save(self, case: Case, expected_version: int) -> Case:
        """Keep ``case`` as version ``expected_version + 1`` unless someone got there first."""
        number = case_number(case.id)
        with self.lock:
            current = self.cases.get(number)
            if current is None:
                raise NotFound(f"there is no case {case.id}")
            if current.version != expected_version:
                by, at = current.last_change()
                raise ConflictError(case.id, by, at)
            saved = case.model_copy(update={"version": expected_version + 1}, deep=True)
            self.cases[number] = saved
            changed = _changed_fields(current, saved)
            self.audit.record([AuditEvent(saved.updated_by, saved.id, "updated", changed)])
            self.revisions.bump()
            return saved.model_copy(deep=True)

    def _all(self, wanted: Callable[[Case], bool]) -> list[Case]:
        with self.lock:
            return [
                self.cases[n].model_copy(deep=True)
                for n in sorted(self.cases)
                if wanted(self.cases[n])
            ]

    def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first."""
        return self._all(lambda c: c.is_open)

    def open_briefs(self) -> list[CaseBrief]:
        """Every case not closed in brief, oldest first."""
        return [self.brief_of(case) for case in self.open_cases()]

    def closed_cases(self, query: ArchiveQuery | None = None) -> list[Case]:
        """Closed cases (all, or those ``query`` wants), oldest first."""
        query = query or ArchiveQuery()
        return self._all(lambda c: not c.is_open and query.wants_case(c))

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """Cases with this phone or this email, newest first."""
        want_phone = normalise_phone(phone) if phone else None
        want_email = normalise_email(email) if email else None

        def same(case: Case) -> bool:
            customer = case.customer
            return bool(
                (want_phone and customer.phone == want_phone)
                or (want_email and customer.email == want_email)
            )

        return list(reversed(self._all(same)))

    def report_facts(
        self, query: ArchiveQuery | None = None, progress: Progress | None = None
    ) -> list[ComplaintFacts]:
        """The report facts of every case ``query`` wants, open or closed."""
        query = query or ArchiveQuery()
        wanted = self._all(query.wants_case)
        if progress is not None:
            progress(len(wanted), len(wanted))
        return [self.facts_of(case) for case in wanted]

    def revision(self) -> Revision:
        """How many writes the store has taken."""
        return self.revisions.count
