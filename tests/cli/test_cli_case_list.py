"""cstui case list / show / note / wait / resume: filters, tables, JSON shapes."""

from __future__ import annotations

MONDAY = "2026-01-05T10:00:00+00:00"
THURSDAY = "2026-01-08T20:00:00+00:00"
COMPACT_KEYS = {
    "id", "customer", "phone", "email", "category", "channel", "step", "owner",
    "created_at", "updated_at", "version", "waiting", "due", "delay_notice_due",
}  # fmt: skip


def test_list_json_is_compact(cli) -> None:
    cli.new_case(now=MONDAY)
    [item] = cli.json("case", "list", now=MONDAY)
    assert set(item) == COMPACT_KEYS
    assert item["id"] == "C-000001"
    assert item["customer"] == "Jo Citizen"
    assert item["phone"] == "+61412345678"  # stored in E.164
    assert item["email"] is None
    assert item["step"] == "investigate"
    assert item["created_at"] == "2026-01-05T10:00:00Z"
    assert item["waiting"] is False
    assert set(item["due"]) == {"kind", "at", "overdue", "overdue_by_seconds"}


def test_overdue_marker_and_filter(utc) -> None:
    cli = utc
    late = cli.new_case(now=MONDAY)["id"]
    fresh = cli.new_case(now=THURSDAY)["id"]
    [item] = cli.json("case", "list", "--overdue", now=THURSDAY)
    assert item["id"] == late
    assert item["due"] == {
        "kind": "acknowledge",
        "at": "2026-01-06T17:00:00Z",
        "overdue": True,
        "overdue_by_seconds": (2 * 24 + 3) * 3600,
    }
    table = cli("case", "list", now=THURSDAY).stdout.splitlines()
    assert table[0].split() == ["ID", "CUSTOMER", "STEP", "OWNER", "NEXT", "DUE", "LATE", "SUMMARY"]
    assert table[1].startswith(late)
    assert "acknowledge by 2026-01-06 17:00  ! 2d 3h" in table[1]
    assert table[2].startswith(fresh)
    assert "!" not in table[2]
    assert "Investigate" in table[1]
    assert "alice" in table[1]
    assert "Jo Citizen" in table[1]


def test_waiting_pauses_and_is_listed(utc) -> None:
    cli = utc
    case_id = cli.new_case(now=MONDAY)["id"]
    cli.json("case", "advance", case_id, "--findings", "x", now=MONDAY)
    # promised later than the target, so the target (moved by waiting) is what is due
    cli.json("case", "advance", case_id, "--promise", "y", "--by", "2026-02-20", now=MONDAY)
    waiting = cli.json("case", "wait", case_id, now=MONDAY)
    assert waiting["pauses"][0]["end"] is None
    [item] = cli.json("case", "list", now=THURSDAY)
    assert item["waiting"] is True
    assert item["due"]["kind"] == "resolve"
    # resolve target is 30 days; 3 days 10 hours of waiting push it back
    assert item["due"]["at"] == "2026-02-07T20:00:00Z"
    assert "Solve (waiting)" in cli("case", "list", now=THURSDAY).stdout
    assert "waiting" in cli.error("case", "wait", case_id)
    resumed = cli.json("case", "resume", case_id, now=THURSDAY)
    assert resumed["pauses"][0]["end"] == "2026-01-08T20:00:00Z"
    assert "is not waiting" in cli.error("case", "resume", case_id)


def test_status_filters(cli, advance_to) -> None:
    open_id = cli.new_case()["id"]
    closed_id = cli.new_case()["id"]
    advance_to(closed_id, "closed")
    assert [c["id"] for c in cli.json("case", "list")] == [open_id]
    assert [c["id"] for c in cli.json("case", "list", "--open")] == [open_id]
    assert [c["id"] for c in cli.json("case", "list", "--closed")] == [closed_id]
    assert [c["id"] for c in cli.json("case", "list", "--all")] == [open_id, closed_id]


def test_owner_and_step_filters(cli, advance_to) -> None:
    first = cli.new_case()["id"]
    second = cli.new_case()["id"]
    advance_to(second, "solve")
    assert cli("team", "add", "bob", "--role", "agent", "--limit", "0").exit_code == 0
    third = cli.new_case(user="bob")["id"]
    assert [c["id"] for c in cli.json("case", "list", "--owner", "bob")] == [third]
    assert [c["id"] for c in cli.json("case", "list", "--step", "solve")] == [second]
    ids = [c["id"] for c in cli.json("case", "list", "--step", "investigate", "--owner", "alice")]
    assert ids == [first]


def test_unknown_step_name(cli) -> None:
    result = cli("case", "list", "--step", "escalate")
    assert result.exit_code == 2
    assert "'escalate' is not one of" in result.stderr
    assert "follow-up" in result.stderr


def test_empty_list(cli) -> None:
    result = cli("case", "list", "--closed")
    assert result.exit_code == 0
    assert result.stdout == "No closed cases match.\n"


def test_show_human_block(utc, step_options) -> None:
    cli = utc
    case_id = cli.new_case("--email", "jo@example.com", "--details", "first\nsecond",
                           now=MONDAY)["id"]  # fmt: skip
    cli.json("case", "advance", case_id, *step_options["investigate"], now=MONDAY)
    cli.json("case", "note", case_id, "Called the bank\nno answer", now=MONDAY)
    text = cli("case", "show", case_id, now=MONDAY).stdout
    for expected in [
        f"{case_id}  Charged twice",
        "Customer:              Jo Citizen (Member of public (not regular customer))",
        "Phone:                 +61412345678",
        "Email:                 jo@example.com",
        "Category:              Billing",
        "Details:               first\n                       second",
        "Step:                  3 of 6, Declare",
        "Next due:              acknowledge by 2026-01-06 17:00",
        "Owner:                 alice",
        "  1. Receive and log  2026-01-05 10:00  alice",
        "  2. Investigate      2026-01-05 10:00  alice\n    findings:          Two charges",
        "Notes\n  2026-01-05 10:00  alice\n    Called the bank\n    no answer",
        "alice  advanced: completed Investigate; now Declare",
    ]:
        assert expected in text


def test_note_is_stored(cli) -> None:
    case_id = cli.new_case()["id"]
    result = cli("case", "note", case_id, "Customer prefers email")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{case_id} (Jo Citizen): added a note")
    case = cli.json("case", "show", case_id)
    assert case["notes"][0]["text"] == "Customer prefers email"
    assert case["notes"][0]["author"] == "alice"
    assert cli.error("case", "note", case_id, "   ") == "error: TEXT: must not be empty"


def test_unknown_and_malformed_ids(cli, stored) -> None:
    cli.new_case()
    before = stored()
    assert cli.error("case", "show", "C-000099") == "error: there is no case C-000099"
    assert cli.error("case", "advance", "C-000099", "--findings", "x") == (
        "error: there is no case C-000099"
    )
    assert cli.error("case", "note", "c-000042", "hi") == "error: there is no case C-000042"
    assert cli.error("case", "wait", "nope") == "error: ID: is not a case id (like C-000123)"
    assert stored() == before


def test_case_ids_are_case_insensitive(cli) -> None:
    cli.new_case()
    assert cli.json("case", "show", " c-000001 ")["id"] == "C-000001"


def test_list_puts_the_most_overdue_first_then_the_next_due(cli) -> None:
    december = cli.new_case(now="2025-12-04T10:00:00+00:00")["id"]
    november = cli.new_case(now="2025-11-03T10:00:00+00:00")["id"]
    today = cli.new_case(now="2026-01-05T09:00:00+00:00")["id"]
    listed = cli.json("case", "list", now="2026-01-05T10:00:00+00:00")
    assert [c["id"] for c in listed] == [november, december, today]
    assert listed[0]["due"]["at"] < listed[1]["due"]["at"] < listed[2]["due"]["at"]
    assert "most urgent first" in cli("case", "list", "--help").stdout
