"""The workspace every subcommand opens: options of the top-level group, sign-in on a
shared account, first-run notes."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click

from cstui.cli.command import echo
from cstui.config import Settings, resolve
from cstui.errors import InputError, PermissionDenied
from cstui.workspace import Clock, Workspace, open_workspace, signed_in, utc_now

WRONG_PASSPHRASE_DELAY = 1.0
"""Seconds a wrong passphrase costs on the command line, so guessing is slow."""


@dataclass
class CliState:
    """The top-level options, the clock, and the workspace once a command has opened it.

    The installed ``cstui`` always runs on the real clock as the OS account running it:
    only a caller that builds the state itself (the test suite's entry point) can hand in
    another clock or account.
    """

    data_dir: Path | None = None
    user: str | None = None
    clock: Clock = utc_now
    account: str | None = None
    """The OS account to run as (None: ask the operating system)."""
    passphrase_stdin: bool = False
    """On a shared account, read the sign-in passphrase from standard input."""
    store: str | None = None
    """``--store``: a PostgreSQL server's URL."""
    opened: Workspace | None = None


def state() -> CliState:
    """This invocation's top-level state."""
    return click.get_current_context().find_object(CliState) or CliState()


def read_secret(prompt: str, from_stdin: bool) -> str:
    """One line of standard input (``from_stdin``), else typed at the terminal, hidden."""
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise InputError.single("--passphrase-stdin", "standard input ended first")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InputError.single("passphrase", "no terminal to type it at; use --passphrase-stdin")
    text: str = click.prompt(prompt, hide_input=True, err=True)
    return text


def sign_in(settings: Settings, from_stdin: bool) -> Settings:
    """On a shared account, check the named person's passphrase before anything opens;
    their settings once signed in."""
    if not settings.user:
        raise InputError.single(
            "--user",
            f"the account {settings.account} is shared: say who you are with --user NAME "
            "or CSTUI_USER",
        )
    passphrase = read_secret(f"Passphrase for {settings.user}", from_stdin)
    person = signed_in(settings, passphrase)
    if person is None:
        time.sleep(WRONG_PASSPHRASE_DELAY)
        raise PermissionDenied(f"wrong passphrase for {settings.user}; nothing was done")
    return person


def settings_of(current: CliState) -> Settings:
    """Who is using which folder, by the top-level options and the OS account."""
    return resolve(current.data_dir, current.user, account=current.account, store=current.store)


def open_settings(settings: Settings) -> Workspace:
    """Open the data folder for ``settings.user`` (once per invocation).

    First-run and roster notes go to stderr, so ``--json`` output stays pure JSON.
    """
    current = state()
    if current.opened is None:
        opened = open_workspace(settings, clock=current.clock)
        if opened.created:
            leader = "" if settings.store else " (you are its team leader)"
            echo(f"cstui: created data folder {settings.data_dir}{leader}", err=True)
        for warning in opened.warnings:
            echo(f"cstui: warning: {warning}", err=True)
        current.opened = opened
    return current.opened


def workspace() -> Workspace:
    """Open the data folder named by the top-level options, signing in first where the
    OS account is shared (once per invocation)."""
    current = state()
    if current.opened is None:
        from cstui.bulk import bulk

        with bulk():  # opening loads modules and the store's state, and frees little
            settings = settings_of(current)
            if settings.shared:
                settings = sign_in(settings, current.passphrase_stdin)
            return open_settings(settings)
    return current.opened
