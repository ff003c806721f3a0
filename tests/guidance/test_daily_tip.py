"""Today's tip read without the content models: the same tip as the library's, or None."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.support.guidance import write_override

import cstui.content.daily_tip as daily_tip
from cstui.content.daily_tip import shipped_tip_of_the_day
from cstui.content.library import TIPS, load_default
from cstui.domain.guidance import tip_of_the_day

DAY = date(2026, 11, 23)


def test_the_shipped_tip_is_the_librarys_tip_every_day(tmp_path: Path) -> None:
    tips = load_default(TIPS).tips
    for n in range(2 * len(tips)):
        day = DAY + timedelta(days=n)
        light, full = shipped_tip_of_the_day(tmp_path, day), tip_of_the_day(tips, day)
        assert light is not None and full is not None
        assert (light.title, light.body) == (full.title, full.body)


@pytest.mark.parametrize("name", ["tips.toml", "templates.toml"])
def test_any_content_override_leaves_the_choice_to_the_library(tmp_path: Path, name: str) -> None:
    write_override(tmp_path, name, "")
    assert shipped_tip_of_the_day(tmp_path, DAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "not toml [",
        "tips = 'one'",
        "[[tips]]\nid = 'tip-01'\ntitle = 'Two  spaces'\nbody = 'Fine.'\n",
        "[[tips]]\nid = 'tip-01'\ntitle = 'Bell'\nbody = \"Ring \\u0007 it.\"\n",
        "[[tips]]\nid = 'tip-01'\ntitle = 'Empty'\nbody = '  '\n",
        "[[tips]]\ntitle = 'No id'\nbody = 'Fine.'\n",
    ],
)
def test_a_shipped_file_that_is_not_plainly_right_leaves_it_to_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    shipped = tmp_path / "tips.toml"
    shipped.write_text(text, encoding="utf-8")
    monkeypatch.setattr(daily_tip, "data_file", lambda name: tmp_path / name)
    assert shipped_tip_of_the_day(tmp_path / "data", DAY) is None
