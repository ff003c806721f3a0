"""The vocabularies of refunds: every one a ``StrEnum`` whose values are exactly what the
command line takes, the sets of them the rules use, and how each is shown to people."""

from __future__ import annotations

from enum import StrEnum


class Jurisdiction(StrEnum):
    """Whose consumer law sets the floor no policy may go below."""

    AU = "au"
    """Australian Consumer Law."""
    UK = "uk"
    """Consumer Rights Act 2015 (and the Consumer Contracts Regulations 2013)."""


class PaymentMethod(StrEnum):
    """How the customer paid, and so how a refund goes back."""

    CASH = "cash"
    CARD = "card"
    CHEQUE = "cheque"
    BANK_TRANSFER = "bank-transfer"
    GIFT_CARD = "gift-card"


class ProofKind(StrEnum):
    """What the customer shows to prove the purchase."""

    RECEIPT = "receipt"
    CARD_STATEMENT = "card-statement"
    BANK_STATEMENT = "bank-statement"
    ORDER_NUMBER = "order-number"
    LAY_BY = "lay-by"
    WARRANTY_CARD = "warranty-card"
    RECEIPT_PHOTO = "receipt-photo"
    NONE = "none"


class ReturnReason(StrEnum):
    """Why the customer brings the goods back."""

    MAJOR_FAILURE = "major-failure"
    MINOR_FAILURE = "minor-failure"
    WRONG_ITEM = "wrong-item"
    NOT_AS_DESCRIBED = "not-as-described"
    CHANGE_OF_MIND = "change-of-mind"
    MISUSE = "misuse"
    DISCLOSED_FAULT = "disclosed-fault"

    @property
    def faulty(self) -> bool:
        """The goods fail a guarantee: the law decides the remedy."""
        return self in FAULTY_REASONS


FAULTY_REASONS = frozenset(
    {
        ReturnReason.MAJOR_FAILURE,
        ReturnReason.MINOR_FAILURE,
        ReturnReason.WRONG_ITEM,
        ReturnReason.NOT_AS_DESCRIBED,
    }
)
"""Reasons that mean the goods are faulty or not what was sold."""

DISPUTABLE_REASONS = frozenset(
    {ReturnReason.MAJOR_FAILURE, ReturnReason.MINOR_FAILURE, ReturnReason.NOT_AS_DESCRIBED}
)
"""Reasons where whether the failure is major or minor can be disputed."""


LEGAL_PROOF: tuple[ProofKind, ...] = tuple(p for p in ProofKind if p.value != "none")
"""Every kind of proof of purchase (all but none)."""


class FailureKind(StrEnum):
    """What makes a failure major."""

    UNSAFE = "unsafe"
    DIFFERENT_FROM_DESCRIPTION = "different-from-description"
    UNFIT_FOR_PURPOSE = "unfit-for-purpose"
    WOULD_NOT_HAVE_BOUGHT = "would-not-have-bought"


class Remedy(StrEnum):
    """What the customer can be given."""

    REFUND = "refund"
    REPLACE = "replace"
    REPAIR = "repair"
    EXCHANGE = "exchange"
    VOUCHER = "voucher"
    COMPENSATION = "compensation"


MONEY_REMEDIES = frozenset({Remedy.REFUND, Remedy.VOUCHER, Remedy.COMPENSATION})
"""Remedies paid out in money or credit: they have a payment method."""

CHANGE_OF_MIND_REMEDIES = frozenset({Remedy.REFUND, Remedy.EXCHANGE, Remedy.VOUCHER})
"""What a store may offer for a change of mind."""


class Chooser(StrEnum):
    """Who picks among the remedies."""

    CUSTOMER = "customer"
    BUSINESS = "business"


class RefundStatus(StrEnum):
    """Where a refund request stands."""

    PENDING = "pending"
    """Above the agent's limit: waiting for a team leader."""
    APPROVED = "approved"
    DECLINED = "declined"
    NOT_NEEDED = "not-needed"
    """Within the agent's limit, or nothing to approve."""


class RecordField(StrEnum):
    """A field of the record of what was refunded, exchanged or replaced."""

    ITEM = "item"
    FAULT = "fault"
    REMEDY = "remedy"
    AMOUNT = "amount"
    METHOD = "method"
    WHEN = "when"
    BY = "by"
    APPROVED_BY = "approved_by"


LABELS: dict[str, str] = {
    ReturnReason.MAJOR_FAILURE: "Major failure",
    ReturnReason.MINOR_FAILURE: "Minor failure",
    ReturnReason.WRONG_ITEM: "Wrong item delivered",
    ReturnReason.NOT_AS_DESCRIBED: "Not as described",
    ReturnReason.CHANGE_OF_MIND: "Change of mind",
    ReturnReason.MISUSE: "Misused or abnormally used",
    ReturnReason.DISCLOSED_FAULT: "Fault pointed out before sale",
    FailureKind.UNSAFE: "Unsafe",
    FailureKind.DIFFERENT_FROM_DESCRIPTION: "Significantly different from description or sample",
    FailureKind.UNFIT_FOR_PURPOSE: "Unfit for purpose, not fixable in reasonable time",
    FailureKind.WOULD_NOT_HAVE_BOUGHT: "Would not have bought it knowing the problem",
    PaymentMethod.CASH: "Cash",
    PaymentMethod.CARD: "Card",
    PaymentMethod.CHEQUE: "Cheque",
    PaymentMethod.BANK_TRANSFER: "Bank transfer",
    PaymentMethod.GIFT_CARD: "Gift card",
    ProofKind.RECEIPT: "Receipt",
    ProofKind.CARD_STATEMENT: "Card statement",
    ProofKind.BANK_STATEMENT: "Bank statement",
    ProofKind.ORDER_NUMBER: "Order number",
    ProofKind.LAY_BY: "Lay-by number",
    ProofKind.WARRANTY_CARD: "Warranty card",
    ProofKind.RECEIPT_PHOTO: "Photo of the receipt",
    ProofKind.NONE: "No proof",
}
"""How each vocabulary value is shown to people."""


def label(value: StrEnum) -> str:
    """The human label of a vocabulary value (its value if it has none)."""
    return LABELS.get(value, value.value.replace("-", " "))
