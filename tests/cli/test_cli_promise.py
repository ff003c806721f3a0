"""The date promised at Declare: not before the case was logged, not in the past; later
than the resolve target it is kept with a warning; it is shown as the customer's deadline."""

from __future__ import annotations

from tests.support.cli import Cli

LOGGED = "2026-03-02T10:00:00+00:00"
LATER = "2026-03-05T10:00:00+00:00"


def at_declare(cli: Cli) -> str:
    case_id: str = cli.new_case(now=LOGGED)["id"]
    cli.json("case", "advance", case_id, "--findings", "Charged twice", now=LOGGED)
    return case_id


def declare(case_id: str, by: str) -> list[str]:
    return ["case", "advance", case_id, "--promise", "A refund of one charge", "--by", by]


def test_a_promise_in_the_past_is_refused(cli: Cli) -> None:
    case_id = at_declare(cli)
    result = cli(*declare(case_id, "2026-03-03"), now=LATER)
    assert result.exit_code == 2
    assert "--by: is in the past" in result.stderr
    assert cli.json("case", "show", case_id)["step"] == "declare"
    before = cli(*declare(case_id, "2026-02-27"), now=LATER)
    assert before.exit_code == 2
    assert "--by: is before the case was logged" in before.stderr


def test_a_promise_for_today_is_kept_without_a_warning(cli: Cli) -> None:
    case_id = at_declare(cli)
    case = cli.json(*declare(case_id, "2026-03-05"), now=LATER)
    assert case["step"] == "solve"
    assert all(h["action"] != "promise-warning" for h in case["history"])


def test_a_promise_beyond_the_resolve_target_is_kept_with_a_warning(cli: Cli) -> None:
    case_id = at_declare(cli)
    case = cli.json(*declare(case_id, "2026-05-20"), now=LATER)
    assert case["step"] == "solve"
    [warning] = [h for h in case["history"] if h["action"] == "promise-warning"]
    assert warning["detail"].startswith(
        "promised 2026-05-20, later than the resolve target of 2026-04-01"
    )


def test_the_promised_date_is_shown_as_the_customers_deadline(cli: Cli) -> None:
    case_id = at_declare(cli)
    cli.json(*declare(case_id, "2026-03-20"), now=LATER)
    shown = cli("case", "show", case_id, now=LATER).stdout
    assert "Promised by:           2026-03-20 (the deadline the customer was given)" in shown
    assert "Next due:" in shown  # the regulator's deadline stays
