"""What the clocks say on a case: a delay notice due, the promised date as the deadline,
DISP's summary resolution, and sites whose region keeps other public holidays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.conftest import MONDAY
from tests.cli.test_cli_clocks import _policy_sets
from tests.support.cli import Cli
from tests.support.steps import STEP_OPTIONS

NOTICE_DAY = "2026-01-28T10:00:00+00:00"
"""Five business days before the final-response deadline of a case logged on MONDAY."""


def _advance(cli: Cli, case_id: str, until: str, now: str) -> Any:
    case = cli.json("case", "show", case_id, now=now)
    while case["step"] != until:
        case = cli.json("case", "advance", case_id, *STEP_OPTIONS[case["step"]], now=now)
    return case


def test_a_delay_notice_due_is_listed_and_shown_until_one_is_sent(utc: Cli) -> None:
    cli = utc
    case_id = cli.new_case(now=MONDAY)["id"]
    [early] = cli.json("case", "list", now="2026-01-20T10:00:00+00:00")
    assert early["delay_notice_due"] is False
    [due] = cli.json("case", "list", now=NOTICE_DAY)
    assert due["delay_notice_due"] is True
    assert cli.json("case", "show", case_id, now=NOTICE_DAY)["delay_notice_due"] is True
    assert "delay notice due" in cli("case", "list", now=NOTICE_DAY).stdout
    assert "delay notice due" in cli("case", "show", case_id, now=NOTICE_DAY).stdout
    cli.json("case", "delay-notice", case_id, "--reason", "the courier lost it", now=NOTICE_DAY)
    [sent] = cli.json("case", "list", now=NOTICE_DAY)
    assert sent["delay_notice_due"] is False
    assert cli.json("case", "show", case_id, now=NOTICE_DAY)["delay_notice_due"] is False
    assert "delay notice due" not in cli("case", "list", now=NOTICE_DAY).stdout


def test_an_earlier_promised_date_is_the_deadline_even_while_waiting(utc: Cli) -> None:
    cli = utc
    case_id = cli.new_case(now=MONDAY)["id"]
    cli.json("case", "advance", case_id, "--findings", "x", now=MONDAY)
    cli.json("case", "advance", case_id, "--promise", "y", "--by", "2026-01-16", now=MONDAY)
    shown = cli.json("case", "show", case_id, now=MONDAY)
    assert shown["promised_by"] == "2026-01-16"
    assert shown["due"]["kind"] == "resolve"
    assert shown["due"]["at"] == "2026-01-16T17:00:00Z"  # close of business on that day
    cli.json("case", "wait", case_id, now=MONDAY)
    [listed] = cli.json("case", "list", now="2026-01-17T10:00:00+00:00")
    assert listed["due"]["at"] == "2026-01-16T17:00:00Z"  # waiting does not move a promise
    assert listed["due"]["overdue"] is True
    fresh = cli.new_case(now=MONDAY)
    assert fresh["promised_by"] is None


def test_disp_names_a_summary_resolution_within_three_business_days(
    utc: Cli, data_dir: Path
) -> None:
    cli = utc
    assert cli("team", "list").exit_code == 0
    _policy_sets(cli, 'complaints_standard = "custom"', 'complaints_standard = "fca-disp"')
    quick = cli.new_case(now=MONDAY)["id"]
    window = {"window_ends": "2026-01-08T17:00:00Z", "resolved_within": False}
    shown = cli.json("case", "show", quick, now=MONDAY)
    assert shown["summary_resolution"] == {**window, "response": "summary-resolution"}
    assert "Summary resolution" in cli("case", "show", quick, now=MONDAY).stdout
    late = cli.json("case", "show", quick, now="2026-01-09T10:00:00+00:00")
    assert late["summary_resolution"] == {**window, "response": "final-response"}
    assert "Summary resolution" not in cli("case", "show", quick, now="2026-01-09").stdout
    resolved = _advance(cli, quick, "follow-up", now="2026-01-06T10:00:00+00:00")
    assert resolved["summary_resolution"] == {
        **window,
        "resolved_within": True,
        "response": "summary-resolution",
    }


def test_a_site_counts_business_days_with_its_own_regions_holidays(
    utc: Cli, data_dir: Path
) -> None:
    cli = utc
    assert cli("team", "list").exit_code == 0
    policy = data_dir / "policy.toml"
    policy.write_text(
        policy.read_text(encoding="utf-8") + '\n[[sites]]\nname = "Melbourne"\nregion = "AU-VIC"\n',
        encoding="utf-8",
    )
    cli.publish()
    cup_eve = "2026-11-02T10:00:00+00:00"  # the Monday before Melbourne Cup Day
    sydney = cli.new_case(now=cup_eve)
    melbourne = cli.new_case("--site", "melbourne", now=cup_eve)
    assert melbourne["site"] == "Melbourne"
    assert sydney["due"]["at"] == "2026-11-03T17:00:00Z"
    assert melbourne["due"]["at"] == "2026-11-04T17:00:00Z"  # the Cup is a VIC holiday
    assert "Melbourne" in cli("case", "show", melbourne["id"]).stdout
    assert "--site" in cli.error("case", "new", "--customer", "Jo", "--phone", "0412 345 678",
                                 "--summary", "x", "--category", "Billing", "--channel", "phone",
                                 "--site", "Perth")  # fmt: skip
    assert len(cli.json("case", "list", "--all")) == 2  # nothing stored by the refusal
