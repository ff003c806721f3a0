"""``cstui export cases`` and ``cstui import cases``: a register in, the cases out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cstui.cli.command import Failure, echo, reporting, to_json
from cstui.cli.context import workspace
from cstui.cli.report_cases import progress_bar
from cstui.models.register import COLUMN_HELP, REGISTER_COLUMNS
from cstui.services.register import ImportResult, RegisterService
from cstui.services.reports import parse_day

OPTIONS = {
    "from": "--from",
    "to": "--to",
    "output": "--output",
    "file": "FILE",
    "bad_rows": "--bad-rows",
}
SHOWN_PROBLEMS = 50
"""At most this many row problems are printed on stderr (all of them with --json)."""


@click.group("export")
def export_group() -> None:
    """Write cases to a file (CSV for spreadsheets, JSONL for another cstui)."""


@click.group("import")
def import_group() -> None:
    """Bring cases in from a file (a CSV register, or JSONL from "cstui export")."""


def _service() -> RegisterService:
    ws = workspace()
    return RegisterService(ws.cases, ws.policy)


@export_group.command("cases")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl"]), required=True, help="File format."
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write (replaced whole, readable by you only).",
)
@click.option("--from", "start", metavar="DATE", help="Only cases received from this day.")
@click.option("--to", "end", metavar="DATE", help="Only cases received up to this day.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def export_cases(fmt: str, output: Path, start: str | None, end: str | None, as_json: bool) -> None:
    """Every case (open and closed), oldest first: CSV for a spreadsheet, JSONL to import."""
    with reporting(OPTIONS):
        first = parse_day(start, "from") if start else None
        last = parse_day(end, "to") if end else None
        if first and last and last < first:
            raise Failure("--to: is before the start of the period")
        service = _service()
        with progress_bar("Exporting cases") as tell:
            count = service.export(output, "csv" if fmt == "csv" else "jsonl", first, last, tell)
        summary = {"format": fmt, "cases": count, "output": str(output)}
        echo(to_json(summary) if as_json else f"exported {count} case(s) to {output}")


def result_json(result: ImportResult) -> dict[str, Any]:
    """What an import did, as JSON."""
    return {
        "format": result.format,
        "rows": result.rows,
        "applied": result.applied,
        "imported": len(result.imported),
        "already_there": len(result.skipped),
        "bad_rows": len(result.bad),
        "ids": result.imported,
        "skipped": [{"row": s.row, "reason": s.reason} for s in result.skipped],
        "problems": [
            {"row": p.row, "field": p.field, "reason": p.reason}
            for bad in result.bad
            for p in bad.problems
        ],
        "bad_rows_file": str(result.bad_rows_file) if result.bad_rows_file else None,
    }


def result_text(result: ImportResult) -> str:
    """What an import did, in one or two lines."""
    ids = result.imported
    span = f" ({ids[0]} to {ids[-1]})" if len(ids) > 1 else (f" ({ids[0]})" if ids else "")
    text = f"imported {len(ids)} case(s){span}"
    if result.skipped:
        text += f"; {len(result.skipped)} already there (skipped)"
    if result.bad:
        text += f"; {len(result.bad)} bad row(s) written to {result.bad_rows_file}"
    return text


IMPORT_HELP = "\b\nCSV columns (any order):\n" + "\n".join(
    f"  {name}: {COLUMN_HELP[name]}" for name in REGISTER_COLUMNS
)


def _tell_problems(result: ImportResult) -> None:
    """The first problems of the bad rows on stderr, and how many more there are."""
    problems = [p for bad in result.bad for p in bad.problems]
    for problem in problems[:SHOWN_PROBLEMS]:
        echo(str(problem), err=True)
    if len(problems) > SHOWN_PROBLEMS:
        echo(f"... and {len(problems) - SHOWN_PROBLEMS} more", err=True)


@import_group.command("cases", epilog=IMPORT_HELP)
@click.argument("source", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import the good rows; write the bad ones apart.")
@click.option(
    "--bad-rows",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where bad rows go with --skip-bad (default: FILE.bad.csv or .jsonl).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def import_cases(source: Path, skip_bad: bool, bad_rows: Path | None, as_json: bool) -> None:
    """Import cases from a CSV register or a JSONL export; every row is checked first.

    Nothing is imported unless every row is good (or --skip-bad). Rows already in the
    store are skipped, so running it again adds nothing. Team leaders only.
    """
    with reporting(OPTIONS):
        if bad_rows is not None and not skip_bad:
            raise Failure("--bad-rows: only goes with --skip-bad")
        service = _service()
        with progress_bar("Checking rows") as tell:
            result = service.import_file(source, skip_bad, bad_rows, tell)
        if result.applied:
            echo(to_json(result_json(result)) if as_json else result_text(result))
            return
        if as_json:
            echo(to_json(result_json(result)))
        _tell_problems(result)
        header = any(b.row == 1 and result.format == "csv" for b in result.bad)
        advice = "fix the header" if header else "fix them, or use --skip-bad"
        raise Failure(f"{len(result.bad)} bad row(s); nothing was imported ({advice})")
