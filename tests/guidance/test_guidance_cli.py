"""``cstui tips``, ``tips search``, ``template list|render`` and ``content check``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from tests.support.cli import invoke
from tests.support.clock import MONDAY_IN_NOVEMBER
from tests.support.guidance import write_override

from cstui.resources import data_file

NOW = MONDAY_IN_NOVEMBER.isoformat()


def run(data_dir: Path, *args: str) -> Result:
    result = invoke(
        ["--data-dir", str(data_dir), "--user", "alice", *args],
        now=NOW,
        env={"TZ": "UTC"},
        catch_exceptions=False,
    )
    assert "Traceback" not in result.output
    return result


def ok_json(data_dir: Path, *args: str) -> Any:
    result = run(data_dir, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def case_id(data: Path) -> str:
    """A case logged Monday 23 November 2026 10:00 UTC, policy zone UTC."""
    run(data, "team", "list")  # first run creates the folder
    policy = data / "policy.toml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace('timezone = ""', 'timezone = "UTC"'),
        encoding="utf-8",
    )
    case = ok_json(
        data, "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
        "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
    )  # fmt: skip
    return str(case["id"])


def test_tips_lists_all_fourteen(data: Path) -> None:
    result = run(data, "tips")
    assert result.exit_code == 0
    assert result.stdout.startswith("tip-01  Know your customers\n")
    assert result.stdout.count("\ntip-") == 13
    tips = ok_json(data, "tips")
    assert len(tips) == 14
    assert set(tips[0]) == {"id", "title", "body", "themes", "steps"}
    assert tips[11]["body"].startswith("Use active listening techniques")
    # Reading tips needs no store: nothing is created in the data folder.
    assert not data.exists()


def test_tips_by_theme_and_step(data: Path) -> None:
    assert [t["id"] for t in ok_json(data, "tips", "--step", "notify")] == [
        "tip-05",
        "tip-08",
        "tip-12",
    ]
    listening = ok_json(data, "tips", "--theme", "active-listening", "--step", "receive")
    assert [t["id"] for t in listening] == ["tip-12"]
    assert run(data, "tips", "--theme", "adding-value", "--step", "receive").stdout == (
        "No tips match.\n"
    )


def test_tips_unknown_theme_or_step(data: Path) -> None:
    result = run(data, "tips", "--theme", "juggling")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --theme: is not a theme (themes: recognising-the")
    assert run(data, "tips", "--step", "closed").exit_code == 2


def test_tips_search(data: Path) -> None:
    found = ok_json(data, "tips", "search", "listen")
    assert (found[0]["kind"], found[0]["id"]) == ("tip", "tip-12")
    assert {"active-listening-1", "active-listening-2", "active-listening-3"} <= {
        f["id"] for f in found
    }
    activity = next(f for f in found if f["kind"] == "activity")
    assert set(activity) == {"kind", "id", "title", "body", "themes", "steps"}
    assert activity["steps"] == []
    text = run(data, "tips", "search", "listen").stdout
    assert text.startswith("tip-12  Listen actively and take notes  (tip)\n")
    assert "(activity: Listen actively)" in text
    assert (
        run(data, "tips", "search", "zebra crossing").stdout
        == "Nothing matches 'zebra crossing'.\n"
    )
    assert ok_json(data, "tips", "search", "listen", "--theme", "adding-value") == []


def test_template_list(data: Path) -> None:
    text = run(data, "template", "list").stdout.splitlines()
    assert text[0].split() == ["NAME", "TITLE", "SUITS", "STEP"]
    assert text[1].split()[0] == "acknowledgement"
    listed = ok_json(data, "template", "list")
    assert [t["id"] for t in listed][-2:] == ["final_response", "summary-resolution"]
    assert set(listed[0]) == {"id", "title", "when", "body"}
    assert listed[0]["when"] == "investigate"


def test_template_render_names_the_case_and_its_due_date(data: Path, case_id: str) -> None:
    result = run(data, "template", "render", "acknowledgement", "--case", case_id)
    assert result.exit_code == 0, result.output
    assert f"case {case_id}" in result.stdout
    assert "contact you by Tuesday 24 November 2026" in result.stdout
    assert result.stderr == ""
    shown = ok_json(data, "template", "render", "acknowledgement", "--case", case_id)
    assert shown == {
        "template": "acknowledgement",
        "case": case_id,
        "text": result.stdout.rstrip("\n"),
        "missing": [],
    }


def test_template_render_flags_missing_fields(data: Path, case_id: str) -> None:
    result = run(data, "template", "render", "final_response", "--case", case_id)
    assert result.exit_code == 0
    assert "⟨missing: referral_body⟩" in result.stdout
    assert result.stderr == (
        "cstui: warning: the case has no action, referral_body, referral_contact yet "
        "(marked in the text)\n"
    )
    shown = ok_json(data, "template", "render", "final_response", "--case", case_id)
    assert shown["missing"] == ["action", "referral_body", "referral_contact"]


def test_template_render_errors(data: Path, case_id: str) -> None:
    unknown = run(data, "template", "render", "thanks", "--case", case_id)
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("error: no template called 'thanks' (templates: ")
    no_case = run(data, "template", "render", "acknowledgement", "--case", "C-000404")
    assert no_case.exit_code == 2 and no_case.stderr.startswith("error: ")
    bad_id = run(data, "template", "render", "acknowledgement", "--case", "nope")
    assert bad_id.exit_code == 2 and bad_id.stderr.startswith("error: --case: ")


def test_content_check_clean(data: Path) -> None:
    result = run(data, "content", "check")
    assert (result.exit_code, result.stdout) == (0, "All content files are valid.\n")
    assert ok_json(data, "content", "check") == []


def test_content_check_reports_file_key_reason_and_exits_2(data: Path) -> None:
    path = write_override(
        data,
        "templates.toml",
        '[[templates]]\nid = "x"\ntitle = "X"\nwhen = "later"\nbody = "Hi {nobody}"\n',
    )
    result = run(data, "content", "check")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines == [
        f"{path}: key templates[x].when must be one of: " + lines[0].split("one of: ")[1]
    ]
    assert "receive" in lines[0]
    problems = json.loads(run(data, "content", "check", "--json").stdout)
    assert problems == [
        {"file": str(path), "key": "templates[x].when", "reason": problems[0]["reason"]}
    ]


def test_a_broken_override_warns_and_the_default_is_used(data: Path) -> None:
    path = write_override(data, "tips.toml", "[[tips]]\nid = 3\n")
    result = run(data, "tips", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 14
    assert result.stderr.startswith(f"cstui: warning: {path}: key tips[#1].id must be text")
    assert result.stderr.rstrip().endswith("(the shipped default is used instead)")


def test_case_commands_do_not_load_content(data: Path, case_id: str) -> None:
    write_override(data, "tips.toml", "not toml")
    listed = run(data, "case", "list")
    assert listed.exit_code == 0
    assert listed.stderr == ""  # content is loaded only when a guidance feature is used


# -- a real process ----------------------------------------------------------------------


def test_subprocess_tips_search_and_template_render(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    env = {
        **base,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "CSTUI_DATA_DIR": str(tmp_path / "data"),
    }

    def cstui(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cstui", *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    found = cstui("tips", "search", "listen", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["id"] == "tip-12"
    new = cstui(
        "case", "new", "--customer", "Zoë", "--email", "zoe@example.com", "--summary", "Late",
        "--category", "delivery", "--channel", "web", "--json",
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    case_id = json.loads(new.stdout)["id"]
    rendered = cstui("template", "render", "acknowledgement", "--case", case_id, "--json")
    assert rendered.returncode == 0, rendered.stderr
    shown = json.loads(rendered.stdout)
    assert shown["missing"] == [] and f"case {case_id}" in shown["text"]
    assert "Dear Zoë," in shown["text"]
    check = cstui("content", "check")
    assert (check.returncode, check.stdout) == (0, "All content files are valid.\n")
    assert data_file("tips.toml").is_file()
