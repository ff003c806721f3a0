"""Several terminals on one PostgreSQL server: real processes, each signed in as its own
person's role, get gap-free unique case and refund numbers; two terminals saving the same
case: one wins, the other is told what the file store tells it."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from tests.support.cli import process_env
from tests.support.pg_workers import FORM
from tests.support.postgres import Cluster, person_url, seeded
from tests.support.stores import file_stores, roster_led_by

from cstui.content.toml_files import default_policy
from cstui.domain import workflow
from cstui.domain.brief import brief_of
from cstui.domain.reports import complaint_facts
from cstui.errors import ConflictError
from cstui.models.case import Case
from cstui.store.file.drafts import DraftFolder
from cstui.store.ports import Stores
from cstui.store.postgres import open_postgres_store

PEOPLE = ("ccy_ann", "ccy_ben", "ccy_cat", "ccy_dan")
"""One database role per terminal (roles are the cluster's: these names are this module's)."""
EACH = 25
"""Cases (each with a refund check) every terminal logs."""
OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def worker(*args: str) -> subprocess.Popen[str]:
    """A client process of :mod:`tests.support.pg_workers`."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.pg_workers", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=process_env(),
    )


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """Client processes of one test; any still running at its end is killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


def numbers(ids: list[str]) -> list[int]:
    """The numbers of ``C-000007``/``R-000007`` ids, in order."""
    return sorted(int(i.split("-")[1]) for i in ids)


@pytest.mark.slow
def test_terminals_get_gap_free_unique_numbers(
    database_url: str, cluster: Cluster, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    seeded(database_url, roster_led_by(*PEOPLE))  # refund checks of 100 are within limits
    go = tmp_path / "go"
    for person in PEOPLE:
        url = person_url(cluster, database_url, person)
        processes.append(worker("burst", url, str(tmp_path / person), str(go), str(EACH)))
    for proc in processes:
        assert proc.stdout is not None
        ready = proc.stdout.readline().strip()
        assert ready == "ready", proc.communicate(timeout=10)[1]
    go.touch()
    acked: dict[str, list[str]] = {"case": [], "refund": []}
    for proc in processes:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        lines = out.split()
        assert lines[-1] == "done"
        for kind, item in zip(lines[:-1:2], lines[1:-1:2], strict=True):
            acked[kind].append(item)
    total = EACH * len(PEOPLE)
    assert numbers(acked["case"]) == list(range(1, total + 1))
    assert numbers(acked["refund"]) == list(range(1, total + 1))
    with psycopg.connect(database_url) as conn:
        counters: dict[str, int] = dict(conn.execute("SELECT name, next FROM counters").fetchall())
        owners = Counter(
            str(row[0]) for row in conn.execute("SELECT doc->>'owner' FROM cases").fetchall()
        )
        stored_refunds = conn.execute("SELECT count(*) FROM refunds").fetchone()
    assert counters["case"] == counters["refund"] == total + 1
    assert owners == dict.fromkeys(PEOPLE, EACH)
    assert stored_refunds == (total,)


def server_terminal(url: str, folder: Path) -> Stores:
    """One terminal's store on the server (its own connection)."""
    policy = default_policy()
    stores: Stores = open_postgres_store(
        url,
        brief_of=lambda case: brief_of(case, policy),
        facts_of=complaint_facts,
        drafts=DraftFolder(folder, "terminal"),
    )
    return stores


def save_on_two_terminals(first: Stores, second: Stores) -> tuple[Case, ConflictError]:
    """Both terminals open one case and add a note: the first saves, then the second."""
    ann, ben = PEOPLE[:2]
    case = first.cases.create(lambda case_id: workflow.new_case(case_id, FORM, ann, OPENED))
    on_first, on_second = first.cases.get(case.id), second.cases.get(case.id)
    later = OPENED + timedelta(minutes=5)
    won = first.cases.save(workflow.add_note(on_first, "called back", ann, later), 1)
    with pytest.raises(ConflictError) as refused:
        second.cases.save(workflow.add_note(on_second, "sent letter", ben, later), 1)
    return won, refused.value


def test_two_terminals_saving_one_case_one_wins_the_other_is_told_as_on_files(
    database_url: str, cluster: Cluster, tmp_path: Path
) -> None:
    seeded(database_url, roster_led_by(*PEOPLE[:2]))
    ann = server_terminal(person_url(cluster, database_url, PEOPLE[0]), tmp_path / "ann")
    ben = server_terminal(person_url(cluster, database_url, PEOPLE[1]), tmp_path / "ben")
    won, refused = save_on_two_terminals(ann, ben)
    stored = ben.cases.get(won.id)
    assert stored == won and stored.version == 2
    assert [note.text for note in stored.notes] == ["called back"]

    policy = default_policy()
    folder = tmp_path / "data"
    on_files = file_stores(folder, policy, lambda: OPENED, roster=roster_led_by(*PEOPLE[:2]))
    other_terminal = file_stores(folder, policy, lambda: OPENED, user=PEOPLE[1])
    _, refused_on_files = save_on_two_terminals(on_files, other_terminal)
    assert str(refused) == str(refused_on_files)
    told = str(refused.in_zone(UTC))
    assert told.startswith(
        f"{won.id} was changed by {PEOPLE[0]} at 2026-03-02 09:05:00 after you opened"
    )
