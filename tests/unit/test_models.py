"""Models: contact details normalised, errors per field in plain words without the input."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from cstui.domain.workflow import check_new_case, parse_step_data
from cstui.errors import InputError
from cstui.models.base import AwareDatetime, Model
from cstui.models.case import NewCase, check_case_id, format_case_id
from cstui.models.customer import Customer, normalise_email, normalise_phone
from cstui.models.errors import input_error
from cstui.models.kinds import Step
from cstui.models.steps import FollowUpData


def problems(model: type[Model], data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return {p.field: p.message for p in input_error(info.value).problems}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0412 345 678", "0412345678"),
        ("+61 (2) 9876-5432", "+61298765432"),
        ("02.9876.5432", "0298765432"),
        (" 0412\t345\x1b[1m678 ", "0412345678"),
    ],
)
def test_phone_is_normalised(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected
    assert Customer(name="Jo", phone=raw).phone == expected


@pytest.mark.parametrize("raw", ["12345", "1234567890123456", "0412-ABC-678", "61+412345678", "+"])
def test_bad_phone_is_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a phone number"):
        normalise_phone(raw)


def test_email_is_normalised_and_checked() -> None:
    assert normalise_email("  Jo.Citizen@Example.COM ") == "jo.citizen@example.com"
    for bad in [
        "jo@example",
        "jo example@x.com",
        "@example.com",
        "jo@@example.com",
        "a" * 250 + "@x.io",
    ]:
        with pytest.raises(ValueError, match="is not an email address"):
            normalise_email(bad)


def test_blank_contact_details_become_none() -> None:
    customer = Customer(name="Jo", phone="   ", email="", type="corporate")
    assert customer.phone is None
    assert customer.email is None
    assert customer.type.label == "Corporate agency"


def test_phone_typed_into_email_field_is_not_echoed() -> None:
    found = problems(
        Customer, {"name": "Jo", "email": "0412 345 678", "phone": "jo@private.example"}
    )
    assert found == {
        "email": "is not an email address (like name@example.com)",
        "phone": "is not a phone number (6 to 15 digits, spaces and a leading + allowed)",
    }
    with pytest.raises(ValidationError) as info:
        Customer(name="Jo", email="0412 345 678", phone="jo@private.example")
    for text in (str(input_error(info.value)), str(info.value)):
        assert "0412" not in text
        assert "private" not in text


def test_nested_field_names_and_no_input_in_messages(new_case_fields) -> None:
    secret = "4111 1111 1111 1111"
    found = problems(
        NewCase,
        new_case_fields(
            customer={"name": "", "email": secret},
            summary="",
            severity=secret,
            surprise=secret,
        ),
    )
    assert set(found) == {"customer.name", "customer.email", "summary", "severity", "surprise"}
    assert found["customer.name"] == "must not be empty"
    assert found["severity"] == "must be one of: low, medium or high"
    assert found["surprise"] == "is not a known field"
    assert not any("4111" in message for message in found.values())


def test_too_long_field_says_the_limit(new_case_fields) -> None:
    found = problems(NewCase, new_case_fields(summary="x" * 201))
    assert found == {"summary": "is too long (at most 200 characters)"}


def test_a_customer_must_be_reachable(new_case_fields) -> None:
    found = problems(NewCase, new_case_fields(customer={"name": "Jo", "phone": " ", "email": ""}))
    assert found == {"customer.phone": "give a phone number or an email address"}


def test_new_case_text_is_cleaned(new_case_fields) -> None:
    form = NewCase.model_validate(
        new_case_fields(summary="\x1b]0;x\x07Late   \u202edelivery", details="line 1\r\nline 2")
    )
    assert form.summary == "Late delivery"
    assert form.details == "line 1\nline 2"


def test_category_and_channel_must_be_in_the_policy(new_case_fields, policy) -> None:
    form = NewCase.model_validate(new_case_fields(category="  billing ", channel="EMAIL"))
    checked = check_new_case(form, policy)
    assert (checked.category, checked.channel) == ("Billing", "email")
    with pytest.raises(InputError) as info:
        check_new_case(form.model_copy(update={"category": "Aliens"}), policy)
    assert info.value.problems[0].field == "category"
    assert "Billing" in info.value.problems[0].message
    with pytest.raises(InputError) as info:
        check_new_case(form.model_copy(update={"channel": "pigeon"}), policy)
    assert info.value.problems[0].field == "channel"


def test_case_ids() -> None:
    assert format_case_id(42) == "C-000042"
    assert check_case_id(" c-000042 ") == "C-000042"
    for bad in ["C-42", "000042", "C-00004a", "D-000042"]:
        with pytest.raises(ValueError, match="is not a case id"):
            check_case_id(bad)


def test_datetimes_must_be_aware_and_are_kept_in_utc() -> None:
    class Stamp(Model):
        at: AwareDatetime

    with pytest.raises(ValidationError):
        Stamp(at=datetime(2026, 3, 2, 10, 0))
    assert Stamp(at="2026-03-02T10:00:00+11:00").at == datetime(2026, 3, 1, 23, 0, tzinfo=UTC)


# -- follow-up referral rules ------------------------------------------------------


def follow_up_problems(fields: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InputError) as info:
        parse_step_data(Step.FOLLOW_UP, fields)
    return {p.field: p.message for p in info.value.problems}


def test_satisfied_customer_needs_no_referral() -> None:
    data = parse_step_data(Step.FOLLOW_UP, {"satisfied": True})
    assert isinstance(data, FollowUpData)
    assert data.referral_body is None
    assert not data.internal_review


def test_satisfied_customer_is_not_referred() -> None:
    assert set(follow_up_problems({"satisfied": True, "referral_body": "Ombudsman"})) == {
        "referral_body"
    }
    assert set(follow_up_problems({"satisfied": True, "internal_review": True})) == {
        "internal_review"
    }


def test_unsatisfied_customer_must_be_referred_somewhere() -> None:
    found = follow_up_problems({"satisfied": False})
    assert list(found) == ["referral_body"]
    assert "internal review" in found["referral_body"]


def test_outside_referral_needs_body_and_contact() -> None:
    assert list(follow_up_problems({"satisfied": False, "referral_body": "Ombudsman"})) == [
        "referral_contact"
    ]
    assert list(follow_up_problems({"satisfied": False, "referral_contact": "1800 000"})) == [
        "referral_body"
    ]
    data = parse_step_data(
        Step.FOLLOW_UP,
        {"satisfied": False, "referral_body": "Ombudsman", "referral_contact": "1800 000 000"},
    )
    assert isinstance(data, FollowUpData)
    assert data.referral_body == "Ombudsman"


def test_outside_body_and_internal_review_are_exclusive() -> None:
    fields = {
        "satisfied": False,
        "referral_body": "Ombudsman",
        "referral_contact": "1800 000 000",
        "internal_review": True,
    }
    assert list(follow_up_problems(fields)) == ["internal_review"]
    data = parse_step_data(Step.FOLLOW_UP, {"satisfied": False, "internal_review": True})
    assert isinstance(data, FollowUpData)
    assert data.internal_review


def test_satisfied_must_be_yes_or_no() -> None:
    assert follow_up_problems({"satisfied": "perhaps"}) == {"satisfied": "must be yes or no"}
