"""Template names in either spelling, help texts without markup, aligned ``case show``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import click
from tests.support.cli import Cli

from cstui.cli import main

MARKUP = re.compile(r"`|\*\*|:\w+:|^\s*\.\. ", re.M)
"""reST and Markdown markup: backticks, bold, roles, directives."""


def commands(command: click.Command, path: str = "cstui") -> Iterator[tuple[str, click.Command]]:
    """Every command under ``command``, with its full name."""
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None
            yield from commands(sub, f"{path} {name}")


def test_help_texts_carry_no_markup() -> None:
    found = []
    for name, command in commands(main):
        texts = [command.help or "", command.short_help or "", command.epilog or ""]
        texts += [getattr(param, "help", None) or "" for param in command.params]
        found += [f"{name}: {text}" for text in texts if MARKUP.search(text)]
    assert found == []


def test_tips_help_reads_plainly(cli: Cli) -> None:
    result = cli("tips", "--help")
    assert result.exit_code == 0
    assert '"tips search TEXT" searches tips' in result.stdout
    assert "`" not in result.stdout


def test_template_names_take_a_hyphen_or_an_underscore(utc: Cli) -> None:
    case_id = utc.new_case()["id"]
    hyphen = utc.json("template", "render", "final-response", "--case", case_id)
    underscore = utc.json("template", "render", "final_response", "--case", case_id)
    assert hyphen["template"] == underscore["template"] == "final_response"
    assert hyphen["text"] == underscore["text"]


def test_unknown_template_lists_the_names(utc: Cli) -> None:
    case_id = utc.new_case()["id"]
    line = utc.error("template", "render", "thanks", "--case", case_id)
    assert line.startswith("error: no template called 'thanks' (templates: ")
    assert "final_response" in line and "acknowledgement" in line


def test_case_show_values_line_up(
    utc: Cli, advance_to: Callable[[str, str], dict[str, Any]]
) -> None:
    case_id = utc.new_case()["id"]
    advance_to(case_id, "follow-up")
    utc.json("case", "advance", case_id, "--unsatisfied", "--referral", "Ombudsman",
             "--referral-contact", "1800 000 000")  # fmt: skip
    shown = utc("case", "show", case_id).stdout.splitlines()
    labelled = [line for line in shown if re.match(r"^\s*[A-Za-z][\w ]*: ", line)]
    starts = {len(re.match(r"^\s*[A-Za-z][\w ]*:\s+", line)[0]) for line in labelled}  # type: ignore[index]
    assert any("referral contact:" in line for line in labelled)
    assert len(starts) == 1, labelled
