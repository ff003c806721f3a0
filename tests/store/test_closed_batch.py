"""Closed cases wait in the main document and move to the archive a batch at a time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.support.main_document import folded

from cstui import store_choice
from cstui.config import Settings
from cstui.services.cases import CaseFilter
from cstui.store.file.hot import CASES
from cstui.workspace import Workspace, open_workspace

BATCH = 3
STEPS: list[dict[str, Any]] = [
    {"findings": "Two charges on the statement"},
    {"promise": "Refund the second", "by": "2026-03-20"},
    {"action": "Refund", "policy_clause": "4.2"},
    {"method": "email", "said": "Refunded"},
    {"satisfied": True},
]


@pytest.fixture
def ws(tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setattr(store_choice, "CLOSED_BATCH", BATCH)
    return open_workspace(Settings(tmp_path / "data", "tester"), clock=clock)


def _closed(ws: Workspace, new_case_fields, name: str) -> str:
    case = ws.cases.log(new_case_fields(customer={"name": name, "phone": "0412 345 678"}))
    for fields in STEPS:
        ws.cases.advance(case.id, fields)
    return case.id


def _main(ws: Workspace) -> dict[str, Any]:
    return folded(ws.settings.data_dir)


def _archived(ws: Workspace) -> list[str]:
    return sorted(p.name for p in (ws.settings.data_dir / "archive").glob("cases-*.json"))


def test_cases_close_into_the_main_document_until_a_batch_is_full(ws, new_case_fields) -> None:
    first = [_closed(ws, new_case_fields, f"Customer {n}") for n in range(BATCH - 1)]
    assert _archived(ws) == []
    assert {d["id"] for d in _main(ws)[CASES].values()} == set(first)
    # Closed cases are found wherever they wait.
    assert [c.id for c in ws.cases.find(CaseFilter("closed"))] == first
    assert ws.cases.get(first[0]).step.value == "closed"
    assert ws.briefs.all() == []
    assert len(ws.cases.customer_history(phone="0412 345 678")) == BATCH - 1

    last = _closed(ws, new_case_fields, "Customer last")  # fills the batch: all move
    assert _main(ws)[CASES] == {}
    assert _archived(ws) != []
    assert [c.id for c in ws.cases.find(CaseFilter("closed"))] == [*first, last]
    assert len(ws.cases.customer_history(phone="0412 345 678")) == BATCH
    assert ws.store.check().ok


def test_a_waiting_closed_case_can_be_reopened(ws, new_case_fields) -> None:
    case_id = _closed(ws, new_case_fields, "Back again")
    reopened = ws.cases.reopen(case_id, "still broken")
    assert reopened.is_open
    assert [b.id for b in ws.briefs.all()] == [case_id]
    assert _archived(ws) == []


def test_a_start_leaves_a_part_batch_where_it_is(ws, tmp_path, clock, new_case_fields) -> None:
    _closed(ws, new_case_fields, "Waiting")
    before = (ws.settings.data_dir / "cases.json").read_bytes()
    again = open_workspace(Settings(tmp_path / "data", "tester"), clock=clock)
    assert again.warnings == []
    assert (ws.settings.data_dir / "cases.json").read_bytes() == before
    assert _archived(again) == []


def test_the_report_counts_cases_waiting_and_archived(ws, new_case_fields, clock) -> None:
    from cstui.services.reports import report_service

    for n in range(BATCH + 1):  # one batch moved, one case waiting
        _closed(ws, new_case_fields, f"Customer {n}")
    day = clock().date()
    rows = report_service(ws).complaints(day - timedelta(days=2), day + timedelta(days=2))
    assert len(rows) == BATCH + 1
    assert all(r.outcome.startswith("Closed") for r in rows)
