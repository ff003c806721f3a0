"""Shared pydantic configuration for every model of the app."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


class FieldValueError(ValueError):
    """A model-level check that fails because of one named field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class Model(BaseModel):
    """Base model: unknown keys refused, inputs never echoed in errors."""

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=True,
        validate_assignment=False,
    )


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a time zone")
    return value.astimezone(UTC)


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
"""A timezone-aware moment, kept in UTC."""
