"""A throwaway PostgreSQL cluster for this test run, and a fresh database per test."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from tests.support.postgres import Cluster, server_bin, start_cluster


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


@pytest.fixture
def database_url(cluster: Cluster) -> str:
    """A new, empty database for one test."""
    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return cluster.url(db=name)
