"""Content overrides: a valid one is used, a broken one falls back with a clear warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.clock import FixedClock
from tests.support.guidance import write_override
from tests.support.workspaces import LEADER, open_utc_workspace

from cstui.content.development import load_development
from cstui.content.library import (
    DEVELOPMENT,
    TEMPLATES,
    TIPS,
    ContentLibrary,
    check_content,
    load_content,
)
from cstui.resources import data_file
from cstui.workspace import Workspace

ONE_TIP = """
[[tips]]
id = "tip-01"
title = "Smile"
body = "Smile down the phone."
themes = ["active-listening"]
steps = ["receive"]
"""


def test_without_overrides_the_shipped_files_are_used(tmp_path: Path) -> None:
    loaded = load_content(TIPS, tmp_path)
    assert loaded.source == str(data_file("tips.toml"))
    assert loaded.problems == [] and loaded.warning is None
    assert len(loaded.content.tips) == 14


def test_a_valid_override_replaces_the_shipped_file(tmp_path: Path) -> None:
    path = write_override(tmp_path, "tips.toml", ONE_TIP)
    loaded = load_content(TIPS, tmp_path)
    assert loaded.source == str(path)
    assert [t.title for t in loaded.content.tips] == ["Smile"]
    assert loaded.warning is None


def test_a_broken_override_falls_back_and_names_file_key_and_reason(tmp_path: Path) -> None:
    path = write_override(tmp_path, "tips.toml", ONE_TIP.replace('"receive"', '"lunch"'))
    loaded = load_content(TIPS, tmp_path)
    assert len(loaded.content.tips) == 14
    assert loaded.source == str(data_file("tips.toml"))
    [problem] = loaded.problems
    assert (problem.file, problem.key) == (str(path), "tips[tip-01].steps[#1]")
    assert problem.reason.startswith("must be one of:")
    assert loaded.warning == (
        f"{path}: key tips[tip-01].steps[#1] {problem.reason} (the shipped default is used instead)"
    )


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ("[[tips]\n", "", "is not valid TOML"),
        ("tips = []\n", "tips", "must not be empty"),
        (ONE_TIP.replace('title = "Smile"\n', ""), "tips[tip-01].title", "is required"),
        (ONE_TIP + ONE_TIP, "tips[tip-01].id", "repeats the id 'tip-01'"),
        (ONE_TIP.replace('id = "tip-01"', 'id = "Tip One"'), "tips[Tip One].id", "lower-case"),
        (ONE_TIP + "surprise = 1\n", "tips[tip-01].surprise", "is not a known field"),
        (ONE_TIP.replace('steps = ["receive"]', 'steps = ["closed"]'), "tips[tip-01].steps.0", ""),
    ],
)
def test_problems_in_a_tips_override(tmp_path: Path, text: str, key: str, reason: str) -> None:
    write_override(tmp_path, "tips.toml", text)
    problems = load_content(TIPS, tmp_path).problems
    assert problems, text
    assert problems[0].key.replace("[#1]", ".0") == key or problems[0].key == key
    assert reason in problems[0].reason


def test_an_unreadable_override_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    write_override(tmp_path, "tips.toml", "").write_bytes(b"\xff\xfe\x00bad")
    loaded = load_content(TIPS, tmp_path)
    assert len(loaded.content.tips) == 14
    assert "not UTF-8" in loaded.problems[0].reason


def test_an_unknown_template_placeholder_is_refused(tmp_path: Path) -> None:
    path = write_override(
        tmp_path,
        "templates.toml",
        '[[templates]]\nid = "hello"\ntitle = "Hello"\nwhen = "notify"\n'
        'body = "Hi {customer_name}, your {case_id.__class__} and {balance}"\n',
    )
    loaded = load_content(TEMPLATES, tmp_path)
    assert loaded.content.templates[0].id == "acknowledgement"
    keys = {(p.file, p.key) for p in loaded.problems}
    assert keys == {(str(path), "templates[hello].body")}
    reasons = " ".join(p.reason for p in loaded.problems)
    assert "{case_id.__class__}" in reasons and "{balance}" in reasons


def test_check_lists_every_problem_of_every_override(tmp_path: Path) -> None:
    write_override(tmp_path, "tips.toml", ONE_TIP.replace('"active-listening"', '"juggling"'))
    write_override(tmp_path, "guidance.toml", "[steps.receive]\ndo = 'x'\n")
    write_override(tmp_path, "development.toml", "[[themes]\n")
    problems = check_content(tmp_path)
    lines = [str(p) for p in problems]
    content = tmp_path / "content"
    assert any(
        line.startswith(f"{content / 'development.toml'}: is not valid TOML") for line in lines
    )
    assert any(
        line.startswith(f"{content / 'guidance.toml'}: key steps.receive.say is required")
        for line in lines
    )
    # The tips override parses, but names a theme that does not exist.
    assert (
        f"{content / 'tips.toml'}: key tips[tip-01].themes names a theme that is not in "
        f"{data_file('development.toml')}: 'juggling'"
    ) in lines
    # Its tips are not the ones the (shipped) guidance refers to: said against guidance.
    shipped = str(data_file("guidance.toml"))
    assert {p.file for p in problems} == {
        str(content / "tips.toml"),
        str(content / "development.toml"),
        str(content / "guidance.toml"),
        shipped,
    }


def test_check_of_a_clean_folder_is_empty(tmp_path: Path) -> None:
    assert check_content(tmp_path) == []
    write_override(tmp_path, "tips.toml", ONE_TIP)
    # A smaller tips file breaks guidance.toml's references to tips it no longer has.
    problems = check_content(tmp_path)
    assert len(problems) == 6
    assert all(p.key.startswith("steps.") and p.key.endswith(".tips") for p in problems)
    tips_file = str(tmp_path / "content" / "tips.toml")
    assert all(p.reason.startswith(f"names tips that are not in {tips_file}: ") for p in problems)


def test_library_warnings_collect_broken_overrides_and_references(tmp_path: Path) -> None:
    write_override(tmp_path, "templates.toml", "templates = 3\n")
    write_override(tmp_path, "tips.toml", ONE_TIP)
    library = ContentLibrary(tmp_path)
    warnings = library.load_all()
    assert len(warnings) == 1 + 6  # the templates file; each step naming removed tips
    assert warnings[0].startswith(str(tmp_path / "content" / "templates.toml") + ": key templates")
    assert library.templates.templates[0].id == "acknowledgement"
    assert [t.title for t in library.tips.tips] == ["Smile"]
    assert library.load_all() == warnings


def test_load_development_uses_a_valid_override_and_skips_a_broken_one(tmp_path: Path) -> None:
    write_override(
        tmp_path,
        "development.toml",
        '[[themes]]\nid = "calm"\ntitle = "Staying calm"\n'
        '[[activities]]\nid = "calm-1"\ntheme = "calm"\ntitle = "Breathe."\n',
    )
    own = load_development(tmp_path)
    assert [t.id for t in own.themes] == ["calm"]
    assert own.activities_for("calm")[0].body == ""
    write_override(
        tmp_path,
        "development.toml",
        '[[themes]]\nid = "calm"\ntitle = "Staying calm"\n'
        '[[activities]]\nid = "calm-1"\ntheme = "panic"\ntitle = "Breathe."\n',
    )
    loaded = load_content(DEVELOPMENT, tmp_path)
    assert len(loaded.content.themes) == 7
    assert loaded.warning == (
        f"{tmp_path / 'content' / 'development.toml'}: key activities[calm-1].theme names an "
        "unknown theme 'panic' (the shipped default is used instead)"
    )
    assert load_development(None).themes == load_development(tmp_path).themes


def test_workspace_loads_guidance_lazily_and_adds_its_warnings(
    gdata: Path, gclock: FixedClock
) -> None:
    write_override(gdata, "tips.toml", "not toml at all")
    ws: Workspace = open_utc_workspace(gdata, LEADER, gclock)
    assert ws.warnings == []
    assert ws._guidance is None
    service = ws.guidance
    assert ws.guidance is service
    [warning] = ws.warnings
    assert warning.startswith(f"{gdata / 'content' / 'tips.toml'}: is not valid TOML")
    assert len(service.tips()) == 14
