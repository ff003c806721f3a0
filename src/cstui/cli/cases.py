"""``cstui case ...``: log, list, show and change complaint cases."""

from __future__ import annotations

from typing import Any

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.lazy import LazyGroup
from cstui.cli.output import case_changed, case_list
from cstui.models.kinds import CustomerType, Severity, Step

ID_OPTIONS = {"id": "ID"}

NEW_OPTIONS = {
    "customer": "--customer",
    "customer.name": "--customer",
    "customer.phone": "--phone",
    "customer.email": "--email",
    "customer.type": "--made-by",
    "summary": "--summary",
    "category": "--category",
    "channel": "--channel",
    "remedy_sought": "--remedy",
    "details": "--details",
    "directed_at": "--directed-at",
    "severity": "--severity",
    "site": "--site",
}


@click.group("case", cls=LazyGroup, lazy={"advance": "cstui.cli.advance:advance"})
def case_group() -> None:
    """Log, list, show and work complaint cases."""


def given(**values: Any) -> dict[str, Any]:
    """Only the options that were given."""
    return {k: v for k, v in values.items() if v is not None}


@action(case_group, "new", options=NEW_OPTIONS)
@click.option("--customer", "name", metavar="NAME", help="Customer's name (required).")
@click.option("--phone", metavar="P", help="Customer's phone (this or --email required).")
@click.option("--email", metavar="E", help="Customer's email address.")
@click.option("--summary", metavar="TEXT", help="The complaint in one line (required).")
@click.option("--category", metavar="CAT", help="One of the policy's categories (required).")
@click.option("--channel", metavar="CH", help="One of the policy's channels (required).")
@click.option("--remedy", metavar="TEXT", help="What the customer asks for.")
@click.option("--details", metavar="TEXT", help="Everything else the customer said.")
@click.option(
    "--made-by",
    type=click.Choice([t.value for t in CustomerType]),
    help="Who complained (default: public).",
)
@click.option("--directed-at", metavar="TEXT", help="Who or what the complaint is about.")
@click.option("--severity", type=click.Choice([s.value for s in Severity]), help="Default: medium.")
@click.option("--site", metavar="NAME", help="The policy's site that took it (default: none).")
def new(
    name: str | None,
    phone: str | None,
    email: str | None,
    summary: str | None,
    category: str | None,
    channel: str | None,
    remedy: str | None,
    details: str | None,
    made_by: str | None,
    directed_at: str | None,
    severity: str | None,
    site: str | None,
) -> Shown:
    """Log a new complaint (the Receive step); you own it."""
    customer = given(name=name, phone=phone, email=email, type=made_by)
    fields = given(
        customer=customer,
        summary=summary,
        category=category,
        channel=channel,
        remedy_sought=remedy,
        details=details,
        directed_at=directed_at,
        severity=severity,
        site=site,
    )
    ws = workspace()
    return case_changed(ws.cases, ws.cases.log(fields))


@action(case_group, "list")
@click.option("--open", "status", flag_value="open", default=True, help="Open cases (default).")
@click.option("--closed", "status", flag_value="closed", help="Closed cases.")
@click.option("--all", "status", flag_value="all", help="Open and closed cases.")
@click.option("--overdue", is_flag=True, help="Only cases past their next deadline.")
@click.option("--owner", metavar="USER", help="Only this user's cases.")
@click.option("--step", type=click.Choice([s.value for s in Step]), help="Only cases at STEP.")
def list_cases(status: str, overdue: bool, owner: str | None, step: str | None) -> Shown:
    """List cases, most urgent first: overdue ones (most overdue at the top), then by next
    due; cases with nothing due last, oldest first."""
    ws, at = workspace(), Step(step) if step else None
    if status == "open":
        found = ws.briefs.find(owner, at, overdue)
    else:
        from cstui.services.briefs import most_urgent_first
        from cstui.services.cases import CaseFilter

        every = ws.brief_all(ws.cases.find(CaseFilter(status, overdue, owner, at)))
        found = most_urgent_first(every, ws.clock())
    return case_list(found, ws.clock(), f"No {status} cases match.")


@action(case_group, "show", options=ID_OPTIONS)
@click.argument("case_id", metavar="ID")
def show(case_id: str) -> Shown:
    """Show a case: every field, step record, note and change."""
    cases = workspace().cases
    case = cases.get(case_id)
    from cstui.cli.show import case_detail
    from cstui.services.clocks import standing

    return case_detail(case, cases.due(case), standing(cases, case))


@action(case_group, "note", options={**ID_OPTIONS, "text": "TEXT"})
@click.argument("case_id", metavar="ID")
@click.argument("text")
def note(case_id: str, text: str) -> Shown:
    """Add an internal note (never shown to the customer)."""
    cases = workspace().cases
    return case_changed(cases, cases.note(case_id, text))


@action(case_group, "wait", options=ID_OPTIONS)
@click.argument("case_id", metavar="ID")
def wait(case_id: str) -> Shown:
    """Wait on the customer: the resolve clock pauses."""
    cases = workspace().cases
    return case_changed(cases, cases.wait(case_id))


@action(case_group, "resume", options=ID_OPTIONS)
@click.argument("case_id", metavar="ID")
def resume(case_id: str) -> Shown:
    """Stop waiting on the customer: the resolve clock runs again."""
    cases = workspace().cases
    return case_changed(cases, cases.resume(case_id))


@action(case_group, "reopen", options={**ID_OPTIONS, "reason": "--reason"})
@click.argument("case_id", metavar="ID")
@click.option("--reason", default="", metavar="TEXT", help="Why it is reopened (required).")
def reopen(case_id: str, reason: str) -> Shown:
    """Reopen a closed case at Investigate."""
    cases = workspace().cases
    return case_changed(cases, cases.reopen(case_id, reason))


@action(case_group, "assign", options=ID_OPTIONS)
@click.argument("case_id", metavar="ID")
@click.argument("user", metavar="USER")
def assign(case_id: str, user: str) -> Shown:
    """Give a case to someone on the roster (someone else's: team leaders only)."""
    cases = workspace().cases
    return case_changed(cases, cases.assign(case_id, user))


ACKNOWLEDGE_CHOICES = ("phone", "email", "letter", "in-person", "sms")
"""The Notify methods, and SMS (checked again by the service)."""


@action(case_group, "acknowledge", options={**ID_OPTIONS, "method": "--method"})
@click.argument("case_id", metavar="ID")
@click.option(
    "--method",
    type=click.Choice(ACKNOWLEDGE_CHOICES),
    default="email",
    help="How it was sent (default: email).",
)
def acknowledge(case_id: str, method: str) -> Shown:
    """Record that the customer was told their complaint was received (any step)."""
    from cstui.services.clocks import acknowledge as send

    cases = workspace().cases
    return case_changed(cases, send(cases, case_id, method))


@action(case_group, "delay-notice", options={**ID_OPTIONS, "reason": "--reason"})
@click.argument("case_id", metavar="ID")
@click.option("--reason", default="", metavar="TEXT", help="Why the response is late (required).")
def delay_notice(case_id: str, reason: str) -> Shown:
    """Record that a delay notice (reasons, right to the external body) was sent."""
    from cstui.services.clocks import record_delay_notice

    cases = workspace().cases
    return case_changed(cases, record_delay_notice(cases, case_id, reason))
