"""Properties of the engine: the legal floor holds whatever the policy says, limits hold,
and the same inputs always give the same decision."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cstui.content.toml_files import default_policy
from cstui.domain.refunds.engine import decide
from cstui.models.policy import Policy
from cstui.models.refunds import (
    FAULTY_REASONS,
    CheckInputs,
    Chooser,
    FailureKind,
    Jurisdiction,
    PaymentMethod,
    ProofKind,
    Remedy,
    ReturnReason,
)

TODAY = date(2026, 3, 2)
SHIPPED = default_policy()
FORBIDDEN = ("no refund", "exchange or credit only", "manufacturer")

amounts = st.decimals(
    min_value=Decimal("0"), max_value=Decimal("100000"), places=2, allow_nan=False
)


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    """The shipped policy, or a meaner or more generous one (any mix)."""
    store = [Remedy.REFUND, Remedy.EXCHANGE, Remedy.VOUCHER]
    cm = {
        "window_days": draw(st.integers(0, 365)),
        "unused_only": draw(st.booleans()),
        "proof_required": draw(st.booleans()),
        "remedies": draw(st.lists(st.sampled_from(store), unique=True, max_size=3)),
    }
    refunds = {
        "change_of_mind": cm,
        "accepted_proof": draw(st.lists(st.sampled_from(list(ProofKind)), unique=True)),
        "refund_methods": draw(
            st.lists(st.sampled_from(list(PaymentMethod)), unique=True, min_size=1)
        ),
        "refer_over_amount": draw(amounts),
        "refer_on_refusal": draw(st.booleans()),
        "refer_on_safety": draw(st.booleans()),
        "refer_on_disputed_failure": draw(st.booleans()),
    }
    data: dict[str, Any] = SHIPPED.model_dump(mode="json")
    data["refunds"] = refunds
    data["jurisdiction"] = draw(st.sampled_from(["au", "uk"]))
    return Policy.model_validate(data)


@st.composite
def inputs(draw: st.DrawFn, reasons: list[ReturnReason] | None = None) -> CheckInputs:
    """Any acceptable check, bought on or before TODAY."""
    reason = draw(st.sampled_from(reasons or list(ReturnReason)))
    bought = TODAY - timedelta(days=draw(st.integers(0, 3000)))
    delivered = draw(
        st.none() | st.integers(0, (TODAY - bought).days).map(lambda d: bought + timedelta(d))
    )
    faulty = reason in FAULTY_REASONS
    disputable = reason in (
        ReturnReason.MAJOR_FAILURE,
        ReturnReason.MINOR_FAILURE,
        ReturnReason.NOT_AS_DESCRIBED,
    )
    return CheckInputs(
        purchased=bought,
        delivered=delivered,
        price=draw(amounts),
        paid_by=draw(st.sampled_from(list(PaymentMethod))),
        proof=draw(st.sampled_from(list(ProofKind))),
        reason=reason,
        failure_kind=(
            draw(st.sampled_from(list(FailureKind)))
            if reason is ReturnReason.MAJOR_FAILURE
            else None
        ),
        used=draw(st.booleans()),
        distance_sale=draw(st.booleans()),
        remedy_failed=draw(st.booleans()) if faulty else False,
        disputed=draw(st.booleans()) if disputable else False,
        jurisdiction=draw(st.none() | st.sampled_from(list(Jurisdiction))),
    )


faulty_inputs = inputs(reasons=sorted(FAULTY_REASONS))
limits = amounts


@settings(max_examples=250, deadline=None)
@given(faulty_inputs, policies(), limits)
def test_faulty_goods_never_get_less_than_the_floor(
    check: CheckInputs, policy: Policy, limit: Decimal
) -> None:
    decision = decide(check, policy, "bob", limit, TODAY)
    remedies = set(decision.remedies)
    assert remedies, "faulty goods always have a remedy"
    assert not remedies <= {Remedy.EXCHANGE, Remedy.VOUCHER}, "never exchange or credit only"
    assert remedies & {Remedy.REFUND, Remedy.REPLACE, Remedy.REPAIR}
    if Remedy.REFUND in remedies:
        assert decision.refund_method is check.paid_by, "a refund goes back the way it was paid"
    text = " ".join(r.text.lower() for r in decision.reasons)
    for phrase in FORBIDDEN:
        assert phrase not in text
    law = check.jurisdiction or policy.jurisdiction
    if law is Jurisdiction.AU:
        major = check.reason in (ReturnReason.MAJOR_FAILURE, ReturnReason.WRONG_ITEM)
        if major or check.remedy_failed:
            assert decision.chooser is Chooser.CUSTOMER
            assert {Remedy.REFUND, Remedy.REPLACE} <= remedies
        else:
            assert decision.chooser is Chooser.BUSINESS
            assert {Remedy.REPAIR, Remedy.REPLACE, Remedy.REFUND} <= remedies
    else:
        assert decision.chooser is Chooser.CUSTOMER
        if (TODAY - (check.delivered or check.purchased)).days <= 30:
            assert decision.remedies[0] is Remedy.REFUND, "short-term right to reject"
        elif check.remedy_failed:
            assert Remedy.REFUND in remedies, "final right to reject"
        else:
            assert {Remedy.REPAIR, Remedy.REPLACE} <= remedies


@settings(max_examples=200, deadline=None)
@given(inputs(), policies(), limits)
def test_over_the_limit_always_needs_approval(
    check: CheckInputs, policy: Policy, limit: Decimal
) -> None:
    decision = decide(check, policy, "bob", limit, TODAY)
    if decision.remedies:
        assert decision.needs_approval is (check.price > limit)
    else:
        assert not decision.needs_approval, "nothing given, nothing to approve"
    for reason in decision.reasons:
        assert reason.rule and reason.text


@settings(max_examples=200, deadline=None)
@given(inputs(), policies(), limits)
def test_same_inputs_same_decision(check: CheckInputs, policy: Policy, limit: Decimal) -> None:
    first = decide(check, policy, "bob", limit, TODAY)
    again = decide(
        CheckInputs.model_validate(check.model_dump()),
        Policy.model_validate(policy.model_dump()),
        "bob",
        limit,
        TODAY,
    )
    assert first == again
    assert first.model_dump_json() == again.model_dump_json()


@settings(max_examples=200, deadline=None)
@given(inputs(reasons=[ReturnReason.MISUSE, ReturnReason.DISCLOSED_FAULT]), policies())
def test_misuse_and_disclosed_faults_may_be_declined_and_go_to_a_supervisor(
    check: CheckInputs, policy: Policy
) -> None:
    decision = decide(check, policy, "bob", Decimal("100"), TODAY)
    assert decision.remedies == []
    assert decision.chooser is None
    assert decision.refund_method is None
    assert decision.refer_to_supervisor is policy.refunds.refer_on_refusal
