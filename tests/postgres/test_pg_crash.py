"""Crashes on PostgreSQL lose no acknowledged write.

A client process (signed in as its own person's role) logs cases and notes them, printing
each write after the store call returned; it is killed with SIGKILL at a random moment in
the middle of that stream, again and again, two at a time. Then the server itself is
stopped with ``pg_ctl -m immediate`` (its processes die as in a crash) and started again.
Every printed write must be in the database, nothing half-written: every case row parses,
the numbers run 1..n without a gap, the counter is the highest number + 1, and the audit
trail verifies.

The throwaway clusters run with ``fsync=off`` (speed): a server crash is survived through
its write-ahead log in the operating system's cache; a power cut is not what is tested.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from tests.support.cli import process_env
from tests.support.pg_workers import open_as_person
from tests.support.postgres import PORT, Cluster, migrated, person_url, start_cluster

from cstui.models.case import Case

SEED = 20260302
ROUNDS = 6
"""Rounds of two clients, each killed 0.1-0.5 s after it is ready."""


class Client:
    """A client process of :mod:`tests.support.pg_workers` in ``stream`` mode; what it
    acknowledged goes, line by line, to a file that outlives it."""

    def __init__(self, url: str, folder: Path, seed: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.acks, self.errors = folder / f"acks-{seed}", folder / f"errors-{seed}"
        with self.acks.open("w") as out, self.errors.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.support.pg_workers", "stream", url, str(folder),
                 str(seed)],
                stdout=out, stderr=err, env=process_env(),
            )  # fmt: skip

    def lines(self) -> list[str]:
        """What it has acknowledged so far (``ready`` first)."""
        return self.acks.read_text().splitlines()

    def wait_for(self, count: int, timeout: float = 60) -> None:
        """Until ``count`` lines are printed (``ready`` among them)."""
        deadline = time.monotonic() + timeout
        while len(self.lines()) < count:
            assert self.proc.poll() is None, self.errors.read_text()
            assert time.monotonic() < deadline, "the client printed too little"
            time.sleep(0.01)

    def kill(self) -> int:
        """SIGKILL it and reap it; its exit status."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        return self.proc.wait(timeout=10)


def acknowledged(clients: list[Client]) -> list[list[str]]:
    """Every write the clients acknowledged, as words."""
    return [line.split() for c in clients for line in c.lines() if line != "ready"]


def assert_every_acknowledged_write_kept(admin_url: str, acks: list[list[str]]) -> None:
    """Each acked case is stored at its acked version or later with every acked note; the
    rows parse; the numbers have no gap; the counter follows the highest; the trail verifies."""
    with psycopg.connect(admin_url) as conn:
        rows = conn.execute("SELECT number, version, doc FROM cases ORDER BY number").fetchall()
        counter = conn.execute("SELECT next FROM counters WHERE name = 'case'").fetchone()
    cases: dict[str, Case] = {}
    for number, version, doc in rows:
        case = Case.model_validate(doc)
        assert (case.version, int(case.id.split("-")[1])) == (version, number)
        cases[case.id] = case
    assert [n for n, _, _ in rows] == list(range(1, len(rows) + 1))
    assert counter == (len(rows) + 1,)
    for ack in acks:
        case = cases[ack[1]]
        assert case.version >= int(ack[2]), ack
        if ack[0] == "saved":
            assert ack[3] in [note.text for note in case.notes], ack
    stores = open_as_person(admin_url, str(Path(tempfile.gettempdir()) / "cstui-crash-admin"))
    verdict = stores.audit.verify()
    assert verdict.ok, verdict.problem
    assert verdict.entries >= len(acks)


@pytest.mark.slow
def test_killed_clients_lose_no_acknowledged_write(
    database_url: str, cluster: Cluster, tmp_path: Path
) -> None:
    migrated(database_url)
    urls = [person_url(cluster, database_url, name) for name in ("crash_ann", "crash_ben")]
    rng = random.Random(SEED)
    clients: list[Client] = []
    for round_number in range(ROUNDS):
        pair = [
            Client(url, tmp_path / f"client-{index}", round_number * 2 + index)
            for index, url in enumerate(urls)
        ]
        clients += pair
        for client in pair:
            client.wait_for(1)
        for client in pair:
            time.sleep(rng.uniform(0.1, 0.5))
            assert client.kill() == -signal.SIGKILL
    acks = acknowledged(clients)
    assert len(acks) > ROUNDS * 4, "too few writes were acknowledged to test anything"
    assert_every_acknowledged_write_kept(database_url, acks)


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    """A cluster of this test's own, to stop and start (the session's stays up)."""
    folder = Path(tempfile.mkdtemp(prefix="cstui-pg-crash-"))
    folder.chmod(0o755)  # the server's own OS user reaches its folder through it
    running = start_cluster(folder / "cluster")
    yield running
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


def start_again(cluster: Cluster) -> None:
    """Start a stopped cluster again (as its owner, on the same socket folder)."""
    owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    options = f"-k {cluster.sockets} -c listen_addresses='' -p {PORT}"
    subprocess.run(
        [*owner, str(cluster.bin / "pg_ctl"), "-D", str(cluster.data), "-o", options, "-w",
         "-l", str(cluster.folder / "server-again.log"), "start"],
        check=True, capture_output=True, cwd=cluster.folder,
    )  # fmt: skip


@pytest.mark.slow
def test_a_server_stopped_at_once_keeps_every_acknowledged_write(
    own_cluster: Cluster, tmp_path: Path
) -> None:
    admin_url = migrated(own_cluster.url())
    client = Client(person_url(own_cluster, admin_url, "crash_ann"), tmp_path / "client", SEED)
    client.wait_for(40)
    own_cluster.stop()  # -m immediate, while the client is writing
    try:
        client.proc.wait(timeout=30)  # it cannot go on without its server
    finally:
        client.kill()
    start_again(own_cluster)
    acks = acknowledged([client])
    assert len(acks) >= 39
    assert_every_acknowledged_write_kept(admin_url, acks)
    with psycopg.connect(admin_url) as conn:
        (stored,) = conn.execute("SELECT count(*) FROM cases").fetchone() or (0,)
    after = Client(person_url(own_cluster, admin_url, "crash_ann"), tmp_path / "after", SEED + 1)
    after.wait_for(2)  # writing again, numbering on from the last stored case
    after.kill()
    assert acknowledged([after])[0][:2] == ["created", f"C-{stored + 1:06d}"]
