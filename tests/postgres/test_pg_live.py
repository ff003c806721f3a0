"""Live updates on a real server: what the triggers tell and when, the store's change feed,
and a store that loses its server and finds it again."""

from __future__ import annotations

import queue
from pathlib import Path

import psycopg
import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.live import own_cluster, own_database, server_workspace  # noqa: F401
from tests.support.postgres import Cluster
from tests.support.steps import case_fields

from cstui.errors import StoreError
from cstui.store.postgres.connection import connect
from cstui.store.postgres.live import CHANNEL, ServerChanges

HEARD_WITHIN = 1.0


def _listener(url: str) -> psycopg.Connection[tuple[object, ...]]:
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(f"LISTEN {CHANNEL}")
    return conn


def _payloads(conn: psycopg.Connection[tuple[object, ...]], wait: float = 0.3) -> list[str]:
    return [n.payload for n in conn.notifies(timeout=wait)]


def test_a_committed_change_is_told_with_its_table_and_row_and_a_rolled_back_one_never(
    cluster: Cluster, database_url: str, tmp_path: Path
) -> None:
    alice = server_workspace(
        cluster, database_url, tmp_path / "alice", "alice", FixedClock(MONDAY_IN_NOVEMBER)
    )
    with _listener(database_url) as listener:
        case = alice.cases.log(case_fields())
        assert _payloads(listener) == [f"cases:{int(case.id[2:])}"]
        with connect(database_url) as conn, conn.transaction():
            conn.execute("UPDATE cases SET version = version + 1")
            assert _payloads(listener) == []  # not before the commit
            raise psycopg.Rollback
        assert _payloads(listener) == []
        alice.team.add("bob", "agent", "200")
        assert _payloads(listener) == ["roster:1"]


def test_the_feed_tells_of_changes_made_by_another_person(
    cluster: Cluster, database_url: str, tmp_path: Path
) -> None:
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    alice = server_workspace(cluster, database_url, tmp_path / "alice", "alice", clock)
    bob = server_workspace(cluster, database_url, tmp_path / "bob", "bob", clock)
    heard: queue.Queue[str] = queue.Queue()
    feed = alice.stores.changes
    assert feed.live and feed.connected
    feed.start(lambda: heard.put("change"), lambda up: heard.put(f"connected={up}"))
    try:
        assert heard.get(timeout=HEARD_WITHIN) == "change"  # listening: read once now
        bob.cases.log(case_fields("Sam Lee"))
        assert heard.get(timeout=HEARD_WITHIN) == "change"
    finally:
        feed.stop()
    with pytest.raises(RuntimeError, match="already been started"):
        feed.start(lambda: None, lambda up: None)


def test_a_lost_server_refuses_saves_then_is_found_again_by_the_store_and_its_feed(
    own_cluster: Cluster,  # noqa: F811
    own_database: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    alice = server_workspace(
        own_cluster, own_database, tmp_path / "alice", "alice", FixedClock(MONDAY_IN_NOVEMBER)
    )
    heard: queue.Queue[str] = queue.Queue()
    feed = ServerChanges(lambda: connect(own_database), retry_seconds=(0.1,))
    feed.start(lambda: heard.put("change"), lambda up: heard.put(f"connected={up}"))
    try:
        assert heard.get(timeout=HEARD_WITHIN) == "change"  # listening: read once now
        first = alice.cases.log(case_fields())
        assert heard.get(timeout=HEARD_WITHIN) == "change"
        own_cluster.stop()
        assert heard.get(timeout=5) == "connected=False" and not feed.connected
        with pytest.raises(StoreError, match="cannot be reached; nothing was saved"):
            alice.cases.note(first.id, "Called back")
        with pytest.raises(StoreError, match="cannot be reached"):
            alice.cases.get(first.id)
        own_cluster.start()
        assert heard.get(timeout=5) == "connected=True"
        assert heard.get(timeout=HEARD_WITHIN) == "change"  # re-read what was missed
        noted = alice.cases.note(first.id, "Called back")  # the store opened a new connection
        assert noted.version == first.version + 1
        assert heard.get(timeout=HEARD_WITHIN) == "change"
    finally:
        feed.stop()
