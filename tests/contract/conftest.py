"""The contract tests run every port against every store (the ones in ``STORE_KINDS``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tests.support.cases import CLOSING_STEPS
from tests.support.clock import MONDAY_IN_MARCH
from tests.support.postgres import seeded
from tests.support.stores import STORE_KINDS, open_stores, roster_led_by

from cstui.content.toml_files import default_policy
from cstui.domain import workflow
from cstui.domain.refunds.engine import decide
from cstui.domain.refunds.records import new_record
from cstui.models.case import Case, NewCase
from cstui.models.policy import Policy
from cstui.models.refunds import CheckInputs, RefundRecord
from cstui.store.ports import Stores

START = MONDAY_IN_MARCH


class Clock:
    """A clock that moves an hour each time it is read."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(hours=1)
        return self.now


@pytest.fixture
def contract_policy() -> Policy:
    """The shipped policy in UTC."""
    shipped = default_policy()
    hours = shipped.business_hours.model_copy(update={"timezone": "UTC"})
    return shipped.model_copy(update={"business_hours": hours})


@pytest.fixture
def tick() -> Clock:
    """The test's clock."""
    return Clock()


@pytest.fixture(params=STORE_KINDS)
def stores(
    request: pytest.FixtureRequest, tmp_path: Path, contract_policy: Policy, tick: Clock
) -> Stores:
    """One store of each kind, empty but for a roster led by alice (on PostgreSQL loaded
    by the administrator, who opens the store: the tests act as several people)."""
    kind, roster = request.param, roster_led_by("alice", "bob")
    if kind == "postgres":
        url = seeded(request.getfixturevalue("database_url"), roster)
        return open_stores(url, tmp_path / "data", contract_policy, tick)
    return open_stores(kind, tmp_path / "data", contract_policy, tick, roster)


@pytest.fixture(params=[k for k in STORE_KINDS if k != "postgres"])
def stores_with_backups(
    request: pytest.FixtureRequest, tmp_path: Path, contract_policy: Policy, tick: Clock
) -> Stores:
    """A store that keeps its own backups (on PostgreSQL they are ``pg_dump``'s)."""
    return open_stores(
        request.param, tmp_path / "data", contract_policy, tick, roster_led_by("alice", "bob")
    )


def new_case(stores: Stores, now: datetime, name: str = "Jo Citizen", **fields: Any) -> Case:
    """Log a case through the store's port."""
    values: dict[str, Any] = {
        "customer": {"name": name, "phone": "0412 345 678", "email": "jo@example.com"},
        "channel": "phone",
        "category": "Billing",
        "summary": "Charged twice",
        **fields,
    }
    form = NewCase.model_validate(values)
    return stores.cases.create(lambda case_id: workflow.new_case(case_id, form, "alice", now))


def close(stores: Stores, case: Case, clock: Callable[[], datetime]) -> Case:
    """Take ``case`` through every step, each saved through the port."""
    for data in CLOSING_STEPS:
        changed = workflow.advance(case, data, "alice", clock())
        case = stores.cases.save(changed, case.version)
    return case


INPUTS = CheckInputs(
    purchased=date(2026, 2, 20),
    price=Decimal("450"),
    paid_by="card",
    proof="receipt",
    reason="minor-failure",
)


def refund_build(
    policy: Policy, case_id: str | None = None, by: str = "bob"
) -> Callable[[str], RefundRecord]:
    """What the refund service stores for a check of ``INPUTS`` by ``by`` (limit 100)."""
    decision = decide(INPUTS, policy, by, Decimal("100"), date(2026, 3, 2))
    return lambda refund_id: new_record(refund_id, case_id, INPUTS, decision, by, START)
