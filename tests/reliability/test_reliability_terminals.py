"""Terminals sharing a data folder: many writers at once, one case saved twice, fresh reads."""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.support.clock import FixedClock
from tests.support.reliability.workers import bulk_writer, errors_of
from tests.support.workspaces import utc_policy

from cstui.config import Settings
from cstui.domain import workflow
from cstui.errors import ConflictError
from cstui.services.cases import CaseFilter
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.workspace import Workspace, open_workspace

TERMINALS = 4
WRITES = 250
UTC = ZoneInfo("UTC")


@pytest.mark.slow
def test_four_terminals_writing_at_once_lose_nothing(tmp_path, children, figures) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    store, acks, errors = data / "cases.json", tmp_path / "acks", tmp_path / "errors"
    go = children.context.Event()
    users = [f"agent{n}" for n in range(1, TERMINALS + 1)]
    args = (str(store), str(acks), str(errors))
    writers = [
        children.start(bulk_writer, *args, user, WRITES, go, signal_word=b"ready") for user in users
    ]
    began = time.monotonic()
    go.set()
    for writer in writers:
        writer.join(120)
    wall = time.monotonic() - began

    exit_codes = [w.exitcode for w in writers]
    lines = [line.split() for line in acks.read_text().splitlines()] if acks.exists() else []
    acknowledged = [case_id for case_id, _ in lines]
    durations = [int(ns) / 1e6 for _, ns in lines]
    cases = TinyDBCaseRepository(JSONFileBackend(store)).open_cases()
    stored = [c.id for c in cases]
    error_text = errors_of(errors)
    failed = sum(code != 0 for code in exit_codes)
    figures.add(
        f"many terminals: {TERMINALS} processes x {WRITES} creates = {TERMINALS * WRITES} "
        f"writes, {len(acknowledged)} acknowledged, {len(stored)} stored, "
        f"{len(set(stored))} distinct ids, {failed} errors, wall time {wall:.1f} s, median "
        f"write {statistics.median(durations or [0]):.1f} ms (max {max(durations or [0]):.0f} ms)"
    )
    assert error_text == ""
    assert exit_codes == [0] * TERMINALS
    assert len(acknowledged) == TERMINALS * WRITES
    assert sorted(stored) == sorted(acknowledged)
    assert len(set(stored)) == len(stored)
    assert stored == [f"C-{n:06d}" for n in range(1, TERMINALS * WRITES + 1)]
    assert sorted(c.created_by for c in cases) == sorted(u for u in users for _ in range(WRITES))
    assert not list(data.glob("cases.json.tmp-*"))


# -- two terminals, one case ----------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder led by alice, with bob on the roster and the policy zone UTC."""
    data = tmp_path / "data"
    utc_policy(data)
    return data


def terminal(folder: Path, user: str, clock: FixedClock) -> Workspace:
    """One terminal: a workspace of its own on the shared folder."""
    return open_workspace(Settings(folder, user), clock=clock, lock_timeout=5)


FIELDS = {
    "customer": {"name": "Jo Citizen", "phone": "0412 345 678", "email": "jo@example.com"},
    "channel": "phone",
    "category": "Billing",
    "summary": "Charged twice for one order",
}


def test_second_save_of_one_case_is_refused_naming_who_and_when(folder, figures) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    clock_a, clock_b = FixedClock(start), FixedClock(start)
    term_a, term_b = terminal(folder, "alice", clock_a), terminal(folder, "bob", clock_b)
    case = term_a.cases.log(FIELDS)

    seen_a, seen_b = term_a.cases.get(case.id), term_b.cases.get(case.id)  # both load v1
    assert seen_a.version == seen_b.version == 1
    clock_a.now = start + timedelta(minutes=5, seconds=7)
    saved = term_a.cases.note(case.id, "alice called the customer", seen_a.version)
    assert saved.version == 2

    clock_b.now = start + timedelta(minutes=6)
    with pytest.raises(ConflictError) as service_refusal:
        term_b.cases.note(case.id, "bob's note", seen_b.version)
    # The same refusal from the repository itself, for a save that raced past the check.
    late = workflow.add_note(seen_b, "bob's note", "bob", clock_b())
    with pytest.raises(ConflictError) as store_refusal:
        term_b.cases.repo.save(late, seen_b.version)

    for refusal in (service_refusal.value, store_refusal.value):
        assert refusal.changed_by == "alice"
        assert refusal.changed_at == clock_a.now
    assert str(service_refusal.value) == (
        f"{case.id} was changed by alice at 2026-03-02 09:05:07 after you opened it; "
        "your change was not saved"
    )
    kept = terminal(folder, "carol", clock_b).cases.get(case.id)
    assert kept == saved
    assert [n.text for n in kept.notes] == ["alice called the customer"]
    figures.add(
        f"two terminals on one case: B's save of v{seen_b.version} refused twice (service and "
        f'store) with "{service_refusal.value}"; A\'s note kept, stored version {kept.version}'
    )


# -- search sees fresh writes ---------------------------------------------------------

ROUNDS = 60


def test_another_terminal_sees_each_write_at_once(folder, figures) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    writer, reader = terminal(folder, "alice", clock), terminal(folder, "bob", clock)
    store = folder / "cases.json"
    assert reader.cases.find(CaseFilter()) == []  # the reader has read (and cached) the store
    seen = reused = 0
    for n in range(1, ROUNDS + 1):
        clock.now += timedelta(seconds=1)
        phone = f"0412 000 {n:03d}"
        case = writer.cases.log({**FIELDS, "customer": {"name": f"Caller {n}", "phone": phone}})
        found = [c.id for c in reader.cases.find(CaseFilter())]
        history = reader.cases.customer_history(phone=phone)
        assert found[-1] == case.id and len(found) == n
        assert [c.id for c in history] == [case.id]
        # Two saves between two reads: the file's inode number is usually reused (a
        # replaced file frees its number for the next temp file), so the reader's cache
        # must tell the files apart by more than the inode.
        inode = store.stat().st_ino
        noted = writer.cases.note(case.id, "called back", case.version)
        noted = writer.cases.note(case.id, "called again", noted.version)
        reused += store.stat().st_ino == inode
        assert reader.cases.get(case.id) == noted
        assert [c.version for c in reader.cases.find(CaseFilter(owner="alice"))][-1] == 3
        seen += 1
    figures.add(
        f"fresh reads: {seen} of {ROUNDS} creates and {2 * seen} of {2 * ROUNDS} saves by one "
        "terminal seen at once by another (find, customer history, get); the store's inode "
        f"number came back after two saves {reused} of {ROUNDS} times"
    )
