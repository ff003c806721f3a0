"""A case in brief: what a list of open cases shows, kept beside each open case.

Every save of an open case also stores its brief: the few fields a list shows and its
next deadline, worked out with the policy at that moment. A list of open cases (home
screen, ``cstui case list``) is then drawn from the briefs alone, without loading or
validating the full cases. The deadline stays right without the policy: it only moves
while the case waits on the customer, and then by exactly the time waited.

Briefs carry the stamp of the policy they were worked out with (:func:`brief_stamp`); a
reader with another policy, or briefs of another format, works them out afresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cstui.models.deadline import Due, DueKind, iso
from cstui.models.kinds import Step

if TYPE_CHECKING:
    from cstui.models.case import Case
    from cstui.models.policy import Policy

BRIEF_FORMAT = 1
"""Changes whenever the stored shape of a brief or its deadline rules change."""


def brief_stamp(policy_text: bytes) -> str:
    """What briefs worked out under the policy file with these bytes are stamped with.

    The computer's UTC offset is part of it: a policy with no time zone uses the
    computer's, so a change of offset changes the deadlines.
    """
    offset = datetime.now().astimezone().utcoffset()
    digest = hashlib.sha256(policy_text).hexdigest()[:24]
    return f"{BRIEF_FORMAT}:{digest}:{offset}"


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

    def due(self, now: datetime) -> Due | None:
        """The next deadline against ``now``, as :func:`cstui.domain.due.next_due` gives it."""
        if self.due_kind is None or self.due_at is None:
            return None
        at = self.due_at
        if self.paused_since is not None and now > self.paused_since:
            at += now - self.paused_since
        return Due(self.due_kind, at, now - at if now > at else None)

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
        )


def brief_of(case: Case, policy: Policy) -> CaseBrief:
    """The brief of ``case`` under ``policy``."""
    from cstui.domain.due import next_due

    waiting = next(
        (p for p in case.pauses if p.end is None and p.start >= case.cycle_started_at), None
    )
    # Worked out as at the start of a wait still going on, that wait counts for nothing
    # yet; :meth:`CaseBrief.due` adds it as time goes by.
    due = next_due(case, policy, waiting.start if waiting else case.updated_at)
    pushes = due is not None and due.kind is DueKind.RESOLVE and waiting is not None
    return CaseBrief(
        id=case.id,
        customer=case.customer.name,
        phone=case.customer.phone,
        email=case.customer.email,
        category=case.category,
        channel=case.channel,
        step=case.step,
        owner=case.owner,
        created_at=iso(case.created_at),
        updated_at=iso(case.updated_at),
        version=case.version,
        waiting=case.waiting,
        summary=case.summary,
        due_kind=due.kind if due else None,
        due_at=due.at if due else None,
        paused_since=waiting.start if pushes and waiting else None,
    )
