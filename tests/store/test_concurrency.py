"""Several terminals on one store: real OS processes, one lock, no lost or doubled ids."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from cstui.domain import workflow
from cstui.errors import StoreBusyError
from cstui.models.case import NewCase
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository

WRITER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from cstui.domain import workflow
from cstui.models.case import NewCase
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository

store, go, user, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
form = NewCase.model_validate({
    "customer": {"name": "Jo", "phone": "0412345678"},
    "channel": "phone", "category": "Billing", "summary": "Charged twice",
})
repo = TinyDBCaseRepository(JSONFileBackend(store, lock_timeout=30))
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
ids = []
for _ in range(count):
    case = repo.create(lambda case_id: workflow.new_case(case_id, form, user, datetime.now(UTC)))
    ids.append(case.id)
    time.sleep(0.001)  # a breath between calls, as a person at a terminal would take
print(" ".join(ids), flush=True)
"""

HOLDER = """
import sys, time
from pathlib import Path
from cstui.store.file.lock import FileLock

with FileLock(Path(sys.argv[1])).hold():
    print("locked", flush=True)
    time.sleep(120)
"""


def spawn(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdout is not None
    got = proc.stdout.readline().strip()
    if got != line:
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"helper process said {got!r}, not {line!r}: {err}")


@pytest.fixture
def processes():
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


@pytest.fixture
def log_into(new_case_fields, clock):
    def make(repo: TinyDBCaseRepository):
        form = NewCase.model_validate(new_case_fields())
        return repo.create(lambda case_id: workflow.new_case(case_id, form, "tester", clock()))

    return make


def test_two_processes_creating_at_once_lose_nothing(tmp_path, processes) -> None:
    store, go = tmp_path / "cases.json", tmp_path / "go"
    processes += [spawn(WRITER, store, go, user, 50) for user in ("ann", "ben")]
    for proc in processes:
        wait_for(proc, "ready")
    go.touch()
    ids: list[str] = []
    for proc in processes:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        ids += out.split()
    assert len(ids) == 100
    assert sorted(ids) == [f"C-{n:06d}" for n in range(1, 101)]
    cases = TinyDBCaseRepository(JSONFileBackend(store)).open_cases()
    assert [c.id for c in cases] == sorted(ids)
    assert sorted(c.created_by for c in cases) == ["ann"] * 50 + ["ben"] * 50
    assert not list(tmp_path.glob("cases.json.tmp-*"))


def test_lock_held_elsewhere_makes_a_writer_give_up(tmp_path, processes, log_into) -> None:
    store = tmp_path / "cases.json"
    holder = spawn(HOLDER, store.with_name("cases.json.lock"))
    processes.append(holder)
    wait_for(holder, "locked")
    waits: list[str] = []
    repo = TinyDBCaseRepository(
        JSONFileBackend(store, lock_timeout=0.3, on_wait=lambda holder: waits.append(holder))
    )
    began = time.monotonic()
    with pytest.raises(StoreBusyError, match="the store is busy"):
        log_into(repo)
    assert 0.3 <= time.monotonic() - began < 5
    assert len(waits) == 1  # told once, not on every retry
    assert not store.exists()
    assert repo.open_cases() == []  # reading needs no lock

    holder.kill()
    holder.wait(timeout=10)
    assert log_into(repo).id == "C-000001"
