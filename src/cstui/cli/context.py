"""The workspace every subcommand opens: options of the top-level group, first-run notes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import click

from cstui.config import resolve
from cstui.errors import ConfigError
from cstui.workspace import Clock, Workspace, open_workspace, utc_now

NOW_ENV = "CSTUI_NOW"
"""Testing aid only: an ISO date and time the CLI's clock is frozen at (UTC if no zone)."""


@dataclass
class CliState:
    """The top-level options, and the workspace once a command has opened it."""

    data_dir: Path | None = None
    user: str | None = None
    opened: Workspace | None = None


def cli_clock() -> Clock:
    """The real clock, or a frozen one when ``CSTUI_NOW`` is set (for tests)."""
    frozen = os.environ.get(NOW_ENV, "").strip()
    if not frozen:
        return utc_now
    try:
        moment = datetime.fromisoformat(frozen)
    except ValueError:
        raise ConfigError(f"{NOW_ENV} is not an ISO date and time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return lambda: moment


def workspace() -> Workspace:
    """Open the data folder named by the top-level options (once per invocation).

    First-run and roster notes go to stderr, so ``--json`` output stays pure JSON.
    """
    state = click.get_current_context().find_object(CliState) or CliState()
    if state.opened is None:
        settings = resolve(state.data_dir, state.user)
        opened = open_workspace(settings, clock=cli_clock())
        if opened.created:
            click.echo(
                f"cstui: created data folder {settings.data_dir} (you are its team leader)",
                err=True,
            )
        for warning in opened.warnings:
            click.echo(f"cstui: warning: {warning}", err=True)
        state.opened = opened
    return state.opened
