"""Run the CLI in-process against a data folder under tmp_path: every test that uses
``cli`` runs on the folder's file store and on a PostgreSQL server (as each person's own
database role), unless marked ``file_store_only`` with a reason."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import Cli
from tests.support.steps import STEP_OPTIONS
from tests.support.stores import ServerSignIn, stored_state
from tests.support.workspaces import set_utc_zone

MONDAY = "2026-01-05T10:00:00+00:00"
"""A Monday morning, UTC: the frozen clock for tests that need one."""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (the first command creates it)."""
    return tmp_path / "data"


@pytest.fixture
def cli(data_dir: Path, server: ServerSignIn | None) -> Cli:
    """The CLI on ``data_dir``, as alice (unless told otherwise) on the real clock, on the
    folder's files or on a server."""
    return Cli(data_dir, server=server)


@pytest.fixture
def utc(cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    """Local time and the policy's time zone both UTC, so printed times are exact (set in
    the folder before any server is opened: its first opener brings the folder's files)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert Cli(data_dir, cli.user)("team", "list").exit_code == 0  # creates the data folder
    set_utc_zone(data_dir)
    yield cli
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def step_options() -> dict[str, list[str]]:
    """Valid options for completing each step, by step name."""
    return STEP_OPTIONS


@pytest.fixture
def advance_to(cli: Cli) -> Callable[[str, str], dict[str, Any]]:
    """Advance a case until it is at the given step; return its JSON."""

    def run(case_id: str, step: str) -> dict[str, Any]:
        case: dict[str, Any] = cli.json("case", "show", case_id)
        while case["step"] != step:
            case = cli.json("case", "advance", case_id, *STEP_OPTIONS[case["step"]])
        return case

    return run


@pytest.fixture
def stored(data_dir: Path, server: ServerSignIn | None) -> Callable[[], object]:
    """What the store holds now (the folder's cases file, or the server's tables)."""
    return lambda: stored_state(data_dir, server)
