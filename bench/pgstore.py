"""The PostgreSQL side of the benchmarks: a throwaway cluster holding a generated store.

The cluster is the tests' own (``tests/support/pgcluster.py``), started in the work folder
with ``fsync`` on (as a real server), room for 250 connections and 128 MB of shared
buffers. A generated file store's cases are loaded into a new, migrated database by its
administrator with ``COPY`` (each row as the PostgreSQL store itself writes it), the case
counter is set past them, and the folder's roster is brought in by the team leader's first
start. Each person then signs in as their own LOGIN role, a member of ``cstui_staff``, with
a ``scram-sha-256`` password (``person_url``); one data folder (policy, drafts) serves them
all, as the app keeps only drafts and per-user state locally on a server.

Usage: python bench/pgstore.py STORE WORK (loads STORE and prints the figures of loading).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from common import BENCH, say

sys.path.insert(0, str(BENCH.parent))  # tests/support/pgcluster.py: the cluster

from tests.support.pgcluster import Cluster, migrated, person_url, start_cluster

DATABASE = "cstui"
CONFIG_FILES = ("policy.toml", "team.toml")
"""What a person's data folder holds of a generated store's (the cases go to the server)."""


@dataclass
class ServerStore:
    """A loaded database on a running cluster, and the persons who sign in to it."""

    cluster: Cluster
    home: Path
    """The data folder every person's terminal uses (policy; drafts and state per user)."""
    cases: int = 0
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def admin_url(self) -> str:
        """The administrator's URL of the database (migrations, loading, checks)."""
        return self.cluster.url(db=DATABASE)

    def url(self, person: str) -> str:
        """A URL signing in as ``person``'s own role (made the first time)."""
        if person not in self.urls:
            self.urls[person] = person_url(self.cluster, self.admin_url, person)
        return self.urls[person]

    def stop(self) -> None:
        """Stop the server."""
        self.cluster.stop()


def start_server(work: Path) -> Cluster:
    """A new cluster under ``work/pg`` (any old one there is removed)."""
    folder = work / "pg"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    folder.chmod(0o755)  # the server's own OS user reaches its folder through it
    return start_cluster(
        folder / "cluster", fsync=True, max_connections=250, shared_buffers="128MB"
    )


def load_store(cluster: Cluster, store: Path, work: Path, leader: str) -> ServerStore:
    """Copy the cases of the file store ``store`` into a new database on ``cluster``."""
    from cstui.config import Settings
    from cstui.store.postgres.cases import _COLUMNS, _row
    from cstui.workspace import open_workspace

    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    server = ServerStore(cluster, work / "pg" / "home")
    migrated(server.admin_url)
    server.home.mkdir(parents=True, exist_ok=True)
    for name in CONFIG_FILES:
        shutil.copy2(store / name, server.home / name)
    started = time.perf_counter()
    repo = open_workspace(Settings(store, leader)).cases.repo
    cases = [*repo.closed_cases(), *repo.open_cases()]
    say(f"PostgreSQL: read {len(cases):,} cases in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with psycopg.connect(server.admin_url) as conn:
        with conn.cursor().copy(f"COPY cases ({_COLUMNS}) FROM STDIN") as copy:
            for case in cases:
                copy.write_row(_row(case))
        conn.execute("UPDATE counters SET next = (SELECT max(number) + 1 FROM cases)")
        conn.execute("ANALYZE")
    say(f"PostgreSQL: loaded {len(cases):,} cases in {time.perf_counter() - started:.1f} s")
    server.cases = len(cases)
    open_workspace(Settings(server.home, leader, store=server.url(leader)))  # the roster
    return server


def main() -> None:
    """Start a cluster, load a store into it, say how long that took, stop it."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", type=Path)
    parser.add_argument("work", type=Path)
    args = parser.parse_args()
    from generate import LEADER

    started = time.perf_counter()
    server = load_store(start_server(args.work), args.store, args.work, LEADER)
    print(json.dumps({"cases": server.cases, "seconds": time.perf_counter() - started}))
    server.stop()


if __name__ == "__main__":
    main()
