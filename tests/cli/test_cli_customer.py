"""cstui customer history: a customer's cases by phone or email."""

from __future__ import annotations


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
