"""Properties of the engine: the legal floor holds whatever the policy says, limits hold,
and the same inputs always give the same decision."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cstui.content.toml_files import default_policy
from cstui.domain.refunds.engine import decide, law_floor, prepared
from cstui.models.policy import Policy
from cstui.models.refunds import (
    FAULTY_REASONS,
    MONEY_BACK_REMEDIES,
    CheckInputs,
    Chooser,
    FailureKind,
    Jurisdiction,
    PaymentMethod,
    ProofKind,
    Remedy,
    ReturnReason,
    Supply,
    Undecided,
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


def scope(draw: st.DrawFn, law: Jurisdiction | None, plain: bool) -> dict[str, Any]:
    """The new inputs: what was supplied and the limits of the guarantee (none if ``plain``)."""
    supply = draw(st.sampled_from(list(Supply)))
    goods = supply is Supply.GOODS
    uk = law is Jurisdiction.UK and goods

    def flag(allowed: bool = True) -> bool:
        return draw(st.booleans()) if allowed and not plain else False

    life = draw(st.none() | st.decimals("0.01", "20", places=2)) if goods and not plain else None
    return {
        "supply": supply,
        "expected_life": life,
        "gift": draw(st.booleans()),
        "unsolicited": draw(st.booleans()),
        "damaged_after_delivery": flag(goods),
        "visible_on_examination": flag(goods),
        "vehicle": draw(st.booleans()) if uk else False,
        "perishable": draw(st.booleans()) if uk else False,
        "made_to_order": draw(st.booleans()) if uk else False,
        "unsealed": draw(st.booleans()) if uk else False,
    }


@st.composite
def inputs(
    draw: st.DrawFn, reasons: list[ReturnReason] | None = None, plain: bool = False
) -> CheckInputs:
    """Any acceptable check, bought on or before TODAY (``plain``: within every limit)."""
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
    law = draw(st.sampled_from(list(Jurisdiction)))
    proofs = [p for p in ProofKind if p is not ProofKind.NONE] if plain else list(ProofKind)
    return CheckInputs(
        **scope(draw, law, plain),
        purchased=bought,
        delivered=delivered,
        price=draw(amounts),
        paid_by=draw(st.sampled_from(list(PaymentMethod))),
        proof=draw(st.sampled_from(proofs)),
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
        jurisdiction=law,
    )


faulty_inputs = inputs(reasons=sorted(FAULTY_REASONS), plain=True)
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
    fixes = {Remedy.REFUND, Remedy.REPLACE, Remedy.REPAIR, Remedy.REPEAT_PERFORMANCE}
    assert remedies & (fixes | {Remedy.PRICE_REDUCTION, Remedy.CANCEL})
    if remedies & MONEY_BACK_REMEDIES:
        assert decision.refund_method is check.paid_by, "a refund goes back the way it was paid"
    text = " ".join(r.text.lower() for r in decision.reasons)
    for phrase in FORBIDDEN:
        assert phrase not in text
    assert decision.undecided is None
    law = check.jurisdiction or policy.jurisdiction
    if check.supply is Supply.SERVICE or (
        check.supply is Supply.DIGITAL_CONTENT and law is Jurisdiction.UK
    ):
        return  # services and UK digital content: see test_the_floor_always_wins
    if law is Jurisdiction.AU and check.unsolicited and Remedy.CANCEL in remedies:
        assert decision.chooser is Chooser.CUSTOMER, "the cooling-off is the customer's"
    elif law is Jurisdiction.AU:
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


@settings(max_examples=300, deadline=None)
@given(inputs(), policies(), limits)
def test_the_floor_always_wins(check: CheckInputs, policy: Policy, limit: Decimal) -> None:
    """Whatever the policy says, every remedy the law gives is offered, the way it was paid."""
    law = check.jurisdiction or policy.jurisdiction
    floor = law_floor(prepared(check, law, policy.refunds), law, policy, TODAY)
    decision = decide(check, policy, "bob", limit, TODAY)
    assert set(floor.remedies) <= set(decision.remedies)
    if floor.covered and floor.remedies:
        assert decision.chooser is floor.chooser
    if set(floor.remedies) & MONEY_BACK_REMEDIES:
        assert decision.refund_method is check.paid_by
    assert decision.undecided is floor.undecided


@settings(max_examples=300, deadline=None)
@given(inputs(reasons=sorted(FAULTY_REASONS)), policies(), limits)
def test_limits_never_say_nothing_is_due(
    check: CheckInputs, policy: Policy, limit: Decimal
) -> None:
    """No proof: nothing due *yet*; past the expected life: a person decides, always referred."""
    decision = decide(check, policy, "bob", limit, TODAY)
    if check.proof is ProofKind.NONE:
        assert decision.undecided is Undecided.PROOF
        assert decision.remedies == [] and not decision.needs_approval
    if decision.undecided is Undecided.PERSON:
        assert decision.remedies == [] and decision.refer_to_supervisor
        assert any("nothing is due" in r.text for r in decision.reasons)  # "do not tell ..."
    life = check.expected_life
    age = (TODAY - check.received).days
    if life is not None and age > life * 366 and check.proof is not ProofKind.NONE:
        assert decision.undecided is Undecided.PERSON


@settings(max_examples=200, deadline=None)
@given(inputs(reasons=[ReturnReason.MISUSE, ReturnReason.DISCLOSED_FAULT]), policies())
def test_misuse_and_disclosed_faults_may_be_declined_and_go_to_a_supervisor(
    check: CheckInputs, policy: Policy
) -> None:
    decision = decide(check, policy, "bob", Decimal("100"), TODAY)
    if Remedy.CANCEL in decision.remedies:
        assert check.unsolicited, "only an unsolicited sale's cooling-off gives anything"
        return
    assert decision.remedies == []
    assert decision.chooser is None
    assert decision.refund_method is None
    assert decision.refer_to_supervisor is policy.refunds.refer_on_refusal
