"""A data folder holding a small centre: open, closed and archived cases, a refund, two
people's skills logs, a roster, a policy and a content override."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from tests.support.clock import MONDAY_IN_MARCH, FixedClock
from tests.support.refunds import case_at_solve, open_as
from tests.support.workspaces import advance_to

from cstui.resources import data_file
from cstui.store.file.cases import FileCaseStore

FAULTY: dict[str, Any] = {
    "purchased": "2026-02-20",
    "price": "450",
    "paid_by": "card",
    "proof": "receipt",
    "reason": "major-failure",
    "failure_kind": "unsafe",
}


def tips_override() -> str:
    """The shipped tips with the first one's title changed: the centre's own copy."""
    shipped = data_file("tips.toml").read_text(encoding="utf-8")
    return shipped.replace('title = "Know your customers"', 'title = "Know our customers"', 1)


def build_centre(data: Path, cases: int = 3) -> None:
    """Fill ``data`` (alice leads, bob is an agent)."""
    clock = FixedClock(MONDAY_IN_MARCH)
    alice = open_as(data, "alice", clock)
    bob = open_as(data, "bob", clock)
    closed = bob.cases.log(_fields("Closed Customer", "0411 000 001"))
    advance_to(bob, closed, "closed")
    cast(FileCaseStore, alice.stores.cases).repository.move_closed_to_archive()
    for number in range(cases):
        bob.cases.log(_fields(f"Customer {number}", f"0411 100 {number:03d}"))
    record = bob.refunds.check(FAULTY, case_id=case_at_solve(bob)).record
    assert record is not None
    alice.refunds.approve(record.id, "photos checked")
    call = bob.contacts.record("0411 100 000", call_id="42", queue="billing")
    bob.contacts.note(bob.contacts.record("0411 100 001").id, "asked for a callback")
    bob.contacts.link(call.id, "C-000002")
    for ws in (alice, bob):
        plan = {"statement": "f1.01", "need": "n", "initiate": "i", "due": "2026-04-01"}
        ws.skills.add_action(plan)
        ws.skills.log_learning({"kind": "course", "what": "Workshop", "on": "2026-02-10"})
    (data / "content").mkdir(exist_ok=True)
    (data / "content" / "tips.toml").write_text(tips_override(), encoding="utf-8")


def _fields(name: str, phone: str) -> dict[str, Any]:
    return {
        "customer": {"name": name, "phone": phone},
        "channel": "phone",
        "category": "Billing",
        "summary": "Charged twice",
    }
