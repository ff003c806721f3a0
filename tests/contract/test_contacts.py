"""Contacts (every call from a customer), the same on every store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from tests.contract.conftest import START, new_case

from cstui.errors import NotFound, WorkflowError
from cstui.models.contact import Contact
from cstui.store.file.stores import FileStores
from cstui.store.ports import Stores

NUMBER = "+61412345678"


def call(at: datetime, number: str = NUMBER, **fields: str) -> Callable[[str], Contact]:
    """What the contacts service stores for a call at ``at``."""
    return lambda contact_id: Contact(id=contact_id, at=at, number=number, agent="bob", **fields)


def test_contacts_are_numbered_and_found_by_number_newest_first(stores: Stores) -> None:
    first = stores.contacts.add(call(START, call_id="42", queue="billing"))
    second = stores.contacts.add(call(START + timedelta(hours=1), name="Jo"))
    stores.contacts.add(call(START, number="+61400000001"))
    assert (first.id, second.id) == ("T-000001", "T-000002")
    assert stores.contacts.get(first.id) == first
    assert [c.id for c in stores.contacts.by_number(NUMBER)] == [second.id, first.id]
    assert stores.contacts.by_number("+61499999999") == []
    with pytest.raises(NotFound):
        stores.contacts.get("T-000099")
    with pytest.raises(NotFound):
        stores.contacts.get("not an id")


def test_a_contact_is_linked_to_a_case_and_noted_atomically(stores: Stores) -> None:
    case = new_case(stores, START)
    contact = stores.contacts.add(call(START))

    def refuse(found: Contact) -> Contact:
        raise WorkflowError("no")

    with pytest.raises(WorkflowError):
        stores.contacts.update(contact.id, "bob", refuse)
    assert stores.contacts.get(contact.id) == contact
    linked = stores.contacts.update(
        contact.id, "bob", lambda c: c.model_copy(update={"case_id": case.id})
    )
    noted = stores.contacts.update(
        contact.id, "bob", lambda c: c.model_copy(update={"outcome": "Refund explained"})
    )
    assert stores.contacts.get(contact.id) == noted
    assert (noted.case_id, noted.outcome) == (linked.case_id, "Refund explained")
    assert [c.id for c in stores.contacts.for_case(case.id)] == [contact.id]
    assert stores.contacts.for_case("C-000099") == []
    with pytest.raises(NotFound):
        stores.contacts.update("T-000099", "bob", lambda c: c)


def test_contacts_of_a_period_come_oldest_first(stores: Stores) -> None:
    days = [START + timedelta(days=n) for n in (3, 0, 1, 2)]
    for day in days:
        stores.contacts.add(call(day))
    every = stores.contacts.between(None, None)
    assert [c.at for c in every] == sorted(days)
    middle = stores.contacts.between(START + timedelta(days=1), START + timedelta(days=3))
    assert [c.at for c in middle] == [START + timedelta(days=1), START + timedelta(days=2)]
    assert [c.at for c in stores.contacts.between(None, START + timedelta(days=1))] == [START]


def test_adding_a_contact_is_audited_on_the_shared_trail(stores: Stores) -> None:
    if isinstance(stores, FileStores):
        pytest.skip("the file store audits contacts in their own log (tests/contacts)")
    contact = stores.contacts.add(call(START))
    stores.contacts.update(contact.id, "alice", lambda c: c.model_copy(update={"outcome": "ok"}))
    events = [
        (e.actor, e.record, e.action) for e in stores.audit.events() if e.record == contact.id
    ]
    assert events == [("bob", contact.id, "created"), ("alice", contact.id, "updated")]
