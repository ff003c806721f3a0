"""Reports and the register through the services: board, analysis, import and export."""

from __future__ import annotations

import csv
import io
import json
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from tests.support.clock import FixedClock
from tests.support.stores import SharedMemoryStore
from tests.support.team import REGISTER_HEADER, csv_text, fields, register_row
from tests.support.workspaces import AGENT, LEADER, advance_to, open_utc_workspace

from cstui.errors import InputError, PermissionDenied
from cstui.services.register import RegisterService
from cstui.services.reports import ReportService, parse_period, report_service
from cstui.workspace import Workspace


@pytest.fixture
def leader_ws(team_dir: Path, team_clock: FixedClock, memory_store: SharedMemoryStore) -> Workspace:
    """alice's workspace over an in-memory store; she leads the team, bob is an agent."""
    ws = open_utc_workspace(team_dir, LEADER, team_clock, stores=memory_store)
    ws.team.add(AGENT, "agent", "100")
    return ws


@pytest.fixture
def as_user(
    team_dir: Path, team_clock: FixedClock, memory_store: SharedMemoryStore, leader_ws: Workspace
) -> Callable[[str], Workspace]:
    """Another user's workspace on the same store, as if from another terminal."""
    return lambda user: open_utc_workspace(team_dir, user, team_clock, stores=memory_store)


def _register(ws: Workspace) -> RegisterService:
    return RegisterService(ws.cases, ws.policy)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- reports --------------------------------------------------------------------------


def test_the_board_follows_what_another_terminal_logs(leader_ws: Workspace, as_user) -> None:
    leader_ws.cases.log(fields("One"))
    service = report_service(leader_ws)
    assert len(service.board().rows) == 1
    assert len(service.board().rows) == 1
    as_user("bob").cases.log(fields("Two"))
    assert sorted(row.case.customer.name for row in service.board().rows) == ["One", "Two"]


def test_board_marks_cases_awaiting_approval(leader_ws: Workspace) -> None:
    case = leader_ws.cases.log(fields())
    service = ReportService(leader_ws.cases, leader_ws.policy, awaiting=lambda: {case.id})
    board = service.board()
    assert board.rows[0].awaiting_approval
    assert board.counters.awaiting_approval == 1


def test_board_follows_the_clock_without_reading_again(leader_ws: Workspace, team_clock) -> None:
    leader_ws.cases.log(fields())
    service = report_service(leader_ws)
    assert service.board().counters.overdue == 0
    team_clock.advance(days=3)
    assert service.board().counters.overdue == 1


def test_the_refund_queue_marks_a_case_awaiting_approval(leader_ws: Workspace, as_user) -> None:
    case = leader_ws.cases.log(fields())
    bob = as_user("bob")
    bob.refunds.check(
        {
            "purchased": "2026-11-01",
            "price": "450",
            "paid_by": "card",
            "proof": "receipt",
            "reason": "major-failure",
            "failure_kind": "unsafe",
        },
        case_id=case.id,
    )
    assert [r.case_id for r in leader_ws.refunds.pending()] == [case.id]
    board = report_service(leader_ws).board()
    assert board.rows[0].flags == "$"


def test_complaints_report_and_progress(leader_ws: Workspace, team_clock) -> None:
    leader_ws.cases.log(fields())
    team_clock.advance(days=10)
    leader_ws.cases.log(fields())
    told = []
    rows = report_service(leader_ws).complaints(
        date(2026, 11, 23), date(2026, 11, 30), lambda done, total: told.append((done, total))
    )
    assert len(rows) == 1
    assert told[-1] == (1, 1)


def test_period_errors_name_the_option() -> None:
    with pytest.raises(InputError) as caught:
        parse_period("2026-13-01", None)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("from", "is not a date (use YYYY-MM-DD)"),
        ("to", "is required (YYYY-MM-DD)"),
    ]
    with pytest.raises(InputError, match="before the start"):
        parse_period("2026-06-08", "2026-06-01")


# -- import -------------------------------------------------------------------------------


def test_import_all_or_nothing(leader_ws: Workspace, tmp_path: Path) -> None:
    source = _write(
        tmp_path / "register.csv",
        csv_text(
            REGISTER_HEADER,
            [register_row(), register_row(customer_phone="12ab", summary="Second")],
        ),
    )
    result = _register(leader_ws).import_file(source)
    assert not result.applied and result.imported == []
    assert [(p.row, p.field) for b in result.bad for p in b.problems] == [(3, "customer_phone")]
    assert leader_ws.cases.repo.open_cases() == []


def test_import_skip_bad_writes_the_bad_rows_apart(leader_ws: Workspace, tmp_path: Path) -> None:
    source = _write(
        tmp_path / "register.csv",
        csv_text(
            REGISTER_HEADER,
            [
                register_row(owner="bob"),
                register_row(customer_phone="12ab", summary="=HYPERLINK(1)"),
                register_row(summary="Second good one", closed_on="2026-11-05", outcome="Done"),
            ],
        ),
    )
    result = _register(leader_ws).import_file(source, skip_bad=True)
    assert result.applied
    assert result.imported == ["C-000001", "C-000002"]
    assert result.bad_rows_file == tmp_path / "register.bad.csv"
    rows = list(csv.DictReader(io.StringIO(result.bad_rows_file.read_text("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["summary"] == "'=HYPERLINK(1)"  # neutralised in the bad-rows file too
    assert rows[0]["error"].startswith("row 3: customer_phone: is not a phone number")
    cases = {
        c.id: c for c in leader_ws.cases.repo.open_cases() + leader_ws.cases.repo.closed_cases()
    }
    assert cases["C-000001"].owner == "bob"
    assert cases["C-000002"].step.value == "closed"


def test_a_fixed_bad_rows_file_imports_as_it_is(leader_ws: Workspace, tmp_path: Path) -> None:
    source = _write(
        tmp_path / "register.csv",
        csv_text(REGISTER_HEADER, [register_row(), register_row(customer_phone="12ab")]),
    )
    service = _register(leader_ws)
    result = service.import_file(source, skip_bad=True, bad_rows=tmp_path / "fix.csv")
    fixed = (tmp_path / "fix.csv").read_text("utf-8-sig").replace("12ab", "0400 999 888")
    _write(tmp_path / "fix.csv", fixed)
    again = service.import_file(tmp_path / "fix.csv")
    assert again.applied and len(again.imported) == 1
    assert len(result.imported) == 1


def test_a_rerun_adds_nothing(leader_ws: Workspace, tmp_path: Path) -> None:
    source = _write(
        tmp_path / "register.csv",
        csv_text(REGISTER_HEADER, [register_row(), register_row(summary="Another")]),
    )
    service = _register(leader_ws)
    first = service.import_file(source)
    second = service.import_file(source)
    assert len(first.imported) == 2
    assert second.imported == []
    assert [s.reason for s in second.skipped] == ["already imported", "already imported"]
    assert len(leader_ws.cases.repo.open_cases()) == 2


def test_duplicate_rows_in_one_file_are_imported_once(leader_ws: Workspace, tmp_path: Path) -> None:
    source = _write(
        tmp_path / "register.csv",
        csv_text(
            REGISTER_HEADER,
            [
                register_row(),
                register_row(summary="  salesperson COULD not provide sufficient information"),
            ],
        ),
    )
    result = _register(leader_ws).import_file(source)
    assert len(result.imported) == 1
    assert [(s.row, s.reason) for s in result.skipped] == [(3, "same complaint as row 2")]


def test_a_register_row_already_logged_in_the_app_is_skipped(
    leader_ws: Workspace, tmp_path: Path, team_clock
) -> None:
    logged = leader_ws.cases.log(
        fields(summary="Salesperson could not provide sufficient information")
    )
    day = logged.created_at.date().isoformat()
    source = _write(tmp_path / "r.csv", csv_text(REGISTER_HEADER, [register_row(received=day)]))
    result = _register(leader_ws).import_file(source)
    assert result.imported == [] and len(result.skipped) == 1


def test_a_broken_header_stops_even_with_skip_bad(leader_ws: Workspace, tmp_path: Path) -> None:
    source = _write(tmp_path / "r.csv", "date,complaint\n2026-01-01,x\n")
    result = _register(leader_ws).import_file(source, skip_bad=True)
    assert not result.applied
    assert {p.field for b in result.bad for p in b.problems} == {"header"}
    assert result.bad_rows_file is None


def test_only_team_leaders_import(as_user, tmp_path: Path) -> None:
    source = _write(tmp_path / "r.csv", csv_text(REGISTER_HEADER, [register_row()]))
    with pytest.raises(PermissionDenied, match="team leader"):
        _register(as_user("bob")).import_file(source)


def test_unreadable_files(leader_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        _register(leader_ws).import_file(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("received\nCaf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        _register(leader_ws).import_file(latin)


# -- export -------------------------------------------------------------------------------


def test_jsonl_export_then_import_round_trips_every_field(
    leader_ws: Workspace, tmp_path: Path, team_dir: Path, team_clock
) -> None:
    ws = leader_ws
    case = ws.cases.log(fields("Zoë 😀 [bold]", summary="=1+2"))
    ws.cases.note(case.id, "Called back")
    ws.cases.wait(case.id)
    advance_to(ws, ws.cases.log(fields("Done")), "closed")
    out = tmp_path / "cases.jsonl"
    assert _register(ws).export(out, "jsonl") == 2
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
    from tests.support.workspaces import open_utc_workspace

    other = open_utc_workspace(tmp_path / "elsewhere", "alice", FixedClock(MONDAY_IN_NOVEMBER))
    result = _register(other).import_file(out)
    assert result.imported == [case.id, "C-000002"]
    originals = {c.id: c for c in ws.cases.repo.open_cases() + ws.cases.repo.closed_cases()}
    copies = {c.id: c for c in other.cases.repo.open_cases() + other.cases.repo.closed_cases()}
    assert copies == originals
    assert other.cases.log(fields()).id == "C-000003"  # new ids continue after the imported
    again = _register(other).import_file(out)
    assert again.imported == [] and len(again.skipped) == 2


def test_jsonl_id_used_by_another_case_is_a_bad_row(
    leader_ws: Workspace, tmp_path: Path, team_clock
) -> None:
    leader_ws.cases.log(fields("Here"))
    from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
    from tests.support.workspaces import open_utc_workspace

    elsewhere = open_utc_workspace(tmp_path / "elsewhere", "alice", FixedClock(MONDAY_IN_NOVEMBER))
    elsewhere.cases.clock = lambda: team_clock().replace(year=2025)
    elsewhere.cases.log(fields("There"))
    out = tmp_path / "there.jsonl"
    _register(elsewhere).export(out, "jsonl")
    result = _register(leader_ws).import_file(out)
    assert not result.applied
    assert (
        result.bad[0].problems[0].reason == "C-000001 is already used by another case in this store"
    )


def test_csv_export_is_safe_and_reimports(leader_ws: Workspace, tmp_path: Path) -> None:
    ws = leader_ws
    ws.cases.log(fields("=cmd|' /C calc'!A0", summary="@SUM(1)", directed_at="-1"))
    out = tmp_path / "cases.csv"
    assert _register(ws).export(out, "csv") == 1
    raw = out.read_text("utf-8-sig")
    assert raw.startswith('"id","received","customer_name"')
    assert "\"'=cmd|' /C calc'!A0\"" in raw and '"\'@SUM(1)"' in raw and '"\'-1"' in raw
    row = next(csv.DictReader(io.StringIO(raw)))
    assert row["reopen_count"] == "0" and row["waiting"] == "no"

    from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
    from tests.support.workspaces import open_utc_workspace

    other = open_utc_workspace(tmp_path / "elsewhere", "alice", FixedClock(MONDAY_IN_NOVEMBER))
    result = _register(other).import_file(out)
    assert len(result.imported) == 1
    copy = other.cases.repo.open_cases()[0]
    assert (copy.customer.name, copy.summary, copy.directed_at) == (
        "=cmd|' /C calc'!A0",
        "@SUM(1)",
        "-1",
    )
    assert _register(ws).import_file(out).imported == []  # the store it came from skips it


def test_export_period_and_output_errors(leader_ws: Workspace, tmp_path: Path, team_clock) -> None:
    leader_ws.cases.log(fields())
    team_clock.advance(days=40)
    leader_ws.cases.log(fields())
    out = tmp_path / "part.jsonl"
    assert _register(leader_ws).export(out, "jsonl", date(2026, 12, 1), None) == 1
    assert len(out.read_text().splitlines()) == 1
    with pytest.raises(InputError, match="cannot write"):
        _register(leader_ws).export(tmp_path / "no" / "such" / "dir.csv", "csv")
    assert json.loads(out.read_text())["id"] == "C-000002"
