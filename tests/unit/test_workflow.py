"""The complaint procedure: strict order, required fields, waiting, reopening, assigning."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from tests.support.steps import STEP_INPUTS

from cstui.domain import workflow
from cstui.errors import InputError, NotFound, PermissionDenied, WorkflowError
from cstui.models.case import Case, NewCase
from cstui.models.kinds import PROCEDURE, Step
from cstui.models.roles import Role
from cstui.models.steps import DeclareData, NotifyData
from cstui.models.team import Member, Roster

REQUIRED = {
    Step.INVESTIGATE: {"findings"},
    Step.DECLARE: {"promise", "by"},
    Step.SOLVE: {"action", "policy_clause"},
    Step.NOTIFY: {"method", "said"},
    Step.FOLLOW_UP: {"satisfied"},
}

ROSTER = Roster(
    members=[
        Member(name="tester", role=Role.AGENT),
        Member(name="alice", role=Role.AGENT),
        Member(name="lead", role=Role.TEAM_LEADER, refund_limit=Decimal("500")),
    ]
)


@pytest.fixture
def case(new_case_fields, clock) -> Case:
    form = NewCase.model_validate(new_case_fields())
    return workflow.new_case("C-000001", form, "tester", clock())


def complete(case: Case, clock, actor: str = "tester") -> Case:
    """Complete the case's current step with valid fields, an hour later."""
    data = workflow.parse_step_data(case.step, STEP_INPUTS[case.step])
    return workflow.advance(case, data, actor, clock.advance(hours=1))


def close(case: Case, clock) -> Case:
    while case.is_open:
        case = complete(case, clock)
    return case


def test_new_case_has_received_and_waits_for_investigation(case, clock) -> None:
    assert case.step is Step.INVESTIGATE
    assert case.version == 1
    assert case.owner == case.created_by == case.updated_by == "tester"
    assert case.cycle_started_at == case.created_at == clock()
    assert [r.step for r in case.records] == [Step.RECEIVE]
    assert [h.action for h in case.history] == ["created"]
    assert case.is_open and not case.waiting


def test_steps_go_in_order_and_close_after_follow_up(case, clock) -> None:
    seen = [case.step]
    while case.is_open:
        case = complete(case, clock)
        seen.append(case.step)
    assert seen == [*PROCEDURE[1:], Step.CLOSED]
    assert [r.step for r in case.records] == list(PROCEDURE)
    assert case.closed_at == clock()
    assert case.history[-1].action == "advanced"
    assert "Follow up" in case.history[-1].detail


@pytest.mark.parametrize("target", [Step.DECLARE, Step.SOLVE, Step.NOTIFY, Step.FOLLOW_UP])
def test_skipping_a_step_is_refused_with_the_reason(case, clock, target) -> None:
    data = workflow.parse_step_data(target, STEP_INPUTS[target])
    with pytest.raises(WorkflowError) as info:
        workflow.advance(case, data, "tester", clock.advance(hours=1))
    message = str(info.value)
    assert "C-000001 is at step 2 (Investigate)" in message
    assert "cannot be skipped" in message
    assert target.label in message


def test_a_completed_step_cannot_be_done_again(case, clock) -> None:
    case = complete(case, clock)
    data = workflow.parse_step_data(Step.INVESTIGATE, STEP_INPUTS[Step.INVESTIGATE])
    with pytest.raises(WorkflowError, match="cannot be skipped"):
        workflow.advance(case, data, "tester", clock.advance(hours=1))


@pytest.mark.parametrize("step", list(REQUIRED))
def test_each_step_names_its_required_fields(step) -> None:
    with pytest.raises(InputError) as info:
        workflow.parse_step_data(step, {})
    assert {p.field for p in info.value.problems} == REQUIRED[step]
    assert all(p.message == "is required" for p in info.value.problems)


@pytest.mark.parametrize("step", [Step.RECEIVE, Step.CLOSED])
def test_receive_and_closed_have_no_form(step) -> None:
    with pytest.raises(WorkflowError, match="is not completed with a form"):
        workflow.parse_step_data(step, {})


def test_blank_and_malformed_step_fields_are_refused() -> None:
    with pytest.raises(InputError) as info:
        workflow.parse_step_data(Step.DECLARE, {"promise": "  \x1b[0m ", "by": "next week"})
    assert {p.field: p.message for p in info.value.problems} == {
        "promise": "must not be empty",
        "by": "is not a date (use YYYY-MM-DD)",
    }
    with pytest.raises(InputError) as info:
        workflow.parse_step_data(Step.NOTIFY, {"method": "fax", "said": "x"})
    assert [p.field for p in info.value.problems] == ["method"]


def test_declare_data_is_parsed() -> None:
    data = workflow.parse_step_data(Step.DECLARE, {**STEP_INPUTS[Step.DECLARE], "by": "2026-03-09"})
    assert isinstance(data, DeclareData)
    assert data.by == date(2026, 3, 9)


def test_notify_time_defaults_to_now_and_cannot_be_in_the_future(case, clock) -> None:
    for _ in range(3):
        case = complete(case, clock)
    assert case.step is Step.NOTIFY
    later = clock() + timedelta(hours=2)
    future = workflow.parse_step_data(Step.NOTIFY, {**STEP_INPUTS[Step.NOTIFY], "when": later})
    with pytest.raises(InputError, match="when: cannot be in the future"):
        workflow.advance(case, future, "tester", clock())
    notified = complete(case, clock)
    notice = notified.records[-1].data
    assert isinstance(notice, NotifyData)
    assert notice.when == clock()


def test_closed_case_refuses_changes_until_reopened(case, clock) -> None:
    case = close(case, clock)
    with pytest.raises(WorkflowError, match="is closed; reopen it"):
        data = workflow.parse_step_data(Step.FOLLOW_UP, STEP_INPUTS[Step.FOLLOW_UP])
        workflow.advance(case, data, "tester", clock())
    with pytest.raises(WorkflowError, match="is closed"):
        workflow.wait(case, "tester", clock())


def test_reopen_needs_a_reason(case, clock) -> None:
    case = close(case, clock)
    for reason in ["", "   ", "\x1b[0m\x07"]:
        with pytest.raises(InputError) as info:
            workflow.reopen(case, reason, "tester", clock())
        assert info.value.problems[0].field == "reason"
    with pytest.raises(InputError, match="too long"):
        workflow.reopen(case, "x" * 1001, "tester", clock())


def test_only_a_closed_case_can_be_reopened(case, clock) -> None:
    with pytest.raises(WorkflowError, match="still open"):
        workflow.reopen(case, "customer called back", "tester", clock())


def test_reopen_restarts_the_clock_at_investigate(case, clock) -> None:
    case = close(case, clock)
    reopened_at = clock.advance(days=3)
    case = workflow.reopen(case, "  customer   called back\n", "lead", reopened_at)
    assert case.step is Step.INVESTIGATE
    assert case.is_open
    assert case.closed_at is None
    assert case.cycle_started_at == reopened_at
    assert case.reopen_count == 1
    assert case.cycle_records() == []
    assert case.completed(Step.DECLARE) is None
    assert len(case.records) == 6  # the first cycle's records are kept
    assert case.history[-1].detail == "reopened: customer called back"
    assert case.updated_by == "lead"
    assert complete(case, clock).step is Step.DECLARE


def test_wait_and_resume(case, clock) -> None:
    started = clock.advance(hours=2)
    case = workflow.wait(case, "tester", started)
    assert case.waiting
    with pytest.raises(WorkflowError, match="already waiting"):
        workflow.wait(case, "tester", clock())
    ended = clock.advance(days=2)
    case = workflow.resume(case, "tester", ended)
    assert not case.waiting
    assert [(p.start, p.end) for p in case.pauses] == [(started, ended)]
    with pytest.raises(WorkflowError, match="not waiting"):
        workflow.resume(case, "tester", clock())
    assert [h.action for h in case.history] == ["created", "waiting", "resumed"]


def test_advancing_while_waiting_resumes_first(case, clock) -> None:
    case = workflow.wait(case, "tester", clock.advance(hours=1))
    case = complete(case, clock)
    assert not case.waiting
    assert case.pauses[-1].end == clock()
    assert [h.action for h in case.history] == ["created", "waiting", "resumed", "advanced"]


def test_note_is_added_and_cleaned(case, clock) -> None:
    case = workflow.add_note(case, "Called \x1b[31mback\x1b[0m", "alice", clock.advance(hours=1))
    assert [(n.author, n.text) for n in case.notes] == [("alice", "Called back")]
    assert case.updated_by == "alice"
    with pytest.raises(InputError, match="text: must not be empty"):
        workflow.add_note(case, " \n ", "alice", clock())


def test_owner_may_reassign_own_case(case, clock) -> None:
    moved = workflow.assign(case, "alice", "tester", clock(), ROSTER)
    assert moved.owner == "alice"
    assert moved.history[-1].detail == "owner tester -> alice"


def test_team_leader_may_reassign_any_case(case, clock) -> None:
    moved = workflow.assign(case, "alice", "lead", clock(), ROSTER)
    assert moved.owner == "alice"
    assert workflow.assign(moved, "tester", "lead", clock(), ROSTER).owner == "tester"


def test_agent_may_not_reassign_someone_elses_case(case, clock) -> None:
    with pytest.raises(PermissionDenied, match="only a team leader"):
        workflow.assign(case, "alice", "alice", clock(), ROSTER)


def test_assign_to_unknown_user_or_same_owner_is_refused(case, clock) -> None:
    with pytest.raises(NotFound, match="mallory is not on the team roster"):
        workflow.assign(case, "mallory", "tester", clock(), ROSTER)
    with pytest.raises(WorkflowError, match="already belongs to tester"):
        workflow.assign(case, "tester", "lead", clock(), ROSTER)


def test_workflow_functions_do_not_change_their_input(case, clock) -> None:
    before = case.model_dump()
    complete(case, clock)
    workflow.wait(case, "tester", clock())
    workflow.add_note(case, "x", "tester", clock())
    workflow.assign(case, "alice", "tester", clock(), ROSTER)
    assert case.model_dump() == before
