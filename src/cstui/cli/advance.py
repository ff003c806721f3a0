"""``cstui case advance``: complete the current step with that step's options."""

from __future__ import annotations

from typing import Any

import click

from cstui.cli.cases import ID_OPTIONS, case_group
from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import case_changed
from cstui.errors import WorkflowError
from cstui.models.kinds import NotifyMethod, Step

STEP_OPTIONS: dict[Step, dict[str, str]] = {
    Step.INVESTIGATE: {"findings": "--findings"},
    Step.DECLARE: {"promise": "--promise", "by": "--by"},
    Step.SOLVE: {"action": "--action", "policy_clause": "--policy", "refund_decision": "--refund"},
    Step.NOTIFY: {"method": "--method", "said": "--said"},
    Step.FOLLOW_UP: {
        "satisfied": "--satisfied/--unsatisfied",
        "referral_body": "--referral",
        "referral_contact": "--referral-contact",
        "internal_review": "--internal-review",
    },
}
"""Each step's form fields and the options that fill them."""

FIELD_OPTIONS = {field: opt for fields in STEP_OPTIONS.values() for field, opt in fields.items()}


def _typed(field: str, value: Any) -> str:
    """The option as the user typed it (``--unsatisfied`` for ``satisfied=False``)."""
    if field == "satisfied":
        return "--satisfied" if value else "--unsatisfied"
    return FIELD_OPTIONS[field]


def check_options(case_id: str, step: Step, fields: dict[str, Any]) -> None:
    """Refuse, naming it, any option that is not for the case's current step."""
    if step is Step.CLOSED:
        raise WorkflowError(f"{case_id} is closed; reopen it (with --reason) before advancing it")
    allowed = STEP_OPTIONS[step]
    for field, value in fields.items():
        if field not in allowed:
            takes = ", ".join(
                "--satisfied | --unsatisfied" if f == "satisfied" else o for f, o in allowed.items()
            )
            raise WorkflowError(
                f"{_typed(field, value)} does not apply: {case_id} is at {step.label}; "
                f"it takes {takes}"
            )


@action(case_group, "advance", options={**ID_OPTIONS, **FIELD_OPTIONS})
@click.argument("case_id", metavar="ID")
@click.option("--findings", metavar="TEXT", help="Investigate: what was found.")
@click.option("--promise", metavar="TEXT", help="Declare: what the customer was promised.")
@click.option("--by", metavar="DATE", help="Declare: resolution promised by (YYYY-MM-DD).")
@click.option("--action", "action_", metavar="TEXT", help="Solve: what will be done.")
@click.option("--policy", "policy_clause", metavar="CLAUSE", help="Solve: the policy clause.")
@click.option("--refund", "refund_decision", metavar="DECISION_ID", help="Solve: a refund check.")
@click.option("--method", type=click.Choice([m.value for m in NotifyMethod]), help="Notify: how.")
@click.option("--said", metavar="TEXT", help="Notify: what the customer was told.")
@click.option("--satisfied/--unsatisfied", default=None, help="Follow up: the customer's answer.")
@click.option("--referral", "referral_body", metavar="BODY", help="Follow up: outside body.")
@click.option("--referral-contact", metavar="TEXT", help="Follow up: that body's contact.")
@click.option("--internal-review", is_flag=True, default=None, help="Follow up: internal review.")
def advance(case_id: str, action_: str | None, **options: Any) -> Shown:
    """Complete the case's current step and move it to the next one.

    Give only the current step's options: investigate --findings; declare --promise --by;
    solve --action --policy [--refund]; notify --method --said; follow up --satisfied, or
    --unsatisfied with --referral and --referral-contact, or with --internal-review.
    Following up closes the case.
    """
    fields = {k: v for k, v in {"action": action_, **options}.items() if v is not None}
    cases = workspace().cases
    case = cases.get(case_id)
    check_options(case.id, case.step, fields)
    refund = fields.get("refund_decision")
    if refund and refund.strip():  # names an existing check of this case (or of none)
        fields["refund_decision"] = workspace().refunds.solve_link(refund, case.id)
    return case_changed(cases, cases.advance(case.id, fields, expected_version=case.version))
