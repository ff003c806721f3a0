"""The register's rows: header, each field's check, import keys, JSONL cases."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER
from tests.support.team import REGISTER_HEADER, register_row

from cstui.domain import register
from cstui.domain.register import BadRow, RegisterContext, RegisterRow
from cstui.domain.register_cells import import_key, parse_moment
from cstui.domain.register_export import imported_outcome
from cstui.models.kinds import CustomerType, Step
from cstui.models.register import EXPORT_COLUMNS
from cstui.workspace import Workspace


@pytest.fixture
def ctx(leader_ws: Workspace) -> RegisterContext:
    return RegisterContext(
        leader_ws.policy, frozenset({"alice", "bob"}), "alice", MONDAY_IN_NOVEMBER, UTC
    )


def _check(ctx: RegisterContext, **values: str) -> RegisterRow | BadRow:
    raw: dict[str | None, str] = dict(zip(REGISTER_HEADER, register_row(**values), strict=True))
    return register.check_register_row(2, raw, ctx)


def _problems(result: RegisterRow | BadRow) -> dict[str, str]:
    assert isinstance(result, BadRow), result
    return {p.field: p.reason for p in result.problems}


def test_a_good_row_becomes_an_open_case(ctx: RegisterContext) -> None:
    row = _check(ctx, owner="bob", category="information", made_by="Corporate customer")
    assert isinstance(row, RegisterRow)
    assert row.received == datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # opening time
    assert row.form.category == "Information"  # matched to the policy's spelling
    assert row.form.customer.type is CustomerType.CORPORATE
    case = row.build("C-000007", "alice", MONDAY_IN_NOVEMBER)
    assert (case.id, case.step, case.owner, case.created_by) == (
        "C-000007",
        Step.INVESTIGATE,
        "bob",
        "alice",
    )
    assert case.created_at == case.cycle_started_at == row.received
    assert case.import_key == row.import_key
    assert [h.action for h in case.history] == ["created", "imported"]


def test_a_closed_row_keeps_its_outcome_as_a_note(ctx: RegisterContext) -> None:
    row = _check(ctx, closed_on="2026-11-10", outcome="Replaced free of charge")
    assert isinstance(row, RegisterRow)
    case = row.build("C-000001", "alice", MONDAY_IN_NOVEMBER)
    assert case.step is Step.CLOSED
    assert case.closed_at == datetime(2026, 11, 10, 17, 0, tzinfo=UTC)  # closing time
    assert imported_outcome(case) == "Replaced free of charge"


@pytest.mark.parametrize(
    ("values", "field", "reason"),
    [
        ({"received": ""}, "received", "is required"),
        ({"received": "3/6/2026"}, "received", "is not a date"),
        ({"received": "2027-01-01"}, "received", "is in the future"),
        ({"customer_name": ""}, "customer_name", "must not be empty"),
        ({"customer_phone": "12ab"}, "customer_phone", "is not a phone number"),
        ({"customer_phone": "", "customer_email": ""}, "customer_phone", "give a phone"),
        ({"customer_email": "nope"}, "customer_email", "is not an email"),
        ({"made_by": "alien"}, "made_by", "must be public, regular"),
        ({"category": "Weather"}, "category", "must be one of: Product quality"),
        ({"channel": ""}, "channel", "is required"),
        ({"summary": ""}, "summary", "must not be empty"),
        ({"summary": "x" * 201}, "summary", "is too long"),
        ({"owner": "mallory"}, "owner", "mallory is not on the team roster"),
        ({"closed_on": "2026-10-01"}, "closed_on", "is before the day it was received"),
        ({"closed_on": "2026-12-25"}, "closed_on", "is in the future"),
        ({"outcome": "Refunded"}, "outcome", "is for a closed complaint"),
    ],
)
def test_each_bad_field_is_named_with_its_reason(
    ctx: RegisterContext, values: dict[str, str], field: str, reason: str
) -> None:
    problems = _problems(_check(ctx, **values))
    assert field in problems, problems
    assert problems[field].startswith(reason) or reason in problems[field]


def test_several_problems_in_one_row_are_all_reported(ctx: RegisterContext) -> None:
    problems = _problems(_check(ctx, customer_phone="12ab", summary="", category="Nope"))
    assert set(problems) == {"customer_phone", "summary", "category"}


def test_the_raw_input_is_never_echoed(ctx: RegisterContext) -> None:
    secret = "0400-SECRET"
    result = _check(ctx, customer_phone=secret)
    assert secret not in str(_problems(result))


def test_header_problems() -> None:
    problems = register.check_header(["received", "Customer", "received", "summary"])
    reasons = [p.reason for p in problems]
    assert all(p.row == 1 and p.field == "header" for p in problems)
    assert any("unknown column 'Customer'" in r for r in reasons)
    assert any("'received' appears more than once" in r for r in reasons)
    assert any("missing column 'category'" in r for r in reasons)
    assert register.check_header([*EXPORT_COLUMNS, "error"]) == []


def test_blank_lines_are_skipped_and_rows_numbered_like_a_spreadsheet(
    ctx: RegisterContext,
) -> None:
    good: dict[str | None, str] = dict(zip(REGISTER_HEADER, register_row(), strict=True))
    bad: dict[str | None, str] = dict(zip(REGISTER_HEADER, register_row(summary=""), strict=True))
    blank: dict[str | None, str] = dict.fromkeys(REGISTER_HEADER, "")
    checked = register.check_register(REGISTER_HEADER, [(2, good), (3, blank), (4, bad)], ctx)
    assert [r.row for r in checked.good] == [2]
    assert [b.row for b in checked.bad] == [4]
    assert str(checked.problems[0]) == "row 4: summary: must not be empty"


def test_extra_cells_are_a_problem(ctx: RegisterContext) -> None:
    raw: dict[str | None, object] = dict(zip(REGISTER_HEADER, register_row(), strict=True))
    raw[None] = ["surplus"]
    result = register.check_register_row(5, raw, ctx)
    assert "row" in _problems(result)


def test_the_import_key_ignores_case_and_spacing_but_not_the_day() -> None:
    key = import_key(date(2026, 6, 3), "0412345678", None, "Goods  not delivered")
    assert key == import_key(date(2026, 6, 3), "0412345678", None, "goods not DELIVERED")
    assert key != import_key(date(2026, 6, 4), "0412345678", None, "Goods not delivered")
    assert key != import_key(date(2026, 6, 3), "0412345679", None, "Goods not delivered")


def test_neutralised_cells_are_read_back_as_typed(ctx: RegisterContext) -> None:
    row = _check(ctx, summary="'=SUM(A1:A2)")
    assert isinstance(row, RegisterRow)
    assert row.form.summary == "=SUM(A1:A2)"


def test_parse_moment_forms() -> None:
    opens = time(9, 0)
    assert parse_moment("2026-06-03", UTC, opens) == datetime(2026, 6, 3, 9, tzinfo=UTC)
    assert parse_moment("2026-06-03 14:30", UTC, opens).hour == 14
    offset = parse_moment("2026-06-03T14:30:00+10:00", UTC, opens)
    assert offset.utcoffset() is not None and offset.hour == 14
    with pytest.raises(ValueError, match="not a date"):
        parse_moment("June 3", UTC, opens)


def test_jsonl_lines(leader_ws: Workspace) -> None:
    case = leader_ws.cases.log(
        {
            "customer": {"name": "Jo", "phone": "0412345678"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Hi",
        }
    )
    document = case.model_dump(mode="json")
    good = register.check_json_line(1, json.dumps({**document, "error": "old problem"}))
    assert isinstance(good, register.JsonRow) and good.case == case
    assert register.check_json_line(2, "   ") is None
    not_json = register.check_json_line(3, "{nope")
    assert isinstance(not_json, BadRow) and not_json.problems[0].reason == "is not a JSON document"
    broken = register.check_json_line(4, json.dumps({**document, "version": 0, "owner": 5}))
    assert isinstance(broken, BadRow)
    assert {p.field for p in broken.problems} == {"version", "owner"}
    assert register.check_json_line(5, "[1, 2]").problems[0].reason == "is not a JSON object"  # type: ignore[union-attr]
