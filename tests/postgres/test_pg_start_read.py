"""An everyday start on a server reads what it needs in one round trip through libpq
itself, before psycopg is loaded: the same answers, the same identity rules, the same
errors, and what changed since the briefs were kept is never listed as it was."""

from __future__ import annotations

import queue
import subprocess
import sys
from contextlib import suppress
from functools import partial
from pathlib import Path

import psycopg
import pytest
from tests.contract.conftest import START, refund_build
from tests.support.cli import Cli, command, process_env
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.live import server_workspace
from tests.support.postgres import Cluster, migrated
from tests.support.steps import STEP_OPTIONS, case_fields
from tests.support.stores import ServerSignIn

from cstui.config import Settings
from cstui.content.toml_files import default_policy
from cstui.models.refund_decisions import Decisions
from cstui.models.refunds import Approval, RefundRecord, RefundStatus
from cstui.store.postgres import libpq
from cstui.store.postgres.connection import Database, connect
from cstui.store.postgres.records import PostgresRefundStore
from cstui.workspace import Workspace, open_workspace

MONDAY = "2026-01-05T10:00:00+00:00"
LATER = "2026-01-20T10:00:00+00:00"

LIST_AND_SAY_WHAT_LOADED = """
import sys
from tests.support.cli import run
try:
    run(sys.argv[1:])
except SystemExit:
    pass
print("PSYCOPG", "psycopg" in sys.modules, file=sys.stderr)
"""


def three_cases(cli: Cli) -> None:
    """Three cases by two people, one moved on a step, one noted."""
    added = cli("team", "add", "bob", "--role", "agent", "--limit", "50", now=MONDAY)
    assert added.exit_code == 0, added.output
    first = cli.new_case(now=MONDAY)
    cli.new_case("--email", "jo@example.com", user="bob", now=MONDAY)
    cli.new_case(now=MONDAY)
    cli.json("case", "advance", first["id"], *STEP_OPTIONS[first["step"]], now=MONDAY)
    cli.json("case", "note", "C-000002", "called back", user="bob", now=MONDAY)


def listed(cli: Cli, *options: str) -> str:
    """``case list --open --json`` at LATER, as printed."""
    result = cli("case", "list", "--open", "--json", *options, now=LATER)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_open_cases_print_the_same_bytes_on_both_stores(
    tmp_path: Path, cluster: Cluster, database_url: str
) -> None:
    on_files = Cli(tmp_path / "files")
    three_cases(on_files)
    on_server = Cli(tmp_path / "desk", server=ServerSignIn(cluster, migrated(database_url)))
    three_cases(on_server)
    kept_first = listed(on_server)  # works the briefs out and keeps them
    assert kept_first == listed(on_files)
    assert listed(on_server) == kept_first  # from the start read, as kept
    assert listed(on_server, "--owner", "bob") == listed(on_files, "--owner", "bob")


def test_a_list_from_the_start_read_loads_no_psycopg(
    tmp_path: Path, cluster: Cluster, database_url: str
) -> None:
    server = ServerSignIn(cluster, migrated(database_url))
    cli = Cli(tmp_path / "desk", server=server)
    three_cases(cli)
    expected = listed(cli)
    args = ["--data-dir", str(tmp_path / "desk"), "--user", "alice", "--store", server("alice")]
    at_later_as_alice = command(LATER, "alice")[3:]  # --now LATER --account alice
    listing = [*at_later_as_alice, *args, "case", "list", "--open", "--json"]
    run = subprocess.run(
        [sys.executable, "-c", LIST_AND_SAY_WHAT_LOADED, *listing],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=process_env(),
    )
    assert run.stdout == expected
    assert "PSYCOPG False" in run.stderr


def test_a_case_changed_elsewhere_is_listed_as_it_is_now(
    tmp_path: Path, cluster: Cluster, database_url: str
) -> None:
    server = ServerSignIn(cluster, migrated(database_url))
    alice, bob = Cli(tmp_path / "alice", server=server), Cli(tmp_path / "bob", "bob", server=server)
    three_cases(alice)
    before = alice.json("case", "list", now=LATER)  # the briefs are kept as they are now
    bob.json("case", "note", "C-000003", "left a message", now=LATER)
    bob.json("case", "assign", "C-000001", "bob", user="alice", now=LATER)
    after = {c["id"]: c for c in alice.json("case", "list", now=LATER)}
    was = {c["id"]: c for c in before}
    assert after["C-000003"]["version"] == was["C-000003"]["version"] + 1
    assert (was["C-000001"]["owner"], after["C-000001"]["owner"]) == ("alice", "bob")


def test_on_an_everyday_start_you_are_still_the_role_you_signed_in_as(
    tmp_path: Path, cluster: Cluster, database_url: str
) -> None:
    server = ServerSignIn(cluster, migrated(database_url))
    three_cases(Cli(tmp_path / "desk", server=server))  # a roster and a policy: everyday
    said = Cli(tmp_path / "desk", "alice").error("--store", server("bob"), "case", "list", code=1)
    assert "signed you in as bob, but you are alice" in said


def test_an_older_schema_is_still_named_with_the_command_that_upgrades_it(
    tmp_path: Path, cluster: Cluster, database_url: str
) -> None:
    server = ServerSignIn(cluster, migrated(database_url))
    cli = Cli(tmp_path / "desk", server=server)
    three_cases(cli)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("UPDATE cstui_schema SET version = version - 1")
    assert "run `cstui store migrate`" in cli.error("case", "list", code=1)


def test_a_wrong_password_says_what_it_said_before(
    tmp_path: Path, cluster: Cluster, database_url: str
) -> None:
    server = ServerSignIn(cluster, migrated(database_url))
    three_cases(Cli(tmp_path / "desk", server=server))  # an everyday start but for that
    url = server("alice")
    password = url.split("@")[0].rsplit(":", 1)[1]
    said = Cli(tmp_path / "desk").error(
        "--store", url.replace(password, "wrong"), "case", "list", code=1
    )
    assert "cannot reach the database server: connection failed:" in said
    assert "password authentication failed" in said and "wrong" not in said


def test_without_a_libpq_to_load_every_read_goes_through_psycopg(
    tmp_path: Path, cluster: Cluster, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(tmp_path / "desk", server=ServerSignIn(cluster, migrated(database_url)))
    three_cases(cli)
    expected = listed(cli)
    monkeypatch.setattr(libpq, "_load", lambda: None)
    assert listed(cli) == expected
    assert "must be a postgresql:// URL" in cli.error("--store", "mysql://x", "case", "list")


def test_listening_after_an_everyday_start_reads_again_only_what_changed_since(
    cluster: Cluster, database_url: str, tmp_path: Path
) -> None:
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    alice = server_workspace(cluster, database_url, tmp_path / "alice", "alice", clock)
    alice.cases.log(case_fields())  # a roster, a policy and a case: everyday starts from now
    bob = server_workspace(cluster, database_url, tmp_path / "bob", "bob", clock)
    quiet = open_workspace(alice.settings, clock=clock)
    assert _first_heard(quiet, bob) == []  # nothing changed since its start
    busy = open_workspace(alice.settings, clock=clock)
    bob.cases.log(case_fields("Sam Lee"))  # after busy's start read, before it listens
    assert _first_heard(busy, bob) == ["change"]


def _first_heard(workspace: Workspace, other: Workspace) -> list[str]:
    """What ``workspace``'s feed tells as it begins listening; ``other`` then logs a case,
    which must be heard."""
    heard: queue.Queue[str] = queue.Queue()
    feed = workspace.stores.changes
    feed.start(partial(heard.put, "change"), lambda up: heard.put(f"connected={up}"))
    try:
        first = _heard(heard)
        other.cases.log(case_fields("Kim Ng"))
        assert _heard(heard) == ["change"]  # listening now: each change is heard
    finally:
        feed.stop()
    return first


def _heard(heard: queue.Queue[str], wait: float = 0.5) -> list[str]:
    """What was heard within ``wait`` seconds."""
    said = []
    with suppress(queue.Empty):
        said.append(heard.get(timeout=wait))
        while True:
            said.append(heard.get(timeout=0.1))
    return said


def test_an_everyday_start_counts_the_persons_own_refund_decisions(
    tmp_path: Path, cluster: Cluster, database_url: str
) -> None:
    server = ServerSignIn(cluster, migrated(database_url))
    three_cases(Cli(tmp_path / "desk", server=server))
    administrator = PostgresRefundStore(Database(connect(database_url)))
    for by, status in (
        ("bob", "approved"),
        ("bob", "declined"),
        ("bob", "declined"),
        ("carol", "approved"),
    ):
        record = administrator.create(refund_build(default_policy(), by=by))
        administrator.update(record.id, "alice", partial(_answered, RefundStatus(status)))
    bob = open_workspace(Settings(tmp_path / "bob", "bob", store=server("bob")))
    assert bob.stores.refunds.decisions("bob") == Decisions(approved=1, declined=2)
    assert bob.stores.refunds.decisions("bob") == Decisions(approved=1, declined=2)  # asked again


def _answered(status: RefundStatus, record: RefundRecord) -> RefundRecord:
    """``record`` answered with ``status`` by a team leader."""
    approval = Approval(by="alice", at=START, approved=status is RefundStatus.APPROVED, reason="r")
    return record.model_copy(update={"status": status, "approval": approval})
