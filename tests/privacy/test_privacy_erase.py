"""Erasure reaches every copy the store keeps; a customer gets a copy of their data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.privacy.customer_folder import EMAIL, NAME, PHONE, build, traces
from tests.support.cli import Cli
from tests.support.reliability.cli import NOW


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    data = tmp_path / "data"
    build(data)
    return Cli(data, now=NOW)


def test_erase_leaves_nothing_in_any_copy(cli: Cli) -> None:
    assert traces(cli.data_dir)  # the customer is everywhere to begin with
    done = cli("privacy", "erase", "--phone", PHONE, "--apply")
    assert done.exit_code == 0, done.output
    assert traces(cli.data_dir) == []
    assert not list((cli.data_dir / "erasures").glob("*"))
    verified = cli("store", "verify")
    assert verified.exit_code == 0, verified.output
    checked = cli("store", "check")
    # The block planted as a leftover (C-000901, written by no cstui) is still named, as
    # damage: nothing else is.
    problems = [line for line in checked.stdout.splitlines() if "problem:" in line]
    assert problems and all("C-000901" in p or "cases-0009" in p for p in problems), problems


def test_a_rerun_after_an_erasure_finds_nothing_left(cli: Cli) -> None:
    assert cli("privacy", "erase", "--email", EMAIL, "--apply").exit_code == 0
    again = cli("privacy", "erase", "--phone", PHONE, "--apply")
    assert again.exit_code == 0
    assert again.stdout.startswith("no cases of this customer")
    assert traces(cli.data_dir) == []


def test_export_gives_a_leader_everything_held_on_the_customer(cli: Cli) -> None:
    held = cli.json("privacy", "export", "--phone", PHONE)
    assert sorted(case["id"] for case in held["cases"]) == ["C-000001", "C-000004"]
    assert {case["customer"]["name"] for case in held["cases"]} == {NAME}
    assert held["refunds"] == []
    named = {entry["record"] for entry in held["audit"]}
    assert named == {"C-000001", "C-000004"}
    assert all(entry["at"] and entry["actor"] == "alice" for entry in held["audit"])
    plain = cli("privacy", "export", "--email", EMAIL)
    assert plain.exit_code == 0
    assert json.loads(plain.stdout)["cases"] == held["cases"]


def test_export_is_for_team_leaders_only(cli: Cli) -> None:
    refused = cli("privacy", "export", "--phone", PHONE, user="bob")
    assert refused.exit_code == 2
    assert "only a team leader" in refused.stderr
    assert NAME not in refused.output


def test_export_passes_the_output_gate(cli: Cli) -> None:
    evil = ("--customer", "Evil \x1b]52;c;aGk=\x07Name", "--summary", "Charged \x1b[2J twice")
    cli("case", "new", *evil, "--phone", "0411 999 888", "--category", "Billing",
        "--channel", "phone")  # fmt: skip
    for args in (("--json",), ()):
        shown = cli("privacy", "export", "--phone", "0411 999 888", *args)
        assert shown.exit_code == 0, shown.output
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
