"""The case port, the same on every store: create, get, save with conflicts, imports all
or none, open cases and briefs, a customer's history, closed cases and report facts by
period, and the revision token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from tests.contract.conftest import START, Clock, close, new_case

from cstui.domain import workflow
from cstui.errors import ConflictError, NotFound
from cstui.models.case import NewCase
from cstui.store.ports import ArchiveQuery, Stores


def test_created_cases_get_the_next_ids_and_read_back_equal(stores: Stores) -> None:
    first, second = new_case(stores, START), new_case(stores, START, "Ann Other")
    assert (first.id, second.id) == ("C-000001", "C-000002")
    assert stores.cases.get(first.id) == first
    with pytest.raises(NotFound):
        stores.cases.get("C-000099")


def test_a_save_needs_the_version_it_was_read_at(stores: Stores, tick: Clock) -> None:
    case = new_case(stores, START)
    noted = stores.cases.save(workflow.add_note(case, "rang back", "alice", tick()), case.version)
    assert noted.version == case.version + 1
    assert stores.cases.get(case.id) == noted
    late = workflow.add_note(case, "also rang", "bob", tick())
    with pytest.raises(ConflictError) as refused:
        stores.cases.save(late, case.version)
    assert refused.value.changed_by == "alice"
    assert stores.cases.get(case.id) == noted
    ghost = case.model_copy(update={"id": "C-000042"})
    with pytest.raises(NotFound):
        stores.cases.save(ghost, ghost.version)


def test_a_returned_case_is_a_copy(stores: Stores) -> None:
    case = stores.cases.get(new_case(stores, START).id)
    case.summary = "changed in memory only"
    assert stores.cases.get(case.id).summary == "Charged twice"


def _form(name: str, key: str | None = None) -> NewCase:
    return NewCase.model_validate(
        {
            "customer": {"name": name, "phone": "0400 000 001"},
            "channel": "phone",
            "category": "Billing",
            "summary": f"Imported for {name}",
        }
    )


def test_an_import_stores_all_or_none(stores: Stores) -> None:
    existing = new_case(stores, START)

    def build(name: str, key: str | None = None):
        def make(case_id: str):
            case = workflow.new_case(case_id, _form(name), "alice", START)
            return case.model_copy(update={"import_key": key})

        return make

    def broken(case_id: str):
        raise ValueError("a row that cannot be built")

    with pytest.raises(ValueError):
        stores.cases.create_many([(None, build("A")), (None, broken)], "alice")
    assert [c.id for c in stores.cases.open_cases()] == [existing.id]
    made = stores.cases.create_many(
        [
            (existing.id, build("Same id")),
            (None, build("B", "key-1")),
            (None, build("B again", "key-1")),
            ("C-000010", build("C")),
        ],
        "alice",
    )
    assert [c.id if c else None for c in made] == [None, "C-000002", None, "C-000010"]
    assert stores.cases.create_many([(None, build("D", "key-1"))], "alice") == [None]
    assert new_case(stores, START).id == "C-000011"


def test_open_cases_and_briefs_leave_out_closed_ones(stores: Stores, tick: Clock) -> None:
    first, second, third = (new_case(stores, START, n) for n in ("A One", "B Two", "C Three"))
    close(stores, second, tick)
    assert [c.id for c in stores.cases.open_cases()] == [first.id, third.id]
    briefs = stores.cases.open_briefs()
    assert [(b.id, b.customer, b.version) for b in briefs] == [
        (first.id, "A One", first.version),
        (third.id, "C Three", third.version),
    ]
    assert all(b.due_kind is not None for b in briefs)


def test_a_customer_is_found_by_phone_or_email_newest_first(stores: Stores, tick: Clock) -> None:
    first = new_case(stores, START)
    new_case(stores, START, "Someone Else", customer={"name": "X", "phone": "0499 999 999"})
    third = new_case(stores, START)
    close(stores, first, tick)
    assert [c.id for c in stores.cases.customer_cases("0412-345-678", None)] == [
        third.id,
        first.id,
    ]
    assert [c.id for c in stores.cases.customer_cases(None, "JO@example.com")] == [
        third.id,
        first.id,
    ]
    assert stores.cases.customer_cases("0400 111 222", None) == []


def test_closed_cases_and_report_facts_by_period(stores: Stores, tick: Clock) -> None:
    march, april = START, START + timedelta(days=35)
    old = close(stores, new_case(stores, march, "March Case"), tick)
    new = close(stores, new_case(stores, april, "April Case"), tick)
    still_open = new_case(stores, april, "Open Case")
    in_april = ArchiveQuery(created_from=datetime(2026, 4, 1, tzinfo=UTC))
    assert [c.id for c in stores.cases.closed_cases()] == [old.id, new.id]
    assert [c.id for c in stores.cases.closed_cases(in_april)] == [new.id]
    told: list[tuple[int, int]] = []
    facts = stores.cases.report_facts(in_april, lambda done, total: told.append((done, total)))
    assert sorted(f.case_id for f in facts) == [new.id, still_open.id]
    assert told and told[-1][0] == told[-1][1] >= 2
    by_id = {f.case_id: f for f in stores.cases.report_facts()}
    assert by_id[old.id].outcome.startswith("Closed")
    assert by_id[still_open.id].complaint == "Charged twice"
    closed_by = ArchiveQuery(closed_before=old.closed_at)
    assert [c.id for c in stores.cases.closed_cases(closed_by)] == [old.id]


def test_the_revision_changes_with_every_write_and_only_then(
    stores: Stores, tick: Clock, contract_policy
) -> None:
    from tests.contract.conftest import refund_build

    before = stores.cases.revision()
    assert stores.cases.revision() == before
    case = new_case(stores, START)
    after_create = stores.cases.revision()
    assert after_create != before
    stores.cases.save(workflow.add_note(case, "n", "alice", tick()), case.version)
    after_save = stores.cases.revision()
    assert after_save != after_create
    stores.refunds.create(refund_build(contract_policy, case.id))
    assert stores.cases.revision() != after_save
