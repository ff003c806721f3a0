"""``cstui report calls``: contacts per day, repeat callers and calls per case."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import table
from cstui.cli.report import report_group

if TYPE_CHECKING:
    from cstui.services.contacts import CallsReport


def calls_json(report: CallsReport) -> dict[str, Any]:
    """The report as JSON."""
    return {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "calls": report.total,
        "per_day": [{"day": day.isoformat(), "calls": n} for day, n in report.per_day],
        "repeat_callers": [
            {"number": r.number, "calls": r.calls, "last": r.last.isoformat()}
            for r in report.repeat_callers
        ],
        "per_case": [{"case_id": case_id, "calls": n} for case_id, n in report.per_case],
        "unlinked": report.unlinked,
    }


def calls_text(report: CallsReport) -> str:
    """The report as three tables."""
    period = f"{report.start.isoformat()} to {report.end.isoformat()}"
    if not report.total:
        return f"No calls from {period}."
    parts = [f"{report.total} calls from {period}", ""]
    parts.append(table(["DAY", "CALLS"], [[d.isoformat(), str(n)] for d, n in report.per_day]))
    repeats = [[r.number, str(r.calls), r.last.isoformat()] for r in report.repeat_callers]
    parts += ["", "Repeat callers:" if repeats else "No repeat callers."]
    if repeats:
        parts.append(table(["NUMBER", "CALLS", "LAST"], repeats))
    per_case = [[case_id, str(n)] for case_id, n in report.per_case]
    parts += ["", f"Calls per case ({report.unlinked} linked to no case):"]
    if per_case:
        parts.append(table(["CASE", "CALLS"], per_case))
    return "\n".join(parts)


@action(report_group, "calls", options={"from": "--from", "to": "--to"})
@click.option("--from", "start", metavar="YYYY-MM-DD", help="The first day.")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="The last day.")
def calls(start: str | None, end: str | None) -> Shown:
    """Calls from --from to --to: per day, repeat callers, per case."""
    from cstui.services.reports import parse_period

    first, last = parse_period(start, end)
    report = workspace().contacts.report(first, last)
    return Shown(calls_json(report), calls_text(report))
