"""cstui case new: logging a complaint, first run, and input errors."""

from __future__ import annotations

from pathlib import Path


def test_first_run_creates_folder_and_logs_case(cli, data_dir: Path, store_kind: str) -> None:
    result = cli(
        "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
        "--summary", "Charged twice", "--category", "billing", "--channel", "PHONE",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    leader = " (you are its team leader)" if store_kind == "file" else ""  # a server's roster
    assert result.stderr == f"cstui: created data folder {data_dir}{leader}\n"
    assert result.stdout.startswith(
        "C-000001 (Jo Citizen): logged the complaint; next: acknowledge"
    )
    # on a server the cases are the database's: the folder keeps no cases file
    assert (data_dir / "cases.json").is_file() == (store_kind == "file")
    assert 'name = "alice"' in (data_dir / "team.toml").read_text()
    second = cli.new_case()
    assert second["id"] == "C-000002"


def test_new_json_is_the_full_case(cli) -> None:
    case = cli.new_case(
        "--email", "Jo@Example.com", "--remedy", "Refund", "--details", "line one\nline two",
        "--made-by", "corporate", "--directed-at", "Billing team", "--severity", "high",
    )  # fmt: skip
    assert case["id"] == "C-000001"
    assert case["customer"] == {
        "name": "Jo Citizen",
        "phone": "+61412345678",
        "email": "jo@example.com",
        "type": "corporate",
    }
    assert case["category"] == "Billing"
    assert case["remedy_sought"] == "Refund"
    assert case["details"] == "line one\nline two"
    assert case["directed_at"] == "Billing team"
    assert case["severity"] == "high"
    assert case["step"] == "investigate"
    assert case["owner"] == "alice"
    assert case["version"] == 1
    assert [r["data"]["step"] for r in case["records"]] == ["receive"]
    assert case["due"]["kind"] == "acknowledge"
    assert case["due"]["overdue"] is False
    assert case["due"]["overdue_by_seconds"] is None


def test_json_stdout_stays_pure_on_first_run(cli) -> None:
    result = cli(
        "case", "new", "--customer", "Jo", "--email", "jo@example.com", "--summary", "x",
        "--category", "Other", "--channel", "email", "--json",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.lstrip().startswith("{")
    assert "created data folder" in result.stderr


def test_missing_phone_and_email(cli) -> None:
    line = cli.error(
        "case", "new", "--customer", "Jo", "--summary", "x", "--category", "Billing",
        "--channel", "phone",
    )  # fmt: skip
    assert line == "error: --phone: give a phone number or an email address"
    assert cli.json("case", "list", "--all") == []


def test_bad_phone(cli) -> None:
    line = cli.error("case", "new", "--customer", "Jo", "--phone", "call me", "--summary", "x",
                     "--category", "Billing", "--channel", "phone")  # fmt: skip
    assert line.startswith("error: --phone: is not a phone number")
    assert "call me" not in line


def test_unknown_category_lists_categories(cli) -> None:
    line = cli.error("case", "new", "--customer", "Jo", "--phone", "0412345678",
                     "--summary", "x", "--category", "Weather", "--channel", "phone")  # fmt: skip
    assert line.startswith("error: --category: must be one of: Product quality, Delivery, Billing")
    assert "Refund or exchange" in line


def test_unknown_channel_lists_channels(cli) -> None:
    line = cli.error("case", "new", "--customer", "Jo", "--phone", "0412345678",
                     "--summary", "x", "--category", "Billing", "--channel", "pigeon")  # fmt: skip
    assert line == "error: --channel: must be one of: phone, email, letter, in-person, web, social"


def test_several_missing_fields_on_one_line(cli) -> None:
    line = cli.error("case", "new", "--phone", "0412345678", "--category", "Billing")
    assert line.startswith("error: ")
    assert "--customer: is required" in line
    assert "--summary: is required" in line
    assert "--channel: is required" in line


def test_bad_choice_is_a_usage_error(cli) -> None:
    result = cli("case", "new", "--customer", "Jo", "--phone", "0412345678", "--summary", "x",
                 "--category", "Billing", "--channel", "phone", "--severity", "huge")  # fmt: skip
    assert result.exit_code == 2
    assert "--severity" in result.stderr


HOSTILE = "Rich [/] [@click=app.quit] \x1b[31mred\x1b[0m 😀 مرحبا بكم"
CLEANED = "Rich [/] [@click=app.quit] red 😀 مرحبا بكم"


def test_hostile_text_round_trips(cli) -> None:
    created = cli.new_case(
        "--customer", "[bold]Zoë[/bold] 😀", "--summary", HOSTILE, "--details", HOSTILE + "\nnext",
        "--remedy", "[@click=app.quit]", "--directed-at", "שלום",
    )  # fmt: skip
    shown = cli.json("case", "show", created["id"])
    assert shown == created
    assert shown["customer"]["name"] == "[bold]Zoë[/bold] 😀"
    assert shown["summary"] == CLEANED
    assert shown["details"] == CLEANED + "\nnext"
    assert shown["remedy_sought"] == "[@click=app.quit]"
    assert shown["directed_at"] == "שלום"
    human = cli("case", "show", created["id"])
    assert human.exit_code == 0
    assert CLEANED in human.stdout
    assert "\x1b" not in human.stdout
