"""A commit cut short between the manifest and the main document (a kill there) leaves a
store that checks clean, and the id it was about to give out is given out next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support.kills import FIELDS, Killed, next_write_is_clean, open_folder

from cstui.store.file.files import atomic_write

_open = open_folder


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

    next_write_is_clean(folder, "C-000002")


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

    next_write_is_clean(folder, "C-000002")
