"""Stores for tests: the in-memory store for service tests, and both stores (memory and
file) for the contract tests, opened the way the composition root opens them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

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
