"""The command line: ``cstui`` opens the TUI; its subcommands script every case action.

Subcommands never import Textual: the TUI is imported only when it is opened.
"""

from __future__ import annotations

import gc
from pathlib import Path

import click

from cstui import __version__
from cstui.cli.command import reporting
from cstui.cli.context import CliState, open_settings, settings_of, state
from cstui.cli.lazy import LazyGroup
from cstui.errors import InputError

__all__ = ["main"]


def open_tui(caller: str | None) -> None:
    """Open the TUI, on ``caller``'s history when a phone number is given."""
    if caller is not None:
        from cstui.models.customer import normalise_phone

        try:
            caller = normalise_phone(caller)
        except ValueError as exc:
            raise InputError.single("--caller", str(exc)) from None
    settings = settings_of(state())
    if settings.shared:  # the people sharing this account sign in on the first screen
        from cstui.tui.screens.sign_in import ask_who

        signed_in = ask_who(settings)
        if signed_in is None:
            return
        settings = signed_in
    # Start-up makes a great many objects and frees few: the cycle collector stays off
    # while the store is read and the app built; the app turns it on once home is drawn.
    gc.disable()
    try:
        ws = open_settings(settings)
        from cstui.tui.launch import run_tui

        run_tui(ws, caller=caller)
    finally:
        gc.enable()


COMMANDS = {
    "case": "cstui.cli.cases:case_group",  # "advance" is loaded when it runs
    "customer": "cstui.cli.customer:customer_group",
    "pop": "cstui.cli.pop:pop_command",  # a call came in
    "team": "cstui.cli.team:team_group",
    "skills": "cstui.cli.skills:skills_group",
    "tips": "cstui.cli.guidance:tips_group",
    "template": "cstui.cli.guidance:template_group",
    "content": "cstui.cli.guidance:content_group",
    "store": "cstui.cli.store_cmd:store_group",
    "privacy": "cstui.cli.privacy:privacy_group",
    "refund": "cstui.cli.refunds:refund_group",
    "report": "cstui.cli.report_cases:report_group",  # returns, complaints, trends
    "export": "cstui.cli.register:export_group",
    "import": "cstui.cli.register:import_group",
    "serve": "cstui.cli.serve:serve_command",  # the app in a browser
}
"""Each subcommand and where it lives; a module is imported only when its command runs."""


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data folder (default: $CSTUI_DATA_DIR, else $XDG_DATA_HOME/cstui).",
)
@click.option(
    "--user",
    metavar="NAME",
    help="Who you are: your login (the default), or on a shared account your roster name.",
)
@click.option(
    "--passphrase-stdin",
    is_flag=True,
    help="On a shared account, read your passphrase from the first line of standard input.",
)
@click.option(
    "--store",
    metavar="URL",
    help="A PostgreSQL server to keep the cases in (default: $CSTUI_STORE, else [store] url "
    "in the data folder's store.toml, else the data folder's own files).",
)
@click.option("--caller", metavar="PHONE", help="Open the TUI on this caller's history.")
@click.version_option(__version__, prog_name="cstui")
@click.pass_context
def main(
    ctx: click.Context,
    data_dir: Path | None,
    user: str | None,
    passphrase_stdin: bool,
    store: str | None,
    caller: str | None,
) -> None:
    """Customer-service complaint handling. With no command, open the terminal app."""
    state = ctx.ensure_object(CliState)
    state.data_dir = data_dir or state.data_dir
    state.user = user or state.user
    state.passphrase_stdin = passphrase_stdin or state.passphrase_stdin
    state.store = store or state.store
    if ctx.invoked_subcommand is not None:
        if caller is not None:
            raise click.UsageError("--caller opens the terminal app; it takes no command")
        return
    with reporting():
        open_tui(caller)
