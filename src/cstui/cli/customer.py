"""``cstui customer history``: every case of one customer."""

from __future__ import annotations

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import case_list


@click.group("customer")
def customer_group() -> None:
    """Look up customers."""


@action(customer_group, "history", options={"phone": "--phone", "email": "--email"})
@click.option("--phone", metavar="P", help="The customer's phone number.")
@click.option("--email", metavar="E", help="The customer's email address.")
def history(phone: str | None, email: str | None) -> Shown:
    """Every case of the customer with this phone or email, newest first."""
    ws = workspace()
    found = ws.cases.customer_history(phone, email)
    return case_list(ws.brief_all(found), ws.clock(), "No cases for this customer.")
