"""``cstui skills ...`` in process (CliRunner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import Cli, command, process_env
from tests.support.clock import MONDAY_IN_MARCH
from tests.support.skills import ratings_for
from tests.support.stores import ServerSignIn
from tests.support.workspaces import set_utc_zone

from cstui.models.skills import Rating

NOW = MONDAY_IN_MARCH.isoformat()
LATER = "2026-04-06T10:00:00+00:00"


@pytest.fixture
def cli(tmp_path: Path, server: ServerSignIn | None) -> Cli:
    """The CLI on a fresh data folder led by alice, with the policy in UTC (set in the
    folder before any server is opened), on the file store and on a server."""
    assert Cli(tmp_path / "data", now=NOW)("team", "list").exit_code == 0
    set_utc_zone(tmp_path / "data")
    runner = Cli(tmp_path / "data", now=NOW, server=server)
    assert runner("team", "add", "bob", "--role", "team_leader", "--limit", "100").exit_code == 0
    assert runner("team", "add", "carol", "--role", "agent", "--limit", "0").exit_code == 0
    return runner


def ratings_file(tmp_path: Path, ratings: dict[str, Any], name: str = "ratings.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(ratings), encoding="utf-8")
    return str(path)


def test_statements_lists_all_86_with_stable_ids(cli: Cli) -> None:
    items = cli.json("skills", "statements")
    assert len(items) == 86
    assert items[0] == {
        "id": "f1.01",
        "factor": "f1",
        "factor_title": "Leadership and customer service",
        "number": 1,
        "text": "What we can and cannot do in relation to customer service is defined, "
        "explained, understood and applied.",
    }
    assert items[-1]["id"] == "f5.21"
    text = cli("skills", "statements").stdout
    assert "\n\nf1 Leadership and customer service\n  f1.01  What we can" in text


def test_assess_completes_an_assessment_dated_now(cli: Cli, tmp_path: Path) -> None:
    partial = {"f1.01": "well", "f1.02": "better", "f2.01": "NA"}
    done = cli.json("skills", "assess", "--ratings", ratings_file(tmp_path, partial))
    assert done["id"] == 1
    assert done["date"] == "2026-03-02"
    assert done["completed_at"] == "2026-03-02T10:00:00Z"
    assert done["scores"] == {"f1": 50, "f2": None, "f3": None, "f4": None, "f5": None}
    assert (done["rated"], done["total"]) == (3, 86)
    assert done["strengths"] == ["f1.01"]
    assert done["improvements"] == ["f1.02"]
    text = cli("skills", "assess", "--ratings", ratings_file(tmp_path, partial)).stdout
    assert "Assessment 2 completed on 2026-03-02: 3 of 86 statements rated." in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"f9.01": "well", "f1.01": "good"}, "error: --ratings: unknown statement ids: f9.01; "
         "--ratings: not a rating (use well, adequate, better, na) for: f1.01"),
        ({}, "error: --ratings: rates no statement"),
        (["f1.01"], "error: --ratings: must be a JSON object of statement ids to ratings"),
    ],
)  # fmt: skip
def test_assess_refuses_bad_ratings_naming_them(
    cli: Cli, tmp_path: Path, content: Any, message: str
) -> None:
    assert cli.error("skills", "assess", "--ratings", ratings_file(tmp_path, content)) == message


def test_assess_refuses_an_unreadable_file(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert cli.error("skills", "assess", "--ratings", str(bad)) == (
        f"error: --ratings: {bad} is not a JSON file"
    )
    missing = cli.error("skills", "assess", "--ratings", str(tmp_path / "nope.json"))
    assert missing.startswith("error: --ratings: cannot read")


def test_report_shows_scores_open_actions_and_gaps(cli: Cli, tmp_path: Path) -> None:
    gap = {"f4.11": Rating.BETTER, "f4.12": Rating.BETTER}
    cli("skills", "assess", "--ratings", ratings_file(tmp_path, ratings_for(gap)))
    cli(
        "skills", "assess", "--ratings", ratings_file(tmp_path, ratings_for(gap, Rating.WELL)),
        now=LATER,
    )  # fmt: skip
    cli.json(
        "skills", "action", "add", "--statement", "f4.11", "--need", "Track complaints weekly",
        "--initiate", "Ask for the monthly figures", "--due", "2026-04-01",
        "--activity", "service-orientation-4",
    )  # fmt: skip
    report = cli.json("skills", "report", now=LATER)
    assert report["owner"] == "alice"
    assert [a["id"] for a in report["assessments"]] == [1, 2]
    assert report["assessments"][0]["scores"]["f1"] == 50
    assert report["assessments"][1]["scores"]["f4"] == 89  # 17 do well, 2 better, of 19
    assert report["assessments"][1]["date"] == "2026-04-06"
    [action] = report["open_actions"]
    assert action["statement"] == "f4.11"
    assert action["overdue"] is True
    assert action["activities"] == ["service-orientation-4"]
    assert report["persistent_gaps"] == [
        {
            "statement": "f4.11",
            "text": "The records and statistics that we keep are effective "
            "(eg. incident rates, complaints).",
            "times": 2,
            "of": 2,
        },
        {
            "statement": "f4.12",
            "text": "Records and statistics are analysed effectively and used by the "
            "appropriate people to improve customer service.",
            "times": 2,
            "of": 2,
        },
    ]
    text = cli("skills", "report", now=LATER).stdout
    assert "Monitoring  45          89          ▄█" in text
    assert "#1  f4.11      2026-04-01  open    ! overdue" in text


def test_actions_add_done_status_and_list(cli: Cli) -> None:
    added = cli.json(
        "skills", "action", "add", "--statement", "f1.21", "--need", "Listen first",
        "--initiate", "Shadow Sam", "--due", "2026-03-20", "--activity", "active-listening-1",
        "--activity", "active-listening-2",
    )  # fmt: skip
    assert added["id"] == 1
    assert added["status"] == "open"
    assert added["statement_text"].startswith("We actively listen")
    assert cli.json("skills", "action", "status", "1", "doing")["status"] == "doing"
    done = cli.json("skills", "action", "done", "1")
    assert done["status"] == "done"
    assert done["done_at"] == "2026-03-02T10:00:00Z"
    assert [a["status"] for a in cli.json("skills", "action", "list")] == ["done"]
    assert cli.json("skills", "action", "list", "--open") == []
    assert cli("skills", "action", "list", "--open").stdout == "No actions.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--statement", "f9.01", "--need", "n", "--initiate", "i", "--due", "2026-04-01"],
         "error: --statement: is not a statement id (like f1.01): f9.01"),
        (["--statement", "f1.01", "--need", " ", "--initiate", "i", "--due", "2026-02-01"],
         "error: --need: must not be empty"),
        (["--statement", "f1.01", "--need", "n", "--initiate", "i", "--due", "2026-02-01"],
         "error: --due: is in the past"),
        (["--statement", "f1.01", "--need", "n", "--initiate", "i", "--due", "next week"],
         "error: --due: is not a date (use YYYY-MM-DD)"),
        (["--statement", "f1.01", "--need", "n", "--initiate", "i", "--due", "2026-04-01",
          "--activity", "nope"], "error: --activity: unknown activity ids: nope"),
    ],
)  # fmt: skip
def test_action_add_refusals_name_the_option(cli: Cli, args: list[str], message: str) -> None:
    assert cli.error("skills", "action", "add", *args) == message


def test_action_done_on_an_unknown_id(cli: Cli) -> None:
    assert cli.error("skills", "action", "done", "7") == (
        "error: there is no action 7 in your skills log"
    )


def test_learning_log_add_and_list(cli: Cli) -> None:
    entry = cli.json(
        "skills", "log", "add", "--kind", "mentoring", "--what", "Monthly session with Lee",
        "--reflection", "Ask more open questions", "--on", "2026-02-27",
    )  # fmt: skip
    assert entry == {
        "id": 1,
        "on": "2026-02-27",
        "kind": "mentoring",
        "what": "Monthly session with Lee",
        "reflection": "Ask more open questions",
    }
    cli("skills", "log", "add", "--kind", "reading", "--what", "Fish Tales")
    assert [e["on"] for e in cli.json("skills", "log", "list")] == ["2026-03-02", "2026-02-27"]
    assert cli.error(
        "skills", "log", "add", "--kind", "course", "--what", "x", "--on", "2027-01-01"
    ) == ("error: --on: is in the future")


def test_performance_against_the_charter(cli: Cli) -> None:
    case = cli.json(
        "case", "new", "--customer", "Jo", "--phone", "0412 345 678", "--summary", "Late",
        "--category", "Billing", "--channel", "phone",
    )  # fmt: skip
    cli("case", "advance", case["id"], "--findings", "Found", now="2026-03-02T11:00:00+00:00")
    cli(
        "case", "advance", case["id"], "--promise", "Fix", "--by", "2026-03-10",
        now="2026-03-02T12:00:00+00:00",
    )  # fmt: skip
    figures = cli.json("skills", "performance", now="2026-03-03T10:00:00+00:00")
    assert figures["owner"] == "alice"
    assert figures["targets"] == {"acknowledge_business_days": 1, "resolve_calendar_days": 30}
    four = figures["windows"][0]
    assert four["weeks"] == 4
    assert four["cases"] == 1
    assert four["acknowledge"] == {
        "median_seconds": 7200,
        "done": 1,
        "on_time": 1,
        "late": 0,
        "share_on_time": 1.0,
    }
    assert four["resolve"]["done"] == 0
    assert figures["windows"][1]["weeks"] == 12
    text = cli("skills", "performance", now="2026-03-03T10:00:00+00:00").stdout
    assert "Acknowledged on time        100% (1 of 1)" in text
    assert "within 1 business day" in text
    bob = cli.json("skills", "performance", user="bob", now="2026-03-03T10:00:00+00:00")
    assert bob["windows"][0]["cases"] == 0


def test_export_markdown_to_stdout_and_to_a_file(cli: Cli, tmp_path: Path) -> None:
    cli("skills", "assess", "--ratings", ratings_file(tmp_path, {"f1.01": "well"}))
    text = cli("skills", "export", "--format", "md").stdout
    assert text.startswith("# Skills summary: alice\n")
    assert "| Leadership and customer service | 100 |" in text
    target = tmp_path / "summary.md"
    result = cli("skills", "export", "--format", "md", "--output", str(target))
    assert result.stdout == f"Wrote {target}\n"
    assert target.read_text().startswith("# Skills summary: alice")
    assert cli("skills", "export", "--format", "pdf").exit_code == 2


# -- privacy ----------------------------------------------------------------------------


def test_another_user_team_leader_included_cannot_read_alices_log(cli: Cli, tmp_path: Path) -> None:
    cli("skills", "assess", "--ratings", ratings_file(tmp_path, {"f1.01": "well"}))
    cli("skills", "log", "add", "--kind", "course", "--what", "Alice's private course")
    for user in ("bob", "carol"):  # bob is a team leader, carol an agent
        for words in (["report"], ["export", "--format", "md"], ["performance"]):
            assert cli.error("skills", *words, "--owner", "alice", user=user) == (
                "error: a skills log is private to its owner"
            )
        for trick in ("../alice", "alice/../alice", "./alice"):
            assert cli.error("skills", "report", "--owner", trick, user=user) == (
                "error: a skills log is private to its owner"
            )


def test_bobs_report_shows_only_bobs(cli: Cli, tmp_path: Path) -> None:
    cli("skills", "assess", "--ratings", ratings_file(tmp_path, {"f1.01": "well"}))
    cli("skills", "log", "add", "--kind", "course", "--what", "Alice's private course")
    cli(
        "skills", "action", "add", "--statement", "f1.01", "--need", "n", "--initiate", "i",
        "--due", "2026-04-01",
    )  # fmt: skip
    report = cli.json("skills", "report", user="bob")
    assert report == {"owner": "bob", "assessments": [], "open_actions": [], "persistent_gaps": []}
    assert cli.json("skills", "log", "list", user="bob") == []
    assert cli.json("skills", "action", "list", user="bob") == []
    assert "Alice" not in cli("skills", "export", user="bob").stdout
    # alice may name herself.
    assert cli.json("skills", "report", "--owner", "alice")["owner"] == "alice"


def test_a_user_name_that_cannot_name_a_file_is_refused(cli: Cli) -> None:
    message = cli.error("skills", "report", user="../alice")
    assert message.startswith("error: --user: may only contain letters, digits and . _ - @")
    assert not (cli.data_dir / "alice.json").exists()
    assert sorted(p.name for p in (cli.data_dir / "skills").glob("*")) == []


# -- a real process ---------------------------------------------------------------------


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command(NOW), *args],
        env=process_env(env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_assess_and_report_in_a_subprocess(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    env = {
        **base,
        "HOME": str(tmp_path / "proc-home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "CSTUI_DATA_DIR": str(tmp_path / "data"),
        "CSTUI_USER": "alice",
    }
    path = ratings_file(tmp_path, ratings_for({"f1.01": Rating.BETTER}, Rating.WELL))
    done = run(env, "skills", "assess", "--ratings", path, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scores"]["f1"] == 95
    report = run(env, "skills", "report", "--json")
    assert report.returncode == 0 and report.stderr == ""
    assert json.loads(report.stdout)["assessments"][0]["rated"] == 86
    refused = run(env, "--user", "bob", "skills", "report", "--owner", "alice")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == "error: a skills log is private to its owner"
    assert refused.stdout == ""
    log = tmp_path / "data" / "skills" / "alice" / "alice.json"
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    assert not (tmp_path / "proc-home").exists()
