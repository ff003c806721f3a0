"""Looking after the in-memory store: backups are copies kept in memory too."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cstui.errors import NotFound
from cstui.models.case import Case, case_number
from cstui.models.refunds import RefundRecord
from cstui.store.memory.cases import MemoryCaseStore
from cstui.store.memory.erasures import MemoryErasures
from cstui.store.memory.records import MemoryAuditTrail, MemoryRefundStore
from cstui.store.records import Health, Verdict

LOCATION = Path(":memory:")


@dataclass
class _Copy:
    """A backup: the cases and refunds as they were."""

    name: str
    cases: dict[int, Case]
    refunds: dict[int, RefundRecord]


class MemoryStoreAdmin:
    """Check, back up, restore and verify a store that lives in memory."""

    def __init__(
        self, cases: MemoryCaseStore, refunds: MemoryRefundStore, audit: MemoryAuditTrail
    ) -> None:
        self.cases = cases
        self.refunds = refunds
        self.audit = audit
        self.copies: list[_Copy] = []
        self.waits: list[Callable[[str], None]] = []
        self.journal = MemoryErasures()

    @property
    def location(self) -> Path:
        """Nowhere on disk."""
        return LOCATION

    def check(self) -> Health:
        """Every case is a validated model already; only the audit trail can be wrong."""
        verdict = self.verify()
        problems = [] if verdict.ok else [f"audit trail: {verdict.problem}"]
        newest = Path(self.copies[-1].name) if self.copies else None
        return Health(not problems, LOCATION, len(self.cases.cases), problems, newest)

    def backup(self, at: datetime) -> Path:
        """Keep a copy of the cases and refunds, named by the moment."""
        with self.cases.lock, self.refunds.lock:
            name = f"memory-{at.strftime('%Y-%m-%dT%H%M%S')}-{len(self.copies) + 1}"
            kept = _Copy(name, copy.deepcopy(self.cases.cases), copy.deepcopy(self.refunds.records))
            self.copies.append(kept)
        return Path(name)

    def backups(self) -> list[Path]:
        """Every copy, newest first."""
        return [Path(c.name) for c in reversed(self.copies)]

    def restore(self, name: str, at: datetime) -> Path | None:
        """Put the named copy back; the state it replaces is kept as a copy too."""
        wanted = next((c for c in self.copies if c.name == Path(name).name), None)
        if wanted is None:
            raise NotFound(f"there is no backup called {Path(name).name}")
        before = self.backup(at)
        with self.cases.lock, self.refunds.lock:
            self.cases.cases = copy.deepcopy(wanted.cases)
            self.refunds.records = copy.deepcopy(wanted.refunds)
            self.cases.revisions.bump()
        return before

    def verify(self) -> Verdict:
        """Check the audit trail's chain."""
        return self.audit.verify()

    def forget_in_backups(self, cases: Sequence[Case]) -> int:
        """Put ``cases`` as they are now into every copy that holds them."""
        changed = 0
        for kept in self.copies:
            hits = [c for c in cases if case_number(c.id) in kept.cases]
            for case in hits:
                kept.cases[case_number(case.id)] = case.model_copy(deep=True)
            changed += bool(hits)
        return changed

    def on_wait(self, tell: Callable[[str], None]) -> None:
        """Nothing ever waits in memory; ``tell`` is kept but never called."""
        self.waits.append(tell)

    def erasures(self) -> MemoryErasures:
        """The journal of erasures under way."""
        return self.journal
