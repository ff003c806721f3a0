"""Choosing the PostgreSQL store from the command line, the environment or the folder's
``store.toml``; migrating it; two terminals on two data folders sharing one server."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.support.cli import Cli, command, invoke, process_env
from tests.support.postgres import Cluster, migrated, person_url

from cstui.store.postgres.schema import LATEST


def test_a_server_store_is_migrated_then_shared_by_two_folders(
    database_url: str, cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Cli(tmp_path / "admin-desk", "alice")
    assert "run `cstui store migrate`" in admin.error(
        "--store", database_url, "case", "list", code=1
    )
    migrated = admin.json("--store", database_url, "store", "migrate")
    assert migrated["applied"] == list(range(1, LATEST + 1))
    assert migrated["schema_version"] == LATEST
    assert admin.json("--store", database_url, "store", "migrate")["applied"] == []
    alice_url = person_url(cluster, database_url, "alice")
    alice = Cli(tmp_path / "alice-desk", "alice")
    case = alice.json(
        "--store", alice_url, "case", "new", "--customer", "Jo Citizen", "--phone",
        "0412 345 678", "--summary", "Charged twice", "--category", "Billing", "--channel",
        "phone",
    )  # fmt: skip
    (tmp_path / "bob-desk").mkdir()
    password = urlsplit(alice_url).password or ""
    no_password = alice_url.replace(f":{password}@", "@")  # the file holds none
    monkeypatch.setenv("PGPASSWORD", password)  # as ~/.pgpass would give it
    (tmp_path / "bob-desk" / "store.toml").write_text(f'[store]\nurl = "{no_password}"\n')
    listed = Cli(tmp_path / "bob-desk", "alice").json("case", "list")
    assert [c["id"] for c in listed] == [case["id"]]
    assert Cli(tmp_path / "alice-desk", "alice").json("case", "list") == []  # its own files


def test_on_a_server_you_are_the_role_you_signed_in_as(
    database_url: str, cluster: Cluster, tmp_path: Path
) -> None:
    migrated(database_url)
    bob_url = person_url(cluster, database_url, "bob")
    said = Cli(tmp_path / "desk", "alice").error("--store", bob_url, "case", "list", code=1)
    assert "signed you in as bob, but you are alice" in said
    said = Cli(tmp_path / "desk", "alice").error("--store", database_url, "case", "list", code=1)
    assert "signed you in as postgres" in said


def test_the_environment_names_the_store_for_a_real_process(
    database_url: str, cluster: Cluster, tmp_path: Path
) -> None:
    env = process_env({**process_env(), "CSTUI_STORE": database_url})
    run = [*command(account="alice"), "--data-dir", str(tmp_path / "desk"), "--user", "alice"]
    subprocess.run([*run, "store", "migrate"], env=env, check=True, capture_output=True)
    env["CSTUI_STORE"] = person_url(cluster, database_url, "alice")
    made = subprocess.run(
        [*run, "case", "new", "--customer", "Sam", "--phone", "0400 111 222", "--summary", "Late",
         "--category", "Delivery", "--channel", "phone", "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    shown = subprocess.run(
        [*run, "store", "check", "--json"], env=env, capture_output=True, text=True, check=True
    )
    check = json.loads(shown.stdout)
    assert check["ok"] and check["cases"] == 1 and json.loads(made.stdout)["id"] == "C-000001"
    assert check["store"].startswith("postgresql:/t_") and "@" not in check["store"]


def test_a_store_that_is_not_a_postgresql_url_is_refused_naming_where_it_came_from(
    tmp_path: Path,
) -> None:
    desk = Cli(tmp_path / "desk", "alice")
    assert desk.error("--store", "http://example.com/db", "case", "list").startswith(
        "error: --store: must be a postgresql:// URL"
    )
    (tmp_path / "desk").mkdir(exist_ok=True)
    (tmp_path / "desk" / "store.toml").write_text('[store]\nurl = "file:///etc/passwd"\n')
    assert "store.toml [store] url: must be a postgresql:// URL" in desk.error("case", "list")
    (tmp_path / "desk" / "store.toml").write_text('[store]\nurl = "postgresql:///cases"\n')
    (tmp_path / "desk" / "store.toml").chmod(0o666)
    assert "store.toml: any user of this computer can change it" in desk.error("case", "list")
    args = ["--data-dir", str(tmp_path / "desk"), "--user", "alice", "case", "list"]
    bad = invoke(args, env={"CSTUI_STORE": "x"}, account="alice")
    assert bad.exit_code == 2 and "CSTUI_STORE: must be a postgresql:// URL" in bad.stderr


def test_a_wrong_password_is_refused_without_showing_it(database_url: str, tmp_path: Path) -> None:
    wrong = database_url.replace("postgres:", "postgres:Secret-Wrong-", 1)
    said = Cli(tmp_path / "desk", "alice").error("--store", wrong, "case", "list", code=1)
    assert "cannot reach the database server" in said and "Secret-Wrong" not in said


def test_the_file_store_has_nothing_to_migrate(tmp_path: Path) -> None:
    done = Cli(tmp_path / "desk", "alice")("store", "migrate")
    assert done.exit_code == 0 and "nothing to migrate" in done.stdout


def test_a_url_the_client_cannot_read_is_refused_without_repeating_it(tmp_path: Path) -> None:
    desk = Cli(tmp_path / "desk", "alice")
    for url in (
        "postgresql://u:SECRETPW@[::1/db",
        "postgresql://u:SECRETPW@/db?foo=bar",
        "postgresql://u:SECRETPW@%zz/db",
        "postgresql://" + "a" * 10_000,
    ):
        said = desk.error("--store", url, "case", "list")
        assert said.startswith("error: --store: ") and "SECRETPW" not in said, said


def test_store_toml_must_name_a_url_and_hold_no_password(tmp_path: Path) -> None:
    desk = Cli(tmp_path / "desk", "alice")
    (tmp_path / "desk").mkdir()
    toml = tmp_path / "desk" / "store.toml"
    for text in ("[store]\nurl = 5\n", 'store = "postgresql:///cases"\n'):
        toml.write_text(text)
        assert "store.toml [store] url: must be set" in desk.error("case", "list")
    toml.write_text('[store]\nurl = "postgresql://u:SECRETPW@/cases"\n')
    said = desk.error("case", "list")
    assert "must hold no password" in said and "SECRETPW" not in said
