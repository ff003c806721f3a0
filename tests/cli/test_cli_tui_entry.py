"""cstui with no command opens the TUI (replaced here by a recorder)."""

from __future__ import annotations

import pytest

import cstui.tui.launch
from cstui.workspace import Workspace


@pytest.fixture
def opened(monkeypatch):
    """Record each run_tui call instead of starting Textual."""
    calls: list[tuple[Workspace, str | None]] = []

    def fake_run_tui(workspace: Workspace, caller: str | None = None) -> None:
        calls.append((workspace, caller))

    monkeypatch.setattr(cstui.tui.launch, "run_tui", fake_run_tui)
    return calls


def test_no_command_opens_the_tui(cli, data_dir, opened) -> None:
    result = cli()
    assert result.exit_code == 0
    assert "created data folder" in result.stderr
    [(workspace, caller)] = opened
    assert caller is None
    assert workspace.user == "alice"
    assert workspace.settings.data_dir == data_dir


def test_caller_opens_on_that_phone(cli, opened) -> None:
    result = cli("--caller", "+61 412 345 678", user="bob")
    assert result.exit_code == 0
    [(workspace, caller)] = opened
    assert caller == "+61412345678"
    assert workspace.user == "bob"


def test_bad_caller(cli, opened) -> None:
    line = cli.error("--caller", "not-a-number")
    assert line.startswith("error: --caller: is not a phone number")
    assert opened == []


def test_caller_takes_no_subcommand(cli, data_dir, opened) -> None:
    result = cli("--caller", "0412345678", "case", "list")
    assert result.exit_code == 2
    assert "--caller" in result.stderr
    assert opened == []


def test_crash_in_the_tui_is_one_line(cli, monkeypatch) -> None:
    def broken(workspace: Workspace, caller: str | None = None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cstui.tui.launch, "run_tui", broken)
    line = cli.error(code=1)
    assert line == "error: unexpected RuntimeError: boom (please report this)"
