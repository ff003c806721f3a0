"""A person's private skills log: the self-assessment, actions and learning.

The self-assessment is the five factors driving customer service performance, each with
numbered statements (seed 002, ``data/self_assessment.toml``). A person rates every
statement, picks three things they do well and three they could do better, and for each
of the latter writes what needs to happen and what they will initiate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationError, model_validator

from cstui.errors import InputError
from cstui.models.base import AwareDatetime, FieldValueError, Model
from cstui.models.errors import input_error
from cstui.models.text import CleanText, RequiredLine, RequiredText

# The roster's login-name rule (cstui.models.team): letters, digits and . _ - @.
_OWNER_NAME = re.compile(r"[\w.@-]+")
_FACTOR_ID = re.compile(r"f\d")
_STATEMENT_ID = re.compile(r"f\d\.\d\d")
MAX_PICKS = 3
"""Three things we do well, three things we could do better."""


def check_owner_name(value: str) -> str:
    """A user name safe to use as a file name; ValueError in plain words otherwise."""
    if not value or len(value) > 64 or not _OWNER_NAME.fullmatch(value):
        raise ValueError(
            "may only contain letters, digits and . _ - @ (no spaces, at most 64 characters)"
        )
    if value.strip(".") == "":
        raise ValueError("must contain a letter or a digit")
    return value


def _factor_id(value: str) -> str:
    if not _FACTOR_ID.fullmatch(value):
        raise ValueError("must be f and a digit (like f1)")
    return value


def _statement_id(value: str) -> str:
    if not _STATEMENT_ID.fullmatch(value):
        raise ValueError("must be the factor id, a dot and two digits (like f1.01)")
    return value


FactorId = Annotated[str, AfterValidator(_factor_id)]
"""``f1`` to ``f9``."""

StatementId = Annotated[str, AfterValidator(_statement_id)]
"""``f1.01``: the factor and the statement's number in it."""


class Rating(StrEnum):
    """How a person rates one statement about themselves and their team."""

    WELL = "well"
    ADEQUATE = "adequate"
    BETTER = "better"
    NA = "na"

    @property
    def label(self) -> str:
        """The rating in words."""
        return RATING_LABELS[self]

    @property
    def key(self) -> str:
        """The single key that gives this rating in the TUI."""
        return {"well": "w", "adequate": "a", "better": "b", "na": "n"}[self.value]


RATING_LABELS: dict[Rating, str] = {
    Rating.WELL: "do well",
    Rating.ADEQUATE: "adequate",
    Rating.BETTER: "could do better",
    Rating.NA: "not applicable",
}


class Process(Model):
    """How to work through the assessment, as the seed puts it."""

    title: RequiredLine = Field(max_length=100)
    steps: list[RequiredLine] = Field(min_length=1)


class Factor(Model):
    """One of the five factors driving customer service performance."""

    id: FactorId
    title: RequiredLine = Field(max_length=200)
    short: RequiredLine = Field(max_length=20)
    """A one-word name for narrow screens (Leadership)."""
    themes: list[str] = Field(default_factory=list)
    """Development themes (seed 003) an improvement in this factor draws on."""


class Statement(Model):
    """One numbered statement of a factor, word for word from the seed."""

    id: StatementId
    factor: FactorId
    number: int = Field(ge=1, le=99)
    text: RequiredLine = Field(max_length=1_000)
    themes: list[str] = Field(default_factory=list)
    """Themes particular to this statement; they come before its factor's."""


class SelfAssessment(Model):
    """The whole instrument: factors, statements and the process."""

    title: RequiredLine = Field(max_length=200)
    process: Process
    factors: list[Factor] = Field(min_length=1)
    statements: list[Statement] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> SelfAssessment:
        factor_ids = [f.id for f in self.factors]
        if len(set(factor_ids)) != len(factor_ids):
            raise FieldValueError("factors", "repeat an id")
        seen: set[str] = set()
        expected = dict.fromkeys(factor_ids, 1)
        for index, statement in enumerate(self.statements):
            where = f"statements.{index}"
            if statement.factor not in expected:
                raise FieldValueError(f"{where}.factor", "names an unknown factor")
            if statement.id in seen:
                raise FieldValueError(f"{where}.id", "repeats an id")
            if statement.id != f"{statement.factor}.{statement.number:02d}":
                raise FieldValueError(f"{where}.id", "must be the factor id and the number")
            if statement.number != expected[statement.factor]:
                raise FieldValueError(f"{where}.number", "must follow the previous one")
            expected[statement.factor] += 1
            seen.add(statement.id)
        return self

    def factor(self, factor_id: str) -> Factor:
        """The factor called ``factor_id`` (KeyError if there is none)."""
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

    def statement(self, statement_id: str) -> Statement | None:
        """The statement called ``statement_id``, if any."""
        return next((s for s in self.statements if s.id == statement_id), None)

    def statements_of(self, factor_id: str) -> list[Statement]:
        """A factor's statements in order."""
        return [s for s in self.statements if s.factor == factor_id]

    def ids(self) -> list[str]:
        """Every statement id, in order."""
        return [s.id for s in self.statements]

    def themes_for(self, statement_id: str) -> list[str]:
        """The statement's own themes, then its factor's, each once."""
        statement = self.statement(statement_id)
        if statement is None:
            return []
        themes = [*statement.themes, *self.factor(statement.factor).themes]
        return list(dict.fromkeys(themes))


class Assessment(Model):
    """One sitting of the self-assessment; a draft until completed."""

    id: int = Field(ge=1)
    started_at: AwareDatetime
    updated_at: AwareDatetime
    completed_at: AwareDatetime | None = None
    """When it was completed; None while it is a draft."""
    ratings: dict[str, Rating] = Field(default_factory=dict)
    """Statement id to rating; statements not rated yet are left out."""
    position: str | None = None
    """The statement last shown, so a draft resumes where it was left."""
    strengths: list[str] = Field(default_factory=list, max_length=MAX_PICKS)
    """The three things we do well (statement ids)."""
    improvements: list[str] = Field(default_factory=list, max_length=MAX_PICKS)
    """The three things we could do better (statement ids)."""

    @property
    def is_draft(self) -> bool:
        """Not completed yet."""
        return self.completed_at is None


class ActionStatus(StrEnum):
    """Where an improvement action stands."""

    OPEN = "open"
    DOING = "doing"
    DONE = "done"

    def following(self) -> ActionStatus:
        """The next status in the cycle open, doing, done, open."""
        order = list(ActionStatus)
        return order[(order.index(self) + 1) % len(order)]


class ActionPlan(Model):
    """What a person writes for a thing they could do better."""

    statement: StatementId
    """The statement the action improves."""
    need: RequiredText = Field(max_length=2_000)
    """What needs to happen?"""
    initiate: RequiredText = Field(max_length=2_000)
    """What do I need to initiate?"""
    due: date
    activities: list[str] = Field(default_factory=list, max_length=20)
    """Ids of development activities (seed 003) linked to it."""
    readings: list[str] = Field(default_factory=list, max_length=20)
    """Ids of suggested readings linked to it."""


class Action(ActionPlan):
    """An improvement action in the log."""

    id: int = Field(ge=1)
    assessment: int | None = None
    """The assessment it came out of, if any."""
    status: ActionStatus = ActionStatus.OPEN
    created_at: AwareDatetime
    updated_at: AwareDatetime
    done_at: AwareDatetime | None = None


class LearningKind(StrEnum):
    """Ways of learning the charter's skills, as the seeds list them."""

    COURSE = "course"
    COACHING = "coaching"
    MENTORING = "mentoring"
    SEMINAR = "seminar"
    READING = "reading"
    OBSERVING = "observing"

    @property
    def label(self) -> str:
        """The kind in words."""
        if self is LearningKind.OBSERVING:
            return "observing a colleague"
        return self.value


class NewLearning(Model):
    """A learning log entry as typed."""

    on: date
    """When it happened."""
    kind: LearningKind
    what: RequiredLine = Field(max_length=300)
    """The course, book, colleague observed..."""
    reflection: CleanText = Field(default="", max_length=5_000)
    """What I took from it."""


class LearningEntry(NewLearning):
    """A learning log entry as stored."""

    id: int = Field(ge=1)
    logged_at: AwareDatetime


def parse_plan(fields: Mapping[str, object], today: date) -> ActionPlan:
    """What was typed for an improvement action; InputError naming the fields."""
    try:
        plan = ActionPlan.model_validate(dict(fields))
    except ValidationError as exc:
        raise input_error(exc) from None
    if plan.due < today:
        raise InputError.single("due", "is in the past")
    return plan


def parse_learning(fields: Mapping[str, object], today: date) -> NewLearning:
    """A learning log entry as typed (the date defaults to today); InputError naming fields."""
    values = {k: v for k, v in fields.items() if v not in (None, "")}
    values.setdefault("on", today)
    try:
        entry = NewLearning.model_validate(values)
    except ValidationError as exc:
        raise input_error(exc) from None
    if entry.on > today:
        raise InputError.single("on", "is in the future")
    return entry
