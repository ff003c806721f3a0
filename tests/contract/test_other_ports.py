"""Refunds, skills logs, roster, drafts and the audit trail, the same on every store."""

from __future__ import annotations

from datetime import date

import pytest
from tests.contract.conftest import START, Clock, new_case, refund_build

from cstui.errors import InputError, NotFound, WorkflowError
from cstui.models.refund_decisions import DECIDED_STATUSES, Decisions
from cstui.models.refunds import Approval, RefundStatus
from cstui.models.roles import Role
from cstui.models.skills import Assessment, LearningEntry, LearningKind
from cstui.models.team import Member, Roster
from cstui.store.ports import AuditEvent, Stores


def test_refunds_are_numbered_found_and_changed_atomically(stores: Stores, contract_policy) -> None:
    case = new_case(stores, START)
    first = stores.refunds.create(refund_build(contract_policy))
    second = stores.refunds.create(refund_build(contract_policy, case.id))
    assert (first.id, second.id) == ("R-000001", "R-000002")
    assert stores.refunds.get(second.id) == second
    assert [r.id for r in stores.refunds.for_case(case.id)] == [second.id]
    assert [r.id for r in stores.refunds.all()] == [first.id, second.id]
    assert [r.id for r in stores.refunds.pending()] == [first.id, second.id]

    def refuse(record):
        raise WorkflowError("already decided")

    with pytest.raises(WorkflowError):
        stores.refunds.update(first.id, "alice", refuse)
    assert stores.refunds.get(first.id) == first
    approval = Approval(by="alice", at=START, approved=True)
    approved = stores.refunds.update(
        first.id,
        "alice",
        lambda r: r.model_copy(update={"status": RefundStatus.APPROVED, "approval": approval}),
    )
    assert stores.refunds.get(first.id) == approved
    assert [r.id for r in stores.refunds.pending()] == [second.id]
    with pytest.raises(NotFound):
        stores.refunds.get("R-000009")


def _decide(stores: Stores, refund_id: str, status: RefundStatus) -> None:
    approval = Approval(by="alice", at=START, approved=status is RefundStatus.APPROVED, reason="r")
    stores.refunds.update(
        refund_id, "alice", lambda r: r.model_copy(update={"status": status, "approval": approval})
    )


def test_decisions_count_only_the_requesters_answered_requests(
    stores: Stores, contract_policy
) -> None:
    ids = [stores.refunds.create(refund_build(contract_policy)).id for _ in range(4)]
    other = stores.refunds.create(refund_build(contract_policy, by="carol")).id
    assert stores.refunds.decisions("bob") == Decisions(0, 0)
    _decide(stores, ids[0], RefundStatus.APPROVED)
    _decide(stores, ids[1], RefundStatus.DECLINED)
    _decide(stores, ids[2], RefundStatus.DECLINED)
    _decide(stores, other, RefundStatus.APPROVED)
    assert stores.refunds.decisions("bob") == Decisions(approved=1, declined=2)
    assert stores.refunds.decisions("carol") == Decisions(approved=1, declined=0)
    assert stores.refunds.decisions("nobody") == Decisions(0, 0)


def test_the_decided_statuses_are_the_answered_ones() -> None:
    answered = {RefundStatus.APPROVED, RefundStatus.DECLINED}
    assert {RefundStatus(s) for s in DECIDED_STATUSES} == answered


def _entry(what: str):
    return lambda number: LearningEntry(
        id=number, on=date(2026, 3, 1), kind=LearningKind.COURSE, what=what, logged_at=START
    )


def test_each_owner_sees_only_their_own_skills_log(stores: Stores) -> None:
    alice, bob = stores.skills.log("alice"), stores.skills.log("bob")
    alice.add_learning(_entry("Listening course"))
    assert bob.learning() == []
    assert bob.add_learning(_entry("Mentoring")).id == 1
    assert [e.what for e in stores.skills.log("alice").learning()] == ["Listening course"]
    assert [e.what for e in stores.skills.log("bob").learning()] == ["Mentoring"]
    with pytest.raises(InputError):
        stores.skills.log("../alice")


def test_a_skills_draft_is_made_completed_and_changed(stores: Stores) -> None:
    log = stores.skills.log("alice")
    made = log.update_draft(
        lambda current, number: Assessment(id=number, started_at=START, updated_at=START)
    )
    assert made is not None and log.draft() == made and log.assessments() == []

    def complete(current: Assessment | None, _: int) -> Assessment:
        assert current is not None
        return current.model_copy(update={"completed_at": START})

    done = log.update_draft(complete)
    assert done is not None and log.draft() is None and log.assessments() == [done]
    kept = log.update_assessment(done.id, lambda a: a.model_copy(update={"strengths": ["f1.01"]}))
    assert log.assessments() == [kept]
    with pytest.raises(NotFound):
        log.update_action(7, lambda a: a)


def test_the_roster_is_read_written_and_updated_atomically(stores: Stores) -> None:
    assert stores.roster.exists()
    assert stores.roster.load().names() == ["alice", "bob"]
    carol = Member(name="carol", role=Role.AGENT, refund_limit="50")

    def refuse(roster: Roster) -> Roster:
        raise WorkflowError("no")

    with pytest.raises(WorkflowError):
        stores.roster.update(refuse)
    added = stores.roster.update(lambda r: Roster(members=[*r.members, carol]))
    assert stores.roster.load() == added and added.get("carol") == carol


def test_the_roles_are_read_as_the_roster_says_them(stores: Stores) -> None:
    assert stores.roster.roles() == {"alice": Role.TEAM_LEADER, "bob": Role.AGENT}
    carol = Member(name="carol", role=Role.TEAM_LEADER, refund_limit="50")
    stores.roster.update(
        lambda r: Roster(members=[m for m in r.members if m.name != "alice"] + [carol])
    )
    assert stores.roster.roles() == {"bob": Role.AGENT, "carol": Role.TEAM_LEADER}


def test_drafts_are_kept_read_and_dropped(stores: Stores) -> None:
    assert stores.drafts.load("new-case") is None
    stores.drafts.save("new-case", {"customer": "Jo"}, START)
    kept = stores.drafts.load("new-case")
    assert kept is not None and kept.values == {"customer": "Jo"} and kept.saved_at == START
    stores.drafts.drop("new-case")
    assert stores.drafts.load("new-case") is None


def test_drafts_are_listed_by_the_name_they_were_kept_as(stores: Stores) -> None:
    assert stores.drafts.names() == []
    stores.drafts.save("case/C-000012/investigate", {"findings": "dup"}, START)
    stores.drafts.save("new-case", {"customer.name": "Jo"}, START)
    assert stores.drafts.names() == ["case/C-000012/investigate", "new-case"]
    kept = stores.drafts.load("case/C-000012/investigate")
    assert kept is not None and kept.values == {"findings": "dup"}
    stores.drafts.drop("case/C-000012/investigate")
    assert stores.drafts.names() == ["new-case"]


def test_every_change_is_audited_and_the_trail_verifies(stores: Stores, tick: Clock) -> None:
    from cstui.domain import workflow

    case = new_case(stores, START)
    stores.cases.save(workflow.add_note(case, "n", "bob", tick()), case.version)
    stores.audit.append([AuditEvent("alice", "store", "checked")])
    events = [(e.actor, e.record, e.action) for e in stores.audit.events()]
    assert events == [
        ("alice", case.id, "created"),
        ("bob", case.id, "updated"),
        ("alice", "store", "checked"),
    ]
    assert "history" in stores.audit.events()[1].fields
    verdict = stores.audit.verify()
    assert verdict.ok and verdict.entries == 3
