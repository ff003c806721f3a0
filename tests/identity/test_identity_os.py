"""Who you are is the OS account you logged in as: a typed name changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.identity.conftest import Folder

from cstui.config import os_account
from cstui.store.file.roster_file import RosterFile

ME = os_account()
SOMEONE_ELSE = "alice" if ME != "alice" else "bob"


def roster_of(folder: Folder) -> dict[str, tuple[str, str]]:
    members = RosterFile(folder.path / "team.toml").load().members
    return {m.name: (m.role.value, f"{m.refund_limit:.2f}") for m in members}


@pytest.mark.parametrize(
    ("args", "env", "source"),
    [
        (["--user", "alice"], {}, "--user"),
        ([], {"CSTUI_USER": "alice"}, "CSTUI_USER"),
    ],
    ids=["--user", "CSTUI_USER"],
)
def test_an_agent_naming_the_leader_cannot_promote_themselves(
    folder: Folder, args: list[str], env: dict[str, str], source: str
) -> None:
    before = roster_of(folder)
    done = folder.run(
        *args, "team", "add", "bob", "--role", "team_leader", "--limit", "99999",
        account="bob", env=env,
    )  # fmt: skip
    assert done.exit_code == 2
    assert done.stderr.startswith(f"error: {source}: you are logged in as bob;")
    assert done.stdout == ""
    assert roster_of(folder) == before


def test_an_agent_as_themselves_is_refused_a_roster_change(folder: Folder) -> None:
    done = folder.run("team", "add", "bob", "--role", "team_leader", "--limit", "1", account="bob")
    assert done.exit_code == 2
    assert "only a team leader can change the team roster; bob is not one" in done.stderr
    assert roster_of(folder)["bob"] == ("agent", "50.00")


def test_the_name_of_ones_own_account_is_accepted(folder: Folder) -> None:
    listed = folder.run("--user", "bob", "team", "list", "--json", account="bob")
    assert listed.exit_code == 0, listed.output


def test_a_colleague_cannot_read_a_private_skills_log_by_naming_them(folder: Folder) -> None:
    folder.ok(
        "skills", "log", "add", "--kind", "reading", "--what", "Private notes", account="alice"
    )
    mine = folder.run("skills", "log", "list", "--json", account="alice")
    assert [e["what"] for e in json.loads(mine.stdout)] == ["Private notes"]
    stolen = folder.run(
        "skills", "log", "list", "--json", account="bob", env={"CSTUI_USER": "alice"}
    )
    assert stolen.exit_code == 2
    assert stolen.stdout == ""
    assert "Private notes" not in stolen.output
    assert stolen.stderr.startswith("error: CSTUI_USER: you are logged in as bob;")


def test_a_refused_name_does_nothing_at_all(tmp_path: Path) -> None:
    fresh = Folder(tmp_path / "never")
    done = fresh.run("case", "list", account="bob", env={"CSTUI_USER": "alice"})
    assert done.exit_code == 2
    assert not fresh.path.exists()


def _installed(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m cstui ARGS``: the installed entry, where only the OS says who you are."""
    return subprocess.run(
        [sys.executable, "-m", "cstui", *args],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )  # fmt: skip


@pytest.fixture
def process_env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    return {**base, "HOME": str(tmp_path / "home"), "CSTUI_DATA_DIR": str(tmp_path / "data")}


def test_the_installed_entry_refuses_another_name(
    process_env: dict[str, str], tmp_path: Path
) -> None:
    made = _installed(process_env, "team", "add", "carol", "--role", "agent", "--limit", "0")
    assert made.returncode == 0, made.stderr
    for named in ({"CSTUI_USER": SOMEONE_ELSE}, {}):
        extra = [] if named else ["--user", SOMEONE_ELSE]
        promoted = _installed(
            {**process_env, **named}, *extra,
            "team", "add", SOMEONE_ELSE, "--role", "team_leader", "--limit", "99999",
        )  # fmt: skip
        assert promoted.returncode == 2
        source = "CSTUI_USER" if named else "--user"
        assert promoted.stderr.startswith(f"error: {source}: you are logged in as {ME};")
        assert "Traceback" not in promoted.stderr
        peeked = _installed({**process_env, **named}, *extra, "skills", "log", "list", "--json")
        assert peeked.returncode == 2 and peeked.stdout == ""
    roster = RosterFile(tmp_path / "data" / "team.toml").load()
    assert roster.names() == [ME, "carol"]
