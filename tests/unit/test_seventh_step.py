"""A step declared here alone: its form, its ``case advance`` options and its checks appear.

The toy step is a model with an :class:`Ask` on each field, added to the procedure's
registry; nothing outside this file names it.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any, Literal

import click
import pytest
from click.testing import CliRunner
from pydantic import Field
from tests.support.steps import step_inputs, step_options
from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Input, Select, TextArea

from cstui.cli.advance import advance_command
from cstui.cli.command import Shown
from cstui.errors import InputError
from cstui.models.ask import Ask
from cstui.models.base import Model
from cstui.models.kinds import PROCEDURE
from cstui.models.step_registry import STEPS, StepForm, StepRegistry
from cstui.models.text import CleanText, RequiredLine
from cstui.tui.widgets.form import FieldSpec, Form
from cstui.tui.widgets.step_forms import form_fields


class Level(StrEnum):
    """Who a case is escalated to."""

    TEAM_LEADER = "team-leader"
    MANAGER = "manager"


class EscalateData(Model):
    """Escalate: who the case went to, and why."""

    step: Literal["escalate"] = "escalate"
    level: Annotated[
        Level, Ask("Escalated to", "choice", help="who it went to.", example="manager")
    ]
    reason: Annotated[
        RequiredLine,
        Ask("Why it was escalated", help="why.", metavar="WHY", example="Asked for a manager"),
    ] = Field(max_length=100)
    handover: Annotated[CleanText, Ask("Handover notes", "text", help="notes.")] = ""
    urgent: Annotated[bool, Ask("Needs an answer today", "flag", help="urgent.")] = False


@pytest.fixture
def registry() -> StepRegistry:
    """The procedure with Escalate after its last step."""
    return STEPS.extended(StepForm(EscalateData, title="Escalate"))


def test_the_procedure_declares_each_step_once_in_order() -> None:
    assert [form.step for form in STEPS] == list(PROCEDURE)
    assert len(STEPS) == len(PROCEDURE)


def test_the_new_step_is_validated_by_its_model(registry: StepRegistry) -> None:
    escalate = registry["escalate"]
    data = escalate.parse({"level": "manager", "reason": " Asked \x1b[0m"})
    assert data == EscalateData(level=Level.MANAGER, reason="Asked")
    with pytest.raises(InputError) as info:
        escalate.parse({"level": "ceo", "reason": "x" * 101})
    assert {p.field: p.message for p in info.value.problems} == {
        "level": "must be one of: team-leader or manager",
        "reason": "is too long (at most 100 characters)",
    }
    with pytest.raises(InputError) as info:
        escalate.parse({})
    assert {p.field for p in info.value.problems} == {"level", "reason"}


def test_the_new_step_brings_its_own_test_inputs(registry: StepRegistry) -> None:
    assert step_inputs(registry)["escalate"] == {
        "level": "manager",
        "reason": "Asked for a manager",
    }
    assert step_options(registry)["escalate"] == [
        "--level",
        "manager",
        "--reason",
        "Asked for a manager",
    ]
    assert "escalate" not in step_inputs()


class FormApp(App[None]):
    """Just a form."""

    def __init__(self, specs: list[FieldSpec]) -> None:
        super().__init__()
        self.specs = specs

    def compose(self) -> ComposeResult:
        yield Form(self.specs, id="step-form")


async def test_the_new_step_has_a_form(registry: StepRegistry) -> None:
    escalate = registry["escalate"]
    app = FormApp(form_fields(escalate))
    async with app.run_test() as pilot:
        form = app.query_one(Form)
        labels = [str(label.render()) for label in form.query(".field-label")]
        assert labels == ["Escalated to", "Why it was escalated", "Handover notes"]
        assert isinstance(form.field("level").control, Select)
        assert isinstance(form.field("handover").control, TextArea)
        urgent = form.field("urgent").control
        assert isinstance(urgent, Checkbox) and str(urgent.label) == "Needs an answer today"
        reason = form.field("reason").control
        assert isinstance(reason, Input) and reason.max_length == 100  # the model's limit
        reason.focus()
        await pilot.press(*"Angry", "space", *"caller")
        form.field("level").set("team-leader")
        await pilot.pause()
        assert escalate.parse(form.values()) == EscalateData(
            level=Level.TEAM_LEADER, reason="Angry caller"
        )
        form.field("reason").set("   ")
        with pytest.raises(InputError) as info:
            escalate.parse(form.values())
        first = form.show_problems(info.value.problems)
        assert first is form.field("reason")
        assert first.error == "must not be empty"


def _run(registry: StepRegistry, *args: str) -> Any:
    escalate = registry["escalate"]

    def complete(case_id: str, fields: dict[str, Any]) -> Shown:
        data = escalate.parse(fields)
        return Shown({"id": case_id, **data.model_dump(mode="json")}, f"{case_id} escalated")

    group = click.Group("case")
    advance_command(group, registry, complete)
    return CliRunner().invoke(group, ["advance", "C-000001", *args])


def test_the_new_step_has_command_line_options(registry: StepRegistry) -> None:
    done = _run(registry, "--level", "manager", "--reason", "Asked", "--urgent", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {
        "id": "C-000001",
        "step": "escalate",
        "level": "manager",
        "reason": "Asked",
        "handover": "",
        "urgent": True,
    }
    shown = _run(registry, "--help").stdout
    assert "--level [team-leader|manager]" in shown
    assert "--reason WHY" in shown and "Escalate: why." in shown
    assert "escalate --level --reason [--handover] [--urgent]" in " ".join(shown.split())
    assert "--findings TEXT" in shown  # the procedure's own options stay


def test_the_new_steps_bad_input_is_refused_naming_the_option(registry: StepRegistry) -> None:
    wrong_choice = _run(registry, "--level", "ceo", "--reason", "Asked")
    assert wrong_choice.exit_code == 2
    assert "--level" in wrong_choice.stderr
    blank = _run(registry, "--level", "manager", "--reason", "  ")
    assert blank.exit_code == 2
    assert blank.stderr.strip() == "error: --reason: must not be empty"
