"""How many of one person's refund requests team leaders answered (read for home's line)."""

from __future__ import annotations

from dataclasses import dataclass

DECIDED_STATUSES = frozenset({"approved", "declined"})
"""The statuses of a request a team leader has answered (``RefundStatus`` values)."""


@dataclass(frozen=True)
class Decisions:
    """Team leaders' answers to one person's requests."""

    approved: int
    declined: int

    @property
    def total(self) -> int:
        """How many requests were answered."""
        return self.approved + self.declined

    def line(self) -> str:
        """``2 refund decisions: 1 approved, 1 declined``; empty when there are none."""
        if not self.total:
            return ""
        noun = "decision" if self.total == 1 else "decisions"
        return f"{self.total} refund {noun}: {self.approved} approved, {self.declined} declined"
