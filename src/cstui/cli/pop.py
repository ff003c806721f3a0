"""``cstui pop NUMBER``: a call came in. Keep it, and bring its caller to the front of the
TUI the same person has open (see :mod:`cstui.pop_channel`).

What a softphone or CTI connector runs on an incoming call. Exit 0: shown; 3: kept, but
no TUI of this person is open (a script may then start ``cstui --caller NUMBER``); 2: a
bad number or field, named, nothing kept.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from cstui.cli.command import echo, reporting, to_json
from cstui.cli.context import workspace

NO_TUI = 3
"""The exit code when no TUI of this person is open."""

HANDED_FORMATS = ["%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z"]
"""How ``--handed-at`` is written (``datetime.isoformat`` of a UTC moment)."""

OPTIONS = {"number": "NUMBER", "call_id": "--call-id", "name": "--name", "queue": "--queue"}


@click.command("pop")
@click.argument("number")
@click.option("--call-id", metavar="ID", help="The telephony system's id of the call.")
@click.option("--name", metavar="NAME", help="The caller's name, if the telephony knows it.")
@click.option("--queue", metavar="Q", help="The queue the call came through.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.option("--handed-at", "handed_at", hidden=True, type=click.DateTime(HANDED_FORMATS))
def pop_command(
    number: str,
    call_id: str | None,
    name: str | None,
    queue: str | None,
    as_json: bool,
    handed_at: datetime | None,
) -> None:
    """A call came in from NUMBER: keep it, and show the caller in your open cstui."""
    # --handed-at (given by the installed command, see cstui.entry): an open TUI was
    # handed this call, which came in at that moment, and did not confirm keeping it;
    # keep it unless that TUI did, and do not hand it over again.
    from cstui.pop_channel import ChannelError, Pop, send
    from cstui.services.contacts import contact_json

    at = handed_at.replace(tzinfo=UTC) if handed_at and not handed_at.tzinfo else handed_at
    with reporting(OPTIONS):
        ws = workspace()
        contact = ws.contacts.record(number, call_id, name, queue, at)
    call = Pop(
        contact.number, contact.id, contact.name or "", contact.call_id or "", contact.queue or ""
    )
    why_not = f"no cstui is open for {ws.user}"
    shown = False
    if at is not None:
        why_not = "the open cstui did not confirm it"
    else:
        try:
            shown = send(call, ws.user)
        except (ChannelError, OSError) as exc:
            why_not = f"{why_not} ({exc})"
    if as_json:
        echo(to_json({"contact": contact_json(contact), "shown": shown}))
    elif shown:
        echo(f"{contact.id}: call from {contact.number} kept and shown")
    else:
        echo(f"{contact.id}: call from {contact.number} kept; {why_not}")
    if not shown:
        raise click.exceptions.Exit(NO_TUI)
