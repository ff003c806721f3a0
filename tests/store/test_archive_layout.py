"""What a close writes stays small whatever the archive's size: a block, one index file
of a group of blocks, a lookup file or two, written together with one folder fsync."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import orjson
import pytest
from tests.support.cases import close
from tests.support.stores import REPORT_ROWS

from cstui import durable
from cstui.domain import workflow
from cstui.errors import StoreError
from cstui.models.case import NewCase
from cstui.models.kinds import NotifyMethod
from cstui.models.steps import DeclareData, FollowUpData, InvestigateData, NotifyData, SolveData
from cstui.store.file import backend as backend_module
from cstui.store.file import files
from cstui.store.file import reading as reading_module
from cstui.store.file.backend import Buffer, JSONFileBackend
from cstui.store.file.case_archive import (
    BLOCK,
    GROUP,
    INDEX,
    block_name,
    index_name,
    lookup_keys,
    lookup_name,
)
from cstui.store.file.files import atomic_write_all
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.store.ports import ArchiveQuery

FAR = GROUP * BLOCK * 2 + 5
"""A case number two index files up from the first."""


def _fill(repo: TinyDBCaseRepository, numbers: range) -> None:
    """Archive a bare closed document (a phone each) under every number of ``numbers``."""
    with repo.backend.transaction() as buffer:
        for n in numbers:
            document = {
                "customer": {"phone": f"04{n:08d}"},
                "created_at": "2025-01-01T00:00:00+00:00",
                "closed_at": "2025-02-01T00:00:00+00:00",
                "step": "closed",
            }
            repo.archive.put(buffer, n, document, None)


def test_index_files_each_hold_a_group_of_blocks(repo, log, clock) -> None:
    _fill(repo, range(10, FAR + 1, 37))
    summaries = repo.archive.summaries()
    assert sorted(summaries) == sorted({n // BLOCK for n in range(10, FAR + 1, 37)})
    groups = repo.backend.part(INDEX)["groups"]
    assert sorted(groups, key=int) == ["0", "1", "2"]
    for group in groups:
        blocks = repo.backend.part(index_name(int(group) * GROUP))["blocks"]
        assert 0 < len(blocks) <= GROUP
        assert {int(b) // GROUP for b in blocks} == {int(group)}
    reading = Buffer(repo.backend.snapshot(), load_part=repo.backend.part)
    assert repo.archive.highest(reading) == max(range(10, FAR + 1, 37))
    wanted = list(repo.archive.documents(ArchiveQuery()))
    assert [n for n, _ in wanted] == list(range(10, FAR + 1, 37))
    assert repo.archive.numbers("phone", f"04{10 + 37 * 200:08d}") == [10 + 37 * 200]


def test_highest_and_history_across_index_files(repo, log, clock) -> None:
    _fill(repo, range(FAR, FAR + 1))
    _fill(repo, range(7, 8))
    case = log()
    assert case.id == f"C-{FAR + 1:06d}"  # above the highest archived, in the top group
    closed = close(repo, case, clock)
    assert [n for n, _ in repo.archive.documents(ArchiveQuery())] == [7, FAR, FAR + 1]
    assert closed.step.value == "closed"
    assert repo.archive.numbers("phone", "0400000007") == [7]
    assert [c.id for c in repo.customer_cases("0412 345 678", None)] == [closed.id]


def _files_backend(tmp_path: Path) -> TinyDBCaseRepository:
    return TinyDBCaseRepository(JSONFileBackend(tmp_path / "cases.json"), rows=REPORT_ROWS)


def test_a_close_writes_its_block_one_index_file_and_its_lookups(
    tmp_path: Path, new_case_fields, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _files_backend(tmp_path)
    _fill(repo, range(1, 3 * GROUP * BLOCK, 11))  # 1,364 closed cases over three groups
    form = NewCase.model_validate(new_case_fields())
    case = repo.create(lambda cid: workflow.new_case(cid, form, "t", clock()))
    number = int(case.id[2:])
    written: list[list[str]] = []
    real = files.atomic_write_all

    def record(writes, sync_folder=True) -> None:
        written.append([path.stem for path, _ in writes])
        real(writes, sync_folder)

    monkeypatch.setattr(backend_module, "atomic_write_all", record)
    closed = close(repo, case, clock)
    [archive] = [batch for batch in written if batch]  # four steps write no part
    document = repo.archive.get(number)
    assert document is not None and document["version"] == closed.version
    keys = {lookup_name(key) for _, key in lookup_keys(document)}
    assert {block_name(number), index_name(number // BLOCK), *keys} <= set(archive)
    assert INDEX not in archive  # the group was listed already
    assert not [n for n in archive if n.startswith("index-") and n != index_name(number // BLOCK)]
    for name in [index_name(number // BLOCK), *keys]:
        assert (tmp_path / "archive" / f"{name}.json").stat().st_size < 16_000


def test_a_close_makes_the_new_archive_files_durable_before_the_main_document(
    tmp_path: Path, new_case_fields, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive folder is synced (its new names survive a power cut) before the data
    folder's, whose main document no longer holds the case."""
    repo = _files_backend(tmp_path)
    form = NewCase.model_validate(new_case_fields())
    case = repo.create(lambda cid: workflow.new_case(cid, form, "t", clock()))
    case = repo.save(workflow.add_note(case, "made the day's backup", "t", clock()), case.version)
    synced: list[Path] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.extend(
            folder
            for folder in (tmp_path, tmp_path / "archive")
            if folder.exists() and os.path.samestat(os.fstat(fd), os.stat(folder))
        )
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    close(repo, case, clock)
    assert tmp_path / "archive" in synced
    assert synced[-1] == tmp_path


class FaultyOs:
    """The ``os`` module as the store sees it, with the ``nth`` call of ``call`` failing."""

    def __init__(self, call: str, nth: int = 1) -> None:
        self.call, self.nth = call, nth

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if name != self.call:
            return real

        def fail(*args, **kwargs):
            self.nth -= 1
            if self.nth <= 0:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return real(*args, **kwargs)

        return fail


@pytest.mark.parametrize(("call", "nth"), [("write", 2), ("fsync", 3), ("replace", 1)])
def test_a_batch_that_fails_changes_nothing_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, nth: int
) -> None:
    paths = [tmp_path / f"{name}.json" for name in "abc"]
    for path in paths:
        path.write_bytes(b"old")
    with monkeypatch.context() as patch, pytest.raises(StoreError, match="Input/output error"):
        patch.setattr(files, "os", os_faults := FaultyOs(call, nth))
        patch.setattr(durable, "os", os_faults)  # where files are written and fsynced
        atomic_write_all([(path, b"new") for path in paths])
    assert [path.read_bytes() for path in paths] == [b"old"] * 3
    assert sorted(p.name for p in tmp_path.glob("*.json*")) == ["a.json", "b.json", "c.json"]


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_a_close_that_cannot_be_written_changes_nothing(
    tmp_path: Path, new_case_fields, clock, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    repo = _files_backend(tmp_path)
    form = NewCase.model_validate(new_case_fields())
    first = close(repo, repo.create(lambda cid: workflow.new_case(cid, form, "t", clock())), clock)
    case = repo.create(lambda cid: workflow.new_case(cid, form, "t", clock()))
    for data in (
        InvestigateData(findings="f"),
        DeclareData(promise="p", by=date(2026, 12, 24)),
        SolveData(action="a", policy_clause="c"),
        NotifyData(method=NotifyMethod.EMAIL, said="s"),
    ):
        case = repo.save(workflow.advance(case, data, "t", clock.advance(hours=1)), case.version)
    before = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*.json"))}
    closing = workflow.advance(case, FollowUpData(satisfied=True), "t", clock.advance(hours=1))
    with monkeypatch.context() as patch, pytest.raises(StoreError, match="nothing was changed"):
        patch.setattr(files, "os", os_faults := FaultyOs(call))
        patch.setattr(durable, "os", os_faults)  # where files are written and fsynced
        repo.save(closing, case.version)
    assert {p: p.read_bytes() for p in sorted(tmp_path.rglob("*.json"))} == before
    assert not list(tmp_path.rglob(f"*{files.TEMP_MARK}*"))
    fresh = _files_backend(tmp_path)
    assert [c.id for c in fresh.closed_cases()] == [first.id]
    assert fresh.save(closing, case.version).step.value == "closed"
    assert [c.id for c in fresh.closed_cases()] == [first.id, case.id]


def test_parts_kept_in_memory_are_bounded_by_their_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _files_backend(tmp_path)
    _fill(repo, range(1, 4 * BLOCK, 50))
    backend = JSONFileBackend(tmp_path / "cases.json")
    numbers = (1, BLOCK + 1, 2 * BLOCK + 1, 3 * BLOCK + 1)
    sizes = [(tmp_path / "archive" / f"{block_name(n)}.json").stat().st_size for n in numbers]
    monkeypatch.setattr(reading_module, "PART_CACHE_BYTES", sum(sizes[-2:]))
    uncached = JSONFileBackend(tmp_path / "cases.json")
    for _ in range(2):  # over the bound, then back to the parts it let go
        for number in numbers:
            part = backend.part(block_name(number))
            assert part == uncached.part(block_name(number))
            assert min(int(key) for key in part["cases"]) == number
    assert orjson.loads((tmp_path / "archive" / f"{INDEX}.json").read_bytes()) == {
        "groups": {"0": True}
    }
