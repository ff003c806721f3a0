"""The store's lock under real processes: a dead holder frees it, a live one is named,
and deleting the lock's file while it is held never lets a second writer in."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from tests.support.reliability.workers import (
    FORM,
    _guarded,
    errors_of,
    lock_holder,
    log_case,
)

from cstui.domain import workflow
from cstui.errors import StoreBusyError
from cstui.models.case import Case
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding one case."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    path = data / "cases.json"
    log_case(TinyDBCaseRepository(JSONFileBackend(path)), "alice")
    return path


def state(store: Path) -> dict[str, bytes]:
    """Every file of the data folder, by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(store.parent.rglob("*")) if p.is_file()}


def test_a_killed_lock_holder_frees_the_store_at_once(store, tmp_path, children, figures) -> None:
    holder = children.start(
        lock_holder, str(store), str(tmp_path / "errors"), "carol", signal_word=b"locked"
    )
    assert "carol" in store.with_name("cases.json.lock").read_text()
    assert children.kill(holder) == -9

    waits: list[str] = []
    backend = JSONFileBackend(store, lock_timeout=5, on_wait=waits.append, label="alice")
    began = time.perf_counter()
    case = log_case(TinyDBCaseRepository(backend), "alice")
    took = time.perf_counter() - began
    assert case.id == "C-000002"
    assert waits == []  # never had to wait
    assert took < 1.0
    assert errors_of(tmp_path / "errors") == ""
    figures.add(
        f"dead lock holder: after SIGKILL of the holder the next write took the lock at once "
        f"(write done in {took * 1000:.0f} ms, 0 waits)"
    )


def test_a_live_lock_holder_is_named_and_nothing_is_written(
    store, tmp_path, children, figures
) -> None:
    holder = children.start(
        lock_holder, str(store), str(tmp_path / "errors"), "bob", signal_word=b"locked"
    )
    before = state(store)
    waits: list[str] = []
    backend = JSONFileBackend(store, lock_timeout=0.3, on_wait=waits.append, label="alice")
    repo = TinyDBCaseRepository(backend)
    began = time.monotonic()
    with pytest.raises(StoreBusyError) as refusal:
        log_case(repo, "alice")
    took = time.monotonic() - began

    assert len(waits) == 1  # told once, not on every retry
    assert waits[0].startswith("bob (process ")
    assert str(refusal.value).startswith("the store is busy: waited 0.3 s for bob (process ")
    assert "nothing was changed" in str(refusal.value)
    assert 0.3 <= took < 3
    assert state(store) == before  # nothing written: no case, no audit entry, no temp file
    assert [c.id for c in repo.open_cases()] == ["C-000001"]  # reading needs no lock
    assert holder.is_alive()
    figures.add(
        f"live lock holder: on_wait told once ({waits[0]!r}); refused after {took:.2f} s with "
        f"{str(refusal.value)!r}; data folder byte-for-byte unchanged"
    )


def acknowledging_writer(store: str, errors: str, go: str, acks: str, ready: Connection) -> None:
    """Log a case as bob: once its id is taken under the lock, say the id and wait for the
    file ``go`` to appear before finishing; then append the acknowledged id to ``acks``."""

    def build(case_id: str) -> Case:
        ready.send_bytes(case_id.encode())
        ready.close()
        while not Path(go).exists():
            time.sleep(0.01)
        return workflow.new_case(case_id, FORM, "bob", datetime.now(UTC))

    def run() -> None:
        repo = TinyDBCaseRepository(JSONFileBackend(Path(store), lock_timeout=30, label="bob"))
        case = repo.create(build)
        with open(acks, "a", encoding="utf-8") as out:
            out.write(case.id + "\n")

    _guarded(errors, run)


def test_deleting_the_lock_file_never_lets_a_second_writer_in(
    store, tmp_path, children, figures
) -> None:
    repo = TinyDBCaseRepository(JSONFileBackend(store, label="alice"))
    for _ in range(54):
        log_case(repo, "alice")  # the store's next case is C-000056, as in the finding
    go, acks = tmp_path / "go", tmp_path / "acks"
    errors = tmp_path / "errors"
    holder = children.start(
        acknowledging_writer, str(store), str(errors), str(go), str(acks), signal_word=b"C-000056"
    )
    note = store.with_name("cases.json.lock")
    assert note.read_text().startswith("bob (process ")
    note.unlink()  # what was found: a deleted lock file let a second writer in
    note.write_text("")  # and a new one made in its place

    refused = TinyDBCaseRepository(JSONFileBackend(store, lock_timeout=0.5, label="carol"))
    with pytest.raises(StoreBusyError):
        log_case(refused, "carol")
    waited: list[Case] = []
    waiter = threading.Thread(
        target=lambda: waited.append(
            log_case(TinyDBCaseRepository(JSONFileBackend(store, lock_timeout=30)), "dave")
        )
    )
    waiter.start()
    time.sleep(0.3)
    assert waited == []  # still waiting for bob
    go.write_text("go")
    holder.join(30)
    waiter.join(30)

    assert holder.exitcode == 0, errors_of(errors)
    assert acks.read_text().split() == ["C-000056"]
    assert [c.id for c in waited] == ["C-000057"]
    stored = [c.id for c in repo.open_cases()]
    assert len(stored) == len(set(stored)) == 57
    figures.add(
        "deleted lock file: with the lock's file deleted and made again while bob held the "
        "lock, carol was refused after 0.5 s and dave waited; C-000056 was acknowledged once "
        "(bob), dave got C-000057; 57 cases stored, no id twice"
    )


def test_a_wait_given_up_leaves_the_lock_free(tmp_path: Path) -> None:
    from cstui.store.file.lock import FileLock

    note = tmp_path / "cases.json.lock"
    with (
        FileLock(note, timeout=5).hold(nest=False),
        pytest.raises(StoreBusyError),
        FileLock(note, timeout=0.2).hold(nest=False),
    ):
        pass
    # The given-up waiter's thread takes the lock as it is let go, and lets it go at once:
    # the next writer gets it within moments, never after a wait of its own timeout.
    began = time.monotonic()
    with FileLock(note, timeout=5).hold(nest=False):
        assert time.monotonic() - began < 1.0
