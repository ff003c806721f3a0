"""``cstui tips``, ``cstui template`` and ``cstui content``: guidance from the command line.

Tips and templates come from the content files (the centre's overrides if valid); only
``template render`` opens the case store.
"""

from __future__ import annotations

import textwrap
from typing import Any

import click

from cstui.cli.command import USER_ERROR, Shown, action, echo, reporting, to_json
from cstui.cli.context import CliState, settings_of, workspace
from cstui.cli.output import table
from cstui.models.content import Reading, Template, Tip
from cstui.models.guide import GuideItem, ItemKind
from cstui.models.kinds import PROCEDURE, Step
from cstui.services.guidance import GuidanceService
from cstui.workspace import content_guidance, content_problems

STEP_CHOICE = click.Choice([s.value for s in PROCEDURE])
THEME_OPTIONS = {"theme": "--theme"}
WIDTH = 78


def _warn(lines: list[str]) -> None:
    for line in lines:
        echo(f"cstui: warning: {line}", err=True)


def content_service() -> GuidanceService:
    """Guidance from the data folder's content, without opening the case store."""
    state = click.get_current_context().find_object(CliState) or CliState()
    settings = settings_of(state)
    if settings.store:  # the content is the server's
        return case_guidance()
    service = content_guidance(settings.data_dir)
    _warn(service.warnings)
    return service


def case_guidance() -> GuidanceService:
    """Guidance with the workspace's cases (opens the store); new warnings on stderr."""
    ws = workspace()
    before = len(ws.warnings)
    service = ws.guidance
    _warn(ws.warnings[before:])
    return service


def _indented(text: str) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return "\n".join(
        textwrap.fill(p, WIDTH, initial_indent="    ", subsequent_indent="    ") for p in paragraphs
    )


def tip_json(tip: Tip) -> dict[str, Any]:
    """A tip as ``tips --json`` prints it."""
    return {
        "id": tip.id,
        "title": tip.title,
        "body": tip.body,
        "themes": list(tip.themes),
        "steps": [s.value for s in tip.steps],
    }


def item_json(item: GuideItem) -> dict[str, Any]:
    """A search result as ``tips search --json`` prints it."""
    return {
        "kind": item.kind.value,
        "id": item.id,
        "title": item.title,
        "body": item.body,
        "themes": list(item.themes),
        "steps": [s.value for s in item.steps],
    }


def template_json(template: Template) -> dict[str, Any]:
    """A template as ``template list --json`` prints it."""
    return {
        "id": template.id,
        "title": template.title,
        "when": template.when.value,
        "body": template.body,
    }


def _item_text(item: GuideItem, service: GuidanceService) -> str:
    if item.kind is ItemKind.TIP:
        label = "tip"
    else:
        label = "activity: " + ", ".join(service.theme_title(t) for t in item.themes)
    head = f"{item.id}  {item.title}  ({label})"
    body = _indented(item.body)
    return f"{head}\n{body}" if body else head


def _tips_shown(tips: list[Tip]) -> Shown:
    blocks = []
    for tip in tips:
        steps = ", ".join(s.value for s in tip.steps) or "-"
        blocks.append(f"{tip.id}  {tip.title}\n{_indented(tip.body)}\n    steps: {steps}")
    text = "\n\n".join(blocks) if blocks else "No tips match."
    return Shown([tip_json(t) for t in tips], text)


@click.group("tips", invoke_without_command=True)
@click.option("--theme", metavar="T", help="Only tips of this development theme (its id).")
@click.option("--step", type=STEP_CHOICE, help="Only tips that apply to this step.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def tips_group(ctx: click.Context, theme: str | None, step: str | None, as_json: bool) -> None:
    """The Customer Service Quick Tips; "tips search TEXT" searches tips and activities."""
    if ctx.invoked_subcommand is not None:
        return
    with reporting(THEME_OPTIONS):
        service = content_service()
        shown = _tips_shown(service.tips(theme, Step(step) if step else None))
    echo(shown.output(as_json))


@action(tips_group, "search", options=THEME_OPTIONS)
@click.argument("text")
@click.option("--theme", metavar="T", help="Only this development theme (its id).")
def search_tips(text: str, theme: str | None) -> Shown:
    """Tips and development activities with every word of TEXT, title matches first."""
    service = content_service()
    found = service.search(text, theme)
    shown = "\n\n".join(_item_text(i, service) for i in found)
    return Shown([item_json(i) for i in found], shown or f"Nothing matches {text!r}.")


def reading_json(reading: Reading) -> dict[str, Any]:
    """A suggested reading with its credits and the themes it helps with."""
    return reading.model_dump(mode="json")


def reading_credit(reading: Reading) -> str:
    """``Title — Author (Publisher, 2002)``."""
    return f"{reading.title} — {reading.author} ({reading.publisher}, {reading.year})"


@action(tips_group, "readings", options=THEME_OPTIONS)
@click.option("--theme", metavar="T", help="Only readings for this development theme (its id).")
def readings(theme: str | None) -> Shown:
    """The suggested readings, with their credits (author, publisher, year) and themes."""
    service = content_service()
    wanted = service.check_theme(theme)
    found = [r for r in service.development.readings if wanted is None or wanted in r.themes]
    text = "\n".join(
        f"{reading_credit(r)}\n    themes: {', '.join(r.themes) or '-'}" for r in found
    )
    return Shown([reading_json(r) for r in found], text or "No readings match.")


@click.group("template")
def template_group() -> None:
    """Messages to customers, filled from a case."""


@action(template_group, "list")
def list_templates() -> Shown:
    """Every message template and the step it suits."""
    templates = content_service().templates()
    rows = [[t.id, t.title, t.when.label] for t in templates]
    return Shown(
        [template_json(t) for t in templates], table(["NAME", "TITLE", "SUITS STEP"], rows)
    )


@action(template_group, "render", options={"id": "--case"})
@click.argument("name")
@click.option("--case", "case_id", required=True, metavar="ID", help="The case to fill it from.")
def render_template(name: str, case_id: str) -> Shown:
    """Fill template NAME from case ID; fields the case does not have yet are flagged."""
    service = case_guidance()
    case, rendered = service.render_case(name, case_id)
    if rendered.missing:
        _warn([f"the case has no {', '.join(rendered.missing)} yet (marked in the text)"])
    data = {
        "template": service.template(name).id,  # as stored, whichever spelling was typed
        "case": case.id,
        "text": rendered.text,
        "missing": rendered.missing,
    }
    return Shown(data, rendered.text)


@click.group("content")
def content_group() -> None:
    """The centre's content files (tips, development, guidance, templates)."""


@content_group.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Check the shipped content files and every override in the data folder.

    One line per problem (file, key, reason); exit 2 if there is any.
    """
    state = ctx.find_object(CliState) or CliState()
    with reporting():
        problems = content_problems(settings_of(state).data_dir)
    if as_json:
        echo(to_json([p.as_json() for p in problems]))
    elif problems:
        echo("\n".join(str(p) for p in problems))
    else:
        echo("All content files are valid.")
    if problems:
        ctx.exit(USER_ERROR)
