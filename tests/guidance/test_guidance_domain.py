"""Pure guidance logic: search and ranking, filters, tip of the day, template rendering."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cstui.domain.guidance import (
    MISSING_MARK,
    filter_items,
    render_template,
    search,
    template_problems,
    tip_of_the_day,
)
from cstui.models.content import Tip
from cstui.models.guide import GuideItem, ItemKind
from cstui.models.kinds import Step


def item(title: str, body: str = "", kind: ItemKind = ItemKind.TIP, **extra: object) -> GuideItem:
    return GuideItem(kind, title.lower().replace(" ", "-"), title, body, **extra)  # type: ignore[arg-type]


ITEMS = [
    item("Keep in touch", "Listen to what they say and call back."),
    item("Answer quickly", "Nothing about it."),
    item("Active listening", "Take notes."),
    item("Listening well", "Practice.", ItemKind.ACTIVITY),
]


def titles(found: list[GuideItem]) -> list[str]:
    return [i.title for i in found]


def test_a_title_match_ranks_above_a_body_match() -> None:
    found = search(ITEMS, "listen")
    assert titles(found) == ["Listening well", "Active listening", "Keep in touch"]
    # The body match is listed, after every title match.
    assert found[-1].title == "Keep in touch"


def test_a_title_starting_with_the_word_ranks_first_among_title_matches() -> None:
    items = [item("Be an active listener"), item("Listener first")]
    assert titles(search(items, "listen")) == ["Listener first", "Be an active listener"]


def test_tips_rank_before_activities_when_otherwise_equal() -> None:
    items = [item("Listen well", kind=ItemKind.ACTIVITY), item("Listen now")]
    assert titles(search(items, "listen")) == ["Listen now", "Listen well"]


def test_every_word_must_match_somewhere() -> None:
    assert titles(search(ITEMS, "listen notes")) == ["Active listening"]
    assert titles(search(ITEMS, "listen nothing")) == []
    # Words may be split between title and body; more words in the title rank higher.
    assert titles(search(ITEMS, "call touch")) == ["Keep in touch"]


def test_search_ignores_case_and_curly_quotes() -> None:
    items = [item("Unlearn", "“Unlearn” something; the customer’s needs")]
    assert titles(search(items, "CUSTOMER'S")) == ["Unlearn"]
    assert titles(search(items, '"unlearn"')) == ["Unlearn"]


def test_an_empty_query_lists_everything_in_order() -> None:
    assert search(ITEMS, "   ") == ITEMS


def test_filter_by_theme_and_step() -> None:
    items = [
        item("A", themes=("active-listening",), steps=(Step.NOTIFY,)),
        item("B", themes=("adding-value",), steps=(Step.SOLVE, Step.NOTIFY)),
        item("C"),
    ]
    assert titles(filter_items(items, theme="active-listening")) == ["A"]
    assert titles(filter_items(items, step=Step.NOTIFY)) == ["A", "B"]
    assert titles(filter_items(items, theme="adding-value", step=Step.RECEIVE)) == []
    assert filter_items(items) == items


def test_tip_of_the_day_is_the_same_all_day_and_moves_on_the_next() -> None:
    tips = [Tip(id=f"tip-{n}", title=f"T{n}", body="b") for n in range(3)]
    day = date(2026, 11, 23)
    assert tip_of_the_day(tips, day) == tip_of_the_day(tips, day)
    seen = {tip_of_the_day(tips, day + timedelta(days=n)).id for n in range(3)}  # type: ignore[union-attr]
    assert seen == {"tip-0", "tip-1", "tip-2"}
    assert tip_of_the_day([], day) is None


# -- templates ----------------------------------------------------------------------------


def test_rendering_substitutes_plain_text() -> None:
    rendered = render_template(
        "Dear {customer_name}, case {case_id}. {{literal}}",
        {"customer_name": "[bold]Jo[/bold] {case_id}", "case_id": "C-000001"},
    )
    # A value is never parsed again: braces and markup in it stay as typed.
    assert rendered.text == "Dear [bold]Jo[/bold] {case_id}, case C-000001. {literal}"
    assert rendered.missing == []
    assert rendered.complete


def test_a_missing_field_is_flagged_in_the_text_and_listed_once() -> None:
    rendered = render_template(
        "To {referral_body} ({referral_contact}); again {referral_body}; {action}",
        {"referral_body": None, "referral_contact": "  ", "action": "Refund"},
    )
    marker = MISSING_MARK.format(name="referral_body")
    assert rendered.text.count(marker) == 2
    assert "⟨missing: referral_contact⟩" in rendered.text
    assert rendered.text.endswith("; Refund")
    assert rendered.missing == ["referral_body", "referral_contact"]
    assert not rendered.complete


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("Hi {name}", "unknown placeholder {name}"),
        ("Hi {case_id.__class__}", "unknown placeholder {case_id.__class__}"),
        ("Hi {case_id[0]}", "unknown placeholder {case_id[0]}"),
        ("Hi {}", "unknown placeholder {}"),
        ("Hi {0}", "unknown placeholder {0}"),
        ("Hi {case_id:>40}", "must be a bare name"),
        ("Hi {case_id!r}", "must be a bare name"),
        ("Hi {case_id", "stray { or }"),
        ("Hi case_id}", "stray { or }"),
    ],
)
def test_template_problems_refuse_anything_but_bare_known_names(body: str, reason: str) -> None:
    problems = template_problems(body)
    assert problems and reason in problems[0]
    with pytest.raises(ValueError):
        render_template(body, {"case_id": "C-000001"})


def test_a_template_without_placeholders_renders_as_is() -> None:
    assert render_template("Thank you.", {}).text == "Thank you."
