"""Everyday saves go to the main document's journal: read by every terminal, folded into
the main document when it grows, when a backup is made and when something is erased, and
safe from a kill at each of its writes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
import pytest
from tests.support.kills import FIELDS, Killed, open_folder
from tests.support.main_document import folded

from cstui.errors import StoreError
from cstui.store.file import reading as reading_module
from cstui.store.file.backend import JSONFileBackend

_open = open_folder


def _journal(folder: Path) -> Path:
    return folder / "cases.journal"


def _lines(folder: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in _journal(folder).read_bytes().splitlines()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A store with one case logged (its first write makes the main document)."""
    data = tmp_path / "data"
    assert _open(data).cases.log(FIELDS).id == "C-000001"
    return data


def test_a_save_appends_one_line_and_leaves_the_main_document_alone(folder: Path) -> None:
    main = (folder / "cases.json").read_bytes()
    ws = _open(folder)
    noted = ws.cases.note("C-000001", "Called back")
    logged = ws.cases.log(FIELDS)
    assert (folder / "cases.json").read_bytes() == main
    lines = _lines(folder)
    assert len(lines) == 2
    assert set(lines[0]["set"]["cases"]) == {"1"}  # only the case that changed
    assert set(lines[1]["set"]["cases"]) == {"2"}
    other = _open(folder)  # another terminal reads the main document and the journal
    assert other.cases.get(noted.id).version == noted.version
    assert other.cases.get(logged.id).customer.name == "Jo Citizen"
    assert other.store.check().problems == []


def test_a_terminal_open_before_another_saves_sees_the_save(folder: Path) -> None:
    watching = _open(folder)
    assert [b.id for b in watching.briefs.all()] == ["C-000001"]
    _open(folder).cases.log(FIELDS)
    _open(folder).cases.note("C-000001", "Second terminal")
    assert [b.id for b in watching.briefs.all()] == ["C-000001", "C-000002"]
    assert watching.cases.get("C-000001").version == 2
    saved = watching.cases.note("C-000002", "And back")  # its own save builds on theirs
    assert _open(folder).cases.get("C-000002").version == saved.version


def test_the_journal_is_folded_into_the_main_document_once_it_is_full(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cstui.store.file.backend.JOURNAL_LIMIT", 1)
    ws = _open(folder)
    ws.cases.note("C-000001", "Goes to the journal")
    assert _journal(folder).exists()
    ws.cases.note("C-000001", "Folds the journal")
    main = orjson.loads((folder / "cases.json").read_bytes())
    assert main["cases"]["1"]["version"] == 3
    (first,) = _lines(folder)  # says what it follows; the lines folded are set aside
    assert first["folded"] and set(first["set"]["cases"]) == {"1"}
    assert b"Goes to the journal" in (folder / "cases.journal.prev").read_bytes()
    assert _open(folder).cases.get("C-000001").version == 3
    assert _open(folder).store.check().problems == []


def test_a_terminal_reading_along_takes_a_fold_without_reading_the_main_document(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watching = _open(folder)
    assert watching.cases.get("C-000001").version == 1
    writer = _open(folder)
    writer.cases.note("C-000001", "Read by the watching terminal")
    assert watching.cases.get("C-000001").version == 2
    writer.cases.log(FIELDS)  # not read yet when the journal is folded
    monkeypatch.setattr("cstui.store.file.backend.JOURNAL_LIMIT", 1)
    writer.cases.note("C-000001", "Folds the journal")
    monkeypatch.undo()
    read: list[Path] = []
    real = reading_module.read_file

    def counted(path: Path, known: Any) -> Any:
        key, raw = real(path, known)
        if raw:  # read, not only looked at
            read.append(path)
        return key, raw

    monkeypatch.setattr(reading_module, "read_file", counted)
    assert watching.cases.get("C-000001").version == 3
    assert [b.id for b in watching.briefs.all()] == ["C-000001", "C-000002"]
    assert folder / "cases.json" not in read  # what it held, the rest of the old journal
    monkeypatch.undo()
    assert watching.cases.note("C-000002", "And on").version == 2
    fresh = _open(folder)
    assert fresh.cases.get("C-000002").version == 2 and fresh.store.check().problems == []


def test_an_erasure_leaves_no_journal_set_aside(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _open(folder)
    ws.cases.note("C-000001", "Jo rang about the charge")
    monkeypatch.setattr("cstui.store.file.backend.JOURNAL_LIMIT", 1)
    ws.cases.note("C-000001", "Folds the journal")
    monkeypatch.undo()
    assert b"Jo Citizen" in (folder / "cases.journal.prev").read_bytes()
    ws.privacy.erase(phone="0400 000 001", email=None, apply=True)
    assert not (folder / "cases.journal.prev").exists()
    assert b"Jo Citizen" not in _journal(folder).read_bytes()


def test_a_backup_holds_everything_and_no_journal(folder: Path) -> None:
    ws = _open(folder)
    ws.cases.note("C-000001", "Before the backup")
    made = ws.store.backup()
    assert _journal(folder).read_bytes() == b""
    assert orjson.loads(made.read_bytes())["cases"]["1"]["version"] == 2
    ws.cases.note("C-000001", "After the backup")
    ws.store.restore(made.name)
    restored = _open(folder)
    assert restored.cases.get("C-000001").version == 2
    assert _journal(folder).read_bytes() == b""
    assert restored.store.check().problems == []


def test_an_erasure_leaves_nothing_of_the_customer_in_a_journal(folder: Path) -> None:
    ws = _open(folder)
    ws.cases.note("C-000001", "Jo rang about the charge")
    assert b"Jo Citizen" in _journal(folder).read_bytes()
    ws.privacy.erase(phone="0400 000 001", email=None, apply=True)
    assert _journal(folder).read_bytes() == b""
    assert b"Jo Citizen" not in (folder / "cases.json").read_bytes()


def test_a_kill_in_the_middle_of_a_line_loses_nothing_acknowledged(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(folder).cases.note("C-000001", "Acknowledged")
    real = os.write

    def half_then_killed(fd: int, data: Any) -> int:
        if bytes(data[:9]) == b'{"base":"':
            real(fd, bytes(data[: len(data) // 2]))
            raise Killed
        return real(fd, data)

    monkeypatch.setattr(os, "write", half_then_killed)  # the line's write only
    with pytest.raises(Killed):
        _open(folder).cases.log(FIELDS)
    monkeypatch.undo()
    assert not _journal(folder).read_bytes().endswith(b"\n")

    reader = _open(folder)  # a reader passes over the cut line
    assert [b.id for b in reader.briefs.all()] == ["C-000001"]
    assert reader.cases.get("C-000001").version == 2
    after = _open(folder)
    assert after.cases.log(FIELDS).id == "C-000002"  # the id never given out, given now
    assert _journal(folder).read_bytes().endswith(b"\n")
    health = _open(folder).store.check()
    assert health.ok and health.cases == 2


def test_a_kill_after_a_fold_wrote_the_main_document_leaves_an_old_journal_unread(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(folder).cases.note("C-000001", "In the journal")
    old = _journal(folder).read_bytes()
    _open(folder).store.backup()  # folds: the journal is gone, the main document has it
    _journal(folder).write_bytes(old)  # as if the fold was killed before removing it
    _journal(folder).chmod(0o600)
    ws = _open(folder)
    assert ws.cases.get("C-000001").version == 2  # not applied twice, not refused
    assert ws.store.check().problems == []
    assert ws.cases.note("C-000001", "Next").version == 3
    assert _lines(folder)[0]["base"] != orjson.loads(old.splitlines()[0])["base"]


def test_a_journal_deleted_outside_cstui_stops_the_next_write(folder: Path) -> None:
    _open(folder).cases.note("C-000001", "Only in the journal")
    _journal(folder).unlink()
    ws = _open(folder)
    assert any("cases.journal is missing" in p for p in ws.store.check().problems)
    with pytest.raises(StoreError, match=r"cases\.journal is missing"):
        ws.cases.note("C-000001", "Would build on a lost save")


def test_a_journal_changed_outside_cstui_is_found(folder: Path) -> None:
    ws = _open(folder)
    ws.cases.note("C-000001", "Called back")
    ws.cases.note("C-000001", "Rang again")
    raw = _journal(folder).read_bytes()
    for edited in (
        raw.replace(b"Called back", b"Never rang"),  # a line edited
        raw.replace(b"Rang again", b"Rang twice"),  # the last line edited
        b"".join(raw.splitlines(keepends=True)[1:]),  # the first line taken out
    ):
        _journal(folder).write_bytes(edited)
        ws = _open(folder)
        problems = ws.store.check().problems
        assert any("cases.journal is damaged" in p for p in problems), problems
        with pytest.raises(StoreError, match="damaged"):
            ws.cases.note("C-000001", "On top of a changed line")
    _journal(folder).write_bytes(raw)
    assert _open(folder).store.check().problems == []


def test_a_damaged_line_is_named_not_passed_over(folder: Path) -> None:
    _open(folder).cases.note("C-000001", "Called back")
    _journal(folder).write_bytes(b'{"base": 1}\n')
    with pytest.raises(StoreError, match=r"cases.journal is damaged"):
        JSONFileBackend(folder / "cases.json").snapshot()


def test_a_link_in_place_of_the_journal_is_not_followed(folder: Path, tmp_path: Path) -> None:
    _open(folder).cases.note("C-000001", "Called back")
    elsewhere = tmp_path / "elsewhere"
    _journal(folder).rename(elsewhere)
    _journal(folder).symlink_to(elsewhere)
    with pytest.raises(StoreError):
        _open(folder).cases.note("C-000001", "Through a link")
    assert b"Through a link" not in elsewhere.read_bytes()


def test_the_folded_main_document_is_what_terminals_read(folder: Path) -> None:
    ws = _open(folder)
    ws.cases.note("C-000001", "One")
    ws.cases.log(FIELDS)
    before = {b.id: b.version for b in _open(folder).briefs.all()}
    main = folded(folder)
    assert _journal(folder).read_bytes() == b""
    assert {str(k) for k in main["cases"]} == {"1", "2"}
    assert {b.id: b.version for b in _open(folder).briefs.all()} == before


def test_a_restore_never_gives_out_again_a_number_only_the_journal_holds(folder: Path) -> None:
    ws = _open(folder)
    made = ws.store.backup()
    assert ws.cases.log(FIELDS).id == "C-000002"  # in the journal only
    (folder / "cases.json").chmod(0o644)  # the store cannot be read: nothing is folded
    with pytest.raises(StoreError):
        _open(folder).cases.get("C-000001")
    ws.store.restore(made.name)
    assert _open(folder).cases.log(FIELDS).id == "C-000003"


def test_a_pipe_in_place_of_the_journal_is_refused_not_waited_on(folder: Path) -> None:
    _journal(folder).unlink()
    os.mkfifo(_journal(folder), 0o600)
    with pytest.raises(StoreError, match="not a plain file"):
        _open(folder).cases.get("C-000001")
