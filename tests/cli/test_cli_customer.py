"""cstui customer history: a customer's cases by phone or email."""

from __future__ import annotations

import pytest


def test_history_by_phone_and_email(cli) -> None:
    first = cli.new_case("--email", "jo@example.com")["id"]
    cli("case", "new", "--customer", "Sam", "--phone", "0299 999 999", "--summary", "Late",
        "--category", "Delivery", "--channel", "phone")  # fmt: skip
    second = cli.new_case("--summary", "Again")["id"]
    by_phone = cli.json("customer", "history", "--phone", "(04) 1234-5678")
    assert [c["id"] for c in by_phone] == [second, first]
    assert by_phone[0]["customer"] == "Jo Citizen"
    by_email = cli.json("customer", "history", "--email", "JO@example.com")
    assert [c["id"] for c in by_email] == [first]
    both = cli.json("customer", "history", "--phone", "0299999999", "--email", "jo@example.com")
    assert [c["id"] for c in both] == ["C-000002", first]


def test_history_table(cli) -> None:
    case_id = cli.new_case()["id"]
    lines = cli("customer", "history", "--phone", "0412345678").stdout.splitlines()
    assert lines[0].startswith("ID")
    assert lines[1].startswith(case_id)
    assert "Charged twice" in lines[1]


def test_no_history(cli) -> None:
    result = cli("customer", "history", "--email", "nobody@example.com")
    assert result.exit_code == 0
    assert result.stdout == "No cases for this customer.\n"
    assert cli.json("customer", "history", "--email", "nobody@example.com") == []


def test_history_needs_phone_or_email(cli) -> None:
    line = cli.error("customer", "history")
    assert line == "error: --phone: give a phone number or an email address"


def test_history_bad_phone(cli) -> None:
    line = cli.error("customer", "history", "--phone", "abc")
    assert line.startswith("error: --phone: is not a phone number")


def test_one_customer_however_the_number_is_typed(cli) -> None:
    ids = [
        cli.new_case("--phone", typed, "--summary", f"Call {n}")["id"]
        for n, typed in enumerate(["+61 400 111 222", "0400 111 222", "0400111222"])
    ]
    for typed in ["+61 400 111 222", "0400 111 222", "0400111222", "+61400111222"]:
        found = cli.json("customer", "history", "--phone", typed)
        assert [c["id"] for c in found] == ids[::-1]
        assert {c["phone"] for c in found} == {"+61400111222"}


def test_a_number_that_cannot_be_parsed_is_refused_naming_the_field(cli) -> None:
    line = cli.error("case", "new", "--customer", "Jo", "--phone", "12", "--summary", "x",
                     "--category", "Billing", "--channel", "phone")  # fmt: skip
    assert line.startswith("error: --phone: is not a phone number")
    assert cli.json("case", "list") == []


def test_numbers_without_a_country_code_belong_to_the_policys_region(cli, data_dir) -> None:
    cli.json("case", "list")  # makes the data folder and its policy
    policy = data_dir / "policy.toml"
    policy.write_text(policy.read_text().replace('jurisdiction = "au"', 'jurisdiction = "uk"'))
    cli.publish()
    case = cli.new_case("--phone", "020 7946 0000")
    assert case["customer"]["phone"] == "+442079460000"
    policy.write_text(policy.read_text().replace('default_region = ""', 'default_region = "nz"'))
    cli.publish()
    assert cli.new_case("--phone", "021 123 4567")["customer"]["phone"] == "+64211234567"


@pytest.mark.file_store_only(
    reason="on a server a policy that cannot be used is refused when published "
    "(tests/postgres/test_pg_config.py)"
)
def test_an_unknown_default_region_is_reported_with_its_key(cli, data_dir) -> None:
    cli.json("case", "list")
    policy = data_dir / "policy.toml"
    policy.write_text(policy.read_text().replace('default_region = ""', 'default_region = "X1"'))
    line = cli.error("case", "list", code=1)
    assert "default_region" in line
