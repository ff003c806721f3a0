"""Refund records in the store: same document as the cases, ids under the lock, changes
applied to the record as stored, both backends."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from tests.support.clock import MONDAY_IN_MARCH

from cstui.content.toml_files import default_policy
from cstui.domain.refunds.engine import decide
from cstui.domain.refunds.records import new_record
from cstui.errors import NotFound, StoreCorruptError, WorkflowError
from cstui.models.refunds import CheckInputs, RefundRecord, RefundStatus
from cstui.store.file.backend import Backend, JSONFileBackend
from cstui.store.file.memory_backend import MemoryBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.store.file.tinydb_refunds import TinyDBRefundRepository
from cstui.workspace import Workspace

NOW = MONDAY_IN_MARCH
INPUTS = CheckInputs(
    purchased=date(2026, 2, 20),
    price=Decimal("450"),
    paid_by="card",
    proof="receipt",
    reason="minor-failure",
)


def build(case_id: str | None = None, by: str = "bob") -> Callable[[str], RefundRecord]:
    decision = decide(INPUTS, default_policy(), by, Decimal("100"), date(2026, 3, 2))
    return lambda rid: new_record(rid, case_id, INPUTS, decision, by, NOW)


@pytest.fixture(params=["memory", "file"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """Each test runs against memory and file storage."""
    if request.param == "memory":
        return MemoryBackend()
    return JSONFileBackend(tmp_path / "cases.json")


def test_ids_come_from_a_counter_beside_the_case_counter(
    backend: Backend, new_case_fields: Callable[..., dict[str, object]]
) -> None:
    refunds = TinyDBRefundRepository(backend)
    cases = TinyDBCaseRepository(backend)
    first = refunds.create(build())
    from cstui.domain import workflow
    from cstui.models.case import NewCase

    form = NewCase.model_validate(new_case_fields())
    case = cases.create(lambda cid: workflow.new_case(cid, form, "bob", NOW))
    second = refunds.create(build(case.id))
    assert (first.id, second.id, case.id) == ("R-000001", "R-000002", "C-000001")
    meta = backend.snapshot()["meta"]["1"]
    assert meta == {"next_case": 2, "next_refund": 3}
    assert set(backend.snapshot()) == {"cases", "meta", "refunds"}
    assert cases.create(lambda cid: workflow.new_case(cid, form, "bob", NOW)).id == "C-000002"


def test_get_and_lists(backend: Backend) -> None:
    repo = TinyDBRefundRepository(backend)
    a = repo.create(build("C-000001"))
    b = repo.create(build("C-000002"))
    assert repo.get("R-000002") == b
    assert [r.id for r in repo.pending()] == [a.id, b.id]
    assert repo.for_case("C-000001") == [a]
    assert repo.all() == [a, b]
    with pytest.raises(NotFound, match="there is no refund record R-000009"):
        repo.get("R-000009")


def test_update_applies_to_the_stored_record_and_a_refusal_writes_nothing(
    backend: Backend,
) -> None:
    repo = TinyDBRefundRepository(backend)
    record = repo.create(build())
    approved = repo.update(
        record.id, "alice", lambda r: r.model_copy(update={"status": RefundStatus.APPROVED})
    )
    assert repo.get(record.id).status is RefundStatus.APPROVED == approved.status
    before = json.dumps(backend.snapshot(), sort_keys=True)

    def refuse(current: RefundRecord) -> RefundRecord:
        raise WorkflowError(f"{current.id} is not waiting for approval")

    with pytest.raises(WorkflowError):
        repo.update(record.id, "carol", refuse)
    assert json.dumps(backend.snapshot(), sort_keys=True) == before
    with pytest.raises(NotFound):
        repo.update("R-000042", "alice", lambda r: r)


def test_a_hand_edited_record_is_reported(backend: Backend) -> None:
    repo = TinyDBRefundRepository(backend)
    repo.create(build())
    with backend.transaction() as buffer:
        buffer.data["refunds"]["1"]["status"] = "maybe"
        buffer.dirty = True
    with pytest.raises(StoreCorruptError, match="stored refund record R-000001"):
        repo.get("R-000001")


def test_the_workspace_keeps_refunds_in_the_cases_store_file(alice: Workspace) -> None:
    assert alice.refunds is alice.refunds
    record = alice.refunds.repo.create(build())
    stored = json.loads((alice.settings.data_dir / "cases.json").read_text(encoding="utf-8"))
    assert stored["refunds"]["1"]["id"] == record.id


def test_refund_changes_are_audited(tmp_path: Path) -> None:
    backend = JSONFileBackend(tmp_path / "cases.json")
    repo = TinyDBRefundRepository(backend)
    record = repo.create(build())
    repo.update(
        record.id, "alice", lambda r: r.model_copy(update={"status": RefundStatus.APPROVED})
    )
    entries = [json.loads(line) for line in backend.audit.path.read_text().splitlines()]
    assert [(e["actor"], e["record"], e["action"]) for e in entries] == [
        ("bob", "R-000001", "created"),
        ("alice", "R-000001", "updated"),
    ]
    assert entries[1]["fields"] == ["status"]
    assert backend.audit.verify().ok


def test_two_terminals_never_share_an_id(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    made: list[str] = []
    lock = threading.Lock()

    def terminal() -> None:
        repo = TinyDBRefundRepository(JSONFileBackend(path))
        for _ in range(15):
            record = repo.create(build())
            with lock:
                made.append(record.id)

    threads = [threading.Thread(target=terminal) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(made) == [f"R-{n:06d}" for n in range(1, 46)]
    assert len(TinyDBRefundRepository(JSONFileBackend(path)).all()) == 45
