"""The installed entry point in a real process: env vars, exit codes, no Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.support.cli import command, process_env

from cstui.config import os_account

ME = os_account()
"""The OS account running the tests: who the installed ``cstui`` says you are."""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A process environment whose home, XDG folder and data folder are all in tmp_path;
    the user is the OS account running the tests, as for anyone who runs ``cstui``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    return {
        **base,
        "HOME": str(tmp_path / "proc-home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "CSTUI_DATA_DIR": str(tmp_path / "data"),
    }


def cstui(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cstui ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "cstui", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_first_run_new_and_list(env, tmp_path) -> None:
    new = cstui(
        env, "case", "new", "--customer", "Zoë 😀", "--email", "zoe@example.com",
        "--summary", "Parcel never came", "--category", "delivery", "--channel", "web", "--json",
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    assert new.stderr == (
        f"cstui: created data folder {tmp_path / 'data'} (you are its team leader)\n"
    )
    case = json.loads(new.stdout)
    assert case["id"] == "C-000001"
    assert case["customer"]["name"] == "Zoë 😀"
    assert case["created_by"] == ME
    listed = cstui(env, "case", "list", "--json")
    assert listed.returncode == 0
    assert listed.stderr == ""
    [item] = json.loads(listed.stdout)
    assert item["id"] == "C-000001"
    assert item["category"] == "Delivery"
    assert item["due"]["kind"] == "acknowledge"
    assert not (tmp_path / "proc-home").exists()
    assert not (tmp_path / "xdg").exists()


def test_the_installed_script_keeps_the_real_clock(env) -> None:
    """No environment variable can set the time the app stamps on what it stores."""
    frozen = {**env, "CSTUI_NOW": "2001-01-01T00:00:00+00:00", "TZ": "UTC"}
    before = datetime.now(UTC)
    new = cstui(
        frozen, "case", "new", "--customer", "Jo", "--phone", "0412345678",
        "--summary", "x", "--category", "Billing", "--channel", "phone", "--json",
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    stamped = datetime.fromisoformat(json.loads(new.stdout)["created_at"])
    assert before - timedelta(seconds=5) <= stamped <= datetime.now(UTC)


def test_the_test_entry_point_freezes_the_clock(env) -> None:
    """The suite's own entry point (never installed) hands the CLI a frozen clock."""
    done = subprocess.run(
        [*command("2026-01-05T10:00:00+00:00"), "case", "new", "--customer", "Jo",
         "--phone", "0412345678", "--summary", "x", "--category", "Billing",
         "--channel", "phone", "--json"],
        env=process_env(env), capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created_at"].startswith("2026-01-05T10:00:00")


def test_xdg_default_and_user_option(env, tmp_path) -> None:
    del env["CSTUI_DATA_DIR"]
    result = cstui(env, "--user", ME, "team", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert f"created data folder {tmp_path / 'xdg' / 'cstui'}" in result.stderr
    assert json.loads(result.stdout)[0]["name"] == ME


def test_error_exit_codes(env, tmp_path) -> None:
    unknown = cstui(env, "case", "show", "C-000007")
    assert unknown.returncode == 2
    assert unknown.stdout == ""
    assert unknown.stderr.splitlines()[-1] == "error: there is no case C-000007"
    assert "Traceback" not in unknown.stderr
    store = tmp_path / "data" / "cases.json"
    store.write_bytes(b"\x00garbage")
    broken = cstui(env, "case", "list")
    assert broken.returncode == 1
    assert broken.stderr.startswith(f"error: the store file {store} is damaged")
    assert "Traceback" not in broken.stderr
    assert store.read_bytes() == b"\x00garbage"


SCRIPT = """
import sys
from cstui.cli import main
for args in sys.argv[1:]:
    try:
        main(args.split(), standalone_mode=True)
    except SystemExit as exc:
        assert exc.code == 0, (args, exc.code)
print(sorted(m for m in sys.modules if m.startswith(("textual", "cstui.tui"))))
"""


def test_subcommands_do_not_import_textual(env) -> None:
    commands = [
        "case new --customer Jo --phone 0412345678 --summary x --category Other --channel phone",
        "case list --all",
        "case show C-000001 --json",
        "case advance C-000001 --findings y",
        "customer history --phone 0412345678",
        "team list",
    ]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *commands],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
