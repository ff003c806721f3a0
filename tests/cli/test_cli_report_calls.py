"""``cstui report calls``: contacts per day, repeat callers and calls per case, as a
table or ``--json``; a bad period is exit 2 naming the option."""

from __future__ import annotations

import pytest
from tests.support.cli import Cli

pytestmark = pytest.mark.usefixtures("runtime_dir")


def test_the_calls_report(cli: Cli) -> None:
    assert cli("pop", "0400 111 222", now="2026-03-02T10:00:00+00:00").exit_code == 3
    assert cli("pop", "+61400111222", now="2026-03-03T10:00:00+00:00").exit_code == 3
    assert cli("pop", "0499 000 111", now="2026-03-03T11:00:00+00:00").exit_code == 3
    assert (
        cli("pop", "0499 000 111", now="2026-03-09T11:00:00+00:00").exit_code == 3
    )  # after the period
    report = cli.json("report", "calls", "--from", "2026-03-01", "--to", "2026-03-07")
    assert report["calls"] == 3
    assert report["per_day"] == [
        {"day": "2026-03-02", "calls": 1},
        {"day": "2026-03-03", "calls": 2},
    ]
    [repeat] = report["repeat_callers"]
    assert (repeat["number"], repeat["calls"]) == ("+61400111222", 2)
    text = cli("report", "calls", "--from", "2026-03-01", "--to", "2026-03-07").stdout
    assert "3 calls from 2026-03-01 to 2026-03-07" in text
    assert "+61400111222  2" in text


def test_a_bad_period_is_exit_2_naming_the_option(cli: Cli) -> None:
    result = cli("report", "calls", "--from", "2026-03-07", "--to", "2026-03-01")
    assert result.exit_code == 2
    assert "--to" in result.stderr
    assert cli("report", "calls", "--to", "2026-03-01").exit_code == 2
