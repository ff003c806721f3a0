"""The store's lock under real processes: a dead holder frees it, a live one is named."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.support.reliability.workers import errors_of, lock_holder, log_case

from cstui.errors import StoreBusyError
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
