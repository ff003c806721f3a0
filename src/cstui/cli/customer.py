"""``cstui customer history``: every case and call of one customer, on one timeline."""

from __future__ import annotations

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import case_list, table


@click.group("customer")
def customer_group() -> None:
    """Look up customers."""


@action(customer_group, "history", options={"phone": "--phone", "email": "--email"})
@click.option("--phone", metavar="P", help="The customer's phone number.")
@click.option("--email", metavar="E", help="The customer's email address.")
def history(phone: str | None, email: str | None) -> Shown:
    """Every case and call of the customer with this phone or email, newest first."""
    from cstui.services.contacts import contact_json, timeline

    ws = workspace()
    found = ws.cases.customer_history(phone, email)
    cases = case_list(ws.brief_all(found), ws.clock(), "No cases for this customer.")
    calls = ws.contacts.of_customer(found, phone)
    if not calls:
        return cases
    as_json = {case["id"]: case for case in cases.data}
    merged = [
        contact_json(m.contact) if m.contact is not None else as_json[m.case.id if m.case else ""]
        for m in timeline(found, calls)
    ]
    rows = [
        [
            c.id,
            c.at.strftime("%Y-%m-%d %H:%M"),
            c.queue or "",
            c.agent,
            c.case_id or "",
            c.outcome or "",
        ]
        for c in calls
    ]
    calls_table = table(["CALL", "WHEN (UTC)", "QUEUE", "AGENT", "CASE", "OUTCOME"], rows)
    text = cases.text if isinstance(cases.text, str) else cases.text()
    return Shown(merged, f"{text}\n\nCalls:\n{calls_table}")
