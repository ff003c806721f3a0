"""The case repository, against memory and file storage alike (see the ``repo`` fixture)."""

from __future__ import annotations

from typing import Any

import pytest

from cstui.domain import workflow
from cstui.errors import ConflictError, NotFound
from cstui.models.case import Case, NewCase
from cstui.models.kinds import Step
from cstui.store.file.tinydb_cases import TinyDBCaseRepository


@pytest.fixture
def log(repo: TinyDBCaseRepository, new_case_fields, clock):
    def make(**fields) -> Case:
        form = NewCase.model_validate(new_case_fields(**fields))
        now = clock.advance(minutes=1)
        return repo.create(lambda case_id: workflow.new_case(case_id, form, "tester", now))

    return make


def test_create_numbers_cases_in_order(repo, log) -> None:
    created = [log() for _ in range(3)]
    assert [c.id for c in created] == ["C-000001", "C-000002", "C-000003"]
    assert [c.version for c in created] == [1, 1, 1]
    assert repo.get("C-000002") == created[1]


def test_create_passes_the_new_id_to_the_builder(repo, log, new_case_fields, clock) -> None:
    log()
    seen = []
    form = NewCase.model_validate(new_case_fields())

    def build(case_id: str) -> Case:
        seen.append(case_id)
        return workflow.new_case(case_id, form, "tester", clock())

    assert repo.create(build).id == "C-000002"
    assert seen == ["C-000002"]


def test_a_failed_build_stores_nothing(repo, log) -> None:
    log()

    def build(case_id: str) -> Case:
        raise RuntimeError("form went away")

    with pytest.raises(RuntimeError):
        repo.create(build)
    assert [c.id for c in repo.open_cases()] == ["C-000001"]
    assert log().id == "C-000002"


def test_get_unknown_case_is_not_found(repo, log) -> None:
    with pytest.raises(NotFound, match="there is no case C-000001"):
        repo.get("C-000001")
    log()
    with pytest.raises(NotFound, match="C-000099"):
        repo.get("C-000099")


def test_save_with_expected_version_bumps_it(repo, log, clock) -> None:
    case = log()
    changed = workflow.add_note(case, "called back", "alice", clock.advance(hours=1))
    saved = repo.save(changed, expected_version=1)
    assert saved.version == 2
    stored = repo.get(case.id)
    assert stored == saved
    assert [n.text for n in stored.notes] == ["called back"]
    again = repo.save(workflow.add_note(stored, "again", "tester", clock()), expected_version=2)
    assert again.version == 3


def test_stale_save_is_refused_naming_who_and_when(repo, log, clock) -> None:
    case = log()
    alice_at = clock.advance(hours=1)
    first = repo.save(workflow.add_note(case, "alice's note", "alice", alice_at), 1)
    late = workflow.add_note(case, "bob's note", "bob", clock.advance(minutes=5))
    with pytest.raises(ConflictError) as info:
        repo.save(late, expected_version=1)
    error = info.value
    assert (error.case_id, error.changed_by, error.changed_at) == (case.id, "alice", alice_at)
    message = str(error)
    assert "C-000001 was changed by alice at" in message
    assert alice_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") in message
    assert "not saved" in message
    assert repo.get(case.id) == first


def test_save_of_unknown_case_is_not_found(repo, log) -> None:
    case = log()
    with pytest.raises(NotFound):
        repo.save(case.model_copy(update={"id": "C-000005"}), expected_version=1)


def test_open_and_closed_lists(repo, log, clock) -> None:
    cases = [log() for _ in range(3)]
    closing = cases[1]
    fields: dict[Step, dict[str, Any]] = {
        Step.INVESTIGATE: {"findings": "x"},
        Step.DECLARE: {"promise": "x", "by": "2026-03-09"},
        Step.SOLVE: {"action": "x", "policy_clause": "x"},
        Step.NOTIFY: {"method": "phone", "said": "x"},
        Step.FOLLOW_UP: {"satisfied": True},
    }
    while closing.is_open:
        data = workflow.parse_step_data(closing.step, fields[closing.step])
        changed = workflow.advance(closing, data, "tester", clock.advance(hours=1))
        closing = repo.save(changed, closing.version)
    assert [c.id for c in repo.open_cases()] == ["C-000001", "C-000003"]
    assert [c.id for c in repo.closed_cases()] == ["C-000002"]
    assert repo.closed_cases()[0].closed_at == clock()


def test_empty_store_lists_nothing(repo) -> None:
    assert repo.open_cases() == []
    assert repo.closed_cases() == []
    assert repo.customer_cases("0412345678", None) == []


def test_customer_cases_by_phone_and_email_newest_first(repo, log) -> None:
    jo_phone = log(customer={"name": "Jo", "phone": "0412 345 678"})
    other = log(customer={"name": "Sam", "phone": "0299998888", "email": "jo@example.com"})
    jo_both = log(customer={"name": "Jo", "phone": "+61412345678", "email": "JO@example.com"})
    jo_again = log(customer={"name": "Jo", "phone": "0412-345-678", "email": "jo2@example.com"})
    log(customer={"name": "Stranger", "email": "someone@example.org"})

    def ids(cases: list[Case]) -> list[str]:
        return [c.id for c in cases]

    assert ids(repo.customer_cases("(0412) 345 678", None)) == [jo_again.id, jo_phone.id]
    assert ids(repo.customer_cases(None, " Jo@Example.com ")) == [jo_both.id, other.id]
    assert ids(repo.customer_cases("0412345678", "jo@example.com")) == [
        jo_again.id,
        jo_both.id,
        other.id,
        jo_phone.id,
    ]
    assert repo.customer_cases("0411111111", "nobody@example.com") == []


def test_customer_cases_refuses_malformed_contact(repo) -> None:
    with pytest.raises(ValueError, match="is not a phone number"):
        repo.customer_cases("abc", None)
    with pytest.raises(ValueError, match="is not an email address"):
        repo.customer_cases(None, "not-an-email")


def test_stored_case_round_trips_exactly(repo, log, clock) -> None:
    case = log(details="Line one\nLine two — 顾客 😀")
    case = repo.save(workflow.wait(case, "tester", clock.advance(days=1)), 1)
    stored = repo.get(case.id)
    assert stored == case
    assert stored.waiting
