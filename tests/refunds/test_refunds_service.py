"""The refund service: checks kept on cases, the approvals queue, records and history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.support.clock import FixedClock
from tests.support.refunds import case_at_solve, open_as
from tests.support.stores import SharedMemoryStore

from cstui.errors import ConflictError, InputError, NotFound, PermissionDenied, WorkflowError
from cstui.models.refunds import RefundStatus
from cstui.models.returns import GroupBy
from cstui.workspace import Workspace


@pytest.fixture
def open_ws(
    refund_dir: Path, refund_clock: FixedClock, memory_store: SharedMemoryStore
) -> Callable[[str], Workspace]:
    """Open the data folder as a user over one in-memory store (alice leads, bob is an
    agent with limit 100)."""
    return lambda user: open_as(refund_dir, user, refund_clock, stores=memory_store)


FAULTY: dict[str, Any] = {
    "purchased": "2026-02-20",
    "price": "450",
    "paid_by": "card",
    "proof": "receipt",
    "reason": "major-failure",
    "failure_kind": "unsafe",
}


def history(ws: Workspace, case_id: str) -> list[tuple[str, str, str]]:
    return [(h.actor, h.action, h.detail) for h in ws.cases.get(case_id).history]


def test_a_check_alone_keeps_nothing(bob: Workspace) -> None:
    checked = bob.refunds.check(FAULTY)
    assert checked.record is None
    assert checked.decision.needs_approval
    assert bob.refunds.all() == []


def test_bad_input_names_every_field_and_keeps_nothing(bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    bad = {"purchased": "2026-13-01", "price": "-3", "paid_by": "IOU", "proof": "x"}
    with pytest.raises(InputError) as caught:
        bob.refunds.check({**bad, "reason": "nope"}, case_id=case_id)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("price", "must be zero or more"),
        ("purchased", "is not a date (use YYYY-MM-DD)"),
        ("paid_by", "must be one of: cash, card, cheque, bank-transfer or gift-card"),
        (
            "proof",
            "must be one of: receipt, card-statement, bank-statement, order-number, lay-by, "
            "warranty-card, receipt-photo or none",
        ),
        (
            "reason",
            "must be one of: major-failure, minor-failure, wrong-item, not-as-described, "
            "change-of-mind, misuse or disclosed-fault",
        ),
    ]
    with pytest.raises(InputError, match="price: must be an amount"):
        bob.refunds.check({**FAULTY, "price": "ten dollars"}, case_id=case_id)
    with pytest.raises(InputError, match="purchased: cannot be in the future"):
        bob.refunds.check({**FAULTY, "purchased": "2026-03-03"}, case_id=case_id)
    assert bob.refunds.all() == []
    assert len(bob.cases.get(case_id).history) == 3  # created, two steps: nothing added


def test_over_the_limit_waits_for_a_team_leader_then_shows_on_the_case(
    bob: Workspace, alice: Workspace
) -> None:
    case_id = case_at_solve(bob)
    record = bob.refunds.check(FAULTY, case_id=case_id).record
    assert record is not None
    assert (record.id, record.case_id, record.status) == ("R-000001", case_id, "pending")
    assert [r.id for r in alice.refunds.pending()] == [record.id]
    with pytest.raises(PermissionDenied, match="only a team leader"):
        bob.refunds.approve(record.id)
    with pytest.raises(WorkflowError, match="waiting for a team leader's approval"):
        bob.refunds.record(record.id, {"item": "Kettle", "fault": "sparks"})

    approved = alice.refunds.approve(record.id, "photos checked")
    assert approved.status is RefundStatus.APPROVED
    assert alice.refunds.pending() == []
    assert [r.status for r in bob.refunds.for_case(case_id)] == [RefundStatus.APPROVED]
    assert [r.id for r in bob.refunds.to_record()] == [record.id]

    given = bob.refunds.record(
        record.id, {"item": "Kettle K2", "fault": "sparks", "remedy": "refund", "amount": "$450"}
    )
    assert given.outcome is not None and given.outcome.approved_by == "alice"
    assert bob.refunds.to_record() == []
    assert history(bob, case_id)[3:] == [
        (
            "bob",
            "refund",
            "checked R-000001: refund, replace or compensation (the customer chooses), 450.00; "
            "waiting for a team leader's approval; refer to a supervisor",
        ),
        ("alice", "refund", "approved R-000001: photos checked"),
        ("bob", "refund", "recorded R-000001: gave refund 450.00 by card (Kettle K2)"),
    ]


def test_a_decline_says_why_on_the_case(bob: Workspace, alice: Workspace) -> None:
    case_id = case_at_solve(bob)
    record = bob.refunds.check(FAULTY, case_id=case_id).record
    assert record is not None
    with pytest.raises(InputError, match="reason: say why"):
        alice.refunds.decline(record.id, " ")
    declined = alice.refunds.decline(
        record.id, "Damage looks like a drop", "damaged-after-delivery"
    )
    assert declined.status is RefundStatus.DECLINED
    assert history(bob, case_id)[-1] == (
        "alice",
        "refund",
        "declined R-000001 on the ground damaged-after-delivery: Damage looks like a drop",
    )
    with pytest.raises(WorkflowError, match="not waiting for approval"):
        alice.refunds.approve(record.id)


def test_nobody_approves_their_own_request(
    alice: Workspace, open_ws: Callable[[str], Workspace]
) -> None:
    case_id = case_at_solve(alice)
    record = alice.refunds.check({**FAULTY, "price": "1500"}, case_id=case_id).record
    assert record is not None and record.status is RefundStatus.PENDING
    with pytest.raises(PermissionDenied, match="nobody approves their own request"):
        alice.refunds.approve(record.id)
    alice.team.add("carol", "team_leader", "500")
    carol = open_ws("carol")
    assert carol.refunds.why_not_decide(record) is None
    assert carol.refunds.approve(record.id).status is RefundStatus.APPROVED


def test_within_the_limit_no_approval_and_someone_off_the_roster_has_none(
    bob: Workspace, open_ws: Callable[[str], Workspace]
) -> None:
    small = bob.refunds.check({**FAULTY, "price": "60"}, save=True).record
    assert small is not None and small.status is RefundStatus.NOT_NEEDED
    assert small.case_id is None
    stranger = open_ws("dave")
    assert stranger.refunds.limit() == 0
    assert stranger.refunds.check({**FAULTY, "price": "0.01"}).decision.needs_approval


def test_checks_need_an_open_case_that_exists(bob: Workspace) -> None:
    with pytest.raises(NotFound):
        bob.refunds.check(FAULTY, case_id="C-000099")
    with pytest.raises(InputError, match="id: is not a case id"):
        bob.refunds.check(FAULTY, case_id="99")
    case_id = case_at_solve(bob)
    closing: list[dict[str, Any]] = [
        {"action": "Refund", "policy_clause": "Refunds 4.2"},
        {"method": "phone", "said": "Refund on its way"},
        {"satisfied": True},
    ]
    for fields in closing:
        bob.cases.advance(case_id, fields)
    with pytest.raises(WorkflowError, match="is closed"):
        bob.refunds.check(FAULTY, case_id=case_id)
    with pytest.raises(InputError, match="id: is not a refund id"):
        bob.refunds.get("C-000001")


def test_the_history_line_is_retried_if_someone_saved_the_case_meanwhile(
    bob: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = case_at_solve(bob)
    real = bob.cases.record_event
    calls: list[str] = []

    def busy_once(cid: str, action: str, detail: str) -> Any:
        calls.append(detail)
        if len(calls) == 1:
            raise ConflictError(cid, "alice", bob.cases.clock())
        return real(cid, action, detail)

    monkeypatch.setattr(bob.cases, "record_event", busy_once)
    bob.refunds.check(FAULTY, case_id=case_id)
    assert len(calls) == 2
    assert history(bob, case_id)[-1][2].startswith("checked R-000001")


def test_returns_by_product(bob: Workspace, alice: Workspace) -> None:
    for item in ["Kettle K2", "kettle k2", "Toaster"]:
        record = bob.refunds.check({**FAULTY, "price": "40"}, save=True).record
        assert record is not None
        bob.refunds.record(record.id, {"item": item, "fault": "sparks"})
    groups = bob.refunds.returns_by(GroupBy.PRODUCT)
    assert [(g.key, g.count) for g in groups] == [("Kettle K2", 2), ("Toaster", 1)]
    assert [r.id for r in alice.refunds.returns()] == ["R-000001", "R-000002", "R-000003"]
