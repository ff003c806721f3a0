"""Many cases stored in one transaction, on both backends: ids, skips, counter, audit."""

from __future__ import annotations

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER

from cstui.domain import workflow
from cstui.models.case import Case, NewCase
from cstui.store.file.memory_backend import MemoryBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository

NOW = MONDAY_IN_NOVEMBER
FORM = NewCase.model_validate(
    {
        "customer": {"name": "Jo", "phone": "0412345678"},
        "channel": "phone",
        "category": "Billing",
        "summary": "Charged twice",
    }
)


def build(key: str | None = None, actor: str = "alice"):
    def make(case_id: str) -> Case:
        case = workflow.new_case(case_id, FORM, actor, NOW)
        return case.model_copy(update={"import_key": key})

    return make


def test_fresh_numbers_and_kept_ids(repo: TinyDBCaseRepository) -> None:
    first = repo.create(build())
    made = repo.create_many(
        [(None, build("k1")), ("C-000010", build()), (None, build("k2"))], "alice"
    )
    assert [c.id if c else None for c in made] == ["C-000002", "C-000010", "C-000003"]
    assert [c.id for c in repo.open_cases()] == [first.id, "C-000002", "C-000003", "C-000010"]
    assert repo.create(build()).id == "C-000011"  # the counter moved past the kept id


def test_ids_and_import_keys_already_stored_are_skipped(repo: TinyDBCaseRepository) -> None:
    repo.create_many([(None, build("same")), ("C-000005", build())], "alice")
    again = repo.create_many(
        [(None, build("same")), ("C-000005", build()), (None, build("new"))], "alice"
    )
    assert [c.id if c else None for c in again] == [None, None, "C-000006"]
    assert len(repo.open_cases()) == 3


def test_the_same_key_twice_in_one_batch_is_stored_once(repo: TinyDBCaseRepository) -> None:
    made = repo.create_many([(None, build("dup")), (None, build("dup"))], "alice")
    assert made[1] is None
    assert len(repo.open_cases()) == 1


def test_one_transaction_with_an_audit_event_per_case() -> None:
    backend = MemoryBackend()
    repo = TinyDBCaseRepository(backend)
    repo.create_many([(None, build("a")), (None, build("b"))], "carol")
    assert [(e.actor, e.record, e.action) for e in backend.events] == [
        ("carol", "C-000001", "imported"),
        ("carol", "C-000002", "imported"),
    ]
    assert "import_key" in backend.events[0].fields


def test_a_failing_build_stores_nothing(repo: TinyDBCaseRepository) -> None:
    def broken(case_id: str) -> Case:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        repo.create_many([(None, build("a")), (None, broken)], "alice")
    assert repo.open_cases() == []
    assert repo.create(build()).id == "C-000001"


def test_nothing_to_store_writes_nothing() -> None:
    backend = MemoryBackend()
    repo = TinyDBCaseRepository(backend)
    assert repo.create_many([], "alice") == []
    assert backend.events == []
