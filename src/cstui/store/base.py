"""The repository interface the services talk to. Any backend implements it.

It speaks in intents (open cases, a customer's history, closed cases of a period, save
this case if nobody else has) and in models, never in TinyDB documents or queries, so a
database-server backend can slot in behind it without touching the services or faces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from cstui.domain.reports import ComplaintFacts
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
        """Whether a block with this index summary can hold a wanted case."""
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

    def wants(self, document: Document) -> bool:
        """Whether this stored case is wanted."""
        created = stored_moment(document.get("created_at"))
        updated = stored_moment(document.get("updated_at"))
        closed = stored_moment(document.get("closed_at"))
        return self.created_within(created) and not (
            (self.updated_from and updated and updated < self.updated_from)
            or (self.closed_before and (closed is None or closed > self.closed_before))
        )


class CaseRepository(Protocol):
    """Where cases live."""

    def create(self, build: Callable[[str], Case]) -> Case:
        """Give ``build`` a fresh case id, store what it returns, and return that."""
        ...

    def get(self, case_id: str) -> Case:
        """The case with ``case_id``; raises NotFound."""
        ...

    def save(self, case: Case, expected_version: int) -> Case:
        """Store ``case`` if the stored one is still at ``expected_version``.

        Returns the case as stored (its version one higher). Raises ConflictError,
        naming who changed it and when, if someone saved in between.
        """
        ...

    def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first."""
        ...

    def create_many(
        self, builds: list[tuple[str | None, Callable[[str], Case]]], actor: str
    ) -> list[Case | None]:
        """Store many new cases at once, all or none (see the TinyDB repository)."""
        ...

    def closed_cases(self, query: ArchiveQuery | None = None) -> list[Case]:
        """Closed cases (all, or those ``query`` wants), oldest first."""
        ...

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """Cases whose customer has this phone or this email, newest first."""
        ...

    def complaint_facts(
        self, query: ArchiveQuery | None = None, progress: Callable[[int, int], None] | None = None
    ) -> list[ComplaintFacts]:
        """What the analysis of complaints needs of every case ``query`` wants, open or
        closed, in no set order; ``progress`` is told (cases read, cases to read)."""
        ...
