"""Backups are copies that damage to a live file never reaches; restore verifies the
backup, brings the archive back too, keeps what it replaced as a restore point and
never lets an id be issued twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from tests.support.backups import copies, copy_of

from cstui.config import Settings
from cstui.errors import StoreError
from cstui.store.file import backups as backups_module
from cstui.store.file import files as files_module
from cstui.store.file.lock import FileLock
from cstui.workspace import Workspace, open_workspace

pytestmark = pytest.mark.usefixtures("archive_at_once")

BLOCK = "archive/cases-0000.json"


def _workspace(folder: Path) -> Workspace:
    return open_workspace(Settings(folder, "ann"))


def _log(ws: Workspace, n: int) -> str:
    fields = {
        "customer": {"name": f"Customer {n}", "phone": f"0400 000 {n:03d}"},
        "channel": "phone",
        "category": ws.policy.categories[0],
        "summary": f"Complaint {n}",
    }
    return ws.cases.log(fields).id


def _close(ws: Workspace, case_id: str) -> None:
    for fields in (
        {"findings": "found"},
        {"promise": "we will fix it", "by": "2026-12-24"},
        {"action": "refund", "policy_clause": "4.2"},
        {"method": "phone", "said": "told them"},
        {"satisfied": True},
    ):
        ws.cases.advance(case_id, fields)


def _closed(ws: Workspace, first: int, count: int) -> list[str]:
    ids = [_log(ws, n) for n in range(first, first + count)]
    for case_id in ids:
        _close(ws, case_id)
    return ids


def _every_id(ws: Workspace) -> set[str]:
    from cstui.services.cases import CaseFilter

    return {c.id for c in ws.cases.find(CaseFilter(status="all"))}


def test_damage_in_place_to_a_block_never_reaches_a_backup(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    closed = _closed(ws, 1, 5)
    made = ws.store.backup()
    block = tmp_path / BLOCK
    good = block.read_bytes()
    with open(block, "r+b") as handle:  # damage in place: every hard link would share it
        handle.write(b'{"cases": {}}' + b" " * (len(good) - 13))
    assert copy_of(made, BLOCK).read_bytes() == good
    assert ws.store.backups()[0] == made and ws.store.check().newest_backup == made

    health = ws.store.check()
    assert not health.ok
    assert f"{block} has been changed outside cstui (it held 5 cases)" in health.problems
    with pytest.raises(StoreError, match=rf"{block} has been changed outside cstui.*{made.name}"):
        _closed(ws, 6, 1)  # a write that touches the damaged block
    assert block.read_bytes() != good

    ws.store.restore(made.name)
    assert block.read_bytes() == good
    assert _every_id(_workspace(tmp_path)) == set(closed)  # C-000006 was never closed
    assert _workspace(tmp_path).store.check().ok


def test_restoring_an_old_backup_loses_no_case_and_reissues_no_id(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    early = _closed(ws, 1, 10)
    made = ws.store.backup()
    later = _closed(ws, 11, 50)
    assert later[-1] == "C-000060"

    point = ws.store.restore(made.name)
    assert point is not None and point in ws.store.backups()
    ws = _workspace(tmp_path)
    assert _every_id(ws) == set(early)
    assert sorted(p.name for p in (tmp_path / "archive").glob("cases-*.json")) == [
        "cases-0000.json"
    ]
    assert _log(ws, 61) == "C-000061"  # never a second C-000011
    assert ws.store.check().ok

    ws.store.restore(point.name)  # the restore point brings the 50 back
    ws = _workspace(tmp_path)
    assert _every_id(ws) == {*early, *later}
    assert _log(ws, 62) == "C-000062"  # C-000061, issued before, stays issued
    assert ws.store.check().ok


def test_restore_refuses_a_backup_that_does_not_verify(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    _closed(ws, 1, 2)
    older = ws.store.backup()
    (tmp_path / "backups" / "cases-2000-01-01.json").write_bytes(b"{}")  # no manifest
    newer = ws.store.backup()
    assert newer != older
    newer.write_bytes(b'{"cases": {}}')  # its copy of the main document
    before = (tmp_path / "cases.json").read_bytes()
    with pytest.raises(StoreError, match=f"the backup {newer.name} is damaged"):
        ws.store.restore(newer.name)
    with pytest.raises(StoreError, match="has no readable manifest"):
        ws.store.restore("cases-2000-01-01.json")
    assert (tmp_path / "cases.json").read_bytes() == before
    assert ws.store.check().newest_backup == older  # the newest that verifies


def test_backups_share_unchanged_copies_and_drop_unnamed_ones(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    _closed(ws, 1, 3)
    first = ws.store.backup()
    _log(ws, 4)  # only the main document changes
    second = ws.store.backup()
    assert copy_of(first, BLOCK) == copy_of(second, BLOCK)
    assert all(p.stat().st_nlink == 1 for p in copies(second))
    first.with_suffix(".manifest").unlink()
    first.unlink()
    second.with_suffix(".manifest").unlink()
    second.unlink()
    ws.store.backup()
    named = {p.name for p in copies(ws.store.backups()[0])}
    assert {p.name for p in (tmp_path / "backups" / "blocks").iterdir()} <= named


def test_copying_happens_outside_the_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(tmp_path)
    _closed(ws, 1, 3)
    held: list[bool] = []
    real = files_module.atomic_write_all

    def copying(writes: list[tuple[Path, bytes]]) -> None:
        other = FileLock(tmp_path / "cases.json.lock", timeout=0)
        try:
            with other.hold():
                held.append(False)
        except StoreError:
            held.append(True)
        real(writes)

    monkeypatch.setattr(backups_module, "atomic_write_all", copying)
    made = ws.store.backup()
    assert held and not any(held)  # another terminal could take the lock meanwhile
    assert not ws.store.backups()[0].name.endswith("before-restore.json")
    assert copy_of(made, BLOCK).read_bytes() == (tmp_path / BLOCK).read_bytes()


def test_erasure_reaches_every_backup_and_restore_point(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    case_id = _closed(ws, 7, 1)[0]
    made = ws.store.backup()
    point = ws.store.restore(made.name)
    assert point is not None
    done = ws.privacy.erase(phone="0400 000 007", email=None, apply=True)
    assert done.case_ids == [case_id]
    for path in [*tmp_path.rglob("*.json"), *tmp_path.rglob("*.manifest")]:
        assert b"0400000007" not in path.read_bytes(), path
    assert not _workspace(tmp_path).store.check().problems
    for backup in (made, point):  # each still verifies, and can be restored
        assert backups_module.Backups(tmp_path / "cases.json").problem(backup) == ""


def test_a_restore_cut_short_is_finished_at_the_next_start(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    early = _closed(ws, 1, 2)
    made = ws.store.backup()
    _closed(ws, 3, 2)
    saved = tmp_path.parent / "saved"
    shutil.copytree(tmp_path, saved)
    ws.store.restore(made.name)
    done = (tmp_path / "cases.json").read_bytes()
    # As a restore killed after its journal: the store as it was, the journal in place.
    journal = orjson.dumps({"backup": made.name, "highest": 4})
    shutil.rmtree(tmp_path)
    shutil.copytree(saved, tmp_path)
    (tmp_path / "cases.restoring").write_bytes(journal)
    ws = _workspace(tmp_path)
    assert not (tmp_path / "cases.restoring").exists()
    assert (tmp_path / "cases.json").read_bytes() == done
    assert _every_id(ws) == set(early)
    assert ws.store.check().ok
