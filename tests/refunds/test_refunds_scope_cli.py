"""The guarantee's limits and scope on the command line: the issue's cases, bad input
refused with exit 2 naming the option, and the words a person reads."""

from __future__ import annotations

import pytest
from tests.support.cli import Cli

KETTLE = (
    "refund", "check", "--purchased", "2018-01-15", "--price", "49", "--paid-by", "card",
    "--proof", "receipt", "--reason", "major-failure", "--failure-kind", "unfit-for-purpose",
    "--jurisdiction", "au",
)  # fmt: skip
RECENT = (
    "refund", "check", "--purchased", "2026-02-20", "--price", "60", "--paid-by", "card",
    "--proof", "receipt", "--reason", "minor-failure",
)  # fmt: skip


def test_an_eight_year_old_kettle_is_referred_never_customer_chooses(cli: Cli) -> None:
    got = cli.json(*KETTLE, "--expected-life", "5")
    assert got["remedies"] == [] and got["chooser"] is None
    assert got["undecided"] == "person" and got["refer_to_supervisor"] is True
    assert "ACL s262(2)" in {r["rule"] for r in got["reasons"]}
    text = cli(*KETTLE, "--category", "small-appliance").stdout
    assert "customer chooses" not in text
    assert "Nothing is due" not in text
    assert text.splitlines()[0].startswith("A person decides")


def test_no_proof_at_all_means_nothing_due_yet_and_says_what_proof_counts(cli: Cli) -> None:
    text = cli(*RECENT, "--proof", "none").stdout
    assert text.splitlines()[0] == "No remedy is due until the customer shows proof of purchase."
    for proof in ("receipt", "bank or card statement", "order confirmation", "warranty card"):
        assert proof in text


@pytest.mark.parametrize(
    ("extra", "option"),
    [
        (("--vehicle",), "--vehicle"),
        (("--perishable",), "--perishable"),
        (("--made-to-order",), "--made-to-order"),
        (("--unsealed",), "--unsealed"),
    ],
)
def test_uk_only_inputs_are_refused_under_the_acl(
    cli: Cli, extra: tuple[str, ...], option: str
) -> None:
    message = cli.error(*RECENT, "--jurisdiction", "au", *extra)
    assert message == f"error: {option}: only applies under UK law (--jurisdiction uk)"


@pytest.mark.parametrize(
    ("extra", "option"),
    [
        (("--supply", "software"), "--supply"),
        (("--expected-life", "soon"), "--expected-life"),
        (("--expected-life", "0"), "--expected-life"),
        (("--category", "spaceship"), "--category"),
        (("--supply", "service", "--vehicle", "--jurisdiction", "uk"), "--vehicle"),
        (("--supply", "service", "--expected-life", "3"), "--expected-life"),
        (("--supply", "digital-content", "--damaged-after-delivery"), "--damaged-after-delivery"),
    ],
)
def test_bad_new_inputs_exit_2_naming_the_option(
    cli: Cli, extra: tuple[str, ...], option: str
) -> None:
    message = cli.error(*RECENT, *extra)
    assert message.startswith(f"error: {option}: "), message


def test_a_distance_sale_under_the_acl_is_said_to_change_nothing(cli: Cli) -> None:
    got = cli.json(*RECENT, "--jurisdiction", "au", "--distance-sale")
    notes = [r for r in got["reasons"] if r["rule"] == "ACL ss82-86"]
    assert notes and "changes nothing" in notes[0]["text"]
    assert got["remedies"] == ["repair", "replace", "refund"]


def test_new_remedies_carry_labels_and_can_be_recorded(cli: Cli) -> None:
    saved = cli.json(*RECENT, "--supply", "service", "--jurisdiction", "uk", "--save")
    assert saved["remedies"] == ["repeat-performance"]
    recorded = cli.json(
        "refund", "record", saved["refund_id"], "--item", "Boiler service", "--fault", "Still leaks"
    )
    assert recorded["outcome"]["remedy"] == "repeat-performance"
