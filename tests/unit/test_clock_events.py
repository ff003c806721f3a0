"""Acknowledgements and delay notices as case changes: checked against the version they
were made from, refused on a closed case, limits worded as every other field's."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.guidance import advance_to
from tests.support.steps import case_fields
from tests.support.workspaces import LEADER, open_utc_workspace

from cstui.errors import ConflictError, InputError, WorkflowError
from cstui.models.errors import too_long
from cstui.services.clocks import REASON_LIMIT, acknowledge, record_delay_notice
from cstui.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return open_utc_workspace(tmp_path / "data", LEADER, FixedClock(MONDAY_IN_NOVEMBER))


def test_acknowledge_is_refused_when_the_case_changed_since_it_was_read(ws: Workspace) -> None:
    case = ws.cases.log(case_fields())
    ws.cases.note(case.id, "called back")
    with pytest.raises(ConflictError):
        acknowledge(ws.cases, case.id, "sms", expected_version=case.version)
    assert ws.cases.get(case.id).history[-1].action == "note"
    done = acknowledge(ws.cases, case.id, "sms", expected_version=case.version + 1)
    assert done.history[-1].detail == "acknowledged by sms"


def test_clock_events_are_refused_on_a_closed_case(ws: Workspace) -> None:
    closed = advance_to(ws, ws.cases.log(case_fields()), "closed")
    with pytest.raises(WorkflowError):
        acknowledge(ws.cases, closed.id)
    with pytest.raises(WorkflowError):
        record_delay_notice(ws.cases, closed.id, "late")
    assert ws.cases.get(closed.id).version == closed.version


def test_a_delay_reason_too_long_says_so_as_other_fields_do(ws: Workspace) -> None:
    case = ws.cases.log(case_fields())
    with pytest.raises(InputError) as refused:
        record_delay_notice(ws.cases, case.id, "x" * (REASON_LIMIT + 1))
    [problem] = refused.value.problems
    assert (problem.field, problem.message) == ("reason", too_long(REASON_LIMIT))
