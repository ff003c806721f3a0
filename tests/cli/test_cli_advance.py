"""cstui case advance / reopen: the steps in order, and every refusal."""

from __future__ import annotations

import json

from tests.support.steps import STEP_INPUTS

from cstui.models.kinds import PROCEDURE

STEPS = [step.value for step in PROCEDURE]
REFUND_CHECK = [
    "refund", "check", "--purchased", "2026-02-20", "--price", "45", "--paid-by", "card",
    "--proof", "receipt", "--reason", "minor-failure",
]  # fmt: skip


def test_full_run_closes_the_case(cli, step_options) -> None:
    case_id = cli.new_case()["id"]
    for step in STEPS[1:]:
        case = cli.json("case", "advance", case_id, *step_options[step])
    assert case["step"] == "closed"
    shown = cli.json("case", "show", case_id)
    assert shown == case
    assert shown["due"] is None
    assert shown["closed_at"] is not None
    assert shown["version"] == 6
    assert [r["data"]["step"] for r in shown["records"]] == STEPS
    for record in shown["records"]:
        assert record["actor"] == "alice"
        assert record["at"].endswith("Z")
    data = {r["data"]["step"]: r["data"] for r in shown["records"]}
    assert data["investigate"]["findings"] == STEP_INPUTS["investigate"]["findings"]
    assert data["declare"] == {"step": "declare", **STEP_INPUTS["declare"]}
    assert data["solve"]["policy_clause"] == "Refunds 4.2"
    assert data["solve"]["refund_decision"] is None
    assert data["notify"]["method"] == STEP_INPUTS["notify"]["method"]
    assert data["notify"]["when"] is not None
    assert data["follow-up"]["satisfied"] is True
    assert cli.json("case", "list") == []
    assert [c["id"] for c in cli.json("case", "list", "--closed")] == [case_id]
    text = cli("case", "show", case_id).stdout
    assert "Step:                  Closed (" in text
    assert "  6. Follow up  " in text
    assert "    satisfied:         yes" in text
    assert "    policy clause:     Refunds 4.2" in text
    assert "internal review" not in text  # fields left at their default are not listed
    assert "refund decision" not in text


def test_human_output_names_the_next_step(cli, step_options) -> None:
    case_id = cli.new_case()["id"]
    result = cli("case", "advance", case_id, *step_options["investigate"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{case_id} (Jo Citizen): completed Investigate; now Declare")


def test_option_of_another_step_is_named(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "declare")
    line = cli.error("case", "advance", case_id, "--findings", "more")
    assert (
        line
        == f"error: --findings does not apply: {case_id} is at Declare; it takes --promise, --by"
    )
    assert cli.json("case", "show", case_id)["step"] == "declare"


def test_skipping_a_step_is_refused(cli) -> None:
    case_id = cli.new_case()["id"]
    line = cli.error("case", "advance", case_id, "--action", "Refund", "--policy", "4.2")
    assert line.startswith(f"error: --action does not apply: {case_id} is at Investigate")
    assert line.endswith("it takes --findings")
    case = cli.json("case", "show", case_id)
    assert case["step"] == "investigate"
    assert case["version"] == 1


def test_mixing_right_and_wrong_options_is_refused(cli) -> None:
    case_id = cli.new_case()["id"]
    line = cli.error("case", "advance", case_id, "--findings", "x", "--said", "hello")
    assert line.startswith("error: --said does not apply")
    assert cli.json("case", "show", case_id)["records"][-1]["data"]["step"] == "receive"


def test_missing_step_option(cli) -> None:
    case_id = cli.new_case()["id"]
    assert cli.error("case", "advance", case_id) == "error: --findings: is required"


def test_bad_date(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "declare")
    line = cli.error("case", "advance", case_id, "--promise", "Soon", "--by", "20/01/2026")
    assert line == "error: --by: is not a date (use YYYY-MM-DD)"
    assert cli.json("case", "show", case_id)["step"] == "declare"


def test_solve_field_names_are_translated(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "solve")
    assert cli.error("case", "advance", case_id, "--action", "Refund") == (
        "error: --policy: is required"
    )
    refund = cli.json(*REFUND_CHECK, "--case", case_id)["refund_id"]
    case = cli.json("case", "advance", case_id, "--action", "Refund", "--policy", "4.2",
                    "--refund", refund.lower())  # fmt: skip
    assert case["records"][-1]["data"]["refund_decision"] == refund


def test_solve_refuses_a_refund_check_that_does_not_exist(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "solve")
    solve = ["case", "advance", case_id, "--action", "Refund", "--policy", "4.2", "--refund"]
    assert cli.error(*solve, "R-000009") == "error: --refund: there is no refund check R-000009"
    assert cli.error(*solve, "R-1") == "error: --refund: is not a refund id (like R-000123)"
    other = cli.new_case()["id"]
    theirs = cli.json(*REFUND_CHECK, "--case", other)["refund_id"]
    assert cli.error(*solve, theirs) == (
        f"error: --refund: {theirs} is a check of {other}, not of {case_id}"
    )
    assert cli.json("case", "show", case_id)["step"] == "solve"
    unlinked = cli.json(*REFUND_CHECK, "--save")["refund_id"]
    case = cli.json(*solve, unlinked)
    assert case["records"][-1]["data"]["refund_decision"] == unlinked


def test_bad_notify_method_is_a_usage_error(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "notify")
    result = cli("case", "advance", case_id, "--method", "fax", "--said", "x")
    assert result.exit_code == 2
    assert "--method" in result.stderr


def test_unsatisfied_without_referral(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "follow-up")
    line = cli.error("case", "advance", case_id, "--unsatisfied")
    assert line.startswith("error: --referral: an unsatisfied customer must be referred")
    line = cli.error("case", "advance", case_id, "--unsatisfied", "--referral", "Ombudsman")
    assert line == "error: --referral-contact: give the outside body's contact details"
    assert cli.json("case", "show", case_id)["step"] == "follow-up"


def test_follow_up_answer_is_required(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "follow-up")
    assert cli.error("case", "advance", case_id) == "error: --satisfied/--unsatisfied: is required"


def test_unsatisfied_with_referral_closes(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "follow-up")
    case = cli.json("case", "advance", case_id, "--unsatisfied", "--referral", "Ombudsman",
                    "--referral-contact", "1800 000 000")  # fmt: skip
    assert case["step"] == "closed"
    data = case["records"][-1]["data"]
    assert data["satisfied"] is False
    assert data["referral_body"] == "Ombudsman"
    assert data["referral_contact"] == "1800 000 000"


def test_unsatisfied_with_internal_review_closes(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "follow-up")
    case = cli.json("case", "advance", case_id, "--unsatisfied", "--internal-review")
    assert case["records"][-1]["data"]["internal_review"] is True
    assert case["step"] == "closed"


def test_follow_up_option_on_an_earlier_step_names_the_flag(cli) -> None:
    case_id = cli.new_case()["id"]
    line = cli.error("case", "advance", case_id, "--unsatisfied")
    assert line.startswith("error: --unsatisfied does not apply")


def test_advancing_a_closed_case_is_refused(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "closed")
    line = cli.error("case", "advance", case_id, "--findings", "again")
    assert line.startswith(f"error: {case_id} is closed")


def test_reopen_needs_a_reason(cli, advance_to, stored) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "closed")
    before = stored()
    assert cli.error("case", "reopen", case_id) == "error: --reason: say why the case is reopened"
    assert cli.error("case", "reopen", case_id, "--reason", "  ") == (
        "error: --reason: say why the case is reopened"
    )
    assert stored() == before


def test_reopen_with_reason(cli, advance_to) -> None:
    case_id = cli.new_case()["id"]
    advance_to(case_id, "closed")
    case = cli.json("case", "reopen", case_id, "--reason", "Customer called back")
    assert case["step"] == "investigate"
    assert case["reopen_count"] == 1
    assert case["history"][-1]["detail"] == "reopened: Customer called back"
    assert case["due"]["kind"] == "acknowledge"


def test_reopen_open_case_is_refused(cli) -> None:
    case_id = cli.new_case()["id"]
    line = cli.error("case", "reopen", case_id, "--reason", "why not")
    assert line == f"error: {case_id} is still open; only a closed case can be reopened"


def test_advance_json_is_one_document(cli) -> None:
    case_id = cli.new_case()["id"]
    result = cli("case", "advance", case_id, "--findings", "ok", "--json")
    assert json.loads(result.stdout)["step"] == "declare"
