"""A store from before the archive is moved into it once, losing nothing; backups hold
the archive too."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path
from typing import Any

import orjson
import pytest
from tests.support.backups import copies, copy_of

from cstui.config import Settings
from cstui.errors import PermissionDenied, StoreError
from cstui.models.case import Case
from cstui.store.file import backend as backend_module
from cstui.store.file import files
from cstui.store.file.backups import Backups
from cstui.workspace import Workspace, open_workspace

pytestmark = pytest.mark.usefixtures("archive_at_once")


def _workspace(folder: Path) -> Workspace:
    return open_workspace(Settings(folder, "ann"))


def _close(ws: Workspace, case_id: str) -> None:
    for fields in (
        {"findings": "found"},
        {"promise": "we will fix it", "by": "2026-12-24"},
        {"action": "refund", "policy_clause": "4.2"},
        {"method": "phone", "said": "told them"},
        {"satisfied": True},
    ):
        ws.cases.advance(case_id, fields)


def _log(ws: Workspace, n: int) -> str:
    case = ws.cases.log(
        {
            "customer": {"name": f"Customer {n}", "phone": f"0400 000 {n:03d}"},
            "channel": "phone",
            "category": ws.policy.categories[0],
            "summary": f"Complaint {n}",
        }
    )
    return case.id


def _before_formats(main: dict[str, Any]) -> dict[str, Any]:
    """The main document as a store from before layout formats has it: no format stamp."""
    for row in main.get("meta", {}).values():
        row.pop("store_format", None)
    return main


def _legacy_store(folder: Path) -> dict[str, Case]:
    """A data folder laid out as before the archive: every case in cases.json."""
    ws = _workspace(folder)
    ids = [_log(ws, n) for n in range(5)]
    for case_id in ids[:3]:
        _close(ws, case_id)
    every = {c.id: c for c in ws.cases.find(_all())}
    main = orjson.loads((folder / "cases.json").read_bytes())
    for part in (folder / "archive").glob("cases-*.json"):
        main["cases"].update(orjson.loads(part.read_bytes())["cases"])
    shutil.rmtree(folder / "archive")
    (folder / "cases.json").write_bytes(orjson.dumps(_before_formats(main)))
    (folder / "cases.manifest").unlink()  # made before the store kept a manifest
    return every


def _all():
    from cstui.services.cases import CaseFilter

    return CaseFilter(status="all")


def test_an_old_single_file_store_is_moved_into_the_archive_once(tmp_path: Path) -> None:
    before = _legacy_store(tmp_path)
    ws = _workspace(tmp_path)
    assert any("moved 3 closed cases into archive/" in w for w in ws.warnings)
    after = {c.id: c for c in ws.cases.find(_all())}
    assert after == before
    main = orjson.loads((tmp_path / "cases.json").read_bytes())
    assert all(doc["step"] != "closed" for doc in main["cases"].values())
    assert len(ws.cases.find(_all())) == 5
    assert not any("moved" in w for w in _workspace(tmp_path).warnings)
    assert ws.store.check().problems == [] and ws.store.check().cases == 5


def test_an_interrupted_move_is_finished_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _legacy_store(tmp_path)
    real_write = files.atomic_write

    def main_fails(path: Path, payload: bytes) -> None:
        if path.name == "cases.json":
            raise StoreError("could not write cases.json: Input/output error")
        real_write(path, payload)

    monkeypatch.setattr(backend_module, "atomic_write", main_fails)
    with pytest.raises(StoreError):
        _workspace(tmp_path)
    monkeypatch.setattr(backend_module, "atomic_write", real_write)
    ws = _workspace(tmp_path)
    assert any("moved 3 closed cases" in w for w in ws.warnings)
    assert {c.id: c for c in ws.cases.find(_all())} == before


def test_a_backup_copies_the_archive_and_restore_brings_it_back(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    first = _log(ws, 1)
    _close(ws, first)
    made = ws.store.backup()
    saved = copy_of(made, "archive/cases-0000.json")
    live = tmp_path / "archive" / "cases-0000.json"
    assert saved.read_bytes() == live.read_bytes()
    assert saved.stat().st_ino != live.stat().st_ino and saved.stat().st_nlink == 1
    closed_then = ws.cases.get(first)
    ws.cases.reopen(first, "customer rang again")
    ws.store.restore(made.name)
    assert ws.cases.get(first) == closed_then


def test_removing_personal_data_reaches_the_archive_in_backups(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    case_id = _log(ws, 7)
    _close(ws, case_id)
    made = ws.store.backup()
    assert b"+61400000007" in b"".join(p.read_bytes() for p in copies(made))
    done = ws.privacy.erase(phone="0400 000 007", email=None, apply=True)
    assert done.case_ids == [case_id] and done.backups_rewritten >= 2
    assert not list((tmp_path / "backups").glob(".snapshot-*"))
    for path in [*(tmp_path / "backups").rglob("*.*"), *(tmp_path / "archive").iterdir()]:
        assert b"+61400000007" not in path.read_bytes(), path
    assert ws.cases.customer_history(phone="0400 000 007") == []


def test_only_a_team_leader_restores_a_backup(tmp_path: Path) -> None:
    leader = _workspace(tmp_path)
    leader.team.add("bob", "agent", "100")
    _log(leader, 1)
    made = leader.store.backup()
    bob = open_workspace(Settings(tmp_path, "bob"))
    with pytest.raises(PermissionDenied, match="only a team leader can restore"):
        bob.store.restore(made.name)
    assert leader.store.restore(made.name) is not None


# -- the first archive layout: one index of every block, 32 lookup files ----------------


def _to_first_layout(folder: Path) -> None:
    """Lay the archive out as the first layout did: every block in ``index``, 32 lookups."""
    main = folder / "cases.json"
    main.write_bytes(orjson.dumps(_before_formats(orjson.loads(main.read_bytes()))))
    (folder / "cases.manifest").unlink(missing_ok=True)  # made before the manifest
    archive = folder / "archive"
    blocks: dict[str, object] = {}
    lookups: dict[str, dict[str, dict[str, list[int]]]] = {}
    for path in sorted(archive.glob("index-*.json")):
        blocks.update(orjson.loads(path.read_bytes())["blocks"])
        path.unlink()
    for path in sorted(archive.glob("lookup-*.json")):
        for kind, keys in orjson.loads(path.read_bytes()).items():
            for key, numbers in keys.items():
                name = f"lookup-{zlib.crc32(key.encode()) % 32:02d}"
                lookups.setdefault(name, {}).setdefault(kind, {})[key] = numbers
        path.unlink()
    for name, tables in [("index", {"blocks": blocks}), *lookups.items()]:
        path = archive / f"{name}.json"
        path.write_bytes(orjson.dumps(tables))
        path.chmod(0o600)


def _first_layout_store(folder: Path) -> dict[str, Case]:
    """A data folder whose archive is in the first layout; every case, by id."""
    ws = _workspace(folder)
    ids = [_log(ws, n) for n in range(6)]
    for case_id in ids[:4]:
        _close(ws, case_id)
    every = {c.id: c for c in ws.cases.find(_all())}
    _to_first_layout(folder)
    first_layout = [p.stem for p in (folder / "archive").glob("lookup-*")]
    assert first_layout and all(len(name) == len("lookup-00") for name in first_layout)
    return every


def _answers(ws: Workspace) -> tuple[object, ...]:
    """What readers of the archive see: every case, and a caller's history."""
    history = [c.id for c in ws.cases.customer_history(phone="0400 000 002")]
    return {c.id: c for c in ws.cases.find(_all())}, history


def _first_layout_left(folder: Path) -> list[str]:
    archive = folder / "archive"
    old = [p.name for p in archive.glob("lookup-??.json")]
    index = orjson.loads((archive / "index.json").read_bytes())
    return old + (["index.json"] if "blocks" in index else [])


def test_a_first_layout_archive_is_split_once_losing_nothing(tmp_path: Path) -> None:
    before = _first_layout_store(tmp_path)
    ws = _workspace(tmp_path)
    assert any("split the index and lookup files of archive/" in w for w in ws.warnings)
    assert _answers(ws) == (before, ["C-000003"])
    assert _first_layout_left(tmp_path) == []
    names = sorted(p.stem for p in (tmp_path / "archive").glob("*.json"))
    assert "index-000" in names and all(len(n) == len("lookup-000") for n in names if "lookup" in n)
    assert not any("split" in w for w in _workspace(tmp_path).warnings)
    health = ws.store.check()
    assert health.ok and health.cases == 6
    assert _log(ws, 9) == "C-000007"


class Crash(BaseException):
    """The process dies here."""


@pytest.mark.parametrize("where", ["after the new files", "before index switches"])
def test_a_split_cut_short_is_done_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    before = _first_layout_store(tmp_path)
    real_write = files.atomic_write_all

    def crash_on_index(writes, sync_folder=True) -> None:
        if any(path.name == "index.json" for path, _ in writes):
            raise Crash
        real_write(writes, sync_folder)

    def crash(paths) -> None:
        raise Crash

    with monkeypatch.context() as patch, pytest.raises(Crash):
        if where == "after the new files":
            patch.setattr(backend_module, "remove_files", crash)
        else:
            patch.setattr(backend_module, "atomic_write_all", crash_on_index)
        _workspace(tmp_path)
    assert "index.json" in _first_layout_left(tmp_path)
    assert (tmp_path / "archive" / "index-000.json").exists()
    ws = _workspace(tmp_path)
    assert any("split the index" in w for w in ws.warnings)
    assert _answers(ws) == (before, ["C-000003"])
    assert _first_layout_left(tmp_path) == []
    assert ws.store.check().ok


def test_a_backup_in_the_first_layout_is_scrubbed_and_restored(tmp_path: Path) -> None:
    before = _first_layout_store(tmp_path)
    backups = Backups(tmp_path / "cases.json")  # a backup of the first layout, as it is
    made = backups.finish(backups.take("cases-2026-03-01T090000.json", None))
    ws = _workspace(tmp_path)
    assert _first_layout_left(tmp_path) == []
    assert ws.privacy.erase(phone="0400 000 001", email=None, apply=True).case_ids == ["C-000002"]
    for path in [*(tmp_path / "backups").rglob("*.*"), *(tmp_path / "archive").iterdir()]:
        assert b"0400000001" not in path.read_bytes(), path
    ws.store.restore(made.name)
    assert _first_layout_left(tmp_path) == []
    restored = {c.id: c for c in _workspace(tmp_path).cases.find(_all())}
    assert restored.keys() == before.keys()
    assert restored["C-000002"].customer.phone is None
    assert _workspace(tmp_path).cases.customer_history(phone="0400 000 002")[0].id == "C-000003"
