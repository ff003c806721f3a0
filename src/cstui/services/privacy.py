"""Privacy: remove personal data after the retention period, or when a customer asks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cstui.domain.privacy import due_for_purge, redact
from cstui.errors import PermissionDenied
from cstui.models.case import Case
from cstui.models.policy import Policy
from cstui.services.cases import CaseService
from cstui.store.ports import ArchiveQuery, StoreAdmin


@dataclass(frozen=True)
class Redaction:
    """Which cases were (or, in a dry run, would be) redacted."""

    case_ids: list[str]
    applied: bool
    backups_rewritten: int = 0


class PrivacyService:
    """Purge and erase, for team leaders; a dry run by default."""

    def __init__(
        self,
        cases: CaseService,
        policy: Policy,
        admin: StoreAdmin,
        clock: Callable[[], datetime],
    ) -> None:
        self.cases = cases
        self.policy = policy
        self.admin = admin
        self.clock = clock

    def _require_leader(self) -> None:
        if not self.cases.team.roster().is_team_leader(self.cases.user):
            raise PermissionDenied("only a team leader can remove personal data")

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
        return self._redact(targets, f"retention period of {years} years over", apply)

    def erase(self, phone: str | None, email: str | None, apply: bool = False) -> Redaction:
        """Every case of one customer, on their request."""
        self._require_leader()
        targets = [c for c in self.cases.customer_history(phone, email) if c.redacted_at is None]
        return self._redact(targets, "erased at the customer's request", apply)

    def _redact(self, targets: list[Case], why: str, apply: bool) -> Redaction:
        ids = [c.id for c in targets]
        if not apply:
            return Redaction(ids, applied=False)
        now = self.clock()
        saved = [
            self.cases.repo.save(redact(case, self.cases.user, now, why), case.version)
            for case in targets
        ]
        rewritten = self.admin.forget_in_backups(saved)
        return Redaction(ids, applied=True, backups_rewritten=rewritten)
