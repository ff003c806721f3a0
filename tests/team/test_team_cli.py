"""``cstui report complaints|trends``, ``cstui export cases`` and ``cstui import cases``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from tests.support.cli import Cli, command, process_env
from tests.support.clock import MONDAY_IN_NOVEMBER
from tests.support.stores import ServerSignIn
from tests.support.team import REGISTER_HEADER, csv_text, register_row
from tests.support.workspaces import set_utc_zone

NOW = MONDAY_IN_NOVEMBER.isoformat()


@pytest.fixture
def cli(tmp_path: Path, server: ServerSignIn | None) -> Cli:
    """The CLI on a data folder led by alice, bob an agent, the policy in UTC (set in the
    folder before any server is opened), on the file store and on a server."""
    assert Cli(tmp_path / "data", now=NOW)("team", "list").exit_code == 0
    set_utc_zone(tmp_path / "data")
    runner = Cli(tmp_path / "data", now=NOW, server=server)
    assert runner("team", "add", "bob", "--role", "agent", "--limit", "50").exit_code == 0
    return runner


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    """The seed's analysis table as a register: three complaints from 3 to 8 June 2026."""
    path = tmp_path / "register.csv"
    rows = [
        register_row(received="2026-06-03", owner="bob"),
        register_row(
            received="2026-06-06",
            customer_name="Acme Agency",
            customer_phone="",
            customer_email="ops@acme.example",
            made_by="corporate",
            category="Delivery",
            summary="Goods not delivered on time",
            directed_at="Distribution company (an outsourced service)",
            closed_on="2026-06-20",
            outcome="Redelivered at no charge",
        ),
        register_row(
            received="2026-06-08",
            customer_name="Chris",
            made_by="colleague",
            summary="Information required to provide to customer not available in time",
            directed_at="Colleague",
        ),
    ]
    path.write_text(csv_text(REGISTER_HEADER, rows), encoding="utf-8")
    return path


def test_import_then_report_the_month(cli: Cli, register_file: Path, tmp_path: Path) -> None:
    summary = cli.json("import", "cases", str(register_file))
    assert summary["imported"] == 3 and summary["ids"] == ["C-000001", "C-000002", "C-000003"]
    assert summary["bad_rows"] == 0 and summary["applied"] is True

    report = cli.json("report", "complaints", "--from", "2026-06-01", "--to", "2026-06-30")
    assert report["title"] == "Analysis of complaint forms 1 June 2026 to 30 June 2026"
    assert [r["made_by"] for r in report["rows"]] == [
        "Member of public (not regular customer)",
        "Corporate agency",
        "Colleague (internal customer)",
    ]
    assert report["rows"][1] == {
        "date": "2026-06-06",
        "case": "C-000002",
        "complaint": "Goods not delivered on time",
        "made_by": "Corporate agency",
        "directed_at": "Distribution company (an outsourced service)",
        "category": "Delivery",
        "step": "closed",
        "outcome": "Closed: Redelivered at no charge",
    }
    assert report["by_category"] == {"Information": 2, "Delivery": 1}
    assert report["open"] == 2

    table = cli("report", "complaints", "--from", "2026-06-01", "--to", "2026-06-30")
    assert table.exit_code == 0
    assert "COMPLAINT MADE BY" in table.stdout and "C-000003" in table.stdout

    md = tmp_path / "june.md"
    done = cli(
        "report", "complaints", "--from", "2026-06-01", "--to", "2026-06-30",
        "--format", "md", "--output", str(md),
    )  # fmt: skip
    assert done.exit_code == 0 and done.stdout == f"wrote 3 complaint(s) as md to {md}\n"
    text = md.read_text()
    assert text.startswith("# Analysis of complaint forms 1 June 2026 to 30 June 2026\n")
    assert "| Date | Case | Complaint | Complaint made by | Complaint directed at |" in text
    assert "| 6 June 2026 | C-000002 | Goods not delivered on time |" in text
    assert "Distribution company \\(an outsourced service\\)" not in text  # () left alone
    assert "## By category" in text

    out = tmp_path / "june.csv"
    summary = cli.json(
        "report", "complaints", "--from", "2026-06-01", "--to", "2026-06-30",
        "--format", "csv", "--output", str(out),
    )  # fmt: skip
    assert summary == {
        "format": "csv",
        "rows": 3,
        "from": "2026-06-01",
        "to": "2026-06-30",
        "output": str(out),
    }
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0] == [
        "Date", "Case", "Complaint", "Complaint made by", "Complaint directed at",
        "Category", "Outcome",
    ]  # fmt: skip
    assert rows[1][:2] == ["2026-06-03", "C-000001"]


def test_csv_report_neutralises_formulas(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evil.csv"
    path.write_text(
        csv_text(
            REGISTER_HEADER,
            [register_row(summary='=HYPERLINK("http://x","y")', directed_at="  @team")],
        )
    )
    assert cli("import", "cases", str(path)).exit_code == 0
    out = cli(
        "report", "complaints", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"
    )
    assert out.exit_code == 0
    line = out.stdout.splitlines()[1]
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in line
    assert '"\'@team"' in line  # stored without the leading spaces, still neutralised


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-06-01"], "error: --to: is required (YYYY-MM-DD)"),
        (["--from", "June", "--to", "2026-06-30"], "error: --from: is not a date (use YYYY-MM-DD)"),
        (["--from", "2026-06-30", "--to", "2026-06-01"], "error: --to: is before the start"),
    ],
)
def test_report_date_errors(cli: Cli, args: list[str], message: str) -> None:
    result = cli("report", "complaints", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stdout == ""


def test_trends_json_and_text(cli: Cli, register_file: Path) -> None:
    cli("import", "cases", str(register_file))
    found = cli.json("report", "trends", "--weeks", "30")
    assert found["weeks"] == 30
    assert found["received"] == 3
    assert sum(found["per_week"]["Information"]) == 2
    assert set(found["per_week"]) >= {"Billing", "Delivery", "Information"}
    assert found["closed"] == {
        "within_4_weeks": 1,
        "from_4_to_8_weeks": 0,
        "over_8_weeks": 0,
        "still_open": 2,
    }
    assert found["acknowledge"]["target"] == "within 1 business day"
    assert found["acknowledge"]["late"] == 2  # the imported closed one has no step timings
    assert found["directed_at"][0]["count"] == 1
    text = cli("report", "trends", "--weeks", "30").stdout
    assert "Complaints per week, by category" in text and "Time to resolve: median" in text
    bad = cli("report", "trends", "--weeks", "0")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --weeks: must be from 1 to 520")


def test_import_bad_rows_nothing_imported(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        csv_text(
            REGISTER_HEADER,
            [register_row(), register_row(customer_phone="12ab"), register_row(category="Nope")],
        )
    )
    result = cli("import", "cases", str(path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("row 3: customer_phone: is not a phone number")
    assert lines[1].startswith("row 4: category: must be one of: Product quality")
    assert lines[-1] == ("error: 2 bad row(s); nothing was imported (fix them, or use --skip-bad)")
    assert cli.json("case", "list") == []

    skipped = cli.json(
        "import", "cases", str(path), "--skip-bad", "--bad-rows", str(tmp_path / "b.csv")
    )
    assert (skipped["imported"], skipped["bad_rows"]) == (1, 2)
    assert skipped["bad_rows_file"] == str(tmp_path / "b.csv")
    assert [p["row"] for p in skipped["problems"]] == [3, 4]
    again = cli("import", "cases", str(path), "--skip-bad")
    assert again.exit_code == 0
    assert again.stdout.startswith("imported 0 case(s); 1 already there (skipped); 2 bad row(s)")


def test_bad_rows_file_needs_skip_bad(cli: Cli, register_file: Path, tmp_path: Path) -> None:
    result = cli("import", "cases", str(register_file), "--bad-rows", str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert result.stderr == "error: --bad-rows: only goes with --skip-bad\n"


def test_only_team_leaders_import(cli: Cli, register_file: Path) -> None:
    result = cli("import", "cases", str(register_file), user="bob")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("only a team leader can import cases; bob is not one")


def test_export_jsonl_and_csv(cli: Cli, register_file: Path, tmp_path: Path) -> None:
    cli("import", "cases", str(register_file))
    out = tmp_path / "all.jsonl"
    assert cli.json("export", "cases", "--format", "jsonl", "--output", str(out)) == {
        "format": "jsonl",
        "cases": 3,
        "output": str(out),
    }
    documents = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["id"] for d in documents] == ["C-000001", "C-000002", "C-000003"]
    part = tmp_path / "part.csv"
    done = cli(
        "export", "cases", "--format", "csv", "--output", str(part),
        "--from", "2026-06-05", "--to", "2026-06-07",
    )  # fmt: skip
    assert done.stdout == f"exported 1 case(s) to {part}\n"
    bad = cli("export", "cases", "--format", "csv", "--output", str(part), "--from", "x")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --from: is not a date")


def test_import_help_documents_the_header(cli: Cli) -> None:
    text = cli("import", "cases", "--help").stdout
    assert "received: date received" in text and "closed_on:" in text


def test_import_and_report_in_a_real_process(tmp_path: Path, register_file: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    env.update(
        HOME=str(tmp_path / "proc-home"),
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        CSTUI_DATA_DIR=str(tmp_path / "proc-data"),
        CSTUI_USER="alice",
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command(NOW), *args],
            env=process_env(env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    assert run("team", "add", "bob", "--role", "agent", "--limit", "0").returncode == 0
    imported = run("import", "cases", str(register_file), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["imported"] == 3
    md = run("report", "complaints", "--from", "2026-06-01", "--to", "2026-06-30", "--format", "md")
    assert md.returncode == 0
    assert "| Goods not delivered on time |" in md.stdout


def test_markdown_cells_cannot_break_the_table() -> None:
    from cstui.cli.report_cases import md_cell

    assert md_cell("a | b\nc") == "a \\| b c"
    assert md_cell("<script>[x](y)") == "\\<script\\>\\[x\\](y)"
    assert md_cell("") == " "
