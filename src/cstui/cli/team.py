"""``cstui team ...``: the roster (changes are for team leaders)."""

from __future__ import annotations

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import team_list
from cstui.models.team import Role

MEMBER_OPTIONS = {"name": "NAME", "role": "--role", "limit": "--limit", "refund_limit": "--limit"}


@click.group("team")
def team_group() -> None:
    """Show and change the team roster."""


@action(team_group, "list")
def list_team() -> Shown:
    """Everyone on the team, with role and refund limit."""
    return team_list(workspace().team.roster())


@action(team_group, "add", json_flag=False, options=MEMBER_OPTIONS)
@click.argument("name")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--limit", required=True, metavar="AMOUNT", help="Largest refund without approval.")
def add(name: str, role: str, limit: str) -> Shown:
    """Add someone to the roster, or change their role and limit (team leaders only)."""
    member = workspace().team.add(name, role, limit)
    limit_text = f"{member.refund_limit:.2f}"
    return Shown(
        None, f"{member.name} is on the team: {member.role.value}, refund limit {limit_text}"
    )


@action(team_group, "remove", json_flag=False, options=MEMBER_OPTIONS)
@click.argument("name")
def remove(name: str) -> Shown:
    """Take someone off the roster (team leaders only; the last leader stays)."""
    workspace().team.remove(name)
    return Shown(None, f"{name} is no longer on the team")
