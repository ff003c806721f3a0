"""The tests' throwaway PostgreSQL cluster: the ``cluster`` and ``database_url`` fixtures.

The cluster itself (how it is started, its URLs, persons' login roles) is
:mod:`tests.support.pgcluster`, which the benchmarks share.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.types.json import Jsonb
from tests.support.pgcluster import (
    PORT,
    SUPERUSER,
    Cluster,
    migrated,
    person_url,
    server_bin,
    start_cluster,
)

from cstui.models.team import Roster

__all__ = [
    "PORT",
    "SUPERUSER",
    "Cluster",
    "cluster",
    "database_url",
    "migrated",
    "person_url",
    "seeded",
    "server_bin",
    "start_cluster",
]


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    """Started once per test process (about 1.5 s), stopped at the end."""
    if server_bin() is None:
        pytest.fail("PostgreSQL's server is not installed: .ci/run installs it")
    folder = Path(tempfile.mkdtemp(prefix="cstui-pg-"))
    folder.chmod(0o755)  # the server's own OS user reaches its folder through it
    running = start_cluster(folder / "cluster")
    yield running
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def database_url(cluster: Cluster) -> str:
    """A new, empty database for one test."""
    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return cluster.url(db=name)


def seeded(url: str, roster: Roster) -> str:
    """``url``'s database migrated, with ``roster`` loaded as the administrator loads a
    centre's data (``session_replication_role = replica``: no trigger runs, so the trail
    starts empty and no check applies)."""
    migrated(url)
    with psycopg.connect(url) as conn:
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("INSERT INTO roster VALUES (1, %s)", (Jsonb(roster.model_dump(mode="json")),))
    return url
