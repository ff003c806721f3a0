"""Refunds, exchanges, vouchers and replacements: ids, amounts, the policy and the records."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from cstui.models.base import AwareDatetime, FieldValueError, Model
from cstui.models.case import CaseId
from cstui.models.refund_kinds import (
    CHANGE_OF_MIND_REMEDIES,
    DISPUTABLE_REASONS,
    EXPECTED_LIFE_YEARS,
    FAULTY_REASONS,
    GOODS_ONLY,
    LEGAL_PROOF,
    MONEY_BACK_REMEDIES,
    MONEY_REMEDIES,
    UK_ONLY,
    Chooser,
    DeclineGround,
    FailureKind,
    Jurisdiction,
    PaymentMethod,
    ProofKind,
    RecordField,
    RefundStatus,
    Remedy,
    ReturnReason,
    Supply,
    Undecided,
    label,
)
from cstui.models.text import CleanLine, RequiredLine

__all__ = [
    "CENT",
    "CHANGE_OF_MIND_REMEDIES",
    "DISPUTABLE_REASONS",
    "FAULTY_REASONS",
    "GOODS_ONLY",
    "LEGAL_PROOF",
    "MONEY_BACK_REMEDIES",
    "MONEY_REMEDIES",
    "REFUND_ID_PATTERN",
    "UK_ONLY",
    "Amount",
    "Approval",
    "ChangeOfMind",
    "CheckInputs",
    "Chooser",
    "Decision",
    "DeclineGround",
    "FailureKind",
    "IsoDate",
    "Jurisdiction",
    "Outcome",
    "PaymentMethod",
    "ProofKind",
    "Reason",
    "RecordField",
    "RefundId",
    "RefundPolicy",
    "RefundRecord",
    "RefundStatus",
    "Remedy",
    "ReturnReason",
    "Supply",
    "Undecided",
    "Years",
    "check_refund_id",
    "format_refund_id",
    "label",
    "parse_iso_date",
    "refund_number",
]
"""The vocabularies are defined in :mod:`cstui.models.refund_kinds` and exported here too."""

REFUND_ID_PATTERN = re.compile(r"R-(\d{6,})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CENT = Decimal("0.01")


def check_refund_id(value: str) -> str:
    """Accept ``R-000123`` (any case, surrounding space ignored); raise otherwise."""
    text = value.strip().upper()
    if not REFUND_ID_PATTERN.fullmatch(text):
        raise ValueError("is not a refund id (like R-000123)")
    return text


def format_refund_id(number: int) -> str:
    """The human id of the ``number``-th refund record."""
    return f"R-{number:06d}"


def refund_number(refund_id: str) -> int:
    """The number inside a refund id."""
    match = REFUND_ID_PATTERN.fullmatch(refund_id)
    if match is None:
        raise ValueError(f"not a refund id: {refund_id!r}")
    return int(match.group(1))


RefundId = Annotated[str, AfterValidator(check_refund_id)]
"""A refund record's human id."""


def parse_iso_date(text: str) -> date:
    """A date typed as ``YYYY-MM-DD``; ValueError with a plain message otherwise."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        raise ValueError("is not a date (use YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a date (use YYYY-MM-DD)") from None


def _iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD`` (or a date): no timestamps, no other spellings."""
    return parse_iso_date(value) if isinstance(value, str) else value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A calendar date typed as YYYY-MM-DD."""


_AMOUNT = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
"""How an amount is typed: plain digits, or digits grouped by thousands with commas, and a
decimal point; no exponents, underscores or other scripts' digits."""


def amount_text(text: str) -> str:
    """``text`` as a decimal's digits (a leading ``$`` and grouping commas dropped);
    ValueError if it is not an amount as people type one."""
    bare = text.strip().removeprefix("$").strip()
    if not _AMOUNT.fullmatch(bare):
        raise ValueError("must be an amount such as 250 or 1,099.50")
    return bare.replace(",", "")


def _number_to_text(value: object) -> object:
    if isinstance(value, str):
        return amount_text(value)
    return str(value) if isinstance(value, float) else value


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT)


Amount = Annotated[
    Decimal,
    BeforeValidator(_number_to_text),
    Field(ge=0, max_digits=12, decimal_places=2),
    AfterValidator(_cents),
]
"""Money: zero or more, kept with exactly two decimal places."""


Years = Annotated[
    Decimal, BeforeValidator(_number_to_text), Field(gt=0, le=100, max_digits=5, decimal_places=2)
]
"""A length of time in years (up to two decimals: 0.25 is three months)."""


class ChangeOfMind(Model):
    """The store's own change-of-mind terms (the law gives no such right in a shop)."""

    window_days: int = Field(default=30, ge=0, le=365)
    """Days after purchase the customer may bring goods back for a change of mind."""
    unused_only: bool = True
    """Only goods that have not been used."""
    proof_required: bool = True
    """Only with one of the accepted proofs of purchase."""
    remedies: list[Remedy] = Field(
        default_factory=lambda: [Remedy.REFUND, Remedy.EXCHANGE, Remedy.VOUCHER]
    )
    """What is offered, most preferred first (refund, exchange, voucher); empty: none."""

    @field_validator("remedies")
    @classmethod
    def _store_remedies(cls, value: list[Remedy]) -> list[Remedy]:
        wrong = [r.value for r in value if r not in CHANGE_OF_MIND_REMEDIES]
        if wrong:
            raise ValueError("may only list refund, exchange and voucher")
        if len(set(value)) != len(value):
            raise ValueError("lists a remedy twice")
        return value


class RefundPolicy(Model):
    """The centre's refunds section of policy.toml. The law's floor always wins over it."""

    change_of_mind: ChangeOfMind = Field(default_factory=ChangeOfMind)
    accepted_proof: list[ProofKind] = Field(default_factory=lambda: list(LEGAL_PROOF))
    """Proof of purchase the store accepts (for change of mind; faulty goods: the law's list)."""
    refund_methods: list[PaymentMethod] = Field(
        default_factory=lambda: list(PaymentMethod), min_length=1
    )
    """How the store gives money back; faulty goods are always refunded as they were paid."""
    record_fields: list[RecordField] = Field(default_factory=lambda: list(RecordField))
    """What the record of a refund, exchange or replacement must hold."""
    refer_over_amount: Amount = Decimal("1000")
    """Refer to a supervisor when the amount is above this (0: never for the amount alone)."""
    refer_on_refusal: bool = True
    """Refer when nothing is due (the customer is refused)."""
    refer_on_safety: bool = True
    """Refer when the goods are unsafe."""
    refer_on_disputed_failure: bool = True
    """Refer when the customer disputes whether a failure is major or minor."""
    expected_life_years: dict[str, Years] = Field(
        default_factory=lambda: {k: Decimal(v) for k, v in EXPECTED_LIFE_YEARS.items()}
    )
    """How long goods of each category should last, in years (``refund check --category``)."""

    @field_validator("accepted_proof", "refund_methods", "record_fields")
    @classmethod
    def _no_repeats(cls, value: list[Any]) -> list[Any]:
        if len(set(value)) != len(value):
            raise ValueError("lists a value twice")
        return value


class CheckInputs(Model):
    """What the agent finds out during the call: everything the decision rests on."""

    purchased: IsoDate
    """When the goods were bought."""
    delivered: IsoDate | None = None
    """When they were delivered, if later than the purchase (distance sales)."""
    price: Amount
    """What was paid: the amount at stake."""
    paid_by: PaymentMethod
    proof: ProofKind
    reason: ReturnReason
    failure_kind: FailureKind | None = None
    """For a major failure: what makes it major."""
    used: bool = False
    """The goods have been used."""
    distance_sale: bool = False
    """Bought online, by phone or mail order."""
    remedy_failed: bool = False
    """The business refused or did not fix it in reasonable time (a repair or
    replacement already failed)."""
    disputed: bool = False
    """The customer disputes whether the failure is major or minor."""
    jurisdiction: Jurisdiction | None = None
    """Whose law applies; the policy's when not given."""
    supply: Supply = Supply.GOODS
    """Goods, a service or digital content."""
    expected_life: Years | None = None
    """How long goods like these should last, in years (the policy's default by category)."""
    category: CleanLine | None = Field(default=None, max_length=60)
    """The kind of goods, for the policy's expected life of that kind."""
    gift: bool = False
    """The customer received the goods as a gift."""
    damaged_after_delivery: bool = False
    """The goods were lost, disposed of or damaged after delivery."""
    visible_on_examination: bool = False
    """The customer examined the goods before buying, and that should have shown the defect."""
    unsolicited: bool = False
    """Sold by telemarketing or door to door (an unsolicited consumer agreement)."""
    vehicle: bool = False
    """A motor vehicle (UK)."""
    perishable: bool = False
    """Goods that perish or expire quickly (UK)."""
    made_to_order: bool = False
    """Made to the customer's specification or clearly personalised (UK)."""
    unsealed: bool = False
    """Sealed hygiene goods or media the customer unsealed after delivery (UK)."""

    @model_validator(mode="after")
    def _consistent(self) -> CheckInputs:
        self._check_failure_kind()
        if self.supply is not Supply.GOODS:
            for name in GOODS_ONLY:
                if getattr(self, name) not in (None, False):
                    raise FieldValueError(name, "only applies to goods (--supply goods)")
        if self.remedy_failed and not self.reason.faulty:
            raise FieldValueError("remedy_failed", "only applies to faulty goods")
        if self.disputed and self.reason not in DISPUTABLE_REASONS:
            raise FieldValueError(
                "disputed", "only applies to a major or minor failure, or goods not as described"
            )
        if self.delivered is not None and self.delivered < self.purchased:
            raise FieldValueError("delivered", "cannot be before the purchase date")
        return self

    def _check_failure_kind(self) -> None:
        """A major failure says what kind it is; nothing else does."""
        if self.reason is ReturnReason.MAJOR_FAILURE and self.failure_kind is None:
            raise FieldValueError(
                "failure_kind",
                "say what makes it a major failure: " + ", ".join(k.value for k in FailureKind),
            )
        if self.reason is not ReturnReason.MAJOR_FAILURE and self.failure_kind is not None:
            raise FieldValueError("failure_kind", "only applies to a major failure")

    @property
    def received(self) -> date:
        """When the customer got the goods: delivery, else purchase."""
        return self.delivered or self.purchased


class Reason(Model):
    """One reason for the decision, with the rule or policy clause it comes from."""

    rule: str
    """A legal rule (``ACL s259``, ``CRA 2015 s22``) or a clause (``policy refunds...``)."""
    text: str
    """What it means here, in plain words."""


class Decision(Model):
    """What the customer is entitled to, who chooses, and what the agent must do."""

    remedies: list[Remedy]
    """Available remedies, in order; empty when nothing is due."""
    chooser: Chooser | None
    """Who chooses among them (None when nothing is due)."""
    refund_method: PaymentMethod | None
    """How a refund goes back (None when no refund is available)."""
    needs_approval: bool
    """The amount is above the agent's limit: a team leader must approve."""
    refer_to_supervisor: bool
    """Refer the call to a supervisor (a refusal, a safety issue, a disputed call)."""
    reasons: list[Reason]
    record_fields: list[RecordField]
    """What the record of the outcome must hold."""
    jurisdiction: Jurisdiction
    amount: Amount
    """The price checked."""
    agent: str
    """Who ran the check."""
    agent_limit: Amount
    """That person's refund limit from the roster."""
    undecided: Undecided | None = None
    """Why no remedy is shown without nothing being due (no proof yet; a person decides)."""
    floor: list[Remedy] = Field(default_factory=list)
    """What the law itself requires (the floor); empty when the law requires nothing."""


class Approval(Model):
    """A team leader's answer to a request above the agent's limit."""

    approved: bool
    by: str
    at: AwareDatetime
    reason: CleanLine = Field(default="", max_length=1000)
    """Why (required when declined)."""
    ground: DeclineGround | None = None
    """The legal ground of a decline of a remedy the law requires."""


class Outcome(Model):
    """What was actually refunded, exchanged or replaced: the record form."""

    item: CleanLine = Field(default="", max_length=200)
    """The product, as the report groups by it."""
    fault: CleanLine = Field(default="", max_length=1000)
    remedy: Remedy
    amount: Amount
    method: PaymentMethod | None = None
    """How money or credit went back (None for a repair, replacement or exchange)."""
    when: IsoDate
    """When it was given."""
    by: str
    """Who gave it."""
    at: AwareDatetime
    """When it was recorded."""
    approved_by: str | None = None


class RefundRecord(Model):
    """A refund check kept for the record: its inputs, decision, approval and outcome."""

    id: RefundId
    case_id: CaseId | None = None
    """The case it belongs to, if run from one."""
    created_at: AwareDatetime
    created_by: RequiredLine
    inputs: CheckInputs
    decision: Decision
    status: RefundStatus
    approval: Approval | None = None
    outcome: Outcome | None = None

    @property
    def recorded(self) -> bool:
        """What was given has been recorded."""
        return self.outcome is not None
