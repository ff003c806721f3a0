"""The pure parts: models, the floor against a meaner or more generous policy, approvals,
the record form, the returns report and the order of the checklist's questions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError
from tests.support.clock import MONDAY_IN_MARCH

from cstui.domain import workflow
from cstui.domain.refunds import approval
from cstui.domain.refunds.engine import decide
from cstui.domain.refunds.law_uk import add_months
from cstui.domain.refunds.records import new_record, record_outcome
from cstui.domain.refunds.report import group_returns
from cstui.errors import InputError, PermissionDenied, WorkflowError
from cstui.models import refund_checklist as checklist
from cstui.models.errors import problems_from
from cstui.models.policy import Policy
from cstui.models.refund_text import summary
from cstui.models.refunds import (
    CheckInputs,
    DeclineGround,
    Jurisdiction,
    RefundPolicy,
    RefundRecord,
    RefundStatus,
    Remedy,
    check_refund_id,
    format_refund_id,
    parse_iso_date,
)
from cstui.models.returns import GroupBy
from cstui.models.roles import Role
from cstui.models.team import Member, Roster

TODAY = date(2026, 3, 2)
NOW = MONDAY_IN_MARCH
ROSTER = Roster(
    members=[
        Member(name="alice", role=Role.TEAM_LEADER, refund_limit=Decimal("1000")),
        Member(name="carol", role=Role.TEAM_LEADER, refund_limit=Decimal("1000")),
        Member(name="bob", role=Role.AGENT, refund_limit=Decimal("100")),
    ]
)


def check(**overrides: Any) -> CheckInputs:
    fields: dict[str, Any] = {
        "purchased": "2026-02-20",
        "price": "450",
        "paid_by": "card",
        "proof": "receipt",
        "reason": "major-failure",
        "failure_kind": "unsafe",
    }
    fields.update(overrides)
    return CheckInputs.model_validate(fields)


def with_refunds(policy: Policy, **refunds: Any) -> Policy:
    data = policy.model_dump(mode="json")
    data["refunds"] = {**data["refunds"], **refunds}
    return Policy.model_validate(data)


def kept(by: str = "bob", price: str = "450", **overrides: Any) -> RefundRecord:
    inputs = check(price=price, **overrides)
    limit = ROSTER.get(by).refund_limit  # type: ignore[union-attr]
    decision = decide(inputs, Policy.model_validate(POLICY), by, limit, TODAY)
    return new_record("R-000001", "C-000001", inputs, decision, by, NOW)


POLICY: dict[str, Any] = {}


@pytest.fixture(autouse=True)
def _policy(shipped: Policy) -> None:
    POLICY.clear()
    POLICY.update(shipped.model_dump(mode="json"))


# -- models -------------------------------------------------------------------------


def test_refund_ids() -> None:
    assert format_refund_id(7) == "R-000007"
    assert check_refund_id(" r-000007 ") == "R-000007"
    with pytest.raises(ValueError, match="not a refund id"):
        check_refund_id("C-000007")


@pytest.mark.parametrize("text", ["2026-3-1", "20260301", "1740787200", "2026-02-30", ""])
def test_dates_are_yyyy_mm_dd_only(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date(text)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"failure_kind": None}, "failure_kind", "say what makes it a major failure"),
        ({"reason": "minor-failure"}, "failure_kind", "only applies to a major failure"),
        (
            {"reason": "change-of-mind", "failure_kind": None, "remedy_failed": True},
            "remedy_failed",
            "only applies to faulty goods",
        ),
        ({"delivered": "2026-02-01"}, "delivered", "cannot be before the purchase date"),
        ({"price": "-1"}, "price", "must be at least 0"),
        ({"price": "1.234"}, "price", "more than two decimal places"),
        ({"reason": "broken"}, "reason", "must be one of: major-failure"),
        ({"proof": "hearsay"}, "proof", "must be one of: receipt"),
        ({"paid_by": "bitcoin"}, "paid_by", "must be one of: cash"),
    ],
)
def test_check_inputs_name_the_field(overrides: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check(**overrides)
    [problem] = problems_from(caught.value)
    assert problem.field == field
    assert message in problem.message


def test_an_old_policy_without_a_refunds_section_still_loads(shipped: Policy) -> None:
    data = shipped.model_dump(mode="json")
    del data["refunds"], data["jurisdiction"]
    old = Policy.model_validate(data)
    assert old.jurisdiction is Jurisdiction.AU
    assert old.refunds == RefundPolicy()
    assert old.refunds.change_of_mind.window_days == 30


def test_shipped_policy_matches_the_defaults(shipped: Policy) -> None:
    assert shipped.jurisdiction is Jurisdiction.AU
    assert shipped.refunds == RefundPolicy()


@pytest.mark.parametrize(
    "bad",
    [
        {"change_of_mind": {"remedies": ["repair"]}},
        {"change_of_mind": {"remedies": ["refund", "refund"]}},
        {"refund_methods": []},
        {"accepted_proof": ["receipt", "receipt"]},
        {"record_fields": ["colour"]},
        {"refer_over_amount": -5},
    ],
)
def test_bad_refund_policies_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        RefundPolicy.model_validate(bad)


# -- the floor wins over a meaner policy, a more generous one is honoured ------------------


def test_future_purchase_is_refused(shipped: Policy) -> None:
    with pytest.raises(InputError) as caught:
        decide(check(purchased="2026-03-03"), shipped, "bob", Decimal(100), TODAY)
    assert str(caught.value) == "purchased: cannot be in the future"


def test_refund_methods_cannot_take_away_the_original_method(shipped: Policy) -> None:
    mean = with_refunds(shipped, refund_methods=["gift-card"])
    faulty = decide(check(paid_by="cash"), mean, "bob", Decimal(1000), TODAY)
    assert faulty.refund_method == "cash"
    assert any(
        r.rule == "ACL s263(4)" and "the law requires the refund the way it was paid" in r.text
        for r in faulty.reasons
    )
    # A change of mind is the store's to set: its refund methods apply.
    mind = check(reason="change-of-mind", failure_kind=None, paid_by="cash", price="10")
    store = decide(mind, mean, "bob", Decimal(1000), TODAY)
    assert store.refund_method == "gift-card"
    assert store.reasons[-2].rule == "policy refunds.refund_methods"


def test_accepted_proof_cannot_narrow_the_law(shipped: Policy) -> None:
    mean = with_refunds(shipped, accepted_proof=["receipt"])
    decision = decide(check(proof="card-statement"), mean, "bob", Decimal(1000), TODAY)
    assert decision.remedies == [Remedy.REFUND, Remedy.REPLACE, Remedy.COMPENSATION]
    assert any("the law accepts it: the law applies" in r.text for r in decision.reasons)
    mind = check(reason="change-of-mind", failure_kind=None, proof="card-statement")
    assert decide(mind, mean, "bob", Decimal(1000), TODAY).remedies == []


def test_exchange_or_credit_only_policy_cannot_stop_a_uk_cancellation(shipped: Policy) -> None:
    mean = with_refunds(shipped, change_of_mind={"remedies": ["exchange", "voucher"]})
    cancel = check(
        reason="change-of-mind",
        failure_kind=None,
        distance_sale=True,
        jurisdiction="uk",
        purchased="2026-02-25",
    )
    decision = decide(cancel, mean, "bob", Decimal(1000), TODAY)
    assert decision.remedies == [Remedy.REFUND, Remedy.EXCHANGE, Remedy.VOUCHER]
    assert decision.refund_method == "card"
    assert any(
        "the law requires a refund here: the law applies" in r.text for r in decision.reasons
    )


def test_a_more_generous_window_is_honoured(shipped: Policy) -> None:
    generous = with_refunds(shipped, change_of_mind={"window_days": 365, "unused_only": False})
    late = check(reason="change-of-mind", failure_kind=None, purchased="2025-06-01", used=True)
    assert decide(late, generous, "bob", Decimal(1000), TODAY).remedies == [
        Remedy.REFUND,
        Remedy.EXCHANGE,
        Remedy.VOUCHER,
    ]
    assert decide(late, shipped, "bob", Decimal(1000), TODAY).remedies == []


def test_referral_triggers_can_be_turned_off(shipped: Policy) -> None:
    calm = with_refunds(shipped, refer_on_refusal=False, refer_on_safety=False, refer_over_amount=0)
    assert not decide(check(), calm, "bob", Decimal(1000), TODAY).refer_to_supervisor
    misuse = check(reason="misuse", failure_kind=None)
    assert not decide(misuse, calm, "bob", Decimal(1000), TODAY).refer_to_supervisor


def test_record_fields_follow_the_policy(shipped: Policy) -> None:
    short = with_refunds(shipped, record_fields=["item", "amount"])
    assert [f.value for f in decide(check(), short, "bob", Decimal(100), TODAY).record_fields] == [
        "item",
        "amount",
        "approved_by",
    ]
    mind = check(reason="change-of-mind", failure_kind=None, price="5")
    fields = decide(mind, shipped, "bob", Decimal(100), TODAY).record_fields
    assert "fault" not in fields and "approved_by" in fields


def test_six_months_later() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)


# -- approvals ----------------------------------------------------------------------------


def test_only_team_leaders_approve_and_never_their_own() -> None:
    record = kept(by="bob")
    assert record.status is RefundStatus.PENDING
    with pytest.raises(PermissionDenied, match="only a team leader"):
        approval.approve(record, "bob", ROSTER, NOW)
    own = kept(by="alice", price="1500")
    assert own.status is RefundStatus.PENDING
    with pytest.raises(PermissionDenied, match="nobody approves their own request"):
        approval.approve(own, "alice", ROSTER, NOW)
    approved = approval.approve(own, "carol", ROSTER, NOW, "  checked the photos ")
    assert approved.status is RefundStatus.APPROVED
    assert approved.approval is not None
    assert (approved.approval.by, approved.approval.reason) == ("carol", "checked the photos")
    with pytest.raises(WorkflowError, match="not waiting for approval"):
        approval.decline(approved, "carol", ROSTER, NOW, "changed my mind")


def test_declining_needs_a_reason() -> None:
    record = kept()
    with pytest.raises(InputError, match="say why"):
        approval.decline(record, "alice", ROSTER, NOW, "   ")
    declined = approval.decline(
        record, "alice", ROSTER, NOW, "Photos show misuse", DeclineGround.MISUSE
    )
    assert declined.status is RefundStatus.DECLINED
    assert "declined by alice (ground: misuse): Photos show misuse" in summary(declined)


def test_within_the_limit_needs_no_approval() -> None:
    record = kept(price="50")
    assert record.status is RefundStatus.NOT_NEEDED
    assert (
        approval.why_not(record, "alice", ROSTER) == "R-000001 is not waiting for approval "
        "(it is not-needed)"
    )


# -- the record form -------------------------------------------------------------------------


def test_recording_what_was_given() -> None:
    record = approval.approve(kept(), "alice", ROSTER, NOW)
    done = record_outcome(
        record,
        {"item": "Kettle K2", "fault": "sparks", "remedy": "refund"},
        "bob",
        Decimal(100),
        NOW,
        TODAY,
    )
    outcome = done.outcome
    assert outcome is not None
    assert (outcome.amount, outcome.method, outcome.when) == (Decimal("450.00"), "card", TODAY)
    assert (outcome.by, outcome.approved_by) == ("bob", "alice")
    with pytest.raises(WorkflowError, match="already recorded"):
        record_outcome(done, {"item": "x", "fault": "y"}, "bob", Decimal(100), NOW, TODAY)


def test_record_form_problems_name_their_fields() -> None:
    record = approval.approve(kept(), "alice", ROSTER, NOW)
    with pytest.raises(InputError) as caught:
        record_outcome(
            record,
            {"remedy": "exchange", "amount": Decimal("500"), "when": "2026-03-05"},
            "bob",
            Decimal(100),
            NOW,
            TODAY,
        )
    fields = {p.field: p.message for p in caught.value.problems}
    assert set(fields) == {"item", "fault", "remedy", "amount", "when"}
    assert fields["remedy"] == "must be one of: refund, replace, compensation"
    assert fields["when"] == "cannot be in the future"


def test_a_refund_goes_back_as_decided() -> None:
    record = approval.approve(kept(), "alice", ROSTER, NOW)
    with pytest.raises(InputError, match="goes back by card"):
        record_outcome(
            record,
            {"item": "K", "fault": "f", "remedy": "refund", "method": "cash"},
            "bob",
            Decimal(100),
            NOW,
            TODAY,
        )
    replaced = record_outcome(
        record,
        {"item": "K", "fault": "f", "remedy": "replace", "method": "cash"},
        "bob",
        Decimal(100),
        NOW,
        TODAY,
    )
    assert replaced.outcome is not None and replaced.outcome.method is None


def test_pending_declined_and_nothing_due_cannot_be_recorded() -> None:
    fields: dict[str, object] = {"item": "K", "fault": "f"}
    with pytest.raises(WorkflowError, match="waiting for a team leader's approval"):
        record_outcome(kept(), fields, "bob", Decimal(100), NOW, TODAY)
    declined = approval.decline(kept(), "alice", ROSTER, NOW, "no", DeclineGround.NO_PROOF)
    with pytest.raises(WorkflowError, match="was declined"):
        record_outcome(declined, fields, "bob", Decimal(100), NOW, TODAY)
    misuse = kept(price="10", reason="misuse", failure_kind=None)
    with pytest.raises(WorkflowError, match="nothing is due"):
        record_outcome(misuse, fields, "bob", Decimal(100), NOW, TODAY)


def test_someone_with_a_lower_limit_cannot_record_above_it() -> None:
    record = kept(by="alice", price="500")
    assert record.status is RefundStatus.NOT_NEEDED
    with pytest.raises(PermissionDenied, match="above bob's refund limit"):
        record_outcome(record, {"item": "K", "fault": "f"}, "bob", Decimal(100), NOW, TODAY)


# -- the returns report ------------------------------------------------------------------------


def test_returns_group_by_product_whatever_the_spelling() -> None:
    records = []
    for number, (item, remedy, when) in enumerate(
        [
            ("Kettle K2", "refund", "2026-02-01"),
            ("kettle  k2", "replace", "2026-02-10"),
            ("Toaster", "refund", "2026-02-11"),
            ("KETTLE K2", "refund", "2026-02-05"),
        ],
        1,
    ):
        record = approval.approve(kept(purchased="2026-01-20"), "alice", ROSTER, NOW)
        record = record.model_copy(update={"id": format_refund_id(number)})
        records.append(
            record_outcome(
                record,
                {"item": item, "fault": "f", "remedy": remedy, "when": when},
                "bob",
                Decimal(100),
                NOW,
                TODAY,
            )
        )
    records.append(kept())  # pending: not returned yet
    kettle, toaster = group_returns(records, GroupBy.PRODUCT)
    assert (kettle.key, kettle.count, kettle.repeat) == ("Kettle K2", 3, True)
    assert kettle.by_remedy[Remedy.REFUND] == 2 and kettle.by_remedy[Remedy.REPLACE] == 1
    assert kettle.amount == Decimal("1350.00")
    assert kettle.last == date(2026, 2, 10)
    assert kettle.refund_ids == ["R-000001", "R-000004", "R-000002"]
    assert (toaster.key, toaster.count, toaster.repeat) == ("Toaster", 1, False)
    [by_reason] = group_returns(records, GroupBy.REASON)
    assert (by_reason.key, by_reason.count) == ("major-failure", 4)


# -- the checklist -------------------------------------------------------------------------------


def keys(answers: dict[str, Any], law: Jurisdiction = Jurisdiction.AU) -> list[str]:
    return [q.key for q in checklist.questions(answers, law)]


def test_questions_follow_the_answers() -> None:
    assert keys({}) == ["supply", "reason"]
    goods = {"supply": "goods"}
    assert keys({**goods, "reason": "major-failure"}) == [
        "supply", "reason", "failure_kind", "purchased", "price", "paid_by", "proof", "gift",
        "unsolicited", "expected_life", "damaged_after_delivery", "visible_on_examination",
        "disputed",
    ]  # fmt: skip
    assert keys({**goods, "reason": "minor-failure"})[-2:] == ["remedy_failed", "disputed"]
    assert keys({**goods, "reason": "wrong-item"})[-1] == "damaged_after_delivery"
    assert keys({**goods, "reason": "change-of-mind"})[-1] == "used"
    service = {"supply": "service", "reason": "minor-failure"}
    assert "expected_life" not in keys(service)
    assert keys(service)[-2:] == ["remedy_failed", "disputed"]
    uk = Jurisdiction.UK
    assert keys({**goods, "reason": "change-of-mind"}, uk)[-2:] == ["unsolicited", "distance_sale"]
    bought_online = {**goods, "reason": "change-of-mind", "distance_sale": True}
    assert keys(bought_online, uk)[-4:] == ["delivered", "made_to_order", "perishable", "unsealed"]
    assert keys({**goods, "reason": "minor-failure"}, uk)[-4:] == [
        "vehicle",
        "perishable",
        "delivered",
        "remedy_failed",
    ]


def test_answers_build_the_inputs_and_stale_ones_are_ignored() -> None:
    answers: dict[str, Any] = {
        "supply": "goods",
        "reason": "major-failure",
        "failure_kind": "unsafe",
    }
    assert checklist.next_question(answers, Jurisdiction.AU) is checklist.PURCHASED
    provisional = checklist.inputs_from(answers, Jurisdiction.AU, TODAY, provisional=True)
    assert (provisional.purchased, provisional.price) == (TODAY, Decimal("0"))
    answers.update(
        reason="change-of-mind",
        purchased=date(2026, 2, 1),
        price=Decimal("20"),
        paid_by="cash",
        proof="receipt",
        used=False,
        gift=False,
        unsolicited=False,
    )
    assert checklist.next_question(answers, Jurisdiction.AU) is None
    inputs = checklist.inputs_from(answers, Jurisdiction.AU, TODAY)
    assert inputs.failure_kind is None  # the old answer no longer applies
    assert inputs.jurisdiction is Jurisdiction.AU


def test_history_event_is_added_to_open_and_closed_cases(new_case_fields: Any) -> None:
    from cstui.models.case import NewCase

    case = workflow.new_case("C-000001", NewCase.model_validate(new_case_fields()), "bob", NOW)
    later = datetime(2026, 3, 3, tzinfo=UTC)
    changed = workflow.add_event(case, "refund", "approved R-000001", "alice", later)
    assert changed.history[-1].model_dump() == {
        "at": later,
        "actor": "alice",
        "action": "refund",
        "detail": "approved R-000001",
    }
    assert (changed.updated_by, changed.updated_at) == ("alice", later)


@pytest.mark.parametrize(("life", "undecided"), [("0.01", "person"), ("0.02", None)])
def test_the_expected_life_is_compared_by_day_not_by_rounded_years(
    shipped: Policy, life: str, undecided: str | None
) -> None:
    """Received 4 days ago: past a life of 0.01 years (3.65 days), within 0.02 (7.3)."""
    decision = decide(
        check(purchased="2026-02-26", expected_life=life), shipped, "bob", Decimal("0"), TODAY
    )
    assert (decision.undecided.value if decision.undecided else None) == undecided
