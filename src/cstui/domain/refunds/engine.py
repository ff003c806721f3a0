"""The refund decision: the law's floor of the jurisdiction, then the centre's policy on top.

The floor always wins. Where the policy is more generous (a longer window, more remedies)
it is honoured; where it is meaner (exchange or credit only, fewer refund methods, fewer
kinds of proof) the law applies and the reasons say so. Same inputs, same decision.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from cstui.domain.refunds import law_au, law_uk, limits
from cstui.domain.refunds.floor import Floor, days_between, reason
from cstui.errors import InputError
from cstui.models.policy import Policy
from cstui.models.refund_text import listing, money
from cstui.models.refunds import (
    MONEY_BACK_REMEDIES,
    UK_ONLY,
    CheckInputs,
    Chooser,
    Decision,
    Jurisdiction,
    PaymentMethod,
    ProofKind,
    Reason,
    RecordField,
    RefundPolicy,
    Remedy,
    ReturnReason,
    Undecided,
    label,
)

LAWS: dict[Jurisdiction, Callable[[CheckInputs, date, frozenset[date]], Floor]] = {
    Jurisdiction.AU: law_au.floor,
    Jurisdiction.UK: law_uk.floor,
}
"""The floor of each jurisdiction."""

CHANGE_OF_MIND = "policy refunds.change_of_mind"


def check_dates(inputs: CheckInputs, today: date) -> None:
    """Refuse purchase or delivery dates after ``today``."""
    if inputs.purchased > today:
        raise InputError.single("purchased", "cannot be in the future")
    if inputs.delivered is not None and inputs.delivered > today:
        raise InputError.single("delivered", "cannot be in the future")


def prepared(inputs: CheckInputs, jurisdiction: Jurisdiction, policy: RefundPolicy) -> CheckInputs:
    """``inputs`` with the expected life from the policy's category when not given.

    Raises InputError for an input the jurisdiction has no rule for, or a category the
    policy does not list.
    """
    if jurisdiction is Jurisdiction.AU:
        for name in UK_ONLY:
            if getattr(inputs, name):
                raise InputError.single(name, "only applies under UK law (--jurisdiction uk)")
    category = inputs.category
    if inputs.expected_life is not None or category is None:
        return inputs
    lives = {name.casefold(): years for name, years in policy.expected_life_years.items()}
    if category.casefold() not in lives:
        known = ", ".join(sorted(policy.expected_life_years)) or "none listed"
        raise InputError.single(
            "category", f"is not in the policy's refunds.expected_life_years ({known})"
        )
    return inputs.model_copy(update={"expected_life": lives[category.casefold()]})


def law_floor(
    inputs: CheckInputs, jurisdiction: Jurisdiction, policy: Policy, today: date
) -> Floor:
    """The law's floor for prepared ``inputs``: a limit of the guarantee, else the law's rules."""
    holidays = frozenset(policy.business_hours.holidays)
    found = limits.limited(inputs, jurisdiction, today)
    return found or LAWS[jurisdiction](inputs, today, holidays)


def _change_of_mind_refusals(inputs: CheckInputs, policy: RefundPolicy, days: int) -> list[Reason]:
    """Why the store's change-of-mind terms give nothing, bought ``days`` ago (none: they give)."""
    terms = policy.change_of_mind
    refused: list[Reason] = []
    if days > terms.window_days:
        refused.append(
            reason(
                f"{CHANGE_OF_MIND}.window_days",
                f"Bought {days} days ago: outside the store's {terms.window_days}-day "
                "change-of-mind window.",
            )
        )
    if terms.unused_only and inputs.used:
        refused.append(
            reason(
                f"{CHANGE_OF_MIND}.unused_only",
                "The goods have been used: the store takes goods back for a change of mind "
                "only unused.",
            )
        )
    if terms.proof_required and (
        inputs.proof is ProofKind.NONE or inputs.proof not in policy.accepted_proof
    ):
        accepted = ", ".join(label(p).lower() for p in policy.accepted_proof) or "none listed"
        refused.append(
            reason(
                f"{CHANGE_OF_MIND}.proof_required",
                f"{label(inputs.proof)}: a change of mind needs a proof of purchase the store "
                f"accepts (policy refunds.accepted_proof: {accepted}).",
            )
        )
    if not terms.remedies:
        refused.append(
            reason(
                f"{CHANGE_OF_MIND}.remedies",
                "The store's policy offers nothing for a change of mind.",
            )
        )
    return refused


def _store_change_of_mind(
    inputs: CheckInputs, policy: RefundPolicy, today: date
) -> tuple[tuple[Remedy, ...], list[Reason]]:
    """What the store's own change-of-mind terms give: (remedies, reasons)."""
    terms = policy.change_of_mind
    days = days_between(inputs.purchased, today)
    refused = _change_of_mind_refusals(inputs, policy, days)
    if refused:
        return (), refused
    used = "used" if inputs.used else "unused"
    given = reason(
        CHANGE_OF_MIND,
        f"Within the store's {terms.window_days}-day change-of-mind window (bought {days} "
        f"days ago), {used}, proof accepted: the customer may choose "
        f"{listing(terms.remedies)}.",
    )
    return tuple(terms.remedies), [given]


def _change_of_mind(
    inputs: CheckInputs, floor: Floor, policy: RefundPolicy, today: date
) -> tuple[list[Remedy], Chooser | None, list[Reason]]:
    """A change of mind: the store's terms, never below a statutory cancellation right."""
    store, why = _store_change_of_mind(inputs, policy, today)
    if not floor.covered:
        return list(store), (Chooser.CUSTOMER if store else None), why
    remedies = list(floor.remedies) + [r for r in store if r not in floor.remedies]
    reasons = list(why)
    if not store and floor.refund_rule is not None:
        reasons.append(
            reason(
                floor.refund_rule.rule,
                "The store's change-of-mind terms are not met, but the law's cancellation "
                "right does not depend on them: the law applies.",
            )
        )
    elif Remedy.REFUND not in store and floor.refund_rule is not None:
        reasons.append(
            reason(
                floor.refund_rule.rule,
                f"The store's policy offers only {listing(store)} for a change of mind, but "
                "the law requires a refund here: the law applies.",
            )
        )
    return remedies, floor.chooser, reasons


def _refund_method(
    inputs: CheckInputs, floor: Floor, policy: RefundPolicy, remedies: list[Remedy]
) -> tuple[PaymentMethod | None, list[Reason]]:
    if not MONEY_BACK_REMEDIES & set(remedies):
        return None, []
    paid = inputs.paid_by
    if floor.covered and MONEY_BACK_REMEDIES & set(floor.remedies) and floor.refund_rule:
        reasons = [floor.refund_rule]
        if paid not in policy.refund_methods:
            reasons.append(
                reason(
                    floor.refund_rule.rule,
                    f"The store's refund methods (policy refunds.refund_methods) do not include "
                    f"{label(paid).lower()}, but the law requires the refund the way it was "
                    f"paid: {label(paid).lower()}.",
                )
            )
        return paid, reasons
    if paid in policy.refund_methods:
        method = paid
        text = f"Refund the way it was paid: {label(paid).lower()}."
    else:
        method = policy.refund_methods[0]
        text = (
            f"The store does not refund by {label(paid).lower()}; it refunds by "
            f"{label(method).lower()} (the first of its refund methods)."
        )
    return method, [reason("policy refunds.refund_methods", text)]


def _proof_notes(inputs: CheckInputs, floor: Floor, policy: RefundPolicy) -> list[Reason]:
    notes = list(floor.notes)
    if (
        floor.proof_rule is not None
        and floor.remedies
        and inputs.proof is not ProofKind.NONE
        and inputs.proof not in policy.accepted_proof
    ):
        notes.append(
            reason(
                floor.proof_rule,
                f"The store's accepted proof (policy refunds.accepted_proof) does not list "
                f"{label(inputs.proof).lower()}, but for faulty goods the law accepts it: the "
                "law applies.",
            )
        )
    return notes


def _referrals(
    inputs: CheckInputs, floor: Floor, policy: RefundPolicy, remedies: list[Remedy]
) -> list[Reason]:
    refer: list[Reason] = []
    if floor.undecided is Undecided.PERSON:
        refer.append(
            reason(
                floor.reasons[0].rule,
                "The law leaves this to a person: refer to a supervisor, and do not tell the "
                "customer that nothing is due.",
            )
        )
    elif not remedies and floor.undecided is None and policy.refer_on_refusal:
        refer.append(
            reason(
                "policy refunds.refer_on_refusal",
                "Nothing is due: refer to a supervisor before telling the customer.",
            )
        )
    if floor.safety and policy.refer_on_safety:
        refer.append(
            reason(
                "policy refunds.refer_on_safety",
                "The goods are unsafe: refer to a supervisor now; the product may have to be "
                "withdrawn from sale.",
            )
        )
    if inputs.disputed and policy.refer_on_disputed_failure:
        refer.append(
            reason(
                "policy refunds.refer_on_disputed_failure",
                "The customer disputes whether the failure is major or minor: a supervisor "
                "makes that call.",
            )
        )
    threshold = policy.refer_over_amount
    if remedies and threshold > 0 and inputs.price > threshold:
        refer.append(
            reason(
                "policy refunds.refer_over_amount",
                f"{money(inputs.price)} is above {money(threshold)}: refer to a supervisor.",
            )
        )
    return refer


def _record_fields(
    inputs: CheckInputs, policy: RefundPolicy, remedies: list[Remedy], needs_approval: bool
) -> list[RecordField]:
    if not remedies:
        return []
    fields = list(policy.record_fields)
    if inputs.reason is ReturnReason.CHANGE_OF_MIND and RecordField.FAULT in fields:
        fields.remove(RecordField.FAULT)
    if needs_approval and RecordField.APPROVED_BY not in fields:
        fields.append(RecordField.APPROVED_BY)
    return fields


def decide(
    inputs: CheckInputs, policy: Policy, agent: str, agent_limit: Decimal, today: date
) -> Decision:
    """The remedies, who chooses, how a refund goes back, approval, referral and why.

    Raises InputError for a purchase or delivery date after ``today``.
    """
    check_dates(inputs, today)
    jurisdiction = inputs.jurisdiction or policy.jurisdiction
    rules = policy.refunds
    inputs = prepared(inputs, jurisdiction, rules)
    floor = law_floor(inputs, jurisdiction, policy, today)
    reasons = list(floor.reasons)
    if inputs.reason is ReturnReason.CHANGE_OF_MIND:
        remedies, chooser, extra = _change_of_mind(inputs, floor, rules, today)
        reasons += extra
    else:
        remedies, chooser = list(floor.remedies), floor.chooser
    reasons += _proof_notes(inputs, floor, rules)
    method, why_method = _refund_method(inputs, floor, rules, remedies)
    reasons += why_method
    needs_approval = bool(remedies) and inputs.price > agent_limit
    if remedies:
        limit = f"{agent}'s refund limit of {money(agent_limit)}"
        reasons.append(
            reason(
                "roster refund_limit",
                f"{money(inputs.price)} is above {limit}: a team leader must approve it before "
                "anything is given."
                if needs_approval
                else f"{money(inputs.price)} is within {limit}: no approval needed.",
            )
        )
    referrals = _referrals(inputs, floor, rules, remedies)
    return Decision(
        remedies=remedies,
        chooser=chooser if remedies else None,
        refund_method=method,
        needs_approval=needs_approval,
        refer_to_supervisor=bool(referrals),
        reasons=reasons + referrals,
        record_fields=_record_fields(inputs, rules, remedies, needs_approval),
        jurisdiction=jurisdiction,
        amount=inputs.price,
        agent=agent,
        agent_limit=agent_limit,
        undecided=floor.undecided,
        floor=list(floor.remedies) if floor.covered else [],
    )
