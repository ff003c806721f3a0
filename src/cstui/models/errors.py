"""Turn pydantic validation errors into plain-English, field-level problems.

The raw input is never echoed: a phone number typed into the wrong field must not end
up in a log or on screen next to an error.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from cstui.errors import FieldProblem, InputError
from cstui.models.base import FieldValueError

_MESSAGES: dict[str, str] = {
    "missing": "is required",
    "string_type": "must be text",
    "bool_type": "must be yes or no",
    "bool_parsing": "must be yes or no",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "decimal_parsing": "must be an amount such as 12.50",
    "decimal_type": "must be an amount such as 12.50",
    "date_parsing": "is not a date (use YYYY-MM-DD)",
    "date_from_datetime_parsing": "is not a date (use YYYY-MM-DD)",
    "date_type": "is not a date (use YYYY-MM-DD)",
    "datetime_parsing": "is not a date and time (use YYYY-MM-DD HH:MM)",
    "datetime_from_date_parsing": "is not a date and time (use YYYY-MM-DD HH:MM)",
    "extra_forbidden": "is not a known field",
}


def too_long(limit: int | None) -> str:
    """The message for text longer than ``limit`` characters (command line and forms)."""
    return f"is too long (at most {limit} characters)"


def _field_name(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int) and not str(p).startswith("function-")]
    return ".".join(parts) or "input"


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        return too_long(ctx.get("max_length"))
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("enum", "literal_error"):
        return f"must be one of: {ctx.get('expected', '').replace(chr(39), '')}"
    if kind in ("greater_than", "greater_than_equal"):
        return f"must be at least {ctx.get('gt', ctx.get('ge'))}"
    if kind == "decimal_max_places":
        return "has more than two decimal places"
    if kind in ("value_error", "assertion_error"):
        err = ctx.get("error")
        return str(err) if err is not None else "is not valid"
    return _MESSAGES.get(kind, "is not valid")


def problems_from(exc: ValidationError) -> list[FieldProblem]:
    """List each failing field once, with a plain message that never repeats the input."""
    seen: dict[str, FieldProblem] = {}
    for error in exc.errors(include_input=False, include_url=False):
        cause = (error.get("ctx") or {}).get("error")
        name = _field_name(error["loc"])
        if isinstance(cause, FieldValueError):
            name = ".".join(filter(None, [name if name != "input" else "", cause.field]))
        seen.setdefault(name, FieldProblem(name, _message(error)))
    return list(seen.values())


def input_error(exc: ValidationError) -> InputError:
    """Wrap a pydantic error as the app's :class:`InputError`."""
    return InputError(problems_from(exc))
