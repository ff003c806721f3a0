"""The report on calls reads the same on every store: contacts per day, repeat callers,
calls per case, over the calls ``ContactStore.between`` gives."""

from __future__ import annotations

from datetime import UTC, timedelta

from tests.contract.conftest import START, new_case
from tests.contract.test_contacts import call

from cstui.domain.call_reports import RepeatCaller, calls_report
from cstui.store.ports import Stores

OTHER = "+61400000001"


def test_calls_per_day_repeat_callers_and_calls_per_case(stores: Stores) -> None:
    case = new_case(stores, START)
    day = START.date()
    first = stores.contacts.add(call(START))
    stores.contacts.update(first.id, "bob", lambda c: c.model_copy(update={"case_id": case.id}))
    stores.contacts.add(call(START + timedelta(hours=2), case_id=case.id))
    latest = stores.contacts.add(call(START + timedelta(days=1)))
    stores.contacts.add(call(START + timedelta(days=1), number=OTHER))
    stores.contacts.add(call(START + timedelta(days=5)))  # after the period
    period = stores.contacts.between(START - timedelta(days=1), START + timedelta(days=3))
    report = calls_report(period, day, day + timedelta(days=1), UTC)
    assert report.total == 4
    assert report.per_day == [(day, 2), (day + timedelta(days=1), 2)]
    assert report.repeat_callers == [RepeatCaller(first.number, 3, latest.at)]
    assert report.per_case == [(case.id, 2)]
    assert report.unlinked == 2
