"""A commit cut short between the manifest and the main document (a kill there) leaves a
store that checks clean, and the id it was about to give out is given out next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cstui.config import Settings
from cstui.store.file.files import atomic_write
from cstui.workspace import Workspace, open_workspace

FIELDS: dict[str, Any] = {
    "customer": {"name": "Jo Citizen", "phone": "0400 000 001"},
    "channel": "phone",
    "category": "Billing",
    "summary": "Charged twice",
}


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even the store's own error path."""


def _open(folder: Path) -> Workspace:
    return open_workspace(Settings(folder, "ann"))


def test_a_kill_before_the_main_document_is_written_leaves_no_false_alarm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    assert _open(folder).cases.log(FIELDS).id == "C-000001"

    def killed_at_the_main_document(path: Path, data: bytes, *args: Any) -> None:
        if path.name == "cases.json":
            raise Killed
        atomic_write(path, data, *args)

    monkeypatch.setattr("cstui.store.file.backend.atomic_write", killed_at_the_main_document)
    monkeypatch.setattr("cstui.store.file.backend.JOURNAL_LIMIT", 0)  # a save that folds
    with pytest.raises(Killed):
        _open(folder).cases.log(FIELDS)
    monkeypatch.undo()

    after = _open(folder)
    assert after.store.check().problems == []
    assert after.cases.log(FIELDS).id == "C-000002"
    health = _open(folder).store.check()
    assert health.ok and health.cases == 2


def test_a_kill_before_the_journal_line_is_written_leaves_no_false_alarm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    assert _open(folder).cases.log(FIELDS).id == "C-000001"

    def killed_at_the_line(self: Any, line: bytes, fresh: bool) -> None:
        raise Killed

    monkeypatch.setattr("cstui.store.file.journal.Journal.write", killed_at_the_line)
    with pytest.raises(Killed):
        _open(folder).cases.log(FIELDS)
    monkeypatch.undo()

    after = _open(folder)
    assert after.store.check().problems == []
    assert after.cases.log(FIELDS).id == "C-000002"
    health = _open(folder).store.check()
    assert health.ok and health.cases == 2
