"""Workspaces on a PostgreSQL server for the live-update tests: each person in a data
folder of their own, signed in as their own role, and a cluster a test may stop."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import datetime
from pathlib import Path

import pytest
from tests.support.postgres import Cluster, migrated, person_url, start_cluster
from tests.support.workspaces import utc_policy

from cstui.config import Settings
from cstui.workspace import Workspace, open_workspace


def server_workspace(
    cluster: Cluster,
    database_url: str,
    folder: Path,
    person: str,
    clock: Callable[[], datetime],
) -> Workspace:
    """``person``'s workspace on ``database_url`` (migrated here), from a data folder of
    their own; the first person to open the database leads the team."""
    migrated(database_url)
    utc_policy(folder, person)
    url = person_url(cluster, database_url, person)
    return open_workspace(Settings(folder, person, store=url), clock=clock, lock_timeout=2.0)


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Cluster]:
    """A cluster of the module's own, which its tests stop and start again."""
    folder = Path(tempfile.mkdtemp(prefix="cstui-pg-own-"))
    folder.chmod(0o755)  # the server's own OS user reaches its folder through it
    running = start_cluster(folder / "cluster")
    yield running
    with suppress(RuntimeError):  # already stopped by a failed test
        running.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def own_database(own_cluster: Cluster) -> Iterator[str]:
    """A new empty database on :func:`own_cluster`, which is running again afterwards."""
    import secrets

    import psycopg

    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(own_cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield own_cluster.url(db=name)
    try:
        with psycopg.connect(own_cluster.url(), autocommit=True):
            pass
    except psycopg.OperationalError:
        own_cluster.start()
