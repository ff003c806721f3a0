"""A skills log as Markdown its owner may choose to share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstui.models.figures import NOTE as PERFORMANCE_NOTE
from cstui.models.figures import charter_rows
from cstui.models.skills import Action, Assessment

if TYPE_CHECKING:
    from cstui.services.skills import SkillsReport, SkillsService

EXPORT_ASSESSMENTS = 6
"""The export shows the scores of this many most recent assessments."""

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def md(text: str) -> str:
    """Typed text as inert Markdown on one line: no markup, links, HTML or table breaks."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def export_markdown(skills: SkillsService) -> str:
    """A summary the owner may choose to share: scores, three and three, actions,
    persistent gaps, the learning log (without reflections) and the charter figures."""
    report = skills.report()
    latest = report.assessments[-1].assessment if report.assessments else None
    out = [
        f"# Skills summary: {md(skills.owner)}",
        "",
        f"Exported on {skills.today().isoformat()} by its owner. Reflections in the "
        "learning log and single ratings are not included.",
        "",
        "## Self-assessment",
        "",
        *_scores(skills, report),
        *_three_and_three(skills, latest),
        *_actions_and_gaps(skills, report),
        *_learning(skills),
        *_performance(skills),
    ]
    return "\n".join(out) + "\n"


def _scores(skills: SkillsService, report: SkillsReport) -> list[str]:
    shown = report.assessments[-EXPORT_ASSESSMENTS:]
    if not shown:
        return ["No assessment completed yet."]
    dates = [skills.local_day(a.assessment.completed_at) for a in shown]
    out = [
        "Scores out of 100: do well 100, adequate 50, could do better 0; not applicable left out.",
        "",
        "| Factor | " + " | ".join(dates) + " |",
        "| --- |" + " ---: |" * len(dates),
    ]
    for factor in skills.content.factors:
        cells = ["—" if (v := a.scores[factor.id]) is None else str(v) for a in shown]
        out.append(f"| {md(factor.title)} | " + " | ".join(cells) + " |")
    return out


def _three_and_three(skills: SkillsService, latest: Assessment | None) -> list[str]:
    if latest is None:
        return []
    out: list[str] = []
    for title, ids in (
        ("Three things I do well", latest.strengths),
        ("Three things I could do better", latest.improvements),
    ):
        out += ["", f"## {title}", ""]
        out += [_statement(skills, sid) for sid in ids] or ["None picked."]
    return out


def _actions_and_gaps(skills: SkillsService, report: SkillsReport) -> list[str]:
    out = ["", "## Actions", ""]
    out += [_action(skills, a) for a in skills.actions()] or ["No actions yet."]
    out += ["", "## Persistent gaps", ""]
    out += [
        f"{_statement(skills, g.statement)} (could do better in {g.times} of the last {g.of})"
        for g in report.gaps
    ] or ["None."]
    return out


def _learning(skills: SkillsService) -> list[str]:
    entries = [f"- {e.on.isoformat()} · {e.kind.label} · {md(e.what)}" for e in skills.learning()]
    return ["", "## Learning log", "", *(entries or ["Nothing logged yet."])]


def _performance(skills: SkillsService) -> list[str]:
    figures = skills.performance()
    out = ["", "## My performance against the charter", ""]
    out.append("| | " + " | ".join(f"Last {w.weeks} weeks" for w in figures) + " | Target |")
    out.append("| --- |" + " --- |" * (len(figures) + 1))
    for label, values, target in charter_rows(figures, skills.policy):
        out.append(f"| {label} | " + " | ".join(values) + f" | {target} |")
    return [*out, "", PERFORMANCE_NOTE]


def _statement(skills: SkillsService, statement_id: str) -> str:
    statement = skills.content.statement(statement_id)
    text = statement.text if statement else "(no longer in the assessment)"
    return f"- **{statement_id}** {md(text)}"


def _action(skills: SkillsService, action: Action) -> str:
    state = action.status.value + (", overdue" if skills.is_overdue(action) else "")
    parts = [
        f"- **#{action.id}** {action.statement} ({state}, due {action.due.isoformat()}):",
        f"what needs to happen: {md(action.need)};",
        f"I will initiate: {md(action.initiate)}.",
    ]
    activities = {a.id: a for a in skills.development.activities}
    readings = {r.id: r for r in skills.development.readings}
    linked = [md(activities[i].title) for i in action.activities if i in activities]
    linked += [
        f"{md(readings[i].title)} ({md(readings[i].author)})"
        for i in action.readings
        if i in readings
    ]
    if linked:
        parts.append("Development: " + "; ".join(linked).rstrip(".") + ".")
    return " ".join(parts)
