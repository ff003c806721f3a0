"""Valid inputs for each step and valid new-case fields, derived from the step registry.

Every field's example (its :class:`~cstui.models.ask.Ask`) is what the tests type, so a
new step brings its own valid inputs.
"""

from __future__ import annotations

from typing import Any

from cstui.models.step_registry import STEPS, StepField, StepRegistry


def step_inputs(registry: StepRegistry = STEPS) -> dict[str, dict[str, Any]]:
    """Valid form values for each step completed by a form, by step value."""
    return {
        form.step: {f.name: f.ask.example for f in form.fields if f.ask.example is not None}
        for form in registry.with_forms()
    }


def _typed(field: StepField) -> list[str]:
    example = field.ask.example
    if field.yes_no:
        return [field.typed(example)] if len(field.flags) == 2 or example else []
    return [field.option, str(example)]


def step_options(registry: StepRegistry = STEPS) -> dict[str, list[str]]:
    """Valid ``cstui case advance`` options for each step, by step value."""
    return {
        form.step: [typed for f in form.fields if f.ask.example is not None for typed in _typed(f)]
        for form in registry.with_forms()
    }


STEP_INPUTS: dict[str, dict[str, Any]] = step_inputs()
"""Valid form values for each step of the procedure completed by a form."""

STEP_OPTIONS: dict[str, list[str]] = step_options()
"""Valid ``cstui case advance`` options for each step of the procedure."""


def case_fields(name: str = "Jo Citizen", **overrides: Any) -> dict[str, Any]:
    """Valid new-case fields, nested as the form gives them; ``overrides`` replace fields."""
    fields: dict[str, Any] = {
        "customer": {"name": name, "phone": "0412 345 678", "type": "public"},
        "channel": "phone",
        "category": "Billing",
        "summary": "Charged twice for one order",
        "details": "Card statement shows two identical charges.",
        "remedy_sought": "Refund the second charge",
        "severity": "medium",
    }
    fields.update(overrides)
    return fields
