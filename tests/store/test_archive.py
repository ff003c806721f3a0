"""Closed cases live in the archive, apart from the open ones; both backends alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from tests.support.cases import close
from tests.support.stores import REPORT_ROWS, spoil_parts

from cstui.domain import workflow
from cstui.domain.privacy import redact
from cstui.errors import StoreError
from cstui.models.case import Case, NewCase
from cstui.models.kinds import NotifyMethod
from cstui.models.steps import DeclareData, FollowUpData, InvestigateData, NotifyData, SolveData
from cstui.store.file import backend as backend_module
from cstui.store.file import files
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.case_archive import BLOCK, block_name, lookup_name
from cstui.store.file.memory_backend import MemoryBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.store.ports import ArchiveQuery


def test_a_closed_case_leaves_the_open_set_and_stays_readable(repo, log, clock) -> None:
    first, second = log(), log()
    closed = close(repo, first, clock)
    assert closed.step.value == "closed"
    assert [c.id for c in repo.open_cases()] == [second.id]
    assert [c.id for c in repo.closed_cases()] == [first.id]
    assert repo.get(first.id) == closed
    assert "1" not in repo.backend.snapshot()["cases"]
    assert "1" in repo.backend.part(block_name(1))["cases"]


def test_reopening_brings_a_case_back_and_out_of_the_archive(repo, log, clock) -> None:
    closed = close(repo, log(), clock)
    reopened = repo.save(workflow.reopen(closed, "still broken", "tester", clock()), closed.version)
    assert [c.id for c in repo.open_cases()] == [closed.id]
    assert repo.closed_cases() == []
    assert repo.get(closed.id) == reopened
    assert repo.backend.part(block_name(1))["cases"] == {}
    assert repo.backend.part(lookup_name("0412345678")).get("phone", {}) == {}
    again = close(repo, reopened, clock)
    assert [c.id for c in repo.closed_cases()] == [closed.id]
    assert repo.get(closed.id) == again


def test_a_callers_history_spans_open_and_closed_cases(repo, log, clock) -> None:
    old = close(repo, log(), clock)
    log(customer={"name": "Someone Else", "phone": "0499 000 111"})
    current = log()
    found = repo.customer_cases("0412 345 678", None)
    assert [c.id for c in found] == [current.id, old.id]
    assert [c.id for c in repo.customer_cases(None, "JO@example.com")] == [current.id, old.id]


def test_redacting_a_closed_case_drops_its_lookup_keys(repo, log, clock) -> None:
    closed = close(repo, log(), clock)
    gone = redact(closed, "lead", clock(), "erased at the customer's request")
    repo.save(gone, closed.version)
    assert repo.customer_cases("0412 345 678", None) == []
    for name in (lookup_name("0412345678"), lookup_name("jo@example.com")):
        assert b"0412345678" not in orjson.dumps(repo.backend.part(name))
        assert b"jo@example.com" not in orjson.dumps(repo.backend.part(name))


def test_queries_read_only_the_blocks_that_can_hold_what_they_want(repo, log, clock) -> None:
    cases = [log() for _ in range(3)]
    created = [c.created_at for c in cases]
    for case in cases:
        close(repo, case, clock)
    assert [c.id for c in repo.closed_cases(ArchiveQuery(created_from=created[1]))] == [
        cases[1].id,
        cases[2].id,
    ]
    assert [c.id for c in repo.closed_cases(ArchiveQuery(created_to=created[0]))] == [cases[0].id]
    later = clock.advance(days=30)
    assert repo.closed_cases(ArchiveQuery(updated_from=later)) == []
    assert len(repo.closed_cases(ArchiveQuery(closed_before=later))) == 3


def test_a_query_for_a_period_needs_no_block_of_another(new_case_fields, clock) -> None:
    repo = TinyDBCaseRepository(MemoryBackend(), rows=REPORT_ROWS)
    form = NewCase.model_validate(new_case_fields())
    early = clock()
    builds: list[tuple[str | None, Callable[[str], Case]]] = [
        (f"C-{n:06d}", lambda cid: workflow.new_case(cid, form, "t", early)) for n in (5, BLOCK + 5)
    ]
    first, second = repo.create_many(builds, "t")
    assert first is not None and second is not None
    close(repo, first, clock)
    late_start = clock.advance(days=400)
    repo.save(second.model_copy(update={"created_at": late_start}), second.version)
    close(repo, repo.get(second.id), clock)
    spoil_parts(repo.backend, block_name(5))  # the block of the year before
    found = repo.closed_cases(ArchiveQuery(created_from=late_start - timedelta(days=1)))
    assert [c.id for c in found] == [second.id]


def test_a_crash_before_the_main_document_is_written_loses_nothing(
    tmp_path: Path, new_case_fields, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = TinyDBCaseRepository(JSONFileBackend(tmp_path / "cases.json"), rows=REPORT_ROWS)
    form = NewCase.model_validate(new_case_fields())
    case = repo.create(lambda cid: workflow.new_case(cid, form, "t", clock()))
    for data in (
        InvestigateData(findings="f"),
        DeclareData(promise="p", by=date(2026, 12, 24)),
        SolveData(action="a", policy_clause="c"),
        NotifyData(method=NotifyMethod.EMAIL, said="s"),
    ):
        case = repo.save(workflow.advance(case, data, "t", clock.advance(hours=1)), case.version)
    real_write = files.atomic_write

    def main_fails(path: Path, payload: bytes) -> None:
        if path.name == "cases.json":
            raise StoreError("could not write cases.json: No space left on device")
        real_write(path, payload)

    monkeypatch.setattr(backend_module, "atomic_write", main_fails)
    closing = workflow.advance(case, FollowUpData(satisfied=True), "t", clock())
    with pytest.raises(StoreError, match="No space left"):
        repo.save(closing, case.version)
    monkeypatch.setattr(backend_module, "atomic_write", real_write)
    # The archive holds the attempted copy, but the main document's open case wins.
    assert repo.get(case.id) == case
    assert [c.id for c in repo.open_cases()] == [case.id]
    assert repo.closed_cases() == []
    assert [c.id for c in repo.customer_cases("0412 345 678", None)] == [case.id]
    assert repo.save(closing, case.version).step.value == "closed"
    assert [c.id for c in repo.closed_cases()] == [case.id]


def test_parts_are_private_files_in_the_archive_folder(tmp_path: Path, new_case_fields, clock):
    repo = TinyDBCaseRepository(JSONFileBackend(tmp_path / "cases.json"), rows=REPORT_ROWS)
    form = NewCase.model_validate(new_case_fields())
    close(repo, repo.create(lambda cid: workflow.new_case(cid, form, "t", clock())), clock)
    folder = tmp_path / "archive"
    assert folder.stat().st_mode & 0o777 == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert "cases-0000.json" in names and "index.json" in names
    assert all((folder / n).stat().st_mode & 0o777 == 0o600 for n in names)


def test_memory_and_file_backends_agree(tmp_path: Path, new_case_fields, clock) -> None:
    outcomes = []
    form = NewCase.model_validate(new_case_fields())
    for backend in (MemoryBackend(), JSONFileBackend(tmp_path / "cases.json")):
        repo = TinyDBCaseRepository(backend, rows=REPORT_ROWS)
        case = repo.create(lambda cid: workflow.new_case(cid, form, "t", clock()))
        close(repo, case, clock)
        outcomes.append(sorted(backend.part_names()))
    assert outcomes[0] == outcomes[1]


def test_a_failed_save_leaves_no_trace_in_what_this_terminal_reads(
    tmp_path: Path, new_case_fields, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = TinyDBCaseRepository(JSONFileBackend(tmp_path / "cases.json"), rows=REPORT_ROWS)
    form = NewCase.model_validate(new_case_fields())
    case = repo.create(lambda cid: workflow.new_case(cid, form, "t", clock()))
    open_before = repo.open_cases()

    def disk_full(path: Path, payload: bytes) -> None:
        raise StoreError("could not write cases.json: No space left on device")

    monkeypatch.setattr(backend_module, "atomic_write", disk_full)
    with pytest.raises(StoreError):
        repo.save(workflow.add_note(case, "never stored", "t", clock()), case.version)
    with pytest.raises(StoreError):
        close(repo, case, clock)
    assert repo.get(case.id) == case
    assert repo.open_cases() == open_before
    assert repo.closed_cases() == []


def test_erasing_an_open_case_also_clears_a_copy_a_crash_left_in_the_archive(
    repo, log, clock
) -> None:
    closed = close(repo, log(), clock)
    reopened = repo.save(workflow.reopen(closed, "again", "t", clock()), closed.version)
    with repo.backend.transaction() as buffer:  # as if the reopening was cut short
        repo.archive.put(buffer, 1, closed.model_dump(mode="json"), None)
    assert repo.archive.get(1) is not None
    gone = redact(reopened, "lead", clock(), "erased at the customer's request")
    repo.save(gone, reopened.version)
    assert repo.archive.get(1) is None
    assert b"0412345678" not in orjson.dumps(repo.backend.part(lookup_name("0412345678")))
