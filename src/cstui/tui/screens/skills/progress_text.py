"""The Progress tab's text: per-factor scores across assessments and persistent gaps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text

from cstui.models.skill_scores import GAP_TIMES, GAP_WINDOW, POINTS, sparkline
from cstui.models.skills import Rating, SelfAssessment
from cstui.services.skills import SkillsReport
from cstui.tui.text import OVERDUE_MARK, safe

SHOWN_SCORES = 4
"""The Progress tab lists this many most recent scores per factor..."""
SPARK_POINTS = 10
"""...and draws a sparkline of this many."""


def _change(values: Sequence[int | None]) -> Text:
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return Text("")
    delta = known[-1] - known[-2]
    if delta > 0:
        return Text(f"▲ +{delta}", style="green")
    if delta < 0:
        return Text(f"▼ {delta}", style="bold red")
    return Text("= 0", style="dim")


def progress_view(
    content: SelfAssessment, report: SkillsReport, local_day: Callable[[datetime | None], str]
) -> Text:
    """Per-factor scores across assessments, and the persistent gaps highlighted."""
    done = report.assessments
    if not done:
        return Text(
            "No assessment completed yet. Rate the statements on the Assess tab, then "
            "press c to complete it; each completed assessment adds a point here.",
            style="dim",
        )
    first = local_day(done[0].assessment.completed_at)
    last = local_day(done[-1].assessment.completed_at)
    text = Text()
    text.append(f"{len(done)} assessment{'s' if len(done) != 1 else ''}", style="bold")
    text.append(f" · {first}" + (f" to {last}" if len(done) > 1 else ""))
    scale = ", ".join(
        f"{r.label} {POINTS[r]}" for r in (Rating.WELL, Rating.ADEQUATE, Rating.BETTER)
    )
    text.append(f"\nScores out of 100 ({scale}; not applicable left out)\n\n", style="dim")
    text.append(f"{'Factor':<12}{'Trend':<10}{'Last scores':>20}  Change\n", style="bold")
    for factor in content.factors:
        values = report.trend[factor.id]
        scores = "".join(f"{'—' if v is None else v:>5}" for v in values[-SHOWN_SCORES:])
        text.append(f"{factor.short:<12}")
        text.append(f"{sparkline(values[-SPARK_POINTS:]):<10}", style="cyan")
        text.append(f"{scores:>20}  ")
        text.append_text(_change(values))
        text.append("\n")
    text.append(
        f"\nPersistent gaps: could do better in {GAP_TIMES} or more of the last {GAP_WINDOW}\n",
        style="bold",
    )
    if not report.gaps:
        text.append("None.", style="dim")
    for gap in report.gaps:
        statement = content.statement(gap.statement)
        text.append(f"{OVERDUE_MARK} {gap.statement} ", style="bold yellow")
        text.append(f"{gap.times} of {gap.of}  ", style="yellow")
        text.append(safe(statement.text) if statement else "", style="yellow")
        text.append("\n")
    return text
