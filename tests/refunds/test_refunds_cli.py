"""``cstui refund ...`` and ``cstui report returns``: JSON shapes, errors, the whole flow."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from tests.support.cli import Cli, command, process_env
from tests.support.refunds import NOW_ENV
from tests.support.workspaces import LEADER

CHECK = [
    "refund", "check", "--purchased", "2026-02-20", "--price", "450", "--paid-by", "card",
    "--proof", "receipt", "--reason", "major-failure", "--failure-kind", "unsafe",
]  # fmt: skip
DECISION_KEYS = {
    "remedies", "chooser", "refund_method", "needs_approval", "refer_to_supervisor", "reasons",
    "record_fields", "jurisdiction", "amount", "agent", "agent_limit", "refund_id", "case_id",
    "status", "undecided", "floor",
}  # fmt: skip


def new_case(cli: Cli) -> str:
    case = cli.json(
        "case", "new", "--customer", "Jo", "--phone", "0412 345 678", "--summary", "Kettle",
        "--category", "Refund or exchange", "--channel", "phone",
    )  # fmt: skip
    case_id: str = case["id"]
    return case_id


def test_check_json_shape(cli: Cli) -> None:
    got = cli.json(*CHECK)
    assert set(got) == DECISION_KEYS
    assert got["remedies"] == ["refund", "replace", "compensation"]
    assert got["chooser"] == "customer"
    assert got["refund_method"] == "card"
    assert (got["needs_approval"], got["refer_to_supervisor"]) == (True, True)
    assert got["reasons"][0] == {
        "rule": "ACL s260(e)",
        "text": "Goods that are unsafe have a major failure.",
    }
    assert got["record_fields"][:2] == ["item", "fault"]
    assert (got["amount"], got["agent"], got["agent_limit"]) == ("450.00", "bob", "100.00")
    assert (got["refund_id"], got["case_id"], got["status"]) == (None, None, None)
    assert got["jurisdiction"] == "au"


def test_check_text(cli: Cli) -> None:
    result = cli(*CHECK)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Remedies:    refund, replace or compensation (the customer chooses)"
    assert lines[1] == "Refund:      by card"
    assert lines[2] == "Approval:    needed from a team leader (bob's limit is 100.00)"
    assert lines[3] == "Supervisor:  refer to a supervisor"
    assert "  - ACL s260(e): Goods that are unsafe have a major failure." in lines


def test_nothing_due_in_words(cli: Cli) -> None:
    out = cli(*CHECK[:-4], "--reason", "misuse").stdout
    assert out.startswith("Nothing is due.\nSupervisor:  refer to a supervisor\n")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--purchased", "2026-03-03"], "error: --purchased: cannot be in the future"),
        (["--purchased", "03/02/2026"], "error: --purchased: is not a date (use YYYY-MM-DD)"),
        (["--price", "-5"], "error: --price: must be zero or more"),
        (["--price", "lots"], "error: --price: must be an amount such as 250 or 1,099.50"),
        (["--price", "1.005"], "error: --price: has more than two decimal places"),
        (["--reason", "broke"], "error: --reason: must be one of: major-failure, minor-failure"),
        (["--proof", "vibes"], "error: --proof: must be one of: receipt, card-statement"),
        (["--paid-by", "iou"], "error: --paid-by: must be one of: cash, card, cheque"),
        (["--failure-kind", "ugly"], "error: --failure-kind: must be one of: unsafe"),
        (["--jurisdiction", "fr"], "error: --jurisdiction: must be one of: au or uk"),
        (["--delivered", "2026-01-01"], "error: --delivered: cannot be before the purchase date"),
    ],
)
def test_bad_input_names_the_option_and_records_nothing(
    cli: Cli, change: list[str], message: str
) -> None:
    case_id = new_case(cli)
    args = list(CHECK)
    option = change[0]
    if option in args:
        args[args.index(option) + 1] = change[1]
    else:
        args += change
    assert cli.error(*args, "--case", case_id).startswith(message)
    assert cli.json("refund", "list") == []
    assert len(cli.json("case", "show", case_id)["history"]) == 1


def test_missing_options_are_all_named(cli: Cli) -> None:
    assert cli.error("refund", "check") == (
        "error: --purchased: is required; --price: is required; --paid-by: is required; "
        "--proof: is required; --reason: is required"
    )


def test_approval_flow_shows_on_the_case(cli: Cli) -> None:
    case_id = new_case(cli)
    kept = cli.json(*CHECK, "--case", case_id)
    assert (kept["refund_id"], kept["case_id"], kept["status"]) == ("R-000001", case_id, "pending")
    [pending] = cli.json("refund", "list", "--pending", user=LEADER)
    assert pending["id"] == "R-000001" and pending["status"] == "pending"
    assert cli.error("refund", "approve", "R-000001") == (
        "error: only a team leader can approve or decline a refund; bob is not one"
    )
    assert cli.error("refund", "record", "R-000001", "--item", "Kettle", "--fault", "x") == (
        "error: R-000001 is waiting for a team leader's approval; record it once approved"
    )
    approved = cli.json("refund", "approve", "r-000001", "--note", "photo seen", user=LEADER)
    assert approved["status"] == "approved"
    assert approved["approval"]["by"] == LEADER and approved["approval"]["reason"] == "photo seen"
    assert cli.json("refund", "list", "--pending") == []
    [to_record] = cli.json("refund", "list", "--to-record", "--case", case_id)
    assert to_record["id"] == "R-000001"

    recorded = cli.json(
        "refund", "record", "R-000001", "--item", "Kettle K2", "--fault", "Sparks at the plug",
        "--remedy", "replace",
    )  # fmt: skip
    assert recorded["outcome"] == {
        "item": "Kettle K2",
        "fault": "Sparks at the plug",
        "remedy": "replace",
        "amount": "450.00",
        "method": None,
        "when": "2026-03-02",
        "by": "bob",
        "at": "2026-03-02T10:00:00Z",
        "approved_by": "alice",
    }
    actions = [(h["actor"], h["detail"]) for h in cli.json("case", "show", case_id)["history"]]
    assert actions[1][1].startswith("checked R-000001: refund, replace or compensation")
    assert actions[2:] == [
        ("alice", "approved R-000001: photo seen"),
        ("bob", "recorded R-000001: gave replace 450.00 (Kettle K2)"),
    ]
    shown = cli("refund", "show", "R-000001").stdout
    assert "Status:      approved (approved by alice (photo seen))" in shown
    assert "Item:        Kettle K2" in shown


def test_decline_needs_a_reason(cli: Cli) -> None:
    case_id = new_case(cli)
    cli.json(*CHECK, "--case", case_id)
    assert cli.error("refund", "decline", "R-000001", user=LEADER) == (
        "error: --reason: say why the refund is declined"
    )
    declined = cli.json(
        "refund", "decline", "R-000001", "--reason", "Dropped", "--ground",
        "damaged-after-delivery", user=LEADER,
    )  # fmt: skip
    assert declined["status"] == "declined"
    assert cli.error("refund", "approve", "R-000001", user=LEADER) == (
        "error: R-000001 is not waiting for approval (it is declined)"
    )
    assert cli.error("refund", "show", "R-000007") == "error: there is no refund record R-000007"
    assert cli.error("refund", "show", "7") == "error: ID: is not a refund id (like R-000123)"


def test_returns_report_groups_by_product(cli: Cli) -> None:
    small = [*CHECK[:5], "60", *CHECK[6:]]
    for item, remedy in [
        ("Kettle K2", "refund"),
        ("Toaster T1", "replace"),
        ("kettle k2", "replace"),
        ("KETTLE K2", "refund"),
    ]:
        refund_id = cli.json(*small, "--save")["refund_id"]
        cli.json("refund", "record", refund_id, "--item", item, "--fault", "f", "--remedy", remedy)
    grouped = cli.json("report", "returns", "--by", "product")
    assert [(g["product"], g["returns"], g["repeat"]) for g in grouped] == [
        ("Kettle K2", 3, True),
        ("Toaster T1", 1, False),
    ]
    assert grouped[0]["by_remedy"] == {
        "refund": 2, "replace": 1, "repair": 0, "exchange": 0, "voucher": 0, "compensation": 0,
        "repeat-performance": 0, "price-reduction": 0, "cancel": 0,
    }  # fmt: skip
    assert grouped[0]["amount"] == "180.00"
    assert grouped[0]["refund_ids"] == ["R-000001", "R-000003", "R-000004"]
    text = cli("report", "returns", "--by", "product").stdout.splitlines()
    assert text[0].split() == [
        "PRODUCT", "RETURNS", "REFUND", "REPLACE", "REPAIR", "EXCHANGE", "VOUCHER", "COMP",
        "REPEAT", "REDUCE", "CANCEL", "AMOUNT", "LAST",
    ]  # fmt: skip
    assert text[1].startswith("Kettle K2") and text[1].endswith("! keeps coming back")
    listed = cli.json("report", "returns")
    assert [r["product"] for r in listed] == ["Kettle K2", "Toaster T1", "kettle k2", "KETTLE K2"]
    assert set(listed[0]) == {
        "id", "case_id", "when", "product", "reason", "remedy", "amount", "method", "by",
        "approved_by",
    }  # fmt: skip
    by_reason = cli.json("report", "returns", "--by", "reason")
    assert [(g["reason"], g["returns"]) for g in by_reason] == [("major-failure", 4)]


def test_empty_report(cli: Cli) -> None:
    assert cli("report", "returns").stdout == "No returns recorded.\n"
    assert cli.json("report", "returns", "--by", "product") == []


def test_in_a_real_process(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        CSTUI_DATA_DIR=str(tmp_path / "data"),
        CSTUI_USER="alice",
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command(NOW_ENV), *args],
            env=process_env(env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    checked = run(*CHECK, "--jurisdiction", "uk", "--json")
    assert checked.returncode == 0, checked.stderr
    decision = json.loads(checked.stdout)
    assert decision["remedies"] == ["refund", "replace", "repair"]
    assert decision["reasons"][1]["rule"] == "CRA 2015 s19"
    bad = run("refund", "check", "--purchased", "2026-02-20", "--price", "-1", "--paid-by",
              "card", "--proof", "none", "--reason", "misuse")  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.splitlines()[-1] == "error: --price: must be zero or more"
    assert bad.stdout == ""
    assert "textual" not in run("refund", "list").stderr
