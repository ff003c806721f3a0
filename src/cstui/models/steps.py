"""The six steps of the complaint procedure and what each step records."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from cstui.models.base import AwareDatetime, FieldValueError, Model
from cstui.models.kinds import (
    NotifyMethod,
    Step,
)
from cstui.models.text import CleanLine, RequiredLine, RequiredText


class ReceiveData(Model):
    """Receive and log: the case's own fields are the record."""

    step: Literal[Step.RECEIVE] = Step.RECEIVE


class InvestigateData(Model):
    """Investigate: what the customer's dealings with the business show."""

    step: Literal[Step.INVESTIGATE] = Step.INVESTIGATE
    findings: RequiredText = Field(max_length=20_000)
    """What happened, as found out."""


class DeclareData(Model):
    """Declare: what was promised to the customer, and by when."""

    step: Literal[Step.DECLARE] = Step.DECLARE
    promise: RequiredText = Field(max_length=5_000)
    """The reassurance given and the responsibility taken."""
    by: date
    """The date the customer was told they will have a resolution."""


class SolveData(Model):
    """Solve: the action decided and the policy clause consulted."""

    step: Literal[Step.SOLVE] = Step.SOLVE
    action: RequiredText = Field(max_length=5_000)
    """What the organisation will do."""
    policy_clause: RequiredLine = Field(max_length=200)
    """The policy or procedure clause the action rests on."""
    refund_decision: CleanLine | None = Field(default=None, max_length=40)
    """The id of a refund check attached to the case, if any."""


class NotifyData(Model):
    """Notify: how and when the customer was told, and what was said."""

    step: Literal[Step.NOTIFY] = Step.NOTIFY
    method: NotifyMethod
    """Phone, email, letter or in person."""
    said: RequiredText = Field(max_length=20_000)
    """What the customer was told."""
    when: AwareDatetime | None = None
    """When they were told; the time of recording if not given."""


class FollowUpData(Model):
    """Follow up: was the customer satisfied, and if not, where the case went."""

    step: Literal[Step.FOLLOW_UP] = Step.FOLLOW_UP
    satisfied: bool
    """The customer's answer to how they felt it was handled."""
    referral_body: CleanLine | None = Field(default=None, max_length=200)
    """The outside party (e.g. an ombudsman) the customer was referred to."""
    referral_contact: CleanLine | None = Field(default=None, max_length=200)
    """How to reach that outside party."""
    internal_review: bool = False
    """Referred to an internal review instead of an outside party."""

    @model_validator(mode="after")
    def _referral_matches_answer(self) -> FollowUpData:
        referred = bool(self.referral_body or self.referral_contact)
        if self.satisfied and (referred or self.internal_review):
            raise FieldValueError(
                "referral_body" if referred else "internal_review",
                "a satisfied customer is not referred anywhere",
            )
        if not self.satisfied:
            if referred and self.internal_review:
                raise FieldValueError(
                    "internal_review", "choose an outside body or an internal review, not both"
                )
            if not referred and not self.internal_review:
                raise FieldValueError(
                    "referral_body",
                    "an unsatisfied customer must be referred to an outside body "
                    "(with its contact) or to an internal review",
                )
            if referred and not self.referral_body:
                raise FieldValueError(
                    "referral_body", "name the outside body the customer is referred to"
                )
            if referred and not self.referral_contact:
                raise FieldValueError("referral_contact", "give the outside body's contact details")
        return self


StepData = Annotated[
    ReceiveData | InvestigateData | DeclareData | SolveData | NotifyData | FollowUpData,
    Field(discriminator="step"),
]
"""What a completed step recorded, told apart by its ``step``."""
