"""``cstui store copy``: a data folder to a server and back, compared; a copy killed
half-way and run again; a destination holding other data refused; bad sides refused."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from tests.postgres.centre import build_centre
from tests.support.cli import Cli, command, process_env
from tests.support.postgres import Cluster, migrated, person_url

from cstui.errors import StoreError
from cstui.store_copy import Copy, copy_centre, open_centre


def _quiet(what: str, done: int, total: int) -> None:
    """Progress nobody watches."""


def _listing(cli: Cli, store: str | None = None) -> list[dict[str, object]]:
    where = ["--store", store] if store else []
    listed: list[dict[str, object]] = cli.json(*where, "case", "list", "--all")
    return listed


def test_a_folder_goes_to_a_server_and_back_unchanged(
    tmp_path: Path, database_url: str, cluster: Cluster
) -> None:
    build_centre(tmp_path / "centre")
    migrated(database_url)
    there = copy_centre(str(tmp_path / "centre"), database_url, "admin", _quiet)
    assert there.ok, there.as_json()
    counts = there.as_json()["counts"]
    assert counts["cases"] == {"source": 5, "destination": 5}
    assert counts["refunds"] == {"source": 1, "destination": 1}
    assert counts["calls"] == {"source": 2, "destination": 2}
    assert counts["skills log entries"]["destination"] == 4
    assert counts["policy and content files"]["destination"] == 2
    assert counts["next case number"] == {"source": 6, "destination": 6}
    back = copy_centre(database_url, str(tmp_path / "back"), "admin", _quiet)
    assert back.ok and back.source_digest == there.source_digest

    bob_url = person_url(cluster, database_url, "bob")
    now = "2026-12-04T10:00:00Z"  # one moment for every listing: due times agree
    folder, server = Cli(tmp_path / "centre", "bob", now), Cli(tmp_path / "desk", "bob", now)
    copied = Cli(tmp_path / "back", "bob", now)
    assert _listing(server, bob_url) == _listing(folder) == _listing(copied)
    for case in ("C-000001", "C-000004"):
        shown = folder.json("case", "show", case)
        assert server.json("--store", bob_url, "case", "show", case) == shown
        assert copied.json("case", "show", case) == shown
    assert server.json("--store", bob_url, "skills", "action", "list")[0]["id"] == 1
    made = server.json(
        "--store", bob_url, "case", "new", "--customer", "Jo", "--phone", "0412 345 678",
        "--summary", "Late", "--category", "Billing", "--channel", "phone",
    )  # fmt: skip
    assert made["id"] == "C-000006"  # the counter came along
    with psycopg.connect(database_url) as conn:
        tips = conn.execute("SELECT body FROM config_files WHERE name = 'content/tips.toml'")
        assert "Know our customers" in str(tips.fetchone())


def test_a_destination_with_other_data_is_refused_naming_it(
    tmp_path: Path, database_url: str
) -> None:
    build_centre(tmp_path / "centre")
    build_centre(tmp_path / "other", cases=2)
    migrated(database_url)
    assert copy_centre(str(tmp_path / "other"), database_url, "admin", _quiet).ok
    with pytest.raises(StoreError, match="already holds other data: case C-000004"):
        copy_centre(str(tmp_path / "centre"), database_url, "admin", _quiet)


def test_a_copy_cut_short_at_a_batch_boundary_finishes_when_run_again(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_centre(tmp_path / "centre", cases=6)
    migrated(database_url)
    monkeypatch.setattr("cstui.store_copy.BATCH", 2)
    source = open_centre(str(tmp_path / "centre"), "admin", "--from")
    destination = open_centre(database_url, "admin", "--to")
    put = destination.put_cases
    batches: list[int] = []

    def cut_after_two(cases: list) -> None:  # type: ignore[type-arg]
        if len(batches) == 2:
            raise StoreError("the connection was lost")
        put(cases)
        batches.append(len(cases))

    monkeypatch.setattr(destination, "put_cases", cut_after_two)
    with pytest.raises(StoreError, match="connection was lost"):
        Copy(source, destination, _quiet).run()
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone() == (4,)
    again = copy_centre(str(tmp_path / "centre"), database_url, "admin", _quiet)
    assert again.ok and again.counts["cases"] == (8, 8)
    assert again.counts["audit events"][0] == again.counts["audit events"][1]
    with psycopg.connect(database_url) as conn:
        numbers = [n for (n,) in conn.execute("SELECT number FROM cases ORDER BY number")]
    assert numbers == list(range(1, 9))


def test_the_command_copies_killed_or_not_and_prints_json(
    tmp_path: Path, database_url: str
) -> None:
    build_centre(tmp_path / "centre", cases=2)
    migrated(database_url)
    run = [*command(account="admin"), "--data-dir", str(tmp_path / "admin"), "--user", "admin"]
    argv = [*run, "store", "copy", "--from", str(tmp_path / "centre"), "--to", database_url]
    started = subprocess.Popen(argv, env=process_env(), stderr=subprocess.PIPE)
    time.sleep(1.0)  # somewhere in the middle, or already done: both must finish cleanly
    if started.poll() is None:
        os.kill(started.pid, signal.SIGKILL)
    started.wait()
    done = subprocess.run([*argv, "--json"], env=process_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["ok"] and figures["counts"]["cases"] == {"source": 4, "destination": 4}
    assert figures["case_hashes"]["different"] == []
    assert "copying cases: 4/4" in done.stderr or "copying cases" in done.stderr
    assert "postgres" not in done.stdout.replace("postgresql", "")


def test_bad_sides_are_refused_naming_the_option(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "admin", "admin")
    said = cli.error("store", "copy", "--from", "http://x/y", "--to", str(tmp_path / "b"))
    assert said.startswith("error: --from: must be a data folder or a postgresql:// URL")
    said = cli.error("store", "copy", "--from", str(tmp_path / "none"), "--to", "postgresql://")
    assert said.startswith("error: --from: names no data folder")
    (tmp_path / "a").mkdir()
    bad_url = "postgresql://u:p@/x y"
    said = cli.error("store", "copy", "--from", str(tmp_path / "a"), "--to", bad_url)
    assert said.startswith("error: --to: must be a postgresql:// URL")
