"""``cstui case list --open`` reads the stored briefs: same answers as the full cases,
a policy edit is obeyed at once, and the models are not even loaded."""

from __future__ import annotations

import json
import subprocess
import sys

import orjson
import pytest
from tests.support.main_document import folded

from cstui.store.file.hot import BRIEFS, CASES, META

FILE_BRIEFS = pytest.mark.file_store_only(
    reason="reads or edits the briefs the file store keeps in cases.json; a server works "
    "out briefs with SQL"
)

MONDAY = "2026-01-05T10:00:00+00:00"
LATER = "2026-03-20T09:00:00+00:00"


def _main_document(data_dir):
    return folded(data_dir)  # the saves in the journal too


def _log_a_mix(cli, advance_to) -> list[str]:
    """Four cases: new, declared and waiting, notified, and closed."""
    ids = [cli.new_case(now=MONDAY)["id"] for _ in range(4)]
    advance_to(ids[1], "solve")
    cli.json("case", "wait", ids[1], now=MONDAY)
    advance_to(ids[2], "follow-up")
    advance_to(ids[3], "closed")
    return ids


@FILE_BRIEFS
def test_each_open_case_has_a_current_brief(cli, data_dir, advance_to) -> None:
    ids = _log_a_mix(cli, advance_to)
    document = _main_document(data_dir)
    briefs = document[BRIEFS]
    open_ones = [k for k, doc in document[CASES].items() if doc["step"] != "closed"]
    assert sorted(briefs) == sorted(open_ones) == ["1", "2", "3"]
    for key, brief in briefs.items():
        assert brief["id"] == ids[int(key) - 1]
        assert brief["version"] == document[CASES][key]["version"]


@FILE_BRIEFS
def test_briefs_and_full_cases_list_the_same(cli, data_dir, advance_to) -> None:
    _log_a_mix(cli, advance_to)
    from_briefs = {
        flags: cli("case", "list", *flags, now=LATER).stdout
        for flags in [(), ("--json",), ("--overdue", "--json"), ("--owner", "alice")]
    }
    # Without briefs (a store written before them) the list is worked out from the cases.
    document = _main_document(data_dir)
    del document[BRIEFS]
    (data_dir / "cases.json").write_bytes(orjson.dumps(document))
    for flags, shown in from_briefs.items():
        assert cli("case", "list", *flags, now=LATER).stdout == shown
    assert json.loads(from_briefs[("--json",)])  # not an empty list that proves nothing
    cli.json("case", "note", "C-000001", "seen", now=LATER)  # the next save writes them all
    assert sorted(_main_document(data_dir)[BRIEFS]) == ["1", "2", "3"]


@FILE_BRIEFS
def test_a_policy_edit_changes_the_deadlines_at_once(cli, data_dir, advance_to) -> None:
    case = cli.new_case(now=MONDAY)
    advance_to(case["id"], "solve")
    before = cli.json("case", "list", now=MONDAY)[0]["due"]["at"]
    policy = data_dir / "policy.toml"
    policy.write_text(
        policy.read_text().replace("resolve_calendar_days = 30", "resolve_calendar_days = 10")
    )
    after = cli.json("case", "list", now=MONDAY)[0]["due"]["at"]
    assert after != before
    assert after == cli.json("case", "show", case["id"], now=MONDAY)["due"]["at"]
    stamp = _main_document(data_dir)[META]["1"]["brief_stamp"]
    cli.json("case", "note", case["id"], "policy changed", now=MONDAY)
    assert _main_document(data_dir)[META]["1"]["brief_stamp"] != stamp


@pytest.mark.file_store_only(
    reason="on a server the policy is the database's: a broken one is refused when "
    "published (tests/postgres/test_pg_config.py)"
)
def test_a_broken_policy_is_still_refused_after_a_good_start(cli, data_dir) -> None:
    cli.new_case(now=MONDAY)
    cli.json("case", "list")  # the good policy is now known
    policy = data_dir / "policy.toml"
    policy.write_text(policy.read_text().replace("follow_up_days = 7", "follow_up_days = -1"))
    line = cli.error("case", "list", code=1)
    assert line.startswith(f"error: {policy}: key targets.follow_up_days")


LIST_WITHOUT_MODELS = """
import sys
from cstui.cli import main
from cstui.cli.context import CliState
from tests.support.main_document import folded
try:
    args = ["--data-dir", sys.argv[1], "case", "list", "--open", "--json"]
    main(args, obj=CliState(account="tester"))
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "pydantic")
print("LOADED", len(loaded), file=sys.stderr)
"""


@FILE_BRIEFS
def test_listing_open_cases_does_not_load_the_models(cli, data_dir) -> None:
    cli.new_case(now=MONDAY)
    cli.json("case", "list")
    run = subprocess.run(
        [sys.executable, "-c", LIST_WITHOUT_MODELS, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(run.stdout)[0]["id"] == "C-000001"
    assert "LOADED 0" in run.stderr
