"""The command line: ``cstui`` opens the TUI; its subcommands script every case action.

Subcommands never import Textual: the TUI is imported only when it is opened.
"""

from __future__ import annotations

from pathlib import Path

import click

import cstui.cli.advance  # noqa: F401  (registers "case advance")
from cstui import __version__
from cstui.cli.cases import case_group
from cstui.cli.command import reporting
from cstui.cli.context import CliState, workspace
from cstui.cli.customer import customer_group
from cstui.cli.guidance import content_group, template_group, tips_group
from cstui.cli.privacy import privacy_group
from cstui.cli.refunds import refund_group
from cstui.cli.register import export_group, import_group
from cstui.cli.report import report_group
from cstui.cli.report_cases import complaints, trends
from cstui.cli.skills import skills_group
from cstui.cli.store_cmd import store_group
from cstui.cli.team import team_group
from cstui.errors import InputError
from cstui.models.customer import normalise_phone

__all__ = ["main"]


def open_tui(caller: str | None) -> None:
    """Open the TUI, on ``caller``'s history when a phone number is given."""
    if caller is not None:
        try:
            caller = normalise_phone(caller)
        except ValueError as exc:
            raise InputError.single("--caller", str(exc)) from None
    ws = workspace()
    from cstui.tui.launch import run_tui

    run_tui(ws, caller=caller)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data folder (default: $CSTUI_DATA_DIR, else $XDG_DATA_HOME/cstui).",
)
@click.option("--user", metavar="NAME", help="Who you are (default: $CSTUI_USER, else your login).")
@click.option("--caller", metavar="PHONE", help="Open the TUI on this caller's history.")
@click.version_option(__version__, prog_name="cstui")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, user: str | None, caller: str | None) -> None:
    """Customer-service complaint handling. With no command, open the terminal app."""
    ctx.obj = CliState(data_dir, user)
    if ctx.invoked_subcommand is not None:
        if caller is not None:
            raise click.UsageError("--caller opens the terminal app; it takes no command")
        return
    with reporting():
        open_tui(caller)


main.add_command(case_group)
main.add_command(customer_group)
main.add_command(team_group)
main.add_command(skills_group)
main.add_command(tips_group)
main.add_command(template_group)
main.add_command(content_group)
main.add_command(store_group)
main.add_command(privacy_group)
main.add_command(refund_group)
main.add_command(report_group)
report_group.add_command(complaints)
report_group.add_command(trends)
main.add_command(export_group)
main.add_command(import_group)
