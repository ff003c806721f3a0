"""The self-assessment as the seed has it: its Process shown; a warning (not a refusal)
when an action is planned on a statement picked as a strength."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support.cli import Cli
from tests.support.clock import MONDAY_IN_MARCH
from tests.support.skills import ratings_for
from tests.support.workspaces import set_utc_zone

from cstui.models.skills import Rating

NOW = MONDAY_IN_MARCH.isoformat()
PROCESS = [
    "Process",
    "  1. Review the actions for each factor.",
    "  2. Identify three things we do well and three things we could do better.",
    "  3. In relation to the things we could do better, ask – what needs to happen? "
    "What do I need to initiate?",
]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    runner = Cli(tmp_path / "data", now=NOW)
    assert runner("team", "list").exit_code == 0
    set_utc_zone(runner.data_dir)
    return runner


def test_statements_open_with_the_process(cli: Cli) -> None:
    lines = cli("skills", "statements").stdout.splitlines()
    assert lines[:4] == PROCESS
    assert lines[5] == "f1 Leadership and customer service"


def add_action(cli: Cli, statement: str) -> tuple[int, str, str]:
    result = cli(
        "skills", "action", "add", "--statement", statement, "--need", "n",
        "--initiate", "i", "--due", "2026-04-01",
    )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def test_an_action_on_a_strength_is_kept_with_a_warning(cli: Cli, tmp_path: Path) -> None:
    ratings = ratings_for({"f1.01": Rating.WELL, "f1.02": Rating.BETTER}, Rating.ADEQUATE)
    path = tmp_path / "ratings.json"
    path.write_text(json.dumps(ratings), encoding="utf-8")
    assert cli("skills", "assess", "--ratings", str(path)).exit_code == 0
    assert cli("skills", "pick", "--strength", "f1.01", "--improve", "f1.02").exit_code == 0
    code, out, err = add_action(cli, "f1.01")
    assert code == 0 and out.startswith("Action #1 on f1.01 is open")
    assert err == (
        "cstui: warning: f1.01 is picked as one of your strengths: the process plans actions "
        "on the things you could do better\n"
    )
    code, _, err = add_action(cli, "f1.02")
    assert code == 0 and err == ""
