"""``cstui report complaints`` and ``cstui report trends`` (added to the report group).

``complaints`` prints the complaints log's analysis table (Date / Complaint / Complaint
made by / Complaint directed at) with the category and the outcome, as a table, CSV
(every cell quoted and safe to open in a spreadsheet), Markdown ready to present, or
JSON. ``trends`` prints the last N weeks: complaints per week by category, times to
acknowledge and resolve against the policy's targets, satisfaction, close times.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import click

from cstui.cli.command import Failure, echo, reporting, to_json
from cstui.cli.context import workspace
from cstui.cli.output import shorten, table
from cstui.cli.report import report_group
from cstui.models.analysis import ANALYSIS_HEADERS, AnalysisRow, count_by
from cstui.models.csv_safe import write_rows
from cstui.models.deadline import iso
from cstui.models.figures import Timing
from cstui.models.policy import Policy
from cstui.models.text_gate import shown
from cstui.models.trends import Trends, figure_rows, target_texts
from cstui.services.register import BOM, write_output
from cstui.services.reports import check_weeks, parse_period, report_service

FORMATS = ("table", "csv", "md", "json")
PERIOD_OPTIONS = {"from": "--from", "to": "--to", "output": "--output", "weeks": "--weeks"}
PROGRESS_FROM = 200
"""Show a progress bar (on a terminal) for work on at least this many items."""
BLOCKS = "▁▂▃▄▅▆▇█"


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A ``(done, total)`` callback drawing a bar on stderr, when stderr is a terminal."""
    bar: Any = None
    shown = 0
    stderr = sys.stderr

    def tell(done: int, total: int) -> None:
        nonlocal bar, shown
        if total < PROGRESS_FROM or not stderr.isatty():
            return
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=stderr)
            bar.__enter__()
        bar.update(done - shown)
        shown = done

    try:
        yield tell
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


# -- the analysis of complaints -----------------------------------------------------------


def long_date(day: date) -> str:
    """``3 June 2026``, as the complaints log writes it."""
    return f"{day.day} {day:%B %Y}"


def period_title(start: date, end: date) -> str:
    """``Analysis of complaint forms 1 June 2026 to 8 June 2026``."""
    return f"Analysis of complaint forms {long_date(start)} to {long_date(end)}"


def row_json(row: AnalysisRow) -> dict[str, Any]:
    """One complaint of the analysis, as JSON."""
    return {
        "date": row.received.isoformat(),
        "case": row.case_id,
        "complaint": row.complaint,
        "made_by": row.made_by,
        "directed_at": row.directed_at,
        "category": row.category,
        "step": row.step.value,
        "outcome": row.outcome,
    }


def _cells(row: AnalysisRow) -> list[str]:
    return [
        row.received.isoformat(),
        row.case_id,
        row.complaint,
        row.made_by,
        row.directed_at,
        row.category,
        row.outcome,
    ]


def complaints_json(rows: list[AnalysisRow], start: date, end: date) -> dict[str, Any]:
    """The whole analysis as JSON: the rows and the counts by category and by made-by."""
    return {
        "title": period_title(start, end),
        "from": start.isoformat(),
        "to": end.isoformat(),
        "count": len(rows),
        "open": sum(1 for r in rows if r.step.value != "closed"),
        "by_category": dict(count_by(rows, lambda r: r.category)),
        "by_made_by": dict(count_by(rows, lambda r: r.made_by)),
        "rows": [row_json(r) for r in rows],
    }


def complaints_table(rows: list[AnalysisRow], start: date, end: date) -> str:
    """A compact table for the terminal."""
    if not rows:
        return f"{period_title(start, end)}\nNo complaints were received in this period."
    widths = (10, 8, 34, 20, 20, 16, 40)
    cells = [[shorten(c, w) for c, w in zip(_cells(r), widths, strict=True)] for r in rows]
    headers = [h.upper() for h in ANALYSIS_HEADERS]
    return f"{period_title(start, end)}\n\n{table(headers, cells)}\n\n{len(rows)} complaint(s)"


def complaints_csv(rows: list[AnalysisRow]) -> str:
    """CSV with every cell quoted and formulas neutralised."""
    buffer = io.StringIO()
    write_rows(buffer, ANALYSIS_HEADERS, (_cells(r) for r in rows))
    return buffer.getvalue()


_MD_SPECIAL = "\\`*_{}[]<>|#!~"


def md_cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell: one line, gated, markup escaped."""
    flat = " ".join(shown(text).split())
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in flat) or " "


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join(" --- " for _ in headers) + "|")
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def complaints_markdown(rows: list[AnalysisRow], start: date, end: date) -> str:
    """The analysis ready to present: the table, then counts by category and made-by."""
    still_open = sum(1 for r in rows if r.step.value != "closed")
    lines = [f"# {md_cell(period_title(start, end))}", ""]
    lines.append(
        f"{len(rows)} complaint{'s' if len(rows) != 1 else ''} received; "
        f"{len(rows) - still_open} closed, {still_open} still open."
    )
    lines.append("")
    table_rows = [[long_date(r.received), *_cells(r)[1:]] for r in rows]
    lines += _md_table(list(ANALYSIS_HEADERS), table_rows)
    for title, key in (
        ("By category", lambda r: r.category),
        ("Complaint made by", lambda r: r.made_by),
        ("Complaint directed at", lambda r: r.directed_at or "(not recorded)"),
    ):
        counts = count_by(rows, key)
        if counts:
            lines += ["", f"## {title}", ""]
            lines += _md_table([title, "Complaints"], [[name, str(n)] for name, n in counts])
    return "\n".join(lines) + "\n"


def _emit(
    text: str, output: Path | None, what: str, as_json: bool, summary: dict[str, Any]
) -> None:
    """Print ``text``, or write it to ``output`` and say so (as JSON with ``--json``).

    Either way ``text`` passes the output gate.
    """
    if output is None:
        echo(text, nl=not text.endswith("\n"))
        return
    text = shown(text)
    payload = (BOM + text) if summary.get("format") == "csv" else text
    write_output(output, payload.encode("utf-8"))
    summary = {**summary, "output": str(output)}
    echo(to_json(summary) if as_json else f"wrote {what} to {output}")


@click.command("complaints")
@click.option("--from", "start", metavar="DATE", help="First day received (YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Last day received (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: table.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (replaced whole) instead of printing.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (same as --format json).")
def complaints(
    start: str | None, end: str | None, fmt: str | None, output: Path | None, as_json: bool
) -> None:
    """The analysis of complaints received in a period, with their outcome."""
    with reporting(PERIOD_OPTIONS):
        if as_json and fmt not in (None, "json") and output is None:
            raise Failure(f"--json prints JSON; it cannot go with --format {fmt}")
        first, last = parse_period(start, end)
        chosen = fmt or ("json" if as_json else "table")
        service = report_service(workspace())
        with progress_bar("Reading complaints") as tell:
            rows = service.complaints(first, last, tell)
        if chosen == "json":
            text = to_json(complaints_json(rows, first, last)) + "\n"
        elif chosen == "csv":
            text = complaints_csv(rows)
        elif chosen == "md":
            text = complaints_markdown(rows, first, last)
        else:
            text = complaints_table(rows, first, last) + "\n"
        summary = {
            "format": chosen,
            "rows": len(rows),
            "from": first.isoformat(),
            "to": last.isoformat(),
        }
        _emit(text, output, f"{len(rows)} complaint(s) as {chosen}", as_json, summary)


# -- trends ----------------------------------------------------------------------------


def sparkline(values: list[int]) -> str:
    """``values`` as a row of block characters, scaled to the largest (blank for none)."""
    top = max(values, default=0)
    if top == 0:
        return " " * len(values)
    return "".join(
        " " if v == 0 else BLOCKS[min(len(BLOCKS) - 1, (v * len(BLOCKS) - 1) // top)]
        for v in values
    )


def _seconds(value: timedelta | None) -> int | None:
    return None if value is None else int(value.total_seconds())


def _timing_json(timing: Timing, target: str) -> dict[str, Any]:
    return {
        "median_seconds": _seconds(timing.median),
        "target": target,
        "done": timing.done,
        "on_time": timing.on_time,
        "late": timing.late,
        "share_on_time": timing.share_on_time,
    }


def trends_json(found: Trends, policy: Policy) -> dict[str, Any]:
    """The trends as JSON."""
    ack_target, resolve_target = target_texts(policy)
    figures = found.figures
    close = found.close_times
    return {
        "weeks": found.weeks,
        "since": iso(found.since),
        "until": iso(found.until),
        "week_starts": [iso(w) for w in found.week_starts],
        "per_week": found.per_week,
        "received": found.received,
        "acknowledge": _timing_json(figures.acknowledge, ack_target),
        "resolve": _timing_json(figures.resolve, resolve_target),
        "satisfaction": {
            "followed_up": figures.followed_up,
            "satisfied": figures.satisfied,
            "share": figures.share_satisfied,
        },
        "closed": {
            "within_4_weeks": close.within_4_weeks,
            "from_4_to_8_weeks": close.from_4_to_8_weeks,
            "over_8_weeks": close.over_8_weeks,
            "still_open": close.still_open,
        },
        "directed_at": [{"name": name, "count": n} for name, n in found.directed_at],
    }


def trends_text(found: Trends, policy: Policy) -> str:
    """The trends for the terminal."""
    first = found.since.date().isoformat()
    lines = [
        f"Trends: the last {found.weeks} weeks ({first} to {found.until.date().isoformat()}), "
        f"{found.received} complaint(s) received",
        "",
        "Complaints per week, by category (oldest week on the left):",
    ]
    width = min(max((len(c) for c in found.per_week), default=8), 24)
    for category, counts in found.per_week.items():
        lines.append(f"  {shorten(category, width):<{width}}  {sparkline(counts)}  {sum(counts)}")
    lines.append("")
    lines += [f"{what}: {value}" for what, value in figure_rows(found, policy)]
    return "\n".join(lines)


@click.command("trends")
@click.option("--weeks", type=int, default=12, show_default=True, help="How many weeks back.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
def trends(weeks: int, as_json: bool) -> None:
    """Complaints per week by category, times against targets, satisfaction."""
    with reporting(PERIOD_OPTIONS):
        check_weeks(weeks)
        ws = workspace()
        found = report_service(ws).trends(weeks)
        echo(to_json(trends_json(found, ws.policy)) if as_json else trends_text(found, ws.policy))


__all__ = ["complaints", "trends"]


report_group.add_command(complaints)
report_group.add_command(trends)
