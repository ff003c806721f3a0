"""Stores for tests: the in-memory store for service tests, every store (memory, file,
PostgreSQL) for the contract tests, opened the way the composition root opens them; and
the fixtures that run a command-line test on the file store and on a server."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.support.postgres import Cluster, migrated, person_url

from cstui.domain.brief import brief_of
from cstui.domain.reports import complaint_facts
from cstui.models.policy import Policy
from cstui.models.report_facts import FACTS_FORMAT
from cstui.models.roles import Role
from cstui.models.team import Member, Roster
from cstui.store.file import open_file_store
from cstui.store.file.archive_rows import ReportRows
from cstui.store.file.backend import Backend
from cstui.store.file.roster_file import RosterFile
from cstui.store.memory import open_memory_store
from cstui.store.ports import Stores
from cstui.workspace import Workspace

STORE_KINDS = ("memory", "file", "postgres")
"""Every store the contract tests run on."""

REPORT_ROWS = ReportRows(complaint_facts, FACTS_FORMAT)
"""The file store's report rows as the composition root makes them."""


def spoil_parts(backend: Backend, *names: str) -> None:
    """Damage the file store's archive parts ``names`` (blocks or their rows) so that no
    reader can use them."""
    with backend.transaction() as buffer:
        for name in names:
            table = buffer.part(name)
            table.clear()
            table["cases"] = "unreadable"  # type: ignore[assignment]  # the damage: not a table
            buffer.changed_part(name)


def roster_led_by(leader: str, *agents: str) -> Roster:
    """A roster with one team leader and some agents."""
    members = [Member(name=leader, role=Role.TEAM_LEADER, refund_limit="1000")]
    members += [Member(name=name, role=Role.AGENT, refund_limit="200") for name in agents]
    return Roster(members=members)


def memory_stores(policy: Policy, roster: Roster | None = None) -> Stores:
    """A new in-memory store briefing cases under ``policy``."""
    return open_memory_store(
        brief_of=lambda case: brief_of(case, policy),
        facts_of=complaint_facts,
        roster=roster,
    )


def file_stores(
    folder: Path,
    policy: Policy,
    clock: Callable[[], datetime],
    user: str = "tester",
    roster: Roster | None = None,
    closed_batch: int = 0,
) -> Stores:
    """A file store in ``folder`` briefing cases under ``policy`` (closed cases go to the
    archive at once unless ``closed_batch`` says otherwise)."""
    stores = open_file_store(
        folder,
        user,
        brief_of=lambda case: brief_of(case, policy),
        brief_stamp=lambda: "test-policy",
        facts_of=complaint_facts,
        facts_format=FACTS_FORMAT,
        clock=clock,
        lock_timeout=2.0,
        closed_batch=closed_batch,
    )
    if roster is not None:
        stores.roster.write(roster)
    return stores


def open_stores(
    kind: str,
    folder: Path,
    policy: Policy,
    clock: Callable[[], datetime],
    roster: Roster | None = None,
) -> Stores:
    """A store of ``kind`` (one of :data:`STORE_KINDS`)."""
    if kind == "memory":
        return memory_stores(policy, roster)
    if kind.startswith("postgresql://"):
        return postgres_stores(kind, folder, policy, roster)
    return file_stores(folder, policy, clock, roster=roster)


def postgres_stores(url: str, folder: Path, policy: Policy, roster: Roster | None) -> Stores:
    """A PostgreSQL store on the database ``url`` (migrated here), drafts in ``folder``."""
    from cstui.store.file.drafts import DraftFolder
    from cstui.store.postgres import open_postgres_store
    from cstui.store.postgres.connection import connect
    from cstui.store.postgres.schema import migrate

    with connect(url) as conn:
        migrate(conn)
    stores = open_postgres_store(
        url,
        brief_of=lambda case: brief_of(case, policy),
        facts_of=complaint_facts,
        drafts=DraftFolder(folder, "tester"),
    )
    if roster is not None:
        stores.roster.write(roster)
    return stores


class SharedMemoryStore:
    """One in-memory store that every user's workspace on one data folder opens, as they
    would share the folder's file store; its roster starts as the folder's."""

    def __init__(self) -> None:
        self.stores: Stores | None = None

    def __call__(self, ws: Workspace) -> Stores:
        if self.stores is None:
            roster = RosterFile(ws.settings.data_dir / "team.toml").load()
            self.stores = open_memory_store(
                brief_of=ws.brief_one, facts_of=complaint_facts, roster=roster
            )
        return self.stores


@pytest.fixture
def memory_store() -> SharedMemoryStore:
    """An in-memory store for the workspaces of one test (pass it as ``stores=``)."""
    return SharedMemoryStore()


# -- the command line on each store ---------------------------------------------------

CLI_STORE_KINDS = ("file", "postgres")
"""The stores the command-line tests run on: the data folder's files, and a server."""

FILE_STORE_ONLY = "file_store_only"
"""The marker of a command-line test of something only the file store has (give a reason)."""


@dataclass
class ServerSignIn:
    """One migrated test database on which each person signs in as their own login role
    (made the first time they are named, with a ``scram-sha-256`` password)."""

    cluster: Cluster
    admin_url: str
    urls: dict[str, str] = field(default_factory=dict)

    def __call__(self, person: str) -> str:
        """The store URL that signs ``person`` in."""
        if person not in self.urls:
            self.urls[person] = person_url(self.cluster, self.admin_url, person)
        return self.urls[person]

    def stored(self) -> list[tuple[Any, ...]]:
        """Everything the database holds for the app, as its administrator reads it: a
        failed command must leave it as it was."""
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            tables = [
                str(row[0])
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                )
            ]
            return [
                (table, conn.execute(f'SELECT t::text FROM "{table}" t ORDER BY 1').fetchall())
                for table in tables
            ]


STORE_FILES = ("cases.json", "team.toml")
"""The data folder's files that hold the file store's cases and roster."""


def stored_state(data_dir: Path, server: ServerSignIn | None) -> object:
    """What the store holds now (the folder's cases and roster files, or the server's
    tables), to compare before and after a command that must change nothing."""
    if server is not None:
        return server.stored()
    files = [data_dir / name for name in STORE_FILES]
    return {path.name: path.read_bytes() for path in files if path.exists()}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{FILE_STORE_ONLY}(reason): a command-line test of something only the file store "
        "has; it does not run on PostgreSQL",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses ``store_kind`` on each of :data:`CLI_STORE_KINDS`, but
    for those marked :data:`FILE_STORE_ONLY`."""
    if "store_kind" not in metafunc.fixturenames:
        return
    only_file = metafunc.definition.get_closest_marker(FILE_STORE_ONLY)
    kinds = ("file",) if only_file is not None else CLI_STORE_KINDS
    metafunc.parametrize("store_kind", kinds, indirect=True)


@pytest.fixture
def store_kind(request: pytest.FixtureRequest) -> str:
    """``file`` or ``postgres``: the store this run of a command-line test uses."""
    kind: str = request.param
    return kind


@pytest.fixture(scope="session")
def migrated_template(cluster: Cluster) -> str:
    """A database migrated once per test process, which new ones are copied from (a copy
    takes a fraction of the time the migrations take)."""
    name = "tmpl_" + secrets.token_hex(6)
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    migrated(cluster.url(db=name))
    return name


@pytest.fixture
def server(store_kind: str, request: pytest.FixtureRequest) -> ServerSignIn | None:
    """On PostgreSQL, each person's URL on a new migrated database; None on the file store."""
    if store_kind == "file":
        return None
    cluster: Cluster = request.getfixturevalue("cluster")
    template: str = request.getfixturevalue("migrated_template")
    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
    return ServerSignIn(cluster, cluster.url(db=name))
