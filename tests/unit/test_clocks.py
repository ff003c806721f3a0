"""The clocks as the complaints standards count them: public holidays, presets, per-category
targets, delay notices and the external dispute body."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cstui.domain import workflow
from cstui.domain.due import (
    DELAY_NOTICE,
    add_business_days,
    delay_notice_due,
    final_response_due,
    is_business_day,
    next_due,
    resolve_due,
)
from cstui.models.case import Case, NewCase
from cstui.models.policy import Policy

SYDNEY = ZoneInfo("Australia/Sydney")


def make_policy(**fields: object) -> Policy:
    base: dict[str, object] = {"categories": ["Billing", "Hardship"], "channels": ["phone"]}
    hours = {"timezone": "Australia/Sydney", **dict(fields.pop("business_hours", {}))}  # type: ignore[call-overload]
    return Policy.model_validate({**base, "business_hours": hours, **fields})


def test_christmas_and_state_holidays_are_not_business_days() -> None:
    hours = make_policy().business_hours
    assert (hours.holiday_country, hours.holiday_region) == ("AU", "NSW")
    assert not is_business_day(date(2026, 12, 25), hours)
    assert not is_business_day(date(2026, 10, 5), hours)  # Labour Day in NSW
    victoria = make_policy(business_hours={"holiday_region": "VIC"}).business_hours
    assert not is_business_day(date(2026, 11, 3), victoria)  # Melbourne Cup Day
    assert is_business_day(date(2026, 11, 3), hours)
    assert add_business_days(date(2026, 12, 24), 1, hours) == date(2026, 12, 29)


def test_the_policys_own_lists_add_and_remove_days() -> None:
    hours = make_policy(
        business_hours={"holidays": [date(2026, 3, 4)], "working_days": [date(2026, 12, 28)]}
    ).business_hours
    assert not is_business_day(date(2026, 3, 4), hours)
    assert is_business_day(date(2026, 12, 28), hours)  # Boxing Day (observed), worked
    none = make_policy(business_hours={"holiday_country": ""}).business_hours
    assert is_business_day(date(2026, 12, 25), none)


def test_uk_centres_keep_englands_holidays() -> None:
    hours = make_policy(jurisdiction="uk").business_hours
    assert (hours.holiday_country, hours.holiday_region) == ("GB", "ENG")
    assert not is_business_day(date(2026, 8, 31), hours)  # Summer bank holiday


def test_sites_name_their_own_region() -> None:
    policy = make_policy(sites={"melbourne": {"region": "VIC"}})
    assert policy.hours_at("melbourne").holiday_region == "VIC"
    assert policy.hours_at(None).holiday_region == "NSW"


def test_standards_preset_targets_unless_overridden() -> None:
    assert make_policy().targets.resolve_calendar_days == 30
    disp = make_policy(complaints_standard="fca-disp")
    assert disp.targets.resolve_calendar_days == 56
    assert disp.targets.summary_resolution_business_days == 3
    assert not disp.targets.waiting_pauses_resolve
    rg271 = make_policy(complaints_standard="asic-rg271", targets={"resolve_calendar_days": 25})
    assert rg271.targets.resolve_calendar_days == 25
    assert rg271.targets.resolve_days_for("hardship") == 21
    assert rg271.targets.resolve_days_for("Superannuation") == 45
    own = make_policy(
        complaints_standard="asic-rg271", targets={"category_resolve_days": {"Hardship": 14}}
    )
    assert own.targets.resolve_days_for("Hardship") == 14


def _case(category: str, received: datetime) -> Case:
    form = NewCase.model_validate(
        {
            "customer": {"name": "Jo", "phone": "0412 345 678"},
            "channel": "phone",
            "category": category,
            "summary": "Charged twice",
        }
    )
    return workflow.new_case("C-000001", form, "tester", received)


def test_hardship_cases_get_21_days_and_waiting_never_moves_them() -> None:
    policy = make_policy(complaints_standard="asic-rg271")
    received = datetime(2026, 3, 2, 10, tzinfo=SYDNEY)
    case = _case("Hardship", received)
    assert final_response_due(case, policy) == received + timedelta(days=21)
    waiting = workflow.wait(case, "tester", received + timedelta(days=1))
    later = received + timedelta(days=5)
    assert resolve_due(waiting, policy, later) == received + timedelta(days=21)
    custom = make_policy()
    moved = resolve_due(waiting, custom, later) - final_response_due(waiting, custom)
    assert moved == timedelta(days=4)  # the centre's own clock pauses while waiting


def test_delay_notice_is_due_before_the_deadline_until_sent() -> None:
    policy = make_policy(complaints_standard="asic-rg271")
    received = datetime(2026, 3, 2, 10, tzinfo=SYDNEY)
    case = _case("Billing", received)  # final response by 1 April
    assert not delay_notice_due(case, policy, datetime(2026, 3, 20, 10, tzinfo=SYDNEY))
    assert delay_notice_due(case, policy, datetime(2026, 3, 26, 10, tzinfo=SYDNEY))
    sent = workflow.add_event(case, DELAY_NOTICE, "late", "tester", received + timedelta(days=24))
    assert not delay_notice_due(sent, policy, datetime(2026, 3, 26, 10, tzinfo=SYDNEY))


def test_final_responses_name_the_external_body() -> None:
    body = make_policy(
        external_body={"name": "AFCA", "contact": "1800 931 678", "time_limit": "2 years"}
    ).external_body
    sentence = body.referral_sentence()
    assert "AFCA" in sentence and "1800 931 678" in sentence and "2 years" in sentence
    assert "AFCA" not in make_policy().external_body.referral_sentence()


def test_sites_are_listed_with_a_name_and_a_region() -> None:
    policy = make_policy(
        sites=[{"name": "Melbourne", "region": "AU-VIC"}, {"name": "Glasgow", "region": "GB-SCT"}]
    )
    melbourne = policy.hours_at("melbourne")
    assert (melbourne.holiday_country, melbourne.holiday_region) == ("AU", "VIC")
    assert not is_business_day(date(2026, 11, 3), melbourne)  # Melbourne Cup Day
    glasgow = policy.hours_at("Glasgow")
    assert not is_business_day(date(2026, 1, 2), glasgow)  # 2 January, Scotland only
    assert policy.hours_at("Perth") == policy.business_hours


def test_a_site_needs_a_name_of_its_own_and_a_region_that_reads() -> None:
    from pydantic import ValidationError

    for sites in (
        [{"name": "A", "region": "VIC"}, {"name": "a", "region": "NSW"}],
        [{"name": "A", "region": "Victoria"}],
        [{"region": "VIC"}],
    ):
        try:
            make_policy(sites=sites)
        except ValidationError:
            continue
        raise AssertionError(f"accepted {sites}")


def test_a_site_whose_region_has_no_known_holidays_is_refused_naming_the_site() -> None:
    from pydantic import ValidationError

    for region, said in (
        ("AU-XX", "the region of site 'Perth', XX, is not one of AU's public-holiday regions"),
        ("XX", "the region of site 'Perth', XX, is not one of AU's public-holiday regions"),
        ("ZZ-NSW", "the region of site 'Perth', ZZ-NSW, names no country"),
    ):
        try:
            make_policy(sites=[{"name": "Perth", "region": region}])
        except ValidationError as exc:
            assert said in str(exc), exc
            continue
        raise AssertionError(f"accepted {region}")


def test_a_case_at_a_site_counts_that_sites_holidays() -> None:
    policy = make_policy(sites=[{"name": "Melbourne", "region": "AU-VIC"}])
    form = NewCase.model_validate(
        {
            "customer": {"name": "Jo", "phone": "0412 345 678"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Charged twice",
            "site": "melbourne",
        }
    )
    checked = workflow.check_new_case(form, policy)
    assert checked.site == "Melbourne"
    cup_eve = datetime(2026, 11, 2, 10, tzinfo=SYDNEY)
    at_site = workflow.new_case("C-000001", checked, "tester", cup_eve)
    centre = _case("Billing", cup_eve)
    assert next_due(centre, policy, cup_eve).at.date() == date(2026, 11, 3)  # type: ignore[union-attr]
    assert next_due(at_site, policy, cup_eve).at.date() == date(2026, 11, 4)  # type: ignore[union-attr]
