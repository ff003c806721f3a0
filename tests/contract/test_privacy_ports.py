"""Erasures journalled through the admin port, finished by the next start, and a
customer's data exported, the same on every store."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.contract.conftest import START, Clock, new_case
from tests.support.stores import STORE_KINDS, SharedMemoryStore

from cstui.config import Settings
from cstui.domain.privacy import redact
from cstui.errors import PermissionDenied
from cstui.store.ports import Erasure, Stores
from cstui.workspace import Workspace, open_workspace

FIELDS = {
    "customer": {"name": "Jo Citizen", "phone": "0412 345 678", "email": "jo@example.com"},
    "channel": "phone",
    "category": "Billing",
    "summary": "Charged twice",
}


def test_an_erasure_is_journalled_until_it_ends(stores: Stores, tick: Clock) -> None:
    journal = stores.admin.erasures()
    assert journal.unfinished() == []
    case = new_case(stores, START)
    erasure = Erasure("e1", "alice", "asked", (case.id,), (Erasure.trace("phone", "0412345678"),))
    journal.begin(erasure)
    assert stores.admin.erasures().unfinished() == [erasure]
    done = stores.cases.save(redact(case, "alice", tick(), "asked"), case.version)
    redacting = lambda c: redact(c, "alice", tick(), "asked")  # noqa: E731
    assert journal.forget_elsewhere([done], erasure.traces, redacting) >= 0
    journal.end(erasure)
    assert stores.admin.erasures().unfinished() == []
    assert stores.admin.verify().ok


def _open(kind: str, data: Path, opener: SharedMemoryStore | None, user: str) -> Workspace:
    return open_workspace(Settings(data, user), clock=Clock(), stores=opener)


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_the_next_start_finishes_an_erasure_cut_short(kind: str, tmp_path: Path) -> None:
    opener = SharedMemoryStore() if kind == "memory" else None
    ws = _open(kind, tmp_path / "data", opener, "alice")
    case = ws.cases.log(FIELDS)
    ws.stores.admin.erasures().begin(Erasure("cut-short", "alice", "asked", (case.id,)))
    again = _open(kind, tmp_path / "data", opener, "bob")  # anyone's start finishes it
    assert again.stores.admin.erasures().unfinished() == []
    assert again.cases.get(case.id).customer.phone is None
    assert any("finished erasing" in w for w in again.warnings)


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_export_gives_a_leader_the_customers_data(kind: str, tmp_path: Path) -> None:
    opener = SharedMemoryStore() if kind == "memory" else None
    ws = _open(kind, tmp_path / "data", opener, "alice")
    mine = ws.cases.log(FIELDS)
    ws.cases.note(mine.id, "rang back")
    ws.cases.log({**FIELDS, "customer": {"name": "Someone Else", "phone": "0499 000 111"}})
    held = ws.privacy.export(phone=None, email="jo@example.com")
    assert [c["id"] for c in held["cases"]] == [mine.id]
    assert [(e["record"], e["action"]) for e in held["audit"]] == [
        (mine.id, "created"),
        (mine.id, "updated"),
    ]
    assert held["refunds"] == []
    with pytest.raises(PermissionDenied):
        _open(kind, tmp_path / "data", opener, "bob").privacy.export("0412 345 678", None)
