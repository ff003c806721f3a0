"""One output gate: text planted in the store, the roster, the policy or an import never
reaches stdout, stderr or a written file with an escape sequence, a control byte or a
bidi override in it, in process or as a real process."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from tests.security.hostile import (
    HOSTILE,
    PHONE,
    Folder,
    assert_clean,
    assert_clean_json,
)

from cstui.cli.command import Shown, action
from cstui.errors import StoreBusyError

READING = [
    ("case", "list"),
    ("case", "list", "--all"),
    ("case", "show", "C-000001"),
    ("customer", "history", "--phone", PHONE),
    ("team", "list"),
    ("report", "complaints", "--from", "2026-01-01", "--to", "2026-01-31"),
    ("report", "complaints", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "md"),
    ("report", "complaints", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv"),
]
JSON_READING = [
    ("case", "list", "--json"),
    ("case", "show", "C-000001", "--json"),
    ("customer", "history", "--phone", PHONE, "--json"),
    ("team", "list", "--json"),
    ("report", "complaints", "--from", "2026-01-01", "--to", "2026-01-31", "--json"),
]


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_planted_text_is_gated_in_process(planted: Folder, args: tuple[str, ...]) -> None:
    result = planted.run(*args)
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout, "stdout")
    assert_clean(result.stderr, "stderr")
    assert "evil" in result.stdout  # the planted text was read and shown, gated


@pytest.mark.parametrize("args", JSON_READING, ids=" ".join)
def test_planted_text_is_gated_in_json(planted: Folder, args: tuple[str, ...]) -> None:
    result = planted.run(*args)
    assert result.exit_code == 0, result.output
    assert_clean_json(result.stdout, "stdout")
    assert_clean(result.stderr, "stderr")


def test_the_gate_removes_escapes_but_keeps_the_words(planted: Folder) -> None:
    shown = planted.run("case", "show", "C-000001").stdout
    # every sequence goes whole (OSC 52 with its payload, CSI with its parameters)
    customer = "Customer:              Jo evilx Citizen (Member of public (not regular customer))"
    assert customer in shown
    data = json.loads(planted.run("case", "show", "C-000001", "--json").stdout)
    assert data["details"].split("\n")[0] == "line one"  # newlines kept where text has them
    listed = planted.run("case", "list").stdout.splitlines()
    assert len(listed) == 2  # the header and one row: nothing planted splits a row


@pytest.mark.parametrize("args", [*READING, *JSON_READING], ids=" ".join)
def test_planted_text_is_gated_in_a_real_process(planted: Folder, args: tuple[str, ...]) -> None:
    done = planted.process(*args)
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout + done.stderr
    assert_clean(done.stdout.decode("utf-8"), "stdout")
    assert_clean(done.stderr.decode("utf-8"), "stderr")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_exports_are_gated(planted: Folder, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"cases.{fmt}"
    result = planted.run("export", "cases", "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout + result.stderr)
    text = out.read_text(encoding="utf-8-sig")
    assert_clean(text, str(out))
    if fmt == "jsonl":
        for line in text.splitlines():
            assert_clean_json(line, str(out))


def test_report_written_to_a_file_is_gated(planted: Folder, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    args = ("report", "complaints", "--from", "2026-01-01", "--to", "2026-01-31")
    result = planted.run(*args, "--format", "md", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert_clean(out.read_text(encoding="utf-8"))


def test_an_error_naming_planted_text_is_gated(planted: Folder) -> None:
    # bob (an agent) may not move alice's case: the refusal names the planted owner
    planted.edit_json("cases.json", lambda d: None)
    roster = planted.path / "team.toml"
    roster.write_text(
        roster.read_text() + '\n[[members]]\nname = "carol"\nrole = "agent"\nrefund_limit = 0\n'
    )
    result = planted.run("case", "assign", "C-000001", "carol", user="carol")
    assert result.exit_code == 2, result.output
    assert "alice" in result.stderr
    assert_clean(result.stderr, "stderr")
    done = planted.process("case", "assign", "C-000001", "carol", user="carol")
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr
    assert_clean(done.stderr.decode("utf-8"), "stderr")


def test_a_policy_list_in_an_error_is_gated(planted: Folder) -> None:
    policy = planted.path / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    hostile = json.dumps(f"Billing{HOSTILE}", ensure_ascii=True)
    policy.write_text(text.replace('"Billing"', hostile, 1), encoding="utf-8")
    args = ("case", "new", "--customer", "Jo", "--phone", PHONE, "--summary", "x",
            "--category", "nope", "--channel", "phone")  # fmt: skip
    result = planted.run(*args)
    assert result.exit_code == 2, result.output
    assert_clean(result.stderr, "stderr")
    done = planted.process(*args)
    assert b"\x1b" not in done.stderr
    assert_clean(done.stderr.decode("utf-8"), "stderr")


def test_a_raw_escape_in_the_roster_file_gives_a_clean_error(planted: Folder) -> None:
    roster = planted.path / "team.toml"
    roster.write_bytes(roster.read_bytes() + b'\n[[members]]\nname = "eve\x1b]52;c;eA==\x07"\n')
    for out, err in (
        (lambda r: (r.stdout, r.stderr))(planted.run("team", "list")),
        (lambda d: (d.stdout.decode(), d.stderr.decode()))(planted.process("team", "list")),
    ):
        assert "team.toml" in err
        assert_clean(out + err)


def test_an_import_of_hostile_text_stores_and_shows_none_of_it(
    planted: Folder, tmp_path: Path
) -> None:
    source = tmp_path / "register.csv"
    source.write_text(
        "received,customer_name,customer_phone,category,channel,summary,owner\n"
        f'2026-01-02,"Ann {HOSTILE}",0400000001,Billing,phone,"Late {HOSTILE}",alice\n',
        encoding="utf-8",
    )
    result = planted.run("import", "cases", str(source))
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout + result.stderr)
    stored = json.loads((planted.path / "cases.json").read_text(encoding="utf-8"))
    for value in json.dumps(stored["cases"]["2"], ensure_ascii=False):
        assert_clean(value)


def test_a_fullwidth_formula_in_an_export_is_neutralised(tmp_path: Path) -> None:
    folder = Folder(tmp_path / "data")
    made = folder.run(
        "case", "new", "--customer", "＝HYPERLINK(\"http://x\")", "--phone", PHONE,
        "--summary", "＠SUM(A1)", "--category", "Billing", "--channel", "phone",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    out = tmp_path / "cases.csv"
    assert folder.run("export", "cases", "--format", "csv", "--output", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert '"\'＝HYPERLINK(""http://x"")"' in text
    assert '"\'＠SUM(A1)"' in text


def test_a_lock_holder_named_in_a_machine_error_is_gated() -> None:
    group = click.Group("probe")

    @action(group, "busy")
    def busy() -> Shown:
        raise StoreBusyError(f"the store is busy: waited 10 s for mallory{HOSTILE}")

    result = CliRunner().invoke(group, ["busy"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the store is busy: waited 10 s for mallory")
    assert_clean(result.stderr, "stderr")
