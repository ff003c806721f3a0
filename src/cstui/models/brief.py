"""A case in brief: what a list of open cases shows, kept beside each open case.

Worked out by :func:`cstui.domain.brief.brief_of`; stored and read back by the store
without the full case or the policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cstui.models.deadline import Due, DueKind, iso
from cstui.models.kinds import Step


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class CaseBrief:
    """One open case as lists show it, with its next deadline."""

    id: str
    customer: str
    phone: str | None
    email: str | None
    category: str
    channel: str
    step: Step
    owner: str
    created_at: str
    """ISO 8601, as stored."""
    updated_at: str
    version: int
    waiting: bool
    summary: str
    due_kind: DueKind | None = None
    due_at: datetime | None = None
    """The deadline, not counting a wait still going on (see ``paused_since``)."""
    paused_since: datetime | None = None
    """When the wait still going on began, if it pushes the deadline back."""
    promised_at: datetime | None = None
    """Close of business on the date promised to the customer: the resolve deadline is
    never later than it, however long the wait."""
    delay_notice_from: datetime | None = None
    """When a delay notice becomes due (None: none is to be sent)."""

    def due(self, now: datetime) -> Due | None:
        """The next deadline against ``now``, as :func:`cstui.domain.due.next_due` gives it."""
        if self.due_kind is None or self.due_at is None:
            return None
        at = self.due_at
        if self.paused_since is not None and now > self.paused_since:
            at += now - self.paused_since
        if self.promised_at is not None and self.due_kind is DueKind.RESOLVE:
            at = min(at, self.promised_at)
        return Due.against(self.due_kind, at, now, self.delay_notice_from)

    def to_document(self) -> dict[str, Any]:
        """The brief as it is stored (JSON types only)."""
        return {
            "id": self.id,
            "customer": self.customer,
            "phone": self.phone,
            "email": self.email,
            "category": self.category,
            "channel": self.channel,
            "step": self.step.value,
            "owner": self.owner,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "version": self.version,
            "waiting": self.waiting,
            "summary": self.summary,
            "due_kind": self.due_kind.value if self.due_kind else None,
            "due_at": iso(self.due_at) if self.due_at else None,
            "paused_since": iso(self.paused_since) if self.paused_since else None,
            "promised_at": iso(self.promised_at) if self.promised_at else None,
            "delay_notice_from": iso(self.delay_notice_from) if self.delay_notice_from else None,
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> CaseBrief:
        """A stored brief; KeyError or ValueError if it is not one."""
        kind = doc["due_kind"]
        return cls(
            id=doc["id"],
            customer=doc["customer"],
            phone=doc["phone"],
            email=doc["email"],
            category=doc["category"],
            channel=doc["channel"],
            step=Step(doc["step"]),
            owner=doc["owner"],
            created_at=doc["created_at"],
            updated_at=doc["updated_at"],
            version=int(doc["version"]),
            waiting=bool(doc["waiting"]),
            summary=doc["summary"],
            due_kind=DueKind(kind) if kind else None,
            due_at=_moment(doc["due_at"]),
            paused_since=_moment(doc["paused_since"]),
            promised_at=_moment(doc["promised_at"]),
            delay_notice_from=_moment(doc["delay_notice_from"]),
        )
