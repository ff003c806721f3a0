"""``cstui store copy`` (moving a centre between a data folder and a server) and
``cstui store config push|pull`` (the policy and content published on a server)."""

from __future__ import annotations

import sys

import click

from cstui.cli.command import MACHINE_ERROR, Shown, action, echo
from cstui.cli.context import settings_of, state, workspace

MOVING = click.Group("moving")
"""This module's commands, added to ``cstui store``."""


@MOVING.group("config")
def config_group() -> None:
    """The centre's policy and content on a PostgreSQL server: publish and fetch them."""


@action(config_group, "push")
def push() -> Shown:
    """Publish the data folder's policy.toml and content/ on the server, after checking
    them (team leaders only); a file with a problem is refused, naming file and key."""
    from cstui.published import push as publish

    done = publish(workspace())
    names = ", ".join(done.changed)
    text = f"published on {done.where}: {names}" if names else "the server already has these"
    return Shown({"published": done.changed, "store": str(done.where)}, text)


@action(config_group, "pull")
def pull() -> Shown:
    """Write the server's policy.toml and content/ into the data folder, for editing."""
    from cstui.published import pull as fetch

    done = fetch(workspace())
    names = ", ".join(done.changed)
    text = f"written from {done.where}: {names}" if names else "the data folder already has these"
    return Shown({"written": done.changed, "store": str(done.where)}, text)


class _Progress:
    """Progress on stderr: one line redrawn on a terminal, plain lines otherwise."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()

    def __call__(self, what: str, done: int, total: int) -> None:
        line = f"copying {what}: {done}/{total}"
        if self.live:
            echo(f"\r{line}", err=True, nl=done >= total)
        else:
            echo(line, err=True)


@action(MOVING, "copy")
@click.option("--from", "source", required=True, help="A data folder or a postgresql:// URL.")
@click.option("--to", "destination", required=True, help="A data folder or a postgresql:// URL.")
def copy(source: str, destination: str) -> Shown:
    """Copy everything (cases, refunds, roster, policy and content, skills logs, audit
    trail, counters) from one store to another: run it again to finish one cut short."""
    from cstui.store_copy import copy_centre

    copied = copy_centre(source, destination, settings_of(state()).user, _Progress())
    counts = [f"{kind}: {s} -> {d}" for kind, (s, d) in copied.counts.items()]
    verdict = "every count and case hash matches" if copied.ok else "MISMATCH"
    digests = f"{copied.source_digest[:16]} -> {copied.destination_digest[:16]}"
    lines = [*counts, f"case hashes: {digests}"]
    lines += [f"different: {case}" for case in copied.different[:20]]
    text = "\n".join([*lines, verdict])
    return Shown(copied.as_json(), text, 0 if copied.ok else MACHINE_ERROR)
