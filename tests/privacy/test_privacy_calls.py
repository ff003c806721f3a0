"""A customer's calls in privacy: an export lists them; an erasure removes the caller
from them, from the file store's daily copies of the contacts file too, and an erasure a
crash cut short is finished, calls included, by the next start."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.privacy.customer_folder import NAME, PHONE, traces
from tests.support.clock import FixedClock
from tests.support.workspaces import open_utc_workspace

from cstui.models.contact import ERASED_NUMBER
from cstui.store.erasures import Erasure
from cstui.workspace import Workspace

OTHER = "0411 222 333"


def _customer_with_calls(data: Path, clock: FixedClock) -> Workspace:
    """A case of the customer, a call linked to it, a call from their number on each of
    two days (so the contacts file has a daily copy holding the number), and another
    caller's call."""
    ws = open_utc_workspace(data, "alice", clock)
    customer = {"name": NAME, "phone": PHONE}
    case = ws.cases.log(
        {"customer": customer, "channel": "phone", "category": "Billing", "summary": "Late"}
    )
    linked = ws.contacts.record(PHONE, call_id="1", name=NAME)
    ws.contacts.link(linked.id, case.id)
    clock.advance(days=1)
    ws.contacts.record(PHONE, call_id="2", name=NAME)
    ws.contacts.record(OTHER, call_id="3")
    clock.advance(days=1)
    ws.contacts.record(PHONE, call_id="4")
    return ws


def test_an_export_lists_the_customers_calls(tmp_path: Path) -> None:
    ws = _customer_with_calls(tmp_path / "data", FixedClock(datetime(2026, 3, 2, tzinfo=UTC)))
    held = ws.privacy.export(PHONE, None)
    assert [call["call_id"] for call in held["calls"]] == ["1", "2", "4"]


def test_an_erasure_leaves_the_callers_details_in_no_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ws = _customer_with_calls(data, FixedClock(datetime(2026, 3, 2, tzinfo=UTC)))
    assert any(found.startswith("contacts/backups") for found in traces(data))
    done = ws.privacy.erase(PHONE, None, apply=True)
    assert done.contact_ids == ["T-000001", "T-000002", "T-000004"]
    assert traces(data) == []
    [other] = ws.contacts.of_number(OTHER)
    assert other.call_id == "3"


def test_an_erasure_cut_short_is_finished_calls_included_by_the_next_start(
    tmp_path: Path,
) -> None:
    data, clock = tmp_path / "data", FixedClock(datetime(2026, 3, 2, tzinfo=UTC))
    ws = _customer_with_calls(data, clock)
    [case] = ws.cases.customer_history(PHONE)
    number = ws.contacts.number_of(PHONE)
    journalled = Erasure(
        "20260304T000000-cut", "alice", "erased", (case.id,), (Erasure.trace("phone", number),)
    )
    ws.stores.admin.erasures().begin(journalled)  # and the process died here
    again = open_utc_workspace(data, "alice", clock)
    assert again.stores.admin.erasures().unfinished() == []
    calls = again.contacts.contacts.between(None, None)
    assert [c.number for c in calls] == [
        ERASED_NUMBER,
        ERASED_NUMBER,
        "+61411222333",
        ERASED_NUMBER,
    ]
    assert traces(data) == []
