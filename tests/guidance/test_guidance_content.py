"""The shipped content: every tip and activity of the seed word for word, and consistent files."""

from __future__ import annotations

import tomllib

import pytest
from tests.support.guidance import normalised, seed_activity_paragraphs, seed_tips

from cstui.content.development import load_development
from cstui.content.library import (
    DEVELOPMENT,
    FILES,
    GUIDANCE,
    TEMPLATES,
    TIPS,
    check_content,
    load_default,
)
from cstui.domain.guidance import template_problems
from cstui.models.content import PLACEHOLDERS
from cstui.models.kinds import PROCEDURE, Step
from cstui.models.step_registry import STEPS
from cstui.resources import data_file

THEME_IDS = [
    "recognising-the-customer",
    "setting-priorities",
    "identifying-needs",
    "conflicting-needs",
    "active-listening",
    "service-orientation",
    "adding-value",
]


def test_every_shipped_file_is_valid() -> None:
    assert check_content(None) == []
    for kind in FILES:
        assert load_default(kind) is not None


def test_the_fourteen_tips_are_the_seed_sentences_word_for_word(seed_003: str) -> None:
    from_seed = seed_tips(seed_003)
    assert sorted(from_seed) == list(range(1, 15))
    tips = load_default(TIPS).tips
    assert [t.id for t in tips] == [f"tip-{n:02d}" for n in range(1, 15)]
    for tip in tips:
        assert normalised(tip.body) == from_seed[int(tip.id[-2:])]


def test_every_activity_paragraph_of_the_seed_is_present_word_for_word(seed_003: str) -> None:
    development = load_development()
    seed = seed_activity_paragraphs(seed_003)
    assert [t.title for t in development.themes] == list(seed)
    for theme in development.themes:
        shipped = " ".join(
            normalised(f"{a.title} {a.body}") for a in development.activities_for(theme.id)
        )
        assert shipped == normalised(" ".join(seed[theme.title])), theme.id
        for activity in development.activities_for(theme.id):
            # Title and body each appear as they are in the seed.
            assert normalised(activity.title) in normalised(seed_003)
            if activity.body:
                assert normalised(activity.body) in normalised(seed_003)


def test_the_seed_readings_are_there(seed_003: str) -> None:
    readings = load_development().readings
    assert len(readings) == 4
    flat = normalised(seed_003.replace("|", " "))
    for reading in readings:
        assert reading.title.split(":")[0] in flat
        assert reading.author in flat
        assert reading.publisher in flat
        assert str(reading.year) in flat


def test_development_api_for_the_skills_log() -> None:
    development = load_development()
    assert [t.id for t in development.themes] == THEME_IDS
    listening = development.activities_for("active-listening")
    assert [a.id for a in listening] == [f"active-listening-{n}" for n in (1, 2, 3)]
    assert listening[1].title == "Listening demonstrates understanding and respect."
    assert listening[1].body.startswith("Active listening will help you develop rapport")
    assert listening[1].theme == "active-listening"
    assert {r.id for r in development.readings_for("conflicting-needs")} == {
        "dealing-with-difficult-people"
    }
    assert development.activities_for("no-such-theme") == []
    for theme in THEME_IDS:
        assert development.activities_for(theme), theme
        assert development.readings_for(theme), theme
    fish = next(r for r in development.readings if r.id == "fish-tales")
    assert (fish.author, fish.publisher, fish.year) == (
        "Stephen C. Lundlin, John Christensen and Harry Paul",
        "Hyperion",
        2002,
    )


def test_tips_name_known_themes_and_steps() -> None:
    themes = {t.id for t in load_default(DEVELOPMENT).themes}
    for tip in load_default(TIPS).tips:
        assert tip.themes and set(tip.themes) <= themes, tip.id
        assert Step.CLOSED not in tip.steps
    listening = [t.id for t in load_default(TIPS).tips if "active-listening" in t.themes]
    assert "tip-12" in listening


@pytest.mark.parametrize("step", PROCEDURE, ids=lambda s: s.value)
def test_guidance_for_each_step_records_that_steps_fields(step: Step) -> None:
    guide = load_default(GUIDANCE).for_step(step)
    assert guide is not None
    assert guide.do and 2 <= len(guide.say) <= 4
    assert set(guide.record) <= set(STEPS[step].recorded)
    # Every field the agent must fill in is explained.
    required = {
        Step.RECEIVE: {"customer", "summary", "category", "channel"},
        Step.INVESTIGATE: {"findings"},
        Step.DECLARE: {"promise", "by"},
        Step.SOLVE: {"action", "policy_clause"},
        Step.NOTIFY: {"method", "said"},
        Step.FOLLOW_UP: {"satisfied", "referral_body", "referral_contact", "internal_review"},
    }[step]
    assert required <= set(guide.record)
    tips = load_default(TIPS)
    for tip_id in guide.tips:
        tip = tips.get(tip_id)
        assert tip is not None and step in tip.steps, (step, tip_id)


def test_guidance_do_follows_the_complaint_procedure() -> None:
    guidance = load_default(GUIDANCE)
    assert "record all details" in guidance.steps[Step.RECEIVE].do.lower()
    assert "determine exactly what happened" in guidance.steps[Step.INVESTIGATE].do
    assert "take responsibility" in guidance.steps[Step.DECLARE].do
    assert "policies and procedures" in guidance.steps[Step.SOLVE].do
    assert "what action will be taken" in guidance.steps[Step.NOTIFY].do
    assert "ombudsman" in guidance.steps[Step.FOLLOW_UP].do


def test_templates_use_only_known_placeholders() -> None:
    templates = load_default(TEMPLATES)
    assert [t.id for t in templates.templates] == [
        "acknowledgement",
        "declaration",
        "resolution",
        "delay-notice",
        "follow_up",
        "final_response",
        "summary-resolution",
    ]
    for template in templates.templates:
        assert template_problems(template.body) == [], template.id
    by_id = {t.id: t.body for t in templates.templates}
    assert "{case_id}" in by_id["acknowledgement"]
    assert "{acknowledge_by}" in by_id["acknowledgement"]
    assert "{referral_body}" in by_id["final_response"]
    assert "{external_referral}" in by_id["resolution"]
    assert "{delay_reason}" in by_id["delay-notice"]
    assert "{external_body}" in by_id["delay-notice"]
    assert "{referral_contact}" in by_id["final_response"]
    assert set(PLACEHOLDERS) >= {"customer_name", "respond_by", "promise", "promised_by"}


def test_shipped_files_are_plain_utf8_toml() -> None:
    for kind in FILES:
        with data_file(kind.name).open("rb") as handle:
            assert tomllib.load(handle)
