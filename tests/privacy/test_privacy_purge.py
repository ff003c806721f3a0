"""Personal data goes after the retention period or on request; the statistics stay."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import invoke
from tests.support.clock import FixedClock

from cstui.config import Settings
from cstui.errors import PermissionDenied
from cstui.workspace import Workspace, open_workspace

PERSONAL = ("Ada Personal", "0400111222", "ada@example.com", "lives at 1 Main St", "secret note")
STEPS: list[dict[str, Any]] = [
    {"findings": "Ada said lives at 1 Main St"},
    {"promise": "We will fix it for Ada", "by": "2020-01-20"},
    {"action": "Refund Ada", "policy_clause": "Returns 3.1"},
    {"method": "phone", "said": "Told Ada"},
    {"satisfied": True},
]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2020, 1, 6, 10, tzinfo=UTC))


@pytest.fixture
def ws(tmp_path: Path, clock: FixedClock) -> Workspace:
    return open_workspace(Settings(tmp_path / "data", "alice"), clock=clock)


def _closed_case(ws: Workspace) -> str:
    case = ws.cases.log(
        {
            "customer": {"name": PERSONAL[0], "phone": PERSONAL[1], "email": PERSONAL[2]},
            "channel": "phone",
            "category": "Delivery",
            "summary": "Parcel lost",
            "details": PERSONAL[3],
        }
    )
    ws.cases.note(case.id, PERSONAL[4])
    for fields in STEPS:
        ws.cases.advance(case.id, fields)
    return case.id


def _stored_text(ws: Workspace) -> str:
    folder = ws.settings.data_dir
    return "".join(p.read_text() for p in [folder / "cases.json", *folder.glob("backups/*.json")])


def test_purge_is_a_dry_run_until_applied(ws: Workspace, clock: FixedClock) -> None:
    case_id = _closed_case(ws)
    ws.store.backup()
    clock.now += timedelta(days=365 * 3 - 5)
    assert ws.privacy.purge().case_ids == []  # not yet three years
    clock.now += timedelta(days=10)
    dry = ws.privacy.purge()
    assert dry.case_ids == [case_id] and not dry.applied
    assert PERSONAL[0] in _stored_text(ws)

    done = ws.privacy.purge(apply=True)
    assert done.applied and done.backups_rewritten >= 1
    text = _stored_text(ws)
    assert not any(p in text for p in PERSONAL)
    case = ws.cases.get(case_id)
    assert case.customer.name == "(removed)" and case.redacted_at == clock.now
    assert (case.category, case.channel, len(case.records)) == ("Delivery", "phone", 6)
    assert case.history[-1].action == "redacted"
    assert ws.privacy.purge().case_ids == []  # nothing left to do
    assert ws.store.verify().ok


def test_open_cases_are_never_purged(ws: Workspace, clock: FixedClock) -> None:
    ws.cases.log(
        {
            "customer": {"name": "Still Open", "phone": "0400999888"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Open",
        }
    )
    clock.now += timedelta(days=365 * 10)
    assert ws.privacy.purge(apply=True).case_ids == []


def test_erase_one_customer_on_request(ws: Workspace) -> None:
    case_id = _closed_case(ws)
    other = ws.cases.log(
        {
            "customer": {"name": "Someone Else", "phone": "0499000000"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Other",
        }
    )
    result = ws.privacy.erase(phone="0400 111 222", email=None, apply=True)
    assert result.case_ids == [case_id]
    assert ws.cases.get(other.id).customer.name == "Someone Else"
    assert ws.cases.customer_history(phone="0400111222") == []


def test_erasing_an_open_case_leaves_no_name_in_its_brief(ws: Workspace) -> None:
    case = ws.cases.log(
        {
            "customer": {"name": PERSONAL[0], "phone": PERSONAL[1], "email": PERSONAL[2]},
            "channel": "phone",
            "category": "Delivery",
            "summary": "Parcel lost",
        }
    )
    ws.store.backup()
    assert _stored_text(ws).count(PERSONAL[0]) >= 4  # the case and its brief, twice
    result = ws.privacy.erase(phone=PERSONAL[1], email=None, apply=True)
    assert result.case_ids == [case.id] and result.backups_rewritten >= 1
    text = _stored_text(ws)
    assert not any(p in text for p in PERSONAL[:3])
    [brief] = ws.briefs.all()
    assert (brief.id, brief.customer, brief.phone) == (case.id, "(removed)", None)


def test_agents_cannot_remove_personal_data(
    ws: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    ws.team.add("bob", "agent", "0")
    bob = open_workspace(Settings(tmp_path / "data", "bob"), clock=clock)
    with pytest.raises(PermissionDenied):
        bob.privacy.purge()


def test_cli_purge_and_erase(ws: Workspace, clock: FixedClock, tmp_path: Path) -> None:
    case_id = _closed_case(ws)
    base = ["--data-dir", str(tmp_path / "data"), "--user", "alice"]
    dry = invoke([*base, "privacy", "erase", "--email", "ADA@example.com", "--json"])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout) == {"applied": False, "cases": [case_id], "backups_rewritten": 0}
    applied = invoke([*base, "privacy", "erase", "--email", "ada@example.com", "--apply"])
    assert applied.exit_code == 0 and case_id in applied.stdout
    bad = invoke([*base, "privacy", "erase", "--phone", "not a phone"])
    assert bad.exit_code == 2 and "error: --phone:" in bad.stderr
