"""Report rows: every archive block carries what the analysis of complaints needs of its
cases, the report reads those instead of the cases, and falls back to the block whenever
they cannot be trusted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from tests.support.cases import close
from tests.support.stores import REPORT_ROWS, spoil_parts

from cstui.domain import reports, workflow
from cstui.models.analysis import AnalysisRow
from cstui.models.case import Case, NewCase
from cstui.models.report_facts import ComplaintFacts
from cstui.store.file.archive_rows import rows_name
from cstui.store.file.backend import Buffer, JSONFileBackend, Tables
from cstui.store.file.case_archive import BLOCK, block_name
from cstui.store.file.documents import case_to_document
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.store.ports import ArchiveQuery

ALL = ArchiveQuery()
START, END = date(2026, 3, 1), date(2026, 3, 31)


def _expected(repo: TinyDBCaseRepository, zone) -> list[AnalysisRow]:
    """The analysis worked out from the full cases, as before the rows."""
    every = [*repo.open_cases(), *repo.closed_cases()]
    return reports.analysis(every, START, END, zone)


def _report(repo: TinyDBCaseRepository, zone) -> list[AnalysisRow]:
    return reports.analysis_of(repo.report_facts(ALL), START, END, zone)


def _store_with_closed_cases(repo, log, clock) -> list[Case]:
    cases = [log(summary=f"Complaint {n}", directed_at=f"Team {n}") for n in range(4)]
    return [close(repo, c, clock) for c in cases[:3]] + cases[3:]


def test_a_closed_case_has_a_row_made_from_its_validated_case(repo, log, clock) -> None:
    closed, *_ = _store_with_closed_cases(repo, log, clock)
    rows = repo.backend.part(rows_name(block_name(1)))
    assert rows["meta"] == REPORT_ROWS.stamp()
    row = rows["rows"]["1"]
    assert ComplaintFacts.from_document(row) == reports.complaint_facts(closed)
    assert row["outcome"] == "Closed: Refund the duplicate; customer satisfied"
    assert row["version"] == closed.version and row["created_at"].endswith("Z")
    assert sorted(rows["rows"]) == ["1", "2", "3"]  # the open case 4 has none


def test_rows_are_written_before_their_block() -> None:
    """A crash between the two then leaves rows at least as new as the block."""
    block = block_name(4200)
    buffer = Buffer({})
    buffer.changed_part(block)
    buffer.changed_part(rows_name(block))
    assert buffer.early == [rows_name(block), block]


@pytest.mark.parametrize("zone", [UTC, ZoneInfo("Australia/Sydney"), ZoneInfo("America/Denver")])
def test_the_report_from_rows_is_the_report_from_the_cases(repo, log, clock, zone) -> None:
    _store_with_closed_cases(repo, log, clock)
    expected = _expected(repo, zone)
    assert len(expected) == 4
    assert _report(repo, zone) == expected


def test_reopening_takes_the_row_out(repo, log, clock) -> None:
    closed, *_ = _store_with_closed_cases(repo, log, clock)
    repo.save(workflow.reopen(closed, "came back", "tester", clock.advance(hours=1)), 6)
    assert "1" not in repo.backend.part(rows_name(block_name(1)))["rows"]
    assert _report(repo, UTC) == _expected(repo, UTC)
    assert _report(repo, UTC)[0].outcome.startswith("Open at")


def test_an_open_case_wins_over_an_archived_row(repo, log, clock) -> None:
    """A crash can leave an archived copy (and its row) of a case that is open again."""
    closed, *_ = _store_with_closed_cases(repo, log, clock)
    reopened = repo.save(workflow.reopen(closed, "came back", "tester", clock.now), 6)
    with repo.backend.transaction() as buffer:  # the leftover of a crash
        repo.archive.put(buffer, 1, case_to_document(closed), None)
    assert "1" in repo.backend.part(rows_name(block_name(1)))["rows"]
    facts = [f for f in repo.report_facts(ALL) if f.case_id == closed.id]
    assert facts == [reports.complaint_facts(reopened)]


def _rewrite_rows(repo: TinyDBCaseRepository, change: Callable[[Tables], object]) -> None:
    name = rows_name(block_name(1))
    with repo.backend.transaction() as buffer:
        change(buffer.part(name))
        buffer.changed_part(name)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda rows: rows.clear(), id="missing"),
        pytest.param(lambda rows: rows.update(meta={"format": 0}), id="old-format"),
        pytest.param(lambda rows: rows.pop("meta"), id="no-format"),
        pytest.param(lambda rows: rows["rows"]["1"].pop("outcome"), id="bad-row"),
        pytest.param(lambda rows: rows["rows"].update({"2": None}), id="unreadable-case"),
    ],
)
def test_rows_that_cannot_be_used_are_not(repo, log, clock, spoil) -> None:
    _store_with_closed_cases(repo, log, clock)
    expected = _expected(repo, UTC)
    _rewrite_rows(repo, spoil)
    assert _report(repo, UTC) == expected


def test_the_report_comes_from_usable_rows(repo, log, clock) -> None:
    """The block itself is not needed: the report stays right when its cases are unreadable."""
    _store_with_closed_cases(repo, log, clock)
    expected = _expected(repo, UTC)
    spoil_parts(repo.backend, block_name(1))
    assert _report(repo, UTC) == expected


def test_a_damaged_rows_file_is_read_past(tmp_path, new_case_fields, clock) -> None:
    backend = JSONFileBackend(tmp_path / "cases.json")
    repo = TinyDBCaseRepository(backend, rows=REPORT_ROWS)
    form = NewCase.model_validate(new_case_fields())
    case = repo.create(lambda case_id: workflow.new_case(case_id, form, "tester", clock.now))
    close(repo, case, clock)
    expected = _expected(repo, UTC)
    path = backend.part_path(rows_name(block_name(1)))
    path.write_bytes(path.read_bytes()[:-20])
    assert _report(repo, UTC) == expected


def test_a_block_rebuilds_rows_of_another_format_when_it_changes(repo, log, clock) -> None:
    _store_with_closed_cases(repo, log, clock)
    _rewrite_rows(repo, lambda rows: rows.update(meta={"format": 0}, rows={}))
    case = log()
    close(repo, case, clock)
    rows = repo.backend.part(rows_name(block_name(1)))
    assert rows["meta"] == REPORT_ROWS.stamp() and sorted(rows["rows"]) == ["1", "2", "3", "5"]


def test_progress_counts_the_cases_read(repo, log, clock) -> None:
    _store_with_closed_cases(repo, log, clock)
    told: list[tuple[int, int]] = []
    repo.report_facts(ALL, lambda done, total: told.append((done, total)))
    assert told == [(1, 4), (4, 4)]  # the open case, then the block of three


def test_a_report_for_a_period_needs_no_block_of_another(repo, new_case_fields, clock) -> None:
    for number in (1, BLOCK + 1):  # two blocks, a year apart
        clock.now = datetime(2025 + number // BLOCK, 3, 2, tzinfo=UTC)
        form = NewCase.model_validate(new_case_fields())
        made = workflow.new_case(f"C-{number:06d}", form, "tester", clock.now)
        repo.create_many([(made.id, lambda _id, made=made: made)], "tester")
        close(repo, repo.get(made.id), clock)
    spoil_parts(repo.backend, block_name(1), rows_name(block_name(1)))  # the year before
    query = ArchiveQuery(created_from=datetime(2026, 1, 1, tzinfo=UTC))
    assert [f.case_id for f in repo.report_facts(query)] == [f"C-{BLOCK + 1:06d}"]
    assert [c.id for c in repo.closed_cases(query)] == [f"C-{BLOCK + 1:06d}"]


def test_facts_line_up_with_the_rows_they_make() -> None:
    """``ComplaintFacts.row`` hands its fields on in order, the received day first."""
    assert ComplaintFacts._fields[0] == "created_at"
    assert AnalysisRow._fields[0] == "received"
    assert ComplaintFacts._fields[1:] == AnalysisRow._fields[1:]
