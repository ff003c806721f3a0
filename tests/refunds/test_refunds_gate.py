"""Approvals gate the case: Solve waits for a pending or declined request; declines of what
the law requires name a legal ground; the requester sees the decisions."""

from __future__ import annotations

import pytest
from tests.support.cli import Cli
from tests.support.refunds import case_at_solve
from tests.support.workspaces import AGENT, LEADER

from cstui.errors import InputError
from cstui.workspace import Workspace

FAULTY = [
    "refund", "check", "--purchased", "2026-02-20", "--price", "349", "--paid-by", "card",
    "--proof", "receipt", "--reason", "major-failure", "--failure-kind", "unsafe",
]  # fmt: skip
CHANGE_OF_MIND = [
    "refund", "check", "--purchased", "2026-02-25", "--price", "150", "--paid-by", "card",
    "--proof", "receipt", "--reason", "change-of-mind",
]  # fmt: skip


def solve(cli: Cli, case_id: str, *extra: str) -> list[str]:
    return ["case", "advance", case_id, "--action", "Refund", "--policy", "4.2", *extra]


def test_a_pending_request_holds_up_solve_until_approved(cli: Cli, bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    assert cli.json(*FAULTY, "--case", case_id)["status"] == "pending"
    error = cli.error(*solve(cli, case_id, "--refund", "R-000001"))
    assert error.startswith("error: --refund: R-000001 is waiting for a team leader's approval")
    assert "refund withdraw R-000001" in error
    assert cli.json("case", "show", case_id)["step"] == "solve"
    cli.json("refund", "approve", "R-000001", user=LEADER)
    assert cli.json(*solve(cli, case_id, "--refund", "R-000001"))["step"] == "notify"


def test_a_pending_request_of_the_case_holds_up_any_action(cli: Cli, bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    cli.json(*FAULTY, "--case", case_id)
    error = cli.error(*solve(cli, case_id))
    assert "R-000001 is waiting for a team leader's approval" in error


def test_a_declined_request_must_be_withdrawn_before_another_action(
    cli: Cli, bob: Workspace
) -> None:
    case_id = case_at_solve(bob)
    cli.json(*FAULTY, "--case", case_id)
    cli.json(
        "refund", "decline", "R-000001", "--reason", "Dropped in the bath",
        "--ground", "misuse", user=LEADER,
    )  # fmt: skip
    error = cli.error(*solve(cli, case_id, "--refund", "R-000001"))
    assert error == (
        "error: --refund: R-000001 was declined by alice: withdraw it "
        "(refund withdraw R-000001) and decide another action"
    )
    assert cli.error("refund", "withdraw", "R-000001", user=LEADER) == (
        "error: only bob, who asked for R-000001, can withdraw it"
    )
    assert cli.json("refund", "withdraw", "R-000001")["status"] == "withdrawn"
    assert cli.json(*solve(cli, case_id))["step"] == "notify"
    history = [h["detail"] for h in cli.json("case", "show", case_id)["history"]]
    assert "withdrew R-000001" in history
    assert "declined R-000001 on the ground misuse: Dropped in the bath" in history


def test_the_service_refuses_solve_too(bob: Workspace, alice: Workspace) -> None:
    case_id = case_at_solve(bob)
    bob.refunds.check(
        {
            "purchased": "2026-02-20", "price": "349", "paid_by": "card", "proof": "receipt",
            "reason": "major-failure", "failure_kind": "unsafe",
        },
        case_id=case_id,
    )  # fmt: skip
    with pytest.raises(InputError) as refused:
        bob.cases.advance(case_id, {"action": "Replace", "policy_clause": "4.2"})
    [problem] = refused.value.problems
    assert problem.field == "refund_decision" and problem.message.startswith("R-000001 is")
    assert bob.cases.get(case_id).step.value == "solve"


def test_a_decline_of_what_the_law_requires_names_a_ground(cli: Cli, bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    cli.json(*FAULTY, "--case", case_id)
    error = cli.error("refund", "decline", "R-000001", "--reason", "too expensive", user=LEADER)
    assert error.startswith("error: --ground: the law requires a remedy for R-000001")
    assert "misuse, outside-rejection-period, damaged-after-delivery, no-proof" in error
    assert cli.json("refund", "show", "R-000001")["status"] == "pending"
    assert cli.error(
        "refund", "decline", "R-000001", "--reason", "x", "--ground", "cheaper", user=LEADER
    ).startswith("error: --ground: must be one of: misuse")
    declined = cli.json(
        "refund", "decline", "R-000001", "--reason", "Referred to the buyer",
        "--ground", "disputed", user=LEADER,
    )  # fmt: skip
    assert declined["approval"]["ground"] == "disputed"


def test_a_store_remedy_is_declined_without_a_ground(cli: Cli) -> None:
    kept = cli.json(*CHANGE_OF_MIND, "--save")
    assert kept["status"] == "pending" and kept["floor"] == []
    declined = cli.json("refund", "decline", kept["refund_id"], "--reason", "Worn", user=LEADER)
    assert declined["status"] == "declined" and declined["approval"]["ground"] is None


def test_the_requester_sees_the_decisions(cli: Cli, bob: Workspace) -> None:
    for _ in range(3):
        cli.json(*FAULTY, "--save")
    cli.json("refund", "approve", "R-000001", "--note", "photo seen", user=LEADER)
    cli.json(
        "refund", "decline", "R-000002", "--reason", "Cracked by a fall", "--ground",
        "damaged-after-delivery", user=LEADER,
    )  # fmt: skip
    mine = cli.json("refund", "mine")
    assert [(r["id"], r["status"], r["decided_by"], r["reason"]) for r in mine] == [
        ("R-000001", "approved", "alice", "photo seen"),
        ("R-000002", "declined", "alice", "Cracked by a fall"),
        ("R-000003", "pending", None, None),
    ]
    assert cli.json("refund", "mine", user=LEADER) == []
    text = cli("refund", "mine").stdout
    assert "DECIDED BY" in text and "Cracked by a fall" in text
    assert bob.refunds.decisions().line() == "2 refund decisions: 1 approved, 1 declined"


def test_a_lone_team_leaders_own_request_says_nobody_can_approve_it(cli: Cli) -> None:
    big = [*FAULTY[:5], "5000", *FAULTY[6:]]
    kept = cli.json(*big, "--save", user=LEADER)
    assert kept["status"] == "pending"
    assert kept["notice"] == (
        "no other team leader can approve this: add one with "
        "team add NAME --role team_leader --limit AMOUNT"
    )
    cli("team", "add", "carol", "--role", "team_leader", "--limit", "10000", user=LEADER)
    again = cli.json(*big, "--save", user=LEADER)
    assert again["notice"] == "you cannot approve your own request: it goes to carol"
    assert "notice" not in cli.json(*FAULTY, "--save", user=AGENT)
