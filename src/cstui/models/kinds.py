"""The kinds a case is made of: steps, severities, who complained, how they were told.

Plain enumerations, with no validation library behind them, so the faces can name them
(option choices, column labels) without loading the models. Each member carries its
label (and a step its purpose) beside its value, so no table elsewhere repeats them.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    """Where a case stands. A case at a step has not yet completed that step."""

    label: str
    """The step's name as staff say it."""
    purpose: str
    """What the step asks of the agent, from the complaint procedure."""

    def __new__(cls, value: str, label: str = "", purpose: str = "") -> Step:
        """A member whose value is ``value``, named ``label``, asking ``purpose``."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.purpose = purpose
        return member

    RECEIVE = (
        "receive",
        "Receive and log",
        "Record all details of the complaint for later reference and analysis.",
    )
    INVESTIGATE = (
        "investigate",
        "Investigate",
        "Seek all details of the customer's dealings with the business "
        "to determine exactly what happened.",
    )
    DECLARE = (
        "declare",
        "Declare",
        "Reassure the customer that the complaint will be resolved, "
        "and take responsibility for doing so.",
    )
    SOLVE = (
        "solve",
        "Solve",
        "Decide the action by consulting the organisation's policies and procedures.",
    )
    NOTIFY = (
        "notify",
        "Notify",
        "Tell the customer what action will be taken to resolve their complaint.",
    )
    FOLLOW_UP = (
        "follow-up",
        "Follow up",
        "Ask how they felt the complaint was handled. If still unhappy, direct them "
        "to an outside party (for example an ombudsman) or an internal review.",
    )
    CLOSED = (
        "closed",
        "Closed",
        "The procedure is complete. Reopen the case, with a reason, if it comes back.",
    )

    @property
    def number(self) -> int:
        """1, 2, ... for the procedure's steps in order; closed comes last."""
        return STEP_NUMBERS[self]


STEP_NUMBERS: dict[Step, int] = {step: n for n, step in enumerate(Step, start=1)}

PROCEDURE: tuple[Step, ...] = tuple(s for s in Step if s is not Step.CLOSED)
"""The procedure's steps in order."""


def next_step(step: Step) -> Step:
    """The step that follows ``step`` (closed follows the last step)."""
    order = list(Step)
    return order[min(order.index(step) + 1, len(order) - 1)]


class LabelledEnum(StrEnum):
    """An enumeration whose members carry the label people read beside their value."""

    label: str
    """How the member is named on screen and in reports."""

    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        """A member whose value is ``value`` and whose label is ``label``."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class NotifyMethod(LabelledEnum):
    """How the customer was told of the solution."""

    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in-person", "In Person"


class Severity(StrEnum):
    """How serious the complaint is."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class CustomerType(LabelledEnum):
    """Who the complaint was made by, in the words of the complaints analysis table."""

    PUBLIC = "public", "Member of public (not regular customer)"
    REGULAR = "regular", "Regular customer"
    CORPORATE = "corporate", "Corporate agency"
    COLLEAGUE = "colleague", "Colleague (internal customer)"


FORMER_CUSTOMER_LABELS = {
    "member of public": CustomerType.PUBLIC,
    "corporate customer": CustomerType.CORPORATE,
}
"""Labels earlier versions showed (and wrote into exported registers), still read."""
