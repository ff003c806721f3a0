"""Every bad input is exit 2 with one line naming the field, and nothing is stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from tests.security.hostile import NOW, PHONE, Folder

CHECK = ("refund", "check", "--purchased", "2026-01-02", "--paid-by", "card",
         "--proof", "receipt", "--reason", "major-failure", "--failure-kind", "unsafe")  # fmt: skip
NEW_CASE = ("case", "new", "--customer", "Jo", "--phone", PHONE, "--summary", "Kettle",
            "--category", "Billing", "--channel", "phone")  # fmt: skip
NINES = "9" * 5000


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    """A data folder with one case, C-000001, logged by alice (its team leader) at NOW."""
    made = Folder(tmp_path / "data")
    assert made.run(*NEW_CASE).exit_code == 0
    return made


def refused(result: Result, field: str) -> str:
    """The single error line of a run refused with exit 2, which must name ``field``."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if not line.startswith("cstui: ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {field}: "), lines[0]
    assert "unexpected" not in lines[0]
    return lines[0]


def data(folder: Folder, *args: str) -> Any:
    result = folder.run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize("price", ["1e400", NINES], ids=["1e400", "5000 nines"])
def test_a_huge_price_is_refused(folder: Folder, price: str) -> None:
    refused(folder.run(*CHECK, "--price", price, "--case", "C-000001"), "--price")
    assert data(folder, "refund", "list") == []


@pytest.mark.parametrize(
    ("limit", "said"),
    [("1e400", "must be an amount such as"), (NINES, "too large")],
    ids=["1e400", "5000 nines"],
)
def test_a_huge_refund_limit_is_refused(folder: Folder, limit: str, said: str) -> None:
    message = refused(
        folder.run("team", "add", "bob", "--role", "agent", "--limit", limit), "--limit"
    )
    assert said in message
    assert [m["name"] for m in data(folder, "team", "list")] == ["alice"]


# -- user names ---------------------------------------------------------------------------


def _process(
    folder: Folder, args: list[bytes], user: bytes | None
) -> subprocess.CompletedProcess[str]:
    env = {k.encode(): v.encode() for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    env[b"CSTUI_DATA_DIR"] = str(folder.path).encode()
    if user is not None:
        env[b"CSTUI_USER"] = user
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"cstui", *args],
        env=env, capture_output=True, text=True, errors="replace", timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("option", "env", "field"),
    [([b"--user", b"\xff"], None, "--user"), ([], b"bob\xff", "CSTUI_USER")],
    ids=["--user", "CSTUI_USER"],
)
def test_a_user_name_that_is_not_utf8_is_refused(
    folder: Folder, option: list[bytes], env: bytes | None, field: str
) -> None:
    done = _process(folder, [*option, *(a.encode() for a in NEW_CASE)], env)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"error: {field}: is not valid UTF-8 text"]
    assert "Traceback" not in done.stderr
    assert [c["id"] for c in data(folder, "case", "list")] == ["C-000001"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("a" * 65, "is too long (at most 64 characters)"),
        ("b" * 5000, "is too long (at most 64 characters)"),
        ("eve\x1b]52;c;eA==\x07", "may only contain letters, digits and . _ - @"),
    ],
    ids=["65", "5000", "escape"],
)
def test_a_user_name_too_long_or_with_escapes_is_refused(
    folder: Folder, name: str, reason: str
) -> None:
    message = refused(folder.run(*NEW_CASE, user=name), "--user")
    assert message == f"error: --user: {reason}"
    assert [c["id"] for c in data(folder, "case", "list")] == ["C-000001"]


def test_a_64_character_user_name_is_accepted(folder: Folder) -> None:
    assert folder.run("case", "list", user="a" * 64).exit_code == 0


# -- the promise date ----------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "2026-01-03"])
def test_a_promise_before_the_case_was_logged_is_refused(folder: Folder, day: str) -> None:
    assert folder.run("case", "advance", "C-000001", "--findings", "y").exit_code == 0
    message = refused(
        folder.run("case", "advance", "C-000001", "--promise", "p", "--by", day), "--by"
    )
    assert "before the case was logged" in message
    case = data(folder, "case", "show", "C-000001")
    assert (case["step"], case["version"]) == ("declare", 2)
    done = folder.run("case", "advance", "C-000001", "--promise", "p", "--by", NOW[:10])
    assert done.exit_code == 0, done.output


# -- imports ------------------------------------------------------------------------------


def _ids(folder: Folder) -> list[str]:
    return [c["id"] for c in data(folder, "case", "list", "--all")]


def _import(folder: Folder, path: Path, *extra: str) -> Result:
    return folder.run("import", "cases", str(path), *extra)


CSV_HEADER = "received,customer_name,customer_phone,category,channel,summary\n"


@pytest.mark.parametrize("skip", [(), ("--skip-bad",)], ids=["all-or-nothing", "skip-bad"])
def test_a_csv_cell_over_the_reader_limit_refuses_the_file(
    folder: Folder, tmp_path: Path, skip: tuple[str, ...]
) -> None:
    source = tmp_path / "register.csv"
    good = "2026-01-02,Ann,0400000001,Billing,phone,fine\n"
    source.write_text(
        CSV_HEADER + good + f"2026-01-02,Bo,0400000002,Billing,phone,{'x' * 140_000}\n"
    )
    message = refused(_import(folder, source, *skip), "FILE")
    assert message == "error: FILE: line 3: a cell is longer than 131072 characters"
    assert _ids(folder) == ["C-000001"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_nul_anywhere_in_an_import_refuses_the_file(
    folder: Folder, tmp_path: Path, fmt: str
) -> None:
    source = tmp_path / f"register.{fmt}"
    if fmt == "csv":
        source.write_text(CSV_HEADER + "2026-01-02,A\x00nn,0400000001,Billing,phone,x\n")
    else:
        source.write_text(json.dumps(_exported(folder)) + '\n{"id": "C-000002\x00"}\n')
    message = refused(_import(folder, source, "--skip-bad"), "FILE")
    assert message.startswith("error: FILE: line 2 holds a NUL")
    assert _ids(folder) == ["C-000001"]


def _exported(folder: Folder, **change: Any) -> dict[str, Any]:
    """C-000001 as ``export --format jsonl`` writes it, with ``change`` made."""
    out = folder.path.parent / "export.jsonl"
    assert folder.run("export", "cases", "--format", "jsonl", "--output", str(out)).exit_code == 0
    document: dict[str, Any] = json.loads(out.read_text().splitlines()[0])
    return {**document, **change}


def _bad_jsonl(folder: Folder, tmp_path: Path, line: str) -> list[str]:
    """Import one JSONL line that must be refused; the problems printed for it."""
    source = tmp_path / "cases.jsonl"
    source.write_text(line + "\n")
    result = _import(folder, source)
    assert result.exit_code == 2, result.output
    assert "unexpected" not in result.stderr
    assert _ids(folder) == ["C-000001"]
    return [line for line in result.stderr.splitlines() if line.startswith("row 1: ")]


def test_a_jsonl_row_nested_deep_is_a_bad_row(folder: Folder, tmp_path: Path) -> None:
    problems = _bad_jsonl(folder, tmp_path, "[" * 100_000 + "]" * 100_000)
    assert problems == ["row 1: row: is nested too deeply"]


def test_an_escaped_nul_in_a_jsonl_row_names_the_field(folder: Folder, tmp_path: Path) -> None:
    case = _exported(folder, id="C-000002", summary="a\x00b")
    problems = _bad_jsonl(folder, tmp_path, json.dumps(case))
    assert problems == ["row 1: summary: holds a NUL character"]


def test_a_case_at_notify_without_earlier_records_is_refused(
    folder: Folder, tmp_path: Path
) -> None:
    case = _exported(folder, id="C-000002", step="notify")
    [problem] = _bad_jsonl(folder, tmp_path, json.dumps(case))
    assert problem.startswith("row 1: records: a case at Notify holds the records of Receive")


def test_a_closed_case_without_closed_at_is_refused(folder: Folder, tmp_path: Path) -> None:
    case = _exported(folder, id="C-000002", step="closed")
    problems = _bad_jsonl(folder, tmp_path, json.dumps(case))
    assert "row 1: closed_at: is required for a closed case" in problems


def test_a_promise_before_logging_in_an_import_is_refused(folder: Folder, tmp_path: Path) -> None:
    case = _exported(folder, id="C-000002")
    declare = {"actor": "alice", "at": case["created_at"],
               "data": {"step": "declare", "promise": "p", "by": "0001-01-01"}}  # fmt: skip
    investigate = {**declare, "data": {"step": "investigate", "findings": "f"}}
    case.update(step="solve", records=[*case["records"], investigate, declare])
    problems = _bad_jsonl(folder, tmp_path, json.dumps(case))
    assert problems == ["row 1: records.data.by: is before the case was logged (2026-01-05)"]


def test_an_open_case_with_an_owner_off_the_roster_is_refused(
    folder: Folder, tmp_path: Path
) -> None:
    case = _exported(folder, id="C-000002", owner="zed")
    problems = _bad_jsonl(folder, tmp_path, json.dumps(case))
    assert problems == ["row 1: owner: zed is not on the team roster (an open case needs an owner)"]


@pytest.mark.parametrize("number", ["C-999999", "C-1000000"])
def test_an_id_the_counter_cannot_follow_is_refused(
    folder: Folder, tmp_path: Path, number: str
) -> None:
    problems = _bad_jsonl(folder, tmp_path, json.dumps(_exported(folder, id=number)))
    assert problems == ["row 1: id: is above C-999998: the store would have no id to give next"]


def test_imported_ids_advance_the_counter(folder: Folder, tmp_path: Path) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(_exported(folder, id="C-000500")) + "\n")
    result = _import(folder, source)
    assert result.exit_code == 0, result.output
    made = data(folder, *NEW_CASE)
    assert made["id"] == "C-000501"


def test_an_imported_case_keeps_no_escape_in_its_names(folder: Folder, tmp_path: Path) -> None:
    hostile = "\x1b]52;c;eA==\x07\x9b2J\u202e"
    case = _exported(folder, id="C-000002", owner=f"alice{hostile}", created_by=f"m{hostile}")
    case["history"] = [{**h, "actor": f"m{hostile}"} for h in case["history"]]
    case["records"] = [{**r, "actor": f"m{hostile}"} for r in case["records"]]
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(case, ensure_ascii=False) + "\n")
    result = _import(folder, source)
    assert result.exit_code == 0, result.output
    stored = (folder.path / "cases.json").read_text(encoding="utf-8")
    assert "\\u001b" not in stored and "\x9b" not in stored and "\u202e" not in stored
    shown = data(folder, "case", "show", "C-000002")
    assert (shown["owner"], shown["created_by"]) == ("alice", "m")


def test_a_closed_case_of_someone_who_left_imports(folder: Folder, tmp_path: Path) -> None:
    closed = _exported(folder, id="C-000002")
    at = closed["created_at"]
    steps = [
        {"step": "investigate", "findings": "f"},
        {"step": "declare", "promise": "p", "by": NOW[:10]},
        {"step": "solve", "action": "a", "policy_clause": "c"},
        {"step": "notify", "method": "phone", "said": "s", "when": at},
        {"step": "follow-up", "satisfied": True},
    ]
    closed["records"] += [{"actor": "zed", "at": at, "data": d} for d in steps]
    closed.update(step="closed", closed_at=at, owner="zed")
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(closed) + "\n")
    result = _import(folder, source)
    assert result.exit_code == 0, result.output
    assert _ids(folder) == ["C-000001", "C-000002"]
