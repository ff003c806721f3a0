"""Shared pydantic configuration for every model of the app."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo

STORED: dict[str, bool] = {"stored": True}
"""Validation context for documents this app stored itself: their text was cleaned and
their moments made UTC on the way in, so those steps are skipped (every type and rule is
still checked)."""


def is_stored(info: ValidationInfo) -> bool:
    """Whether the value being validated comes from the app's own store."""
    return info.context is STORED


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
        defer_build=True,  # built on first use: a command pays only for the models it uses
    )


def _aware(value: datetime, info: ValidationInfo) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a time zone")
    return value if is_stored(info) else value.astimezone(UTC)


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
"""A timezone-aware moment, kept in UTC."""
