"""The workspace every subcommand opens: options of the top-level group, first-run notes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from cstui.cli.command import echo
from cstui.config import resolve
from cstui.workspace import Clock, Workspace, open_workspace, utc_now


@dataclass
class CliState:
    """The top-level options, the clock, and the workspace once a command has opened it.

    The installed ``cstui`` always runs on the real clock: only a caller that builds the
    state itself (the test suite's entry point) can hand in another one.
    """

    data_dir: Path | None = None
    user: str | None = None
    clock: Clock = utc_now
    opened: Workspace | None = None


def workspace() -> Workspace:
    """Open the data folder named by the top-level options (once per invocation).

    First-run and roster notes go to stderr, so ``--json`` output stays pure JSON.
    """
    state = click.get_current_context().find_object(CliState) or CliState()
    if state.opened is None:
        settings = resolve(state.data_dir, state.user)
        opened = open_workspace(settings, clock=state.clock)
        if opened.created:
            echo(
                f"cstui: created data folder {settings.data_dir} (you are its team leader)",
                err=True,
            )
        for warning in opened.warnings:
            echo(f"cstui: warning: {warning}", err=True)
        state.opened = opened
    return state.opened
