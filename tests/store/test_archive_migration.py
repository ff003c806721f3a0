"""A store from before the archive is moved into it once, losing nothing; backups hold
the archive too."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from cstui.config import Settings
from cstui.errors import PermissionDenied, StoreError
from cstui.store import backend as backend_module
from cstui.store.backups import archive_of
from cstui.workspace import Workspace, open_workspace


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


def _legacy_store(folder: Path) -> dict[str, object]:
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
    (folder / "cases.json").write_bytes(orjson.dumps(main))
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
    assert ws.store.check().ok and ws.store.check().cases == 5


def test_an_interrupted_move_is_finished_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _legacy_store(tmp_path)
    real_write = backend_module.atomic_write

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


def test_a_daily_backup_links_the_archive_and_restore_brings_it_back(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    first = _log(ws, 1)
    _close(ws, first)
    made = ws.store.backup()
    saved = archive_of(made)
    live = tmp_path / "archive" / "cases-0000.json"
    assert (saved / "cases-0000.json").stat().st_ino == live.stat().st_ino
    closed_then = ws.cases.get(first)
    ws.cases.reopen(first, "customer rang again")
    assert (saved / "cases-0000.json").stat().st_ino != live.stat().st_ino
    ws.store.restore(made.name)
    assert ws.cases.get(first) == closed_then


def test_removing_personal_data_reaches_the_archive_in_backups(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    case_id = _log(ws, 7)
    _close(ws, case_id)
    made = ws.store.backup()
    assert b"0400000007" in b"".join(p.read_bytes() for p in archive_of(made).iterdir())
    done = ws.privacy.erase(phone="0400 000 007", email=None, apply=True)
    assert done.case_ids == [case_id] and done.backups_rewritten >= 2
    for path in [made, *archive_of(made).iterdir(), *(tmp_path / "archive").iterdir()]:
        assert b"0400000007" not in path.read_bytes(), path
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
