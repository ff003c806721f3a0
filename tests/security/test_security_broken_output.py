"""A broken standard output (a full disk, a closed pipe) ends quietly with exit 1, after
saying on stderr that nothing was lost; the change the command made is stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NEW_CASE = ("case", "new", "--customer", "Jo", "--phone", "0412345678", "--summary", "x",
            "--category", "Billing", "--channel", "phone")  # fmt: skip
SAID = "nothing was lost"


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    return {**env, "CSTUI_DATA_DIR": str(data_dir)}


def _run(data_dir: Path, args: tuple[str, ...], stdout: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cstui", *args],
        env=_env(data_dir),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


def _stored_ids(data_dir: Path) -> list[str]:
    listed = subprocess.run(
        [sys.executable, "-m", "cstui", "case", "list", "--json"],
        env=_env(data_dir), capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return [c["id"] for c in json.loads(listed.stdout)]


def _closed_pipe() -> tuple[int, int]:
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: like `| head -0` once head has gone
    return read, write


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [NEW_CASE, (*NEW_CASE, "--json")], ids=["text", "json"])
def test_a_full_disk_on_stdout_keeps_the_case_and_says_so(tmp_path: Path, args) -> None:
    data_dir = tmp_path / "data"
    with open("/dev/full", "w") as full:
        done = _run(data_dir, args, full.fileno())
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert SAID in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("cstui: the output could not")
    assert _stored_ids(data_dir) == ["C-000001"]


@pytest.mark.parametrize(
    "args", [NEW_CASE, ("case", "list", "--json"), ("team", "list")], ids=" ".join
)
def test_a_closed_pipe_on_stdout_ends_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    data_dir = tmp_path / "data"
    if args != NEW_CASE:
        with open(os.devnull, "w") as null:
            assert _run(data_dir, NEW_CASE, null.fileno()).returncode == 0
    _, write = _closed_pipe()
    try:
        done = _run(data_dir, args, write)
    finally:
        os.close(write)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert SAID in done.stderr
    assert _stored_ids(data_dir) == ["C-000001"]
