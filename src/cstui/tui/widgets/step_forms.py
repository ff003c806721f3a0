"""The form for each step of the procedure, derived from the step's declaration."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cstui.models.kinds import Step
from cstui.models.step_registry import STEPS, StepForm
from cstui.tui.widgets.form import FieldSpec


def form_fields(form: StepForm, prefill: Mapping[str, str] | None = None) -> list[FieldSpec]:
    """The field specs of ``form``, in its model's order; ``prefill`` replaces defaults."""
    prefill = prefill or {}
    return [
        FieldSpec(
            each.name,
            each.ask.label,
            kind=each.ask.kind,
            choices=each.choices,
            default=prefill.get(each.name, each.ask.default),
            max_length=each.max_length or 0,
        )
        for each in form.fields
    ]


def step_fields(step: Step, promise_by: date | None = None) -> list[FieldSpec]:
    """The fields that complete ``step``; ``promise_by`` pre-fills Declare's date."""
    form = STEPS.get(step)
    if form is None:
        return []
    return form_fields(form, {"by": promise_by.isoformat()} if promise_by else None)
