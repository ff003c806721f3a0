"""A complaint case, from first call to close."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from cstui.models.base import AwareDatetime, FieldValueError, Model
from cstui.models.customer import Customer
from cstui.models.kinds import CustomerType, Severity, Step
from cstui.models.steps import StepData
from cstui.models.text import CleanLine, CleanText, RequiredLine, RequiredText

CASE_ID_PATTERN = re.compile(r"C-(\d{6,})")


def check_case_id(value: str) -> str:
    """Accept ``C-000123`` (any case, surrounding space ignored); raise otherwise."""
    text = value.strip().upper()
    if not CASE_ID_PATTERN.fullmatch(text):
        raise ValueError("is not a case id (like C-000123)")
    return text


def format_case_id(number: int) -> str:
    """The human id for the ``number``-th case."""
    return f"C-{number:06d}"


def case_number(case_id: str) -> int:
    """The number inside a case id."""
    match = CASE_ID_PATTERN.fullmatch(case_id)
    if match is None:
        raise ValueError(f"not a case id: {case_id!r}")
    return int(match.group(1))


CaseId = Annotated[str, AfterValidator(check_case_id)]
"""A case's human id, unique across every terminal sharing the store."""


class StepRecord(Model):
    """A completed step: who completed it, when, and what it recorded."""

    actor: CleanLine
    """The user who completed the step."""
    at: AwareDatetime
    """When it was completed."""
    data: StepData
    """The step's own fields."""

    @property
    def step(self) -> Step:
        """Which step this record completes."""
        return self.data.step


class Note(Model):
    """An internal note: never shown to the customer."""

    at: AwareDatetime
    author: CleanLine
    text: RequiredText = Field(max_length=20_000)


class HistoryEntry(Model):
    """One change to a case: who, when, what."""

    at: AwareDatetime
    actor: CleanLine
    action: CleanLine
    """A short verb: created, advanced, note, waiting, resumed, reopened, assigned."""
    detail: CleanText = ""
    """What changed, in words (never the customer's personal data)."""


class Pause(Model):
    """A stretch of time spent waiting on the customer; the resolve clock stops."""

    start: AwareDatetime
    end: AwareDatetime | None = None


class NewCase(Model):
    """What is typed while the customer is on the line: the Receive and log step."""

    customer: Customer
    channel: RequiredLine = Field(max_length=40)
    """How the complaint came in (phone, email, ...): one of the policy's channels."""
    category: RequiredLine = Field(max_length=60)
    """What it is about: one of the policy's categories."""
    summary: RequiredLine = Field(max_length=200)
    """The complaint in one line."""
    details: CleanText = Field(default="", max_length=20_000)
    """Everything else the customer said."""
    remedy_sought: CleanLine = Field(default="", max_length=500)
    """What the customer asks for."""
    directed_at: CleanLine = Field(default="", max_length=200)
    """The person, team or supplier the complaint is about."""
    severity: Severity = Severity.MEDIUM
    site: CleanLine = Field(default="", max_length=60)
    """The centre's site that took the complaint (one of the policy's sites); empty: the
    centre's own. Business days are counted with that site's public holidays."""

    @model_validator(mode="after")
    def _reachable(self) -> NewCase:
        if getattr(self, "redacted_at", None) is not None:
            return self  # personal data removed on purpose
        if not self.customer.phone and not self.customer.email:
            raise FieldValueError("customer.phone", "give a phone number or an email address")
        return self


class Case(NewCase):
    """A logged complaint and everything done about it."""

    id: CaseId
    version: int = Field(ge=1)
    """Goes up by one with every save; a save must name the version it started from."""
    created_at: AwareDatetime
    created_by: CleanLine
    updated_at: AwareDatetime
    updated_by: CleanLine
    owner: CleanLine
    """The user responsible for the case now."""
    step: Step
    """The step to do next (closed when done)."""
    cycle_started_at: AwareDatetime
    """When the clocks started: the logging, or the last reopening."""
    cycle_first_record: int = Field(default=0, ge=0)
    """Index in ``records`` of the first record made since the clocks last started."""
    records: list[StepRecord] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)
    pauses: list[Pause] = Field(default_factory=list)
    closed_at: AwareDatetime | None = None
    reopen_count: int = 0
    redacted_at: AwareDatetime | None = None
    """When the personal data was removed (retention period over, or on request)."""
    import_key: str | None = None
    """For a case imported from a CSV register: the key its row is known by, so a re-run
    of the import does not add it again."""

    @property
    def is_open(self) -> bool:
        """Not closed."""
        return self.step is not Step.CLOSED

    @property
    def waiting(self) -> bool:
        """Waiting on the customer: the resolve clock is paused."""
        return bool(self.pauses) and self.pauses[-1].end is None

    def cycle_records(self) -> list[StepRecord]:
        """The step records since the clocks last started."""
        return self.records[self.cycle_first_record :]

    def completed(self, step: Step) -> StepRecord | None:
        """The latest record of ``step`` in this cycle, if it was completed."""
        for record in reversed(self.cycle_records()):
            if record.step is step:
                return record
        return None

    def latest(self, step: Step) -> StepRecord | None:
        """The latest record of ``step`` in any cycle."""
        return next((r for r in reversed(self.records) if r.step is step), None)

    def made_by_label(self) -> str:
        """Who made the complaint, as the analysis table says it."""
        return CustomerType(self.customer.type).label

    def last_change(self) -> tuple[str, datetime]:
        """Who saved the case last, and when."""
        return self.updated_by, self.updated_at
