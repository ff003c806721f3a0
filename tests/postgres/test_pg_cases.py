"""The case store on a real PostgreSQL server: numbering, saves that name their version,
the audit chain written in the same transaction, and the schema's migrations."""

from __future__ import annotations

import pytest
from tests.contract.conftest import START, Clock, close
from tests.support.cases import CLOSING_STEPS

from cstui.content.toml_files import default_policy
from cstui.domain import workflow
from cstui.domain.brief import brief_of
from cstui.domain.reports import complaint_facts
from cstui.errors import ConflictError, NotFound, StoreError
from cstui.models.case import NewCase
from cstui.store.ports import CaseStore
from cstui.store.postgres.cases import PostgresCaseStore
from cstui.store.postgres.connection import Database, connect
from cstui.store.postgres.schema import LATEST, check_schema, migrate, schema_version


def _store(url: str) -> PostgresCaseStore:
    conn = connect(url)
    migrate(conn)
    policy = default_policy()
    return PostgresCaseStore(Database(conn), lambda c: brief_of(c, policy), complaint_facts)


def _log(store: CaseStore, name: str = "Jo Citizen", phone: str = "0412 345 678"):
    form = NewCase.model_validate(
        {
            "customer": {"name": name, "phone": phone, "email": "jo@example.com"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Charged twice",
        }
    )
    return store.create(lambda case_id: workflow.new_case(case_id, form, "alice", START))


def test_an_empty_database_is_named_with_the_command_that_upgrades_it(database_url: str) -> None:
    conn = connect(database_url)
    assert schema_version(conn) == 0
    with pytest.raises(StoreError, match="cstui store migrate"):
        check_schema(conn)
    assert migrate(conn) == list(range(1, LATEST + 1))
    assert migrate(conn) == []
    check_schema(conn)


def test_cases_are_numbered_without_gaps_and_saved_by_version(database_url: str) -> None:
    store = _store(database_url)
    first, second = _log(store), _log(store, "Sam Lee", "0400 111 222")
    assert (first.id, second.id) == ("C-000001", "C-000002")
    assert store.get(first.id) == first
    clock = Clock()
    changed = workflow.advance(first, CLOSING_STEPS[0], "alice", clock())
    saved = store.save(changed, first.version)
    assert saved.version == first.version + 1 and store.get(first.id) == saved
    with pytest.raises(ConflictError):
        store.save(changed, first.version)
    with pytest.raises(NotFound):
        store.get("C-000009")
    assert [c.id for c in store.customer_cases(second.customer.phone, None)] == [second.id]
    assert [c.id for c in store.open_cases()] == [first.id, second.id]


def test_closed_cases_leave_the_open_list(database_url: str, tmp_path) -> None:
    from tests.support.stores import postgres_stores

    stores = postgres_stores(database_url, tmp_path, default_policy(), None)
    store = stores.cases
    case = _log(store)
    close(stores, case, Clock())
    assert store.open_cases() == []
    assert [c.id for c in store.closed_cases()] == [case.id]
    assert len(store.report_facts()) == 1


def test_the_open_cases_follow_another_terminals_saves(database_url: str) -> None:
    mine, theirs = _store(database_url), _store(database_url)
    first, second = _log(mine), _log(mine, "Sam Lee", "0400 111 222")
    assert mine.open_cases() == [first, second]  # read in full, and kept
    clock = Clock()
    advanced = theirs.save(workflow.advance(first, CLOSING_STEPS[0], "bob", clock()), 1)
    third = _log(theirs, "Ann Lo", "0400 333 444")
    assert mine.open_cases() == [advanced, second, third]
    closed = theirs.get(second.id)
    for step in CLOSING_STEPS:
        closed = theirs.save(workflow.advance(closed, step, "bob", clock()), closed.version)
    assert not closed.is_open
    assert mine.open_cases() == [advanced, third]


def test_backups_on_a_server_are_the_administrators(database_url: str, tmp_path) -> None:
    from tests.support.stores import postgres_stores

    stores = postgres_stores(database_url, tmp_path, default_policy(), None)
    for refused in (lambda: stores.admin.backup(START), lambda: stores.admin.restore("x", START)):
        with pytest.raises(StoreError, match="pg_dump"):
            refused()
    assert stores.admin.backups() == []
    assert str(stores.admin.location).startswith("postgresql:/t_")
