"""Every app error maps to one stderr line and the documented exit code."""

from __future__ import annotations

from datetime import UTC, datetime

import click
import pytest
from click.testing import CliRunner

from cstui.cli.command import reporting
from cstui.errors import (
    ConfigError,
    ConflictError,
    FieldProblem,
    InputError,
    NotFound,
    PermissionDenied,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    WorkflowError,
)


def run_raising(error: BaseException, options: dict[str, str] | None = None):
    """Invoke a throwaway command that raises ``error`` inside ``reporting``."""

    @click.command()
    def failing() -> None:
        with reporting(options):
            raise error

    return CliRunner().invoke(failing, [], catch_exceptions=False)


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        (WorkflowError("steps cannot be skipped"), 2, "error: steps cannot be skipped"),
        (PermissionDenied("leaders only"), 2, "error: leaders only"),
        (NotFound("there is no case C-000009"), 2, "error: there is no case C-000009"),
        (StoreError("cannot read"), 1, "error: cannot read"),
        (StoreBusyError("the store is busy"), 1, "error: the store is busy"),
        (StoreCorruptError("damaged"), 1, "error: damaged"),
        (ConfigError("policy.toml: key x"), 1, "error: policy.toml: key x"),
        (PermissionError(13, "Permission denied", "/data/cases.json"), 1,
         "error: Permission denied (/data/cases.json)"),
        (ValueError("a bug\nover lines"), 1,
         "error: unexpected ValueError: a bug over lines (please report this)"),
    ],
)  # fmt: skip
def test_error_maps_to_exit_code(error, code, line) -> None:
    result = run_raising(error)
    assert result.exit_code == code
    assert result.stderr == line + "\n"
    assert result.stdout == ""


def test_conflict_is_the_users() -> None:
    error = ConflictError("C-000001", "bob", datetime(2026, 1, 5, 10, 0, tzinfo=UTC))
    result = run_raising(error)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: C-000001 was changed by bob at ")
    assert result.stderr.endswith("your change was not saved\n")


def test_input_problems_name_options() -> None:
    error = InputError([FieldProblem("policy_clause", "is required"), FieldProblem("x", "bad")])
    result = run_raising(error, {"policy_clause": "--policy"})
    assert result.exit_code == 2
    assert result.stderr == "error: --policy: is required; x: bad\n"
