"""cstui case acknowledge / delay-notice: the clocks as the complaints standards count them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import MONDAY
from tests.support.cli import Cli


def _policy_sets(cli: Cli, shipped: str, wanted: str) -> None:
    """Change one line of the shipped policy (published, on a server)."""
    policy = cli.data_dir / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    assert shipped in text
    policy.write_text(text.replace(shipped, wanted), encoding="utf-8")
    cli.publish()


def test_acknowledge_meets_the_target_at_investigate(cli: Cli) -> None:
    case = cli.new_case(now=MONDAY)
    assert case["due"]["kind"] == "acknowledge"
    acknowledged = cli.json("case", "acknowledge", case["id"], "--method", "sms", now=MONDAY)
    assert acknowledged["step"] == "investigate"
    assert acknowledged["due"]["kind"] == "resolve"
    last = acknowledged["history"][-1]
    assert (last["action"], last["detail"]) == ("acknowledged", "acknowledged by sms")
    shown = cli("case", "show", case["id"], now=MONDAY).stdout
    assert "acknowledged by sms" in shown


def test_a_second_acknowledgement_records_nothing(cli: Cli) -> None:
    case = cli.new_case(now=MONDAY)
    cli.json("case", "acknowledge", case["id"], "--method", "sms", now=MONDAY)
    again = cli("case", "acknowledge", case["id"], "--method", "email", now=MONDAY)
    assert again.exit_code == 2, again.output
    assert f"{case['id']} was acknowledged already, at " in again.stderr
    history = cli.json("case", "show", case["id"])["history"]
    assert [h["action"] for h in history].count("acknowledged") == 1


def test_acknowledge_refuses_an_unknown_method(cli: Cli) -> None:
    case = cli.new_case(now=MONDAY)
    refused = cli("case", "acknowledge", case["id"], "--method", "pigeon")
    assert refused.exit_code == 2
    assert "--method" in refused.stderr
    assert cli.json("case", "show", case["id"])["history"][-1]["action"] == "created"


def test_logging_by_phone_acknowledges_when_the_policy_says_so(cli: Cli, data_dir: Path) -> None:
    by_email = cli.new_case(now=MONDAY)
    assert by_email["due"]["kind"] == "acknowledge"
    _policy_sets(cli, "acknowledge_on_phone_logging = false", "acknowledge_on_phone_logging = true")
    by_phone = cli.new_case(now=MONDAY)  # the helper logs it on the phone channel
    assert by_phone["due"]["kind"] == "resolve"
    email = cli.new_case("--email", "jo@example.com", "--channel", "email", now=MONDAY)
    assert email["due"]["kind"] == "acknowledge"


def test_delay_notice_needs_a_reason_and_is_recorded(cli: Cli) -> None:
    case = cli.new_case(now=MONDAY)
    assert "--reason" in cli.error("case", "delay-notice", case["id"])
    sent = cli.json(
        "case", "delay-notice", case["id"], "--reason", "waiting on the courier", now=MONDAY
    )
    last = sent["history"][-1]
    assert last["action"] == "delay notice"
    assert "waiting on the courier" in last["detail"]


def test_waiting_does_not_move_a_regulators_deadline(cli: Cli, data_dir: Path) -> None:
    assert cli("team", "list").exit_code == 0  # creates the data folder
    _policy_sets(cli, 'complaints_standard = "custom"', 'complaints_standard = "asic-rg271"')
    case = cli.new_case(now=MONDAY)
    cli.json("case", "acknowledge", case["id"], now=MONDAY)
    before = cli.json("case", "show", case["id"], now=MONDAY)["due"]
    cli.json("case", "wait", case["id"], now=MONDAY)
    later = "2026-01-15T10:00:00+00:00"
    cli.json("case", "resume", case["id"], now=later)
    after = cli.json("case", "show", case["id"], now=later)["due"]
    assert before["kind"] == after["kind"] == "resolve"
    assert after["at"] == before["at"]
