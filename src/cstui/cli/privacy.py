"""``cstui privacy ...``: remove personal data (team leaders; a dry run unless --apply)."""

from __future__ import annotations

import click

from cstui.cli.command import Shown, action, to_json
from cstui.cli.context import workspace
from cstui.services.privacy import Redaction

APPLY = click.option("--apply", is_flag=True, help="Really remove it (default: only show).")


@click.group("privacy")
def privacy_group() -> None:
    """Remove customers' personal data while keeping the statistics."""


def _shown(result: Redaction, what: str) -> Shown:
    data = {
        "applied": result.applied,
        "cases": result.case_ids,
        "backups_rewritten": result.backups_rewritten,
        **({"contacts": result.contact_ids} if result.contact_ids else {}),
    }
    calls = f"; calls: {', '.join(result.contact_ids)}" if result.contact_ids else ""
    if not result.case_ids:
        return Shown(data, f"no cases {what}{calls}")
    verb = "removed personal data from" if result.applied else "would remove personal data from"
    text = f"{verb} {len(result.case_ids)} case(s) {what}: {', '.join(result.case_ids)}{calls}"
    if result.applied:
        text += f"\n{result.backups_rewritten} backup file(s) rewritten"
    else:
        text += "\n(dry run: add --apply to do it)"
    return Shown(data, text)


@action(privacy_group, "purge")
@APPLY
def purge(apply: bool) -> Shown:
    """Closed cases older than the policy's retention period."""
    return _shown(workspace().privacy.purge(apply), "past the retention period")


@action(privacy_group, "export", options={"phone": "--phone", "email": "--email"})
@click.option("--phone", metavar="P")
@click.option("--email", metavar="E")
def export(phone: str | None, email: str | None) -> Shown:
    """Everything held on one customer, as JSON, for an access request (team leaders)."""
    held = workspace().privacy.export(phone, email)
    return Shown(held, lambda: to_json(held))


@action(privacy_group, "erase", options={"phone": "--phone", "email": "--email"})
@click.option("--phone", metavar="P")
@click.option("--email", metavar="E")
@APPLY
def erase(phone: str | None, email: str | None, apply: bool) -> Shown:
    """Every case of one customer, on their request."""
    return _shown(workspace().privacy.erase(phone, email, apply), "of this customer")
