"""Which closed cases to read: the one query value the case port takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cstui.models.case import Case

Document = dict[str, Any]


def stored_moment(text: object) -> datetime | None:
    """A moment as stored (ISO text), or None."""
    return datetime.fromisoformat(text) if isinstance(text, str) else None


@dataclass(frozen=True)
class ArchiveQuery:
    """Which closed cases to read; every bound is optional and inclusive."""

    created_from: datetime | None = None
    created_to: datetime | None = None
    updated_from: datetime | None = None
    closed_before: datetime | None = None

    def may_hold(self, summary: Document) -> bool:
        """Whether a group of cases with this summary of moments can hold a wanted case."""
        low, high = (
            stored_moment(summary.get("created_min")),
            stored_moment(summary.get("created_max")),
        )
        updated, closed = (
            stored_moment(summary.get("updated_max")),
            stored_moment(summary.get("closed_min")),
        )
        return not (
            (self.created_from and high and high < self.created_from)
            or (self.created_to and low and low > self.created_to)
            or (self.updated_from and updated and updated < self.updated_from)
            or (self.closed_before and closed and closed > self.closed_before)
        )

    @property
    def by_creation_only(self) -> bool:
        """Whether only the created bounds are set: a case's creation alone decides."""
        return self.updated_from is None and self.closed_before is None

    def created_within(self, created: datetime | None) -> bool:
        """Whether a case created at ``created`` is within the created bounds."""
        return not (
            (self.created_from and created and created < self.created_from)
            or (self.created_to and created and created > self.created_to)
        )

    def wants_moments(
        self, created: datetime | None, updated: datetime | None, closed: datetime | None
    ) -> bool:
        """Whether a case with these moments is wanted."""
        return self.created_within(created) and not (
            (self.updated_from and updated and updated < self.updated_from)
            or (self.closed_before and (closed is None or closed > self.closed_before))
        )

    def wants(self, document: Document) -> bool:
        """Whether this stored case is wanted."""
        return self.wants_moments(
            stored_moment(document.get("created_at")),
            stored_moment(document.get("updated_at")),
            stored_moment(document.get("closed_at")),
        )

    def wants_case(self, case: Case) -> bool:
        """Whether ``case`` is wanted."""
        return self.wants_moments(case.created_at, case.updated_at, case.closed_at)
