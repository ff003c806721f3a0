"""The JSON file backend: private files, damaged files left alone, failed writes harmless."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from cstui import durable
from cstui.domain import workflow
from cstui.errors import StoreCorruptError, StoreError
from cstui.models.case import NewCase
from cstui.store.file import files
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.files import atomic_write, ensure_private_dir
from cstui.store.file.lock import FileLock
from cstui.store.file.tinydb_cases import TinyDBCaseRepository


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    ensure_private_dir(folder)
    return folder


@pytest.fixture
def store(data_dir: Path) -> Path:
    return data_dir / "cases.json"


@pytest.fixture
def log(new_case_fields, clock):
    def make(repo: TinyDBCaseRepository):
        form = NewCase.model_validate(new_case_fields())
        now = clock.advance(minutes=1)
        return repo.create(lambda case_id: workflow.new_case(case_id, form, "tester", now))

    return make


def test_folder_and_files_are_private(data_dir, store, log) -> None:
    assert mode(data_dir) == 0o700
    log(TinyDBCaseRepository(JSONFileBackend(store)))
    assert mode(store) == 0o600
    assert mode(store.with_name("cases.json.lock")) == 0o600
    assert ensure_private_dir(data_dir) is False


def test_private_even_with_a_permissive_umask(tmp_path, log) -> None:
    old = os.umask(0)
    try:
        folder = tmp_path / "open"
        ensure_private_dir(folder)
        log(TinyDBCaseRepository(JSONFileBackend(folder / "cases.json")))
    finally:
        os.umask(old)
    assert mode(folder) == 0o700
    assert mode(folder / "cases.json") == 0o600


def test_missing_file_reads_empty_and_is_not_created(store) -> None:
    repo = TinyDBCaseRepository(JSONFileBackend(store))
    assert JSONFileBackend(store).snapshot() == {}
    assert repo.open_cases() == []
    assert not store.exists()


def _truncated(store: Path, log) -> bytes:
    repo = TinyDBCaseRepository(JSONFileBackend(store))
    log(repo)
    log(repo)
    whole = store.read_bytes()
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"  \n", "is empty"),
        (b"{not json at all", "is damaged"),
        (b"[1, 2, 3]", "is not the shape of a case store (a list where a document"),
        (b'{"cases": 3}', "is not the shape of a case store (cases is a int)"),
        (b"\xff\xfe\x00garbage", "is damaged"),
        (None, "is damaged"),  # a real store cut off half-way
    ],
)
def test_damaged_file_is_reported_and_never_written_over(store, log, content, words) -> None:
    if content is None:
        content = _truncated(store, log)
    store.write_bytes(content)
    repo = TinyDBCaseRepository(JSONFileBackend(store))
    with pytest.raises(StoreCorruptError) as info:
        repo.open_cases()
    assert str(store) in str(info.value)
    assert words in str(info.value)
    with pytest.raises(StoreCorruptError, match=str(store)):
        log(repo)
    assert store.read_bytes() == content
    assert not list(store.parent.rglob("*.tmp-*"))  # no half-written file left behind


def test_unreadable_case_document_is_reported(store, log) -> None:
    log(TinyDBCaseRepository(JSONFileBackend(store)))
    store.write_bytes(b'{"cases": {"1": {"id": "C-000001", "owner": 7}}}')
    with pytest.raises(StoreCorruptError, match="stored case C-000001 is not readable"):
        TinyDBCaseRepository(JSONFileBackend(store)).get("C-000001")


def test_stale_temp_files_are_removed_at_start(store) -> None:
    store.write_bytes(b"{}")
    stale = [store.with_name("cases.json.tmp-4242-deadbeef"), store.with_name("cases.json.tmp-1")]
    for temp in stale:
        temp.write_bytes(b'{"half": ')
    keep = store.with_name("notes.txt")
    keep.write_text("mine")
    JSONFileBackend(store)
    assert not any(temp.exists() for temp in stale)
    assert keep.read_text() == "mine"
    assert store.read_bytes() == b"{}"


def test_a_live_writers_temp_file_is_left_alone(store) -> None:
    # While another terminal holds the lock its temp file is a write in progress.
    in_progress = store.with_name("cases.json.tmp-4242-cafebabe")
    with FileLock(store.with_name("cases.json.lock")).hold():
        in_progress.write_bytes(b"{}")
        JSONFileBackend(store)
        assert in_progress.exists()
    JSONFileBackend(store)
    assert not in_progress.exists()


@pytest.mark.parametrize("call", ["replace", "write"])
def test_failed_write_keeps_the_old_file(store, log, monkeypatch, call) -> None:
    repo = TinyDBCaseRepository(JSONFileBackend(store))
    log(repo)
    before = store.read_bytes()

    class FullDisk:
        """The ``os`` module as the store sees it, with one call failing for lack of space."""

        def __getattr__(self, name: str):
            if name == call:
                error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

                def fail(*args, **kwargs):
                    raise error

                return fail
            return getattr(os, name)

    with monkeypatch.context() as patch, pytest.raises(StoreError) as info:
        patch.setattr(files, "os", os_faults := FullDisk())
        patch.setattr(durable, "os", os_faults)  # where files are written and fsynced
        log(repo)
    assert type(info.value) is StoreError
    assert str(info.value) == (
        "could not write cases.json: No space left on device; nothing was changed"
    )
    assert store.read_bytes() == before
    assert not list(store.parent.rglob("*.tmp-*"))  # no half-written file left behind
    # The lock was released and the number was not used up.
    assert log(repo).id == "C-000002"


def test_atomic_write_replaces_whole_file(tmp_path) -> None:
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    atomic_write(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert mode(target) == 0o600


def test_snapshot_notices_another_writer(store, log) -> None:
    mine = TinyDBCaseRepository(JSONFileBackend(store))
    theirs = TinyDBCaseRepository(JSONFileBackend(store))
    assert mine.open_cases() == []
    log(theirs)
    assert [c.id for c in mine.open_cases()] == ["C-000001"]
    log(theirs)
    assert [c.id for c in mine.open_cases()] == ["C-000001", "C-000002"]
    # And a case written by the other side is numbered after theirs.
    assert log(mine).id == "C-000003"
    assert [c.id for c in theirs.open_cases()] == ["C-000001", "C-000002", "C-000003"]


def test_snapshot_notices_the_file_going_away(store, log) -> None:
    repo = TinyDBCaseRepository(JSONFileBackend(store))
    log(repo)
    assert len(repo.open_cases()) == 1
    store.unlink()
    assert repo.open_cases() == []
