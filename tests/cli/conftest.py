"""Run the CLI in-process against a data folder under tmp_path."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from tests.support.cli import invoke
from tests.support.steps import STEP_OPTIONS

MONDAY = "2026-01-05T10:00:00+00:00"
"""A Monday morning, UTC: the frozen clock for tests that need one."""


@dataclass
class Cli:
    """``cli("case", "list")`` runs ``cstui --data-dir <tmp> --user alice case list``."""

    data_dir: Path

    def __call__(self, *args: str, user: str = "alice", now: str | None = None) -> Result:
        result = invoke(
            ["--data-dir", str(self.data_dir), "--user", user, *args],
            now=now,
            catch_exceptions=False,
        )
        assert "Traceback" not in result.output
        return result

    def json(self, *args: str, user: str = "alice", now: str | None = None) -> Any:
        """Run with ``--json``; it must succeed with one JSON document on stdout."""
        result = self(*args, "--json", user=user, now=now)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def new_case(self, *extra: str, user: str = "alice", now: str | None = None) -> dict[str, Any]:
        """Log a valid case (``extra`` options override), returning its JSON."""
        args = [
            "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
            "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
            *extra,
        ]  # fmt: skip
        case: dict[str, Any] = self.json(*args, user=user, now=now)
        return case

    def error(self, *args: str, code: int = 2, user: str = "alice") -> str:
        """Run expecting failure with ``code``; return the single stderr line."""
        result = self(*args, user=user)
        assert result.exit_code == code, result.output
        lines = result.stderr.splitlines()
        errors = [line for line in lines if not line.startswith("cstui: ")]
        assert len(errors) == 1, result.stderr
        assert errors[0].startswith("error: ")
        assert result.stdout == ""
        return errors[0]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (the first command creates it)."""
    return tmp_path / "data"


@pytest.fixture
def cli(data_dir: Path) -> Cli:
    """The CLI on ``data_dir``, as alice unless told otherwise."""
    return Cli(data_dir)


@pytest.fixture
def utc(cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    """Local time and the policy's time zone both UTC, so printed times are exact."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert cli("team", "list").exit_code == 0  # creates the data folder
    policy = data_dir / "policy.toml"
    policy.write_text(policy.read_text().replace('timezone = ""', 'timezone = "UTC"'))
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
