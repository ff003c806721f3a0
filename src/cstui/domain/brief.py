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
from datetime import datetime
from typing import TYPE_CHECKING

from cstui.models.brief import CaseBrief
from cstui.models.deadline import DueKind, iso

if TYPE_CHECKING:
    from cstui.models.case import Case, Pause
    from cstui.models.policy import Policy

__all__ = ["BRIEF_FORMAT", "brief_of", "brief_stamp"]

BRIEF_FORMAT = 4
"""Changes whenever the stored shape of a brief or its deadline rules change;
``tests/store/test_derived_stamps.py`` fails, saying so, when they change and this has not."""


def brief_stamp(policy_text: bytes) -> str:
    """What briefs worked out under the policy file with these bytes are stamped with.

    The computer's UTC offset is part of it: a policy with no time zone uses the
    computer's, so a change of offset changes the deadlines.
    """
    offset = datetime.now().astimezone().utcoffset()
    digest = hashlib.sha256(policy_text).hexdigest()[:24]
    return f"{BRIEF_FORMAT}:{digest}:{offset}"


def _pushing_wait(case: Case, policy: Policy) -> Pause | None:
    """The wait still going on in this cycle, if the policy's resolve clock pauses for it."""
    if not policy.targets.waiting_pauses_resolve:
        return None
    return next(
        (p for p in case.pauses if p.end is None and p.start >= case.cycle_started_at), None
    )


def brief_of(case: Case, policy: Policy) -> CaseBrief:
    """The brief of ``case`` under ``policy``."""
    from cstui.domain.due import delay_notice_pending_from, next_due, promised_due

    waiting = _pushing_wait(case, policy)
    # Worked out as at the start of a wait still going on, that wait counts for nothing
    # yet; :meth:`CaseBrief.due` adds it as time goes by.
    due = next_due(case, policy, waiting.start if waiting else case.updated_at)
    pushed_by = waiting if due is not None and due.kind is DueKind.RESOLVE else None
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
        paused_since=pushed_by.start if pushed_by else None,
        promised_at=promised_due(case, policy) if pushed_by else None,
        delay_notice_from=delay_notice_pending_from(case, policy),
    )
