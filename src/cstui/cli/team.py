"""``cstui team ...``: the roster (changes are for team leaders)."""

from __future__ import annotations

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import read_secret, workspace
from cstui.cli.output import team_list
from cstui.errors import InputError
from cstui.models.roles import Role

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
@click.option(
    "--reassign-to", metavar="NAME", help="Who takes over their open cases (needed if any)."
)
def remove(name: str, reassign_to: str | None) -> Shown:
    """Take someone off the roster (team leaders only; the last leader stays).

    Nothing of theirs is lost: their open cases go to the person named, refund approvals
    they asked for stay in the queue, their unsaved drafts stay in the data folder.
    """
    from cstui.services.leaving import remove_member

    ws = workspace()
    left = remove_member(ws.team, ws.cases, ws.refunds, name, reassign_to)
    return Shown(None, left.summary())


@action(team_group, "passphrase", json_flag=False)
@click.argument("name", required=False)
@click.option(
    "--new-from-stdin",
    is_flag=True,
    help="Read the new passphrase from the next line of standard input.",
)
def passphrase(name: str | None, new_from_stdin: bool) -> Shown:
    """Set your passphrase, or as a team leader NAME's, for signing in where one OS
    account is shared. Only a salted hash of it is kept."""
    team = workspace().team
    if new_from_stdin:
        new = read_secret("New passphrase", from_stdin=True)
    else:
        new = read_secret("New passphrase", from_stdin=False)
        if read_secret("The same again", from_stdin=False) != new:
            raise InputError.single("passphrase", "the two entries differ; nothing was changed")
    whose = team.set_passphrase(name, new)
    return Shown(None, f"{whose}'s passphrase is set")
