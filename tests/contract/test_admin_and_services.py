"""Looking after a store (backup, restore, check, verify, forgetting in backups), and the
proof that the ports are enough: the services run the same on every store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from tests.contract.conftest import START, Clock, close, new_case
from tests.support.stores import STORE_KINDS, SharedMemoryStore

from cstui.config import Settings
from cstui.domain.privacy import redact
from cstui.errors import NotFound
from cstui.models.case import case_number
from cstui.models.skills import Rating
from cstui.services.reports import report_service
from cstui.store.ports import Stores
from cstui.workspace import open_workspace


def test_a_restored_backup_brings_the_store_back_without_what_was_forgotten(
    stores_with_backups: Stores, tick: Clock
) -> None:
    stores = stores_with_backups
    kept = close(stores, new_case(stores, START), tick)
    made = stores.admin.backup(tick())
    assert made.name in [p.name for p in stores.admin.backups()]
    later = new_case(stores, START, "Later Case")
    forgotten = stores.cases.save(redact(kept, "alice", tick(), "erased on request"), kept.version)
    assert stores.admin.forget_in_backups([forgotten]) >= 1
    assert stores.admin.restore(made.name, tick()) is not None
    with pytest.raises(NotFound):
        stores.cases.get(later.id)
    restored = stores.cases.get(kept.id)
    assert restored.redacted_at is not None and restored.customer.phone is None
    health = stores.admin.check()
    assert health.ok and health.cases == 1 and health.problems == []
    assert stores.admin.verify().ok
    with pytest.raises(NotFound):
        stores.admin.restore("no-such-backup", tick())


def test_a_restore_keeps_what_it_replaced_and_never_issues_an_id_twice(
    stores_with_backups: Stores, tick: Clock
) -> None:
    stores = stores_with_backups
    first = new_case(stores, START)
    made = stores.admin.backup(tick())
    later = close(stores, new_case(stores, START, "Later Case"), tick)
    point = stores.admin.restore(made.name, tick())
    assert point is not None and point.name in [p.name for p in stores.admin.backups()]
    with pytest.raises(NotFound):
        stores.cases.get(later.id)
    newest = new_case(stores, START, "Newest Case")
    assert case_number(newest.id) > case_number(later.id)  # never a second C-000002
    stores.admin.restore(point.name, tick())  # the restore point brings the later case back
    assert stores.cases.get(later.id) == later and stores.cases.get(first.id) == first
    assert case_number(new_case(stores, START).id) > case_number(newest.id)
    assert stores.admin.check().ok


def test_a_store_says_when_a_write_waits(stores: Stores) -> None:
    told: list[str] = []
    stores.admin.on_wait(told.append)  # nobody else writes here: never told
    new_case(stores, START)
    assert told == []


FIELDS = {
    "customer": {"name": "Jo Citizen", "phone": "0412 345 678"},
    "channel": "phone",
    "category": "Billing",
    "summary": "Charged twice",
}
STEPS = (
    {"findings": "found"},
    {"promise": "we will fix it", "by": "2026-12-24"},
    {"action": "refund", "policy_clause": "4.2"},
    {"method": "phone", "said": "told them"},
    {"satisfied": True},
)


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_the_services_run_the_same_on_every_store(kind: str, tmp_path: Path) -> None:
    clock = Clock()
    opener = SharedMemoryStore() if kind == "memory" else None
    ws = open_workspace(Settings(tmp_path / "data", "alice"), clock=clock, stores=opener)
    done = ws.cases.log(FIELDS)
    for fields in STEPS:
        done = ws.cases.advance(done.id, fields)
    assert done.step.value == "closed"
    waiting = ws.cases.log({**FIELDS, "summary": "Never arrived"})
    assert [b.id for b in ws.briefs.all()] == [waiting.id]
    assert [c.id for c in ws.cases.customer_history(phone="0412345678")] == [waiting.id, done.id]
    reports = report_service(ws)
    assert [row.case.id for row in reports.board().rows] == [waiting.id]
    day = START.date()
    analysis = reports.complaints(day - timedelta(days=1), day + timedelta(days=1))
    assert sorted(row.case_id for row in analysis) == [done.id, waiting.id]
    ws.skills.rate({"f1.01": Rating.WELL})
    assert ws.skills.draft() is not None
    erased = ws.privacy.erase(phone="0412 345 678", email=None, apply=True)
    assert sorted(erased.case_ids) == [done.id, waiting.id]
    assert ws.cases.customer_history(phone="0412345678") == []
    assert ws.store.check().ok and ws.store.verify().ok
    assert ws.store.backup().name in [p.name for p in ws.store.backups()]
