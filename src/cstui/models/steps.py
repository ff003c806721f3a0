"""The steps of the complaint procedure and what each step records.

Each field a step's form fills says, beside its type and limits, how it is asked for
(:class:`~cstui.models.ask.Ask`): :mod:`cstui.models.step_registry` derives the forms,
the command-line options and the checks from these models alone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal

from pydantic import Field, model_validator

from cstui.errors import InputError
from cstui.models.ask import Ask
from cstui.models.base import AwareDatetime, FieldValueError, Model
from cstui.models.kinds import NotifyMethod, Step
from cstui.models.text import CleanLine, RequiredLine, RequiredText


class ReceiveData(Model):
    """Receive and log: the case's own fields are the record."""

    step: Literal[Step.RECEIVE] = Step.RECEIVE


class InvestigateData(Model):
    """Investigate: what the customer's dealings with the business show."""

    step: Literal[Step.INVESTIGATE] = Step.INVESTIGATE
    findings: Annotated[
        RequiredText,
        Ask(
            "Findings: what happened",
            "text",
            help="what was found.",
            example="Two charges on the 20th",
        ),
    ] = Field(title="Findings", max_length=20_000)
    """What happened, as found out."""


class DeclareData(Model):
    """Declare: what was promised to the customer, and by when."""

    step: Literal[Step.DECLARE] = Step.DECLARE
    promise: Annotated[
        RequiredText,
        Ask(
            "What you promised the customer",
            "text",
            help="what the customer was promised.",
            example="We will fix it",
            takes_message=True,
        ),
    ] = Field(title="Promised", max_length=5_000)
    """The reassurance given and the responsibility taken."""
    by: Annotated[
        date,
        Ask(
            "Resolved by (date)",
            "date",
            help="resolution promised by (YYYY-MM-DD).",
            example="2099-12-01",
        ),
    ] = Field(title="By")
    """The date the customer was told they will have a resolution."""


EARLIEST_OFFSET = timedelta(hours=12)
"""How far behind UTC the earliest time zone is: a moment's earliest calendar day."""


def check_promise(by: date, logged: datetime) -> None:
    """Refuse a promise dated before the case was logged (InputError on ``by``).

    The day is compared with the earliest calendar day anywhere at the moment of logging,
    so a promise made in any time zone for the day the case was logged is kept.
    """
    earliest = (logged.astimezone(UTC) - EARLIEST_OFFSET).date()
    if by < earliest:
        raise InputError.single(
            "by", f"is before the case was logged ({logged.astimezone(UTC):%Y-%m-%d})"
        )


class SolveData(Model):
    """Solve: the action decided and the policy clause consulted."""

    step: Literal[Step.SOLVE] = Step.SOLVE
    action: Annotated[
        RequiredText,
        Ask("Action decided", "text", help="what will be done.", example="Refund one charge"),
    ] = Field(title="Action", max_length=5_000)
    """What the organisation will do."""
    policy_clause: Annotated[
        RequiredLine,
        Ask(
            "Policy clause consulted",
            help="the policy clause.",
            flag="--policy",
            metavar="CLAUSE",
            example="Refunds 4.2",
        ),
    ] = Field(title="Policy clause", max_length=200)
    """The policy or procedure clause the action rests on."""
    refund_decision: Annotated[
        CleanLine | None,
        Ask(
            "Refund check id (optional)",
            help="a refund check.",
            flag="--refund",
            metavar="DECISION_ID",
        ),
    ] = Field(title="Refund check", default=None, max_length=40)
    """The id of a refund check attached to the case, if any."""


class NotifyData(Model):
    """Notify: how and when the customer was told, and what was said."""

    step: Literal[Step.NOTIFY] = Step.NOTIFY
    method: Annotated[
        NotifyMethod,
        Ask(
            "How the customer was told",
            "choice",
            help="how.",
            default=NotifyMethod.PHONE.value,
            example="phone",
        ),
    ] = Field(title="Method")
    """Phone, email, letter or in person."""
    said: Annotated[
        RequiredText,
        Ask(
            "What the customer was told",
            "text",
            help="what the customer was told.",
            example="Refund on its way",
            takes_message=True,
        ),
    ] = Field(title="Said", max_length=20_000)
    """What the customer was told."""
    when: AwareDatetime | None = Field(default=None, title="When")
    """When they were told; the time of recording if not given."""


class FollowUpData(Model):
    """Follow up: was the customer satisfied, and if not, where the case went."""

    step: Literal[Step.FOLLOW_UP] = Step.FOLLOW_UP
    satisfied: Annotated[
        bool,
        Ask(
            "Was the customer satisfied?",
            "choice",
            help="the customer's answer.",
            flag="--satisfied/--unsatisfied",
            choices=(("Yes, satisfied", "yes"), ("No, still unhappy", "no")),
            example=True,
        ),
    ] = Field(title="Satisfied")
    """The customer's answer to how they felt it was handled."""
    referral_body: Annotated[
        CleanLine | None,
        Ask(
            "If not: referred to (e.g. an ombudsman)",
            help="outside body.",
            flag="--referral",
            metavar="BODY",
        ),
    ] = Field(title="Referred to", default=None, max_length=200)
    """The outside party (e.g. an ombudsman) the customer was referred to."""
    referral_contact: Annotated[
        CleanLine | None, Ask("Its contact details", help="that body's contact.")
    ] = Field(title="Contact", default=None, max_length=200)
    """How to reach that outside party."""
    internal_review: Annotated[
        bool, Ask("Referred to an internal review instead", "flag", help="internal review.")
    ] = Field(default=False, title="Internal review")
    """Referred to an internal review instead of an outside party."""

    @model_validator(mode="after")
    def _referral_matches_answer(self) -> FollowUpData:
        referred = bool(self.referral_body or self.referral_contact)
        check = _satisfied_problem if self.satisfied else _referral_problem
        problem = check(referred, self)
        if problem is not None:
            raise FieldValueError(*problem)
        return self


def _satisfied_problem(referred: bool, data: FollowUpData) -> tuple[str, str] | None:
    """What is wrong with the referral of a satisfied customer (they have none)."""
    if referred or data.internal_review:
        field = "referral_body" if referred else "internal_review"
        return field, "a satisfied customer is not referred anywhere"
    return None


def _referral_problem(referred: bool, data: FollowUpData) -> tuple[str, str] | None:
    """What is wrong with the referral of an unsatisfied customer, if anything."""
    if referred and data.internal_review:
        return "internal_review", "choose an outside body or an internal review, not both"
    if data.internal_review:
        return None
    if not referred:
        return (
            "referral_body",
            "an unsatisfied customer must be referred to an outside body "
            "(with its contact) or to an internal review",
        )
    if not data.referral_body:
        return "referral_body", "name the outside body the customer is referred to"
    if not data.referral_contact:
        return "referral_contact", "give the outside body's contact details"
    return None


StepData = Annotated[
    ReceiveData | InvestigateData | DeclareData | SolveData | NotifyData | FollowUpData,
    Field(discriminator="step"),
]
"""What a completed step recorded, told apart by its ``step``."""
