"""What a step records is shown under the label its model gives, and messages fill one field."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.support.steps import STEP_INPUTS

from cstui.models.case import StepRecord
from cstui.models.kinds import Step
from cstui.models.step_registry import STEPS
from cstui.tui.widgets.case_details import record_text


def test_every_recorded_field_has_a_label() -> None:
    for form in STEPS:
        unlabelled = [
            name
            for name, info in form.model.model_fields.items()
            if name != "step" and not info.title
        ]
        assert unlabelled == [], form.label


def test_a_record_shows_its_fields_by_their_labels() -> None:
    data = STEPS[Step.NOTIFY].parse(STEP_INPUTS[Step.NOTIFY])
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    record = StepRecord(actor="alice", at=at, data=data)
    shown = record_text(record, UTC).plain
    assert "  Method: phone" in shown and "  Said: " in shown
    assert "said:" not in shown and "method:" not in shown


def test_messages_fill_the_declare_and_notify_forms_only() -> None:
    filled = {form.step: form.message_field for form in STEPS if form.message_field}
    assert filled == {Step.DECLARE: "promise", Step.NOTIFY: "said"}
