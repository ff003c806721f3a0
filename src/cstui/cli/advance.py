"""``cstui case advance``: complete the current step with that step's options.

The options, their help and the command's help are derived from the step registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from cstui.cli.cases import ID_OPTIONS, case_group
from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import case_changed
from cstui.errors import WorkflowError
from cstui.models.kinds import Step
from cstui.models.step_registry import STEPS, StepField, StepRegistry

Complete = Callable[[str, dict[str, Any]], Shown]
"""What the command does with the case id and the options given (by field name)."""


def _option(field: StepField) -> click.Option:
    """The option that fills ``field``."""
    names = [field.option, field.name]
    if len(field.flags) == 2:
        return click.Option(names, default=None, help=field.help)
    if field.yes_no:
        return click.Option(names, is_flag=True, default=None, help=field.help)
    if field.choices:
        choice = click.Choice([value for _, value in field.choices])
        return click.Option(names, type=choice, help=field.help)
    return click.Option(names, metavar=field.metavar, help=field.help)


def _help(registry: StepRegistry) -> str:
    forms = registry.with_forms()
    usage = "; ".join(f"{form.label.lower()} {form.usage_text}" for form in forms)
    closing = f" {forms[-1].doing_text} closes the case." if forms else ""
    return (
        "Complete the case's current step and move it to the next one.\n\n"
        f"Give only the current step's options: {usage}.{closing}"
    )


def advance_command(
    group: click.Group, registry: StepRegistry, complete: Complete
) -> click.Command:
    """Add ``advance`` to ``group``: an option per field of ``registry``'s steps."""

    def advance(case_id: str, **options: Any) -> Shown:
        return complete(case_id, {k: v for k, v in options.items() if v is not None})

    advance.__doc__ = _help(registry)
    command = action(group, "advance", options={**ID_OPTIONS, **registry.options()})(advance)
    options = [_option(each) for each in registry.option_fields()]
    command.params[:0] = [click.Argument(["case_id"], metavar="ID"), *options]
    return command


def check_options(
    case_id: str, step: Step, fields: dict[str, Any], registry: StepRegistry = STEPS
) -> None:
    """Refuse, naming it, any option that is not for the case's current step."""
    if step is Step.CLOSED:
        raise WorkflowError(f"{case_id} is closed; reopen it (with --reason) before advancing it")
    form = registry[step]
    allowed = {each.name for each in form.fields}
    every = {each.name: each for each in registry.option_fields()}
    for field, value in fields.items():
        if field not in allowed:
            takes = ", ".join(each.takes for each in form.fields)
            raise WorkflowError(
                f"{every[field].typed(value)} does not apply: {case_id} is at {step.label}; "
                f"it takes {takes}"
            )


def complete_step(case_id: str, fields: dict[str, Any]) -> Shown:
    """Complete the case's current step with ``fields``; show the changed case."""
    cases = workspace().cases
    case = cases.get(case_id)
    check_options(case.id, case.step, fields)
    refund = fields.get("refund_decision")
    if refund and refund.strip():  # names an existing check of this case (or of none)
        fields["refund_decision"] = workspace().refunds.solve_link(refund, case.id)
    return case_changed(cases, cases.advance(case.id, fields, expected_version=case.version))


advance = advance_command(case_group, STEPS, complete_step)
