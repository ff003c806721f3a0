"""The centre's editable content: development themes, activities and readings, quick tips,
guidance for each complaint step and the message templates agents send to customers.

Everything here is read from TOML files in ``data/`` (or a centre's override of them), so
every text goes through the cleaning types of :mod:`cstui.models.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from cstui.models.base import FieldValueError, Model
from cstui.models.kinds import Step
from cstui.models.step_registry import STEPS
from cstui.models.text import CleanText, RequiredLine, RequiredText

_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def _id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("must be lower-case letters, digits and dashes (like active-listening)")
    return value


ContentId = Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_id)]
"""A short stable name used to refer to an item from other items and from the command line."""


def _unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise FieldValueError(f"{where}.{index}.id", f"repeats the id {value!r}")
        seen.add(value)


def _known(values: list[str], known: set[str], where: str, what: str) -> None:
    for index, value in enumerate(values):
        if value not in known:
            raise FieldValueError(f"{where}.{index}", f"names an unknown {what} {value!r}")


class Theme(Model):
    """One theme of the development suggestions, such as active listening."""

    id: ContentId
    """Stable name, e.g. ``active-listening``."""
    title: RequiredLine = Field(max_length=200)
    """The theme's heading as the seed document writes it."""


class Activity(Model):
    """A development activity under one theme: a short line and the paragraph(s) under it."""

    id: ContentId
    """``<theme>-<n>``, e.g. ``active-listening-2``."""
    theme: ContentId
    """The id of the theme it belongs to."""
    title: RequiredLine = Field(max_length=500)
    """The activity's first line."""
    body: CleanText = Field(default="", max_length=5_000)
    """The paragraph(s) under it, word for word; empty when the line stands alone."""


class Reading(Model):
    """A suggested book."""

    id: ContentId
    title: RequiredLine = Field(max_length=300)
    author: RequiredLine = Field(max_length=300)
    publisher: RequiredLine = Field(max_length=200)
    year: int = Field(ge=1800, le=2200)
    themes: list[ContentId] = Field(default_factory=list)
    """The ids of the themes the book helps with."""


@dataclass(frozen=True)
class Suggestions:
    """Development activities and readings matched to a statement by theme."""

    themes: list[str]
    activities: list[Activity]
    readings: list[Reading]


class Development(Model):
    """The development suggestions: themes, their activities and suggested readings."""

    themes: list[Theme] = Field(min_length=1)
    activities: list[Activity] = Field(default_factory=list)
    readings: list[Reading] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Development:
        _unique([t.id for t in self.themes], "themes")
        _unique([a.id for a in self.activities], "activities")
        _unique([r.id for r in self.readings], "readings")
        known = {t.id for t in self.themes}
        for index, activity in enumerate(self.activities):
            if activity.theme not in known:
                raise FieldValueError(
                    f"activities.{index}.theme", f"names an unknown theme {activity.theme!r}"
                )
        for index, reading in enumerate(self.readings):
            _known(reading.themes, known, f"readings.{index}.themes", "theme")
        return self

    def theme(self, theme_id: str) -> Theme | None:
        """The theme called ``theme_id``, if any."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def activities_for(self, theme: str) -> list[Activity]:
        """The activities of one theme, in the order of the document."""
        return [a for a in self.activities if a.theme == theme]

    def readings_for(self, theme: str) -> list[Reading]:
        """The readings that help with one theme."""
        return [r for r in self.readings if theme in r.themes]


class Tip(Model):
    """One Customer Service Quick Tip."""

    id: ContentId
    """``tip-01`` to ``tip-14`` for the shipped tips."""
    title: RequiredLine = Field(max_length=120)
    """A short title to scan a list by."""
    body: RequiredText = Field(max_length=2_000)
    """The tip itself."""
    themes: list[ContentId] = Field(default_factory=list)
    """Ids of the development themes it belongs to."""
    steps: list[Step] = Field(default_factory=list)
    """The complaint steps it applies to."""

    @model_validator(mode="after")
    def _procedure_steps(self) -> Tip:
        for index, step in enumerate(self.steps):
            if step is Step.CLOSED:
                raise FieldValueError(
                    f"steps.{index}", "must be a step of the procedure, not closed"
                )
        return self


class Tips(Model):
    """The quick tips file."""

    tips: list[Tip] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Tips:
        _unique([t.id for t in self.tips], "tips")
        return self

    def get(self, tip_id: str) -> Tip | None:
        """The tip called ``tip_id``, if any."""
        return next((t for t in self.tips if t.id == tip_id), None)


class StepGuidance(Model):
    """What to do, what to say and what to record at one step of the procedure."""

    do: RequiredText = Field(max_length=5_000)
    """What the step requires, from the complaint procedure."""
    say: list[RequiredLine] = Field(min_length=1, max_length=10)
    """Example phrases to use with the customer."""
    record: dict[str, RequiredLine] = Field(min_length=1, max_length=20)
    """What to write down at this step, by the name of the step form's field."""
    tips: list[ContentId] = Field(default_factory=list)
    """Ids of the quick tips that apply."""


class Guidance(Model):
    """Guidance for each step of the procedure, keyed by step value (``follow-up`` and so on)."""

    steps: dict[Step, StepGuidance]

    @model_validator(mode="after")
    def _all_steps(self) -> Guidance:
        if Step.CLOSED in self.steps:
            raise FieldValueError("steps.closed", "is not a step of the procedure")
        for form in STEPS:
            guide = self.steps.get(Step(form.step))
            if guide is None:
                raise FieldValueError(f"steps.{form.step}", "is required")
            for name in guide.record:
                if name not in form.recorded:
                    raise FieldValueError(
                        f"steps.{form.step}.record.{name}",
                        f"is not a field of this step (its fields: {', '.join(form.recorded)})",
                    )
        return self

    def for_step(self, step: Step) -> StepGuidance | None:
        """The guidance of ``step`` (none once closed)."""
        return self.steps.get(step)


PLACEHOLDERS: tuple[str, ...] = (
    "customer_name",
    "case_id",
    "agent_name",
    "logged_on",
    "acknowledge_by",
    "respond_by",
    "promise",
    "promised_by",
    "action",
    "referral_body",
    "referral_contact",
    "external_referral",
    "external_body",
    "external_contact",
    "external_time_limit",
    "delay_reason",
)
"""The only names a template may use, each filled from the case."""


class Template(Model):
    """A message to the customer with ``{placeholders}`` filled from the case."""

    id: ContentId
    title: RequiredLine = Field(max_length=120)
    when: Step
    """The step it suits (pre-selected there)."""
    body: RequiredText = Field(max_length=10_000)


class Templates(Model):
    """The message templates file."""

    templates: list[Template] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Templates:
        _unique([t.id for t in self.templates], "templates")
        return self

    def get(self, template_id: str) -> Template | None:
        """The template called ``template_id``, if any; ``final-response`` names
        ``final_response`` (a hyphen and an underscore are one)."""
        wanted = same_name(template_id)
        return next((t for t in self.templates if same_name(t.id) == wanted), None)


def same_name(name: str) -> str:
    """``name`` as compared: hyphens and underscores alike."""
    return name.replace("-", "_")
