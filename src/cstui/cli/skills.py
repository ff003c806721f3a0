"""``cstui skills ...``: my private skills log from the command line.

Every command works on the current user's log only. ``--owner`` on ``report``,
``export`` and ``performance`` exists to refuse clearly: any other name is told
"a skills log is private to its owner" (exit 2).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from cstui.cli.command import Shown, action, echo
from cstui.cli.context import workspace
from cstui.cli.output import shorten, table
from cstui.cli.skills_json import (
    action_json,
    assessment_json,
    learning_json,
    local_day,
    window_json,
)
from cstui.errors import InputError
from cstui.models.deadline import iso
from cstui.models.figures import charter_rows
from cstui.models.skill_scores import sparkline
from cstui.models.skills import Action, ActionStatus, LearningKind
from cstui.models.text_gate import shown
from cstui.services.skills import AssessmentSummary, SkillsReport, SkillsService
from cstui.workspace import self_assessment

USER_OPTION = {"user": "--user"}
ASSESS_OPTIONS = {**USER_OPTION, "ratings": "--ratings"}
ACTION_OPTIONS = {
    **USER_OPTION,
    "statement": "--statement",
    "need": "--need",
    "initiate": "--initiate",
    "due": "--due",
    "activities": "--activity",
    "readings": "--reading",
    "id": "ID",
}
PICK_OPTIONS = {**USER_OPTION, "strengths": "--strength", "improvements": "--improve"}
LOG_OPTIONS = {
    **USER_OPTION,
    "on": "--on",
    "kind": "--kind",
    "what": "--what",
    "reflection": "--reflection",
}
TEXT_WIDTH = 60
SCORES_TITLE = "Scores out of 100 (do well 100, adequate 50, could do better 0)"


@click.group("skills")
def skills_group() -> None:
    """My private skills log: self-assessment, actions, learning, charter figures."""


def skills(owner: str | None = None) -> SkillsService:
    """The current user's log; any other ``owner`` is refused before anything is read."""
    service = workspace().skills
    service.check_owner(owner)
    return service


owner_option = click.option(
    "--owner", metavar="NAME", help="Whose log: only your own can be read (default: you)."
)


# -- text -------------------------------------------------------------------------------


def _action_rows(service: SkillsService, items: Sequence[Action]) -> str:
    rows = [
        [
            f"#{a.id}",
            a.statement,
            a.due.isoformat(),
            a.status.value,
            "! overdue" if service.is_overdue(a) else "",
            shorten(" ".join(a.need.split()), TEXT_WIDTH - 20),
        ]
        for a in items
    ]
    return table(["ID", "STATEMENT", "DUE", "STATUS", "LATE", "WHAT NEEDS TO HAPPEN"], rows)


def _assessment_text(service: SkillsService, summary: AssessmentSummary) -> str:
    a = summary.assessment
    lines = [
        f"Assessment {a.id} completed on {local_day(service, a.completed_at)}: "
        f"{summary.rated} of {summary.total} statements rated."
    ]
    for factor in service.content.factors:
        score = summary.scores[factor.id]
        lines.append(f"  {factor.title}: {'—' if score is None else score}")
    if a.strengths or a.improvements:
        lines.append(f"Proposed strengths: {', '.join(a.strengths) or '—'}")
        lines.append(f"Proposed to improve: {', '.join(a.improvements) or '—'}")
        lines.append("Change the picks with `cstui skills pick` or on the Three & three tab.")
    return "\n".join(lines)


# -- commands -------------------------------------------------------------------------------


@action(skills_group, "statements")
def statements() -> Shown:
    """Every statement of the five factors, with its id."""
    content = self_assessment()
    items = [
        {
            "id": s.id,
            "factor": s.factor,
            "factor_title": content.factor(s.factor).title,
            "number": s.number,
            "text": s.text,
        }
        for s in content.statements
    ]
    process = content.process
    blocks = [
        "\n".join([process.title, *(f"  {n}. {step}" for n, step in enumerate(process.steps, 1))])
    ]
    blocks += [
        "\n".join(
            [f"{f.id} {f.title}", *(f"  {s.id}  {s.text}" for s in content.statements_of(f.id))]
        )
        for f in content.factors
    ]
    return Shown(items, "\n\n".join(blocks))


@action(skills_group, "assess", options=ASSESS_OPTIONS)
@click.option(
    "--ratings",
    "ratings_file",
    required=True,
    metavar="FILE.json",
    type=click.Path(path_type=Path, dir_okay=False),
    help='A JSON object of statement ids to well|adequate|better|na, e.g. {"f1.01": "well"}.',
)
def assess(ratings_file: Path) -> Shown:
    """Complete an assessment dated now from a file of ratings (missing ids stay unrated)."""
    try:
        raw = json.loads(ratings_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError.single(
            "ratings", f"cannot read {ratings_file}: {exc.strerror or exc}"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError.single("ratings", f"{ratings_file} is not a JSON file") from None
    if not isinstance(raw, dict):
        raise InputError.single("ratings", "must be a JSON object of statement ids to ratings")
    service = skills()
    summary = service.summary(service.assess(raw))
    return Shown(assessment_json(service, summary), _assessment_text(service, summary))


@action(skills_group, "pick", options=PICK_OPTIONS)
@click.option("--strength", "strengths", multiple=True, metavar="ID", help="Up to three.")
@click.option("--improve", "improvements", multiple=True, metavar="ID", help="Up to three.")
def pick(strengths: tuple[str, ...], improvements: tuple[str, ...]) -> Shown:
    """Pick three things you do well and three to improve, on the latest assessment."""
    service = skills()
    summary = service.summary(service.pick(strengths, improvements))
    return Shown(assessment_json(service, summary), _assessment_text(service, summary))


def _scores_text(service: SkillsService, found: SkillsReport) -> str:
    if not found.assessments:
        return "No assessment completed yet: open the TUI (s, My skills) or use `skills assess`."
    shown = found.assessments[-6:]
    headers = ["FACTOR", *[str(local_day(service, s.assessment.completed_at)) for s in shown]]
    headers.append("TREND")
    rows = []
    for factor in service.content.factors:
        scores = [s.scores[factor.id] for s in shown]
        cells = ["—" if v is None else str(v) for v in scores]
        rows.append([factor.short, *cells, sparkline(found.trend[factor.id])])
    return f"{SCORES_TITLE}\n{table(headers, rows)}"


def _gaps_text(service: SkillsService, found: SkillsReport) -> str:
    if not found.gaps:
        return "None."
    rows = [
        [
            g.statement,
            f"{g.times} of {g.of}",
            shorten(service.statement(g.statement).text, TEXT_WIDTH),
        ]
        for g in found.gaps
    ]
    return table(["STATEMENT", "TIMES", "TEXT"], rows)


@action(skills_group, "report", options=USER_OPTION)
@owner_option
def report(owner: str | None) -> Shown:
    """Per-factor scores of each assessment, open actions and persistent gaps."""
    service = skills(owner)
    found = service.report()
    data = {
        "owner": service.owner,
        "assessments": [assessment_json(service, s) for s in found.assessments],
        "open_actions": [action_json(service, a) for a in found.open_actions],
        "persistent_gaps": [
            {
                "statement": g.statement,
                "text": service.statement(g.statement).text,
                "times": g.times,
                "of": g.of,
            }
            for g in found.gaps
        ],
    }
    text = _scores_text(service, found)
    text += "\n\nOpen actions\n"
    text += _action_rows(service, found.open_actions) if found.open_actions else "None."
    text += "\n\nPersistent gaps (could do better in 2 of the last 3 assessments)\n"
    text += _gaps_text(service, found)
    return Shown(data, text)


@click.group("action")
def action_group() -> None:
    """Improvement actions: what needs to happen, what I will initiate, by when."""


@action(action_group, "add", options=ACTION_OPTIONS)
@click.option("--statement", required=True, metavar="ID", help="The statement to improve.")
@click.option("--need", required=True, metavar="TEXT", help="What needs to happen?")
@click.option("--initiate", required=True, metavar="TEXT", help="What will I initiate?")
@click.option("--due", required=True, metavar="YYYY-MM-DD", help="When it is due.")
@click.option("--activity", "activities", multiple=True, metavar="ID", help="A linked activity.")
@click.option("--reading", "readings", multiple=True, metavar="ID", help="A linked reading.")
def add_action(
    statement: str,
    need: str,
    initiate: str,
    due: str,
    activities: tuple[str, ...],
    readings: tuple[str, ...],
) -> Shown:
    """Plan an improvement action on a statement."""
    service = skills()
    item = service.add_action(
        {
            "statement": statement,
            "need": need,
            "initiate": initiate,
            "due": due,
            "activities": list(activities),
            "readings": list(readings),
        }
    )
    warning = service.strength_warning(item.statement)
    if warning is not None:
        echo(f"cstui: warning: {warning}", err=True)
    return Shown(
        action_json(service, item),
        f"Action #{item.id} on {item.statement} is open, due {item.due.isoformat()}",
    )


def _status_change(action_id: int, status: ActionStatus) -> Shown:
    service = skills()
    item = service.set_status(action_id, status)
    return Shown(action_json(service, item), f"Action #{item.id} is {item.status.value}")


@action(action_group, "done", options=ACTION_OPTIONS)
@click.argument("action_id", metavar="ID", type=int)
def done_action(action_id: int) -> Shown:
    """Mark an action done."""
    return _status_change(action_id, ActionStatus.DONE)


@action(action_group, "status", options=ACTION_OPTIONS)
@click.argument("action_id", metavar="ID", type=int)
@click.argument("status", type=click.Choice([s.value for s in ActionStatus]))
def status_action(action_id: int, status: str) -> Shown:
    """Set an action's status: open, doing or done."""
    return _status_change(action_id, ActionStatus(status))


@action(action_group, "list", options=USER_OPTION)
@click.option("--open", "only_open", is_flag=True, help="Only actions not done.")
def list_actions(only_open: bool) -> Shown:
    """Every action, soonest due first, done ones last."""
    service = skills()
    items = service.actions(include_done=not only_open)
    text = _action_rows(service, items) if items else "No actions."
    return Shown([action_json(service, a) for a in items], text)


@click.group("log")
def log_group() -> None:
    """The learning log: courses, coaching, mentoring, seminars, reading, observing."""


@action(log_group, "add", options=LOG_OPTIONS)
@click.option("--kind", required=True, type=click.Choice([k.value for k in LearningKind]))
@click.option("--what", required=True, metavar="TEXT", help="The course, book, colleague...")
@click.option("--reflection", metavar="TEXT", help="What I took from it.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="When (default: today).")
def log_add(kind: str, what: str, reflection: str | None, on: str | None) -> Shown:
    """Add an entry to the learning log."""
    entry = skills().log_learning({"kind": kind, "what": what, "reflection": reflection, "on": on})
    return Shown(
        learning_json(entry), f"Logged {entry.kind.label} on {entry.on.isoformat()} (#{entry.id})"
    )


@action(log_group, "list", options=USER_OPTION)
def log_list() -> Shown:
    """The learning log, newest first."""
    entries = skills().learning()
    rows = [[e.on.isoformat(), e.kind.label, shorten(e.what, TEXT_WIDTH)] for e in entries]
    text = table(["DATE", "KIND", "WHAT"], rows) if rows else "Nothing logged yet."
    return Shown([learning_json(e) for e in entries], text)


@action(skills_group, "performance", options=USER_OPTION)
@owner_option
def performance(owner: str | None) -> Shown:
    """My cases against the charter's targets over the last 4 and 12 weeks."""
    service = skills(owner)
    figures = service.performance()
    targets = service.policy.targets
    data = {
        "owner": service.owner,
        "now": iso(service.clock()),
        "targets": {
            "acknowledge_business_days": targets.acknowledge_business_days,
            "resolve_calendar_days": targets.resolve_calendar_days,
        },
        "windows": [window_json(w) for w in figures],
    }
    headers = ["", *[f"LAST {w.weeks} WEEKS" for w in figures], "TARGET"]
    rows = [
        [label, *values, target] for label, values, target in charter_rows(figures, service.policy)
    ]
    return Shown(data, f"My cases ({service.owner})\n" + table(headers, rows))


@action(skills_group, "export", json_flag=False, options=USER_OPTION)
@click.option(
    "--format", "fmt", type=click.Choice(["md"]), default="md", show_default=True, help="Format."
)
@click.option(
    "--output",
    metavar="FILE",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE instead of stdout.",
)
@owner_option
def export(fmt: str, output: Path | None, owner: str | None) -> Shown:
    """A summary of my log to share by choice (reflections and single ratings left out)."""
    text = skills(owner).export_markdown()
    if output is None:
        return Shown(None, text.rstrip("\n"))
    output.write_text(shown(text), encoding="utf-8")
    return Shown(None, f"Wrote {output}")


skills_group.add_command(action_group)
skills_group.add_command(log_group)
