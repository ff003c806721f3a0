"""The kinds a case is made of: steps, severities, who complained.

Plain enumerations, with no validation library behind them, so the faces can name them
(option choices, column labels) without loading the models.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    """Where a case stands. A case at a step has not yet completed that step."""

    RECEIVE = "receive"
    INVESTIGATE = "investigate"
    DECLARE = "declare"
    SOLVE = "solve"
    NOTIFY = "notify"
    FOLLOW_UP = "follow-up"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """The step's name as staff say it."""
        return STEP_TITLES[self]

    @property
    def number(self) -> int:
        """1 to 6 for the procedure's steps, 7 for closed."""
        return STEP_NUMBERS[self]


STEP_NUMBERS: dict[Step, int] = {step: n for n, step in enumerate(Step, start=1)}

STEP_TITLES: dict[Step, str] = {
    Step.RECEIVE: "Receive and log",
    Step.INVESTIGATE: "Investigate",
    Step.DECLARE: "Declare",
    Step.SOLVE: "Solve",
    Step.NOTIFY: "Notify",
    Step.FOLLOW_UP: "Follow up",
    Step.CLOSED: "Closed",
}

STEP_PURPOSE: dict[Step, str] = {
    Step.RECEIVE: "Record all details of the complaint for later reference and analysis.",
    Step.INVESTIGATE: "Seek all details of the customer's dealings with the business "
    "to determine exactly what happened.",
    Step.DECLARE: "Reassure the customer that the complaint will be resolved, "
    "and take responsibility for doing so.",
    Step.SOLVE: "Decide the action by consulting the organisation's policies and procedures.",
    Step.NOTIFY: "Tell the customer what action will be taken to resolve their complaint.",
    Step.FOLLOW_UP: "Ask how they felt the complaint was handled. If still unhappy, direct them "
    "to an outside party (for example an ombudsman) or an internal review.",
    Step.CLOSED: "The procedure is complete. Reopen the case, with a reason, if it comes back.",
}
"""What each step asks of the agent, from the complaint procedure."""

PROCEDURE: tuple[Step, ...] = tuple(s for s in Step if s is not Step.CLOSED)
"""The six steps in order."""


def next_step(step: Step) -> Step:
    """The step that follows ``step`` (closed follows follow-up)."""
    order = list(Step)
    return order[min(order.index(step) + 1, len(order) - 1)]


class NotifyMethod(StrEnum):
    """How the customer was told of the solution."""

    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in-person"


class Severity(StrEnum):
    """How serious the complaint is."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class CustomerType(StrEnum):
    """Who the complaint was made by, as in the complaints analysis table."""

    PUBLIC = "public"
    REGULAR = "regular"
    CORPORATE = "corporate"
    COLLEAGUE = "colleague"

    @property
    def label(self) -> str:
        """How the analysis table names this kind of customer."""
        return CUSTOMER_TYPE_LABELS[self]


CUSTOMER_TYPE_LABELS: dict[CustomerType, str] = {
    CustomerType.PUBLIC: "Member of public",
    CustomerType.REGULAR: "Regular customer",
    CustomerType.CORPORATE: "Corporate customer",
    CustomerType.COLLEAGUE: "Colleague (internal customer)",
}
