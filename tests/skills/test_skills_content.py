"""The self-assessment data: every statement of every factor, word for word from the seed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from cstui.content.development import load_development
from cstui.models.errors import problems_from
from cstui.models.skills import SelfAssessment

SEED = Path(__file__).with_name("seed_002_self_assessment.txt")
"""A verbatim copy of the user's seed document 002 (five factors and their statements)."""

FACTOR_HEADINGS = [
    "Leadership and Customer service",
    "Policy and standards",
    "Planning and implementing customer service requirements",
    "Monitoring, adjusting and reporting customer service performance",
    "Reducing Unacceptable Customer Service",
]


def seed_statements() -> list[tuple[int, int, str]]:
    """(factor number, statement number, text) read from the seed, line breaks folded."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    starts = [
        index
        for index, line in enumerate(lines)
        if line.strip() in FACTOR_HEADINGS and not line.startswith("\uf0a7")
    ]
    assert len(starts) == 5, starts
    found = []
    ends = [*starts[1:], len(lines)]
    for factor, (begin, end) in enumerate(zip(starts, ends, strict=True), start=1):
        section = "\n".join(lines[begin + 1 : end])
        parts = re.split(r"(?:^|\n)\s*(\d+)\.\s", section)
        for number, text in zip(parts[1::2], parts[2::2], strict=True):
            found.append((factor, int(number), " ".join(text.split())))
    return found


def test_every_statement_is_present_word_for_word(content: SelfAssessment) -> None:
    expected = seed_statements()
    assert len(expected) == 86
    got = [(int(s.factor[1:]), s.number, s.text) for s in content.statements]
    assert got == expected


def test_factor_sizes_and_titles(content: SelfAssessment) -> None:
    sizes = {f.id: len(content.statements_of(f.id)) for f in content.factors}
    assert sizes == {"f1": 22, "f2": 11, "f3": 13, "f4": 19, "f5": 21}
    assert [f.title for f in content.factors] == [
        "Leadership and customer service",
        "Policy and standards",
        "Planning and implementing customer service requirements",
        "Monitoring, adjusting and reporting customer service performance",
        "Reducing unacceptable customer service",
    ]
    assert [f.short for f in content.factors] == [
        "Leadership",
        "Policy",
        "Planning",
        "Monitoring",
        "Reducing",
    ]


def test_ids_are_stable_and_derived_from_factor_and_number(content: SelfAssessment) -> None:
    assert content.ids()[:3] == ["f1.01", "f1.02", "f1.03"]
    assert content.ids()[-1] == "f5.21"
    for statement in content.statements:
        assert statement.id == f"{statement.factor}.{statement.number:02d}"


def test_the_process_is_kept_word_for_word(content: SelfAssessment) -> None:
    assert content.title == "Factors driving customer service performance"
    assert content.process.steps == [
        "Review the actions for each factor.",
        "Identify three things we do well and three things we could do better.",
        "In relation to the things we could do better, ask – what needs to happen? "
        "What do I need to initiate?",
    ]


def test_every_theme_named_exists_in_the_development_suggestions(content: SelfAssessment) -> None:
    themes = {t.id for t in load_development().themes}
    named = {t for f in content.factors for t in f.themes}
    named |= {t for s in content.statements for t in s.themes}
    assert named <= themes
    assert all(content.themes_for(s.id) for s in content.statements)


def test_a_statement_s_own_themes_come_first(content: SelfAssessment) -> None:
    assert content.themes_for("f1.21")[0] == "active-listening"
    assert content.themes_for("f5.13")[0] == "conflicting-needs"
    assert content.themes_for("f1.01") == content.factor("f1").themes
    assert content.themes_for("f9.99") == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"statements": [{"id": "f1.02", "factor": "f1", "number": 1, "text": "x"}]}, "id"),
        ({"statements": [{"id": "f9.01", "factor": "f9", "number": 1, "text": "x"}]}, "factor"),
        ({"statements": [{"id": "f1.02", "factor": "f1", "number": 2, "text": "x"}]}, "number"),
    ],
)
def test_a_damaged_file_is_refused(
    content: SelfAssessment, change: dict[str, Any], field: str
) -> None:
    raw = content.model_dump()
    raw.update(change)
    with pytest.raises(ValidationError) as caught:
        SelfAssessment.model_validate(raw)
    assert [p.field for p in problems_from(caught.value)] == [f"statements.0.{field}"]
