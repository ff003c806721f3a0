"""A store that lives in memory and implements every port: for the service tests and
the contract tests, which run the same checks on it and on the file store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cstui.store.feeds import NoChangeFeed
from cstui.store.memory.admin import MemoryStoreAdmin
from cstui.store.memory.cases import MemoryCaseStore
from cstui.store.memory.contacts import MemoryContactStore
from cstui.store.memory.records import (
    MemoryAuditTrail,
    MemoryDrafts,
    MemoryRefundStore,
    MemoryRoster,
    Revisions,
)
from cstui.store.memory.skills import MemorySkillsLogs

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.case import Case
    from cstui.models.report_facts import ComplaintFacts
    from cstui.models.team import Roster
    from cstui.store.ports import (
        AuditTrail,
        CaseStore,
        ContactStore,
        DraftStore,
        RefundStore,
        RosterStore,
        SkillsLogs,
        StoreAdmin,
    )


@dataclass(frozen=True)
class MemoryStores:
    """The in-memory store's ports (see :class:`cstui.store.ports.Stores`)."""

    cases: CaseStore
    refunds: RefundStore
    skills: SkillsLogs
    roster: RosterStore
    drafts: DraftStore
    audit: AuditTrail
    admin: StoreAdmin
    contacts: ContactStore
    notes: tuple[str, ...] = field(default=())
    changes: NoChangeFeed = field(default_factory=NoChangeFeed)
    """None to tell: a memory store has one terminal."""


def open_memory_store(
    *,
    brief_of: Callable[[Case], CaseBrief],
    facts_of: Callable[[Case], ComplaintFacts],
    roster: Roster | None = None,
) -> MemoryStores:
    """A new, empty store (with ``roster``, if given) in memory."""
    audit, revisions = MemoryAuditTrail(), Revisions()
    cases = MemoryCaseStore(brief_of, facts_of, audit, revisions)
    refunds = MemoryRefundStore(audit, revisions)
    return MemoryStores(
        cases=cases,
        refunds=refunds,
        skills=MemorySkillsLogs(),
        roster=MemoryRoster(roster),
        drafts=MemoryDrafts(),
        audit=audit,
        admin=MemoryStoreAdmin(cases, refunds, audit),
        contacts=MemoryContactStore(audit.record),
    )


__all__ = ["MemoryStores", "open_memory_store"]
