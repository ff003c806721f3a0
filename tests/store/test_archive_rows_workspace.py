"""Report rows in a data folder: built once for a store from before them (even when cut
off half-way), kept right through erasure (backups included) and restores, checked by
``store check``, and giving the same report in every format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from tests.support.backups import copy_of, leave_out
from tests.support.cli import invoke

from cstui.cli.command import to_json
from cstui.cli.report_cases import complaints_csv, complaints_json, complaints_markdown
from cstui.config import Settings
from cstui.domain import reports
from cstui.models.analysis import AnalysisRow
from cstui.store.file import archive_rows, archive_rows_upkeep
from cstui.store.file.archive_rows import ReportRows, rows_name
from cstui.store.file.archive_rows_upkeep import BUILT
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.case_archive import block_name
from cstui.workspace import Workspace, open_workspace, utc_now

pytestmark = pytest.mark.usefixtures("archive_at_once")

START, END = date(2026, 1, 1), date(2026, 12, 31)
NUMBERS = (1, 2, 150, 151, 320, 321)
"""The last stays open; the others close into three blocks: 0, 1 and 3."""
BLOCKS = sorted({block_name(n) for n in NUMBERS[:-1]})


def _steps(number: int) -> list[dict[str, object]]:
    return [
        {"findings": "found"},
        {"promise": "we will fix it", "by": "2026-12-24"},
        {"action": f"Refund Ada the second charge of order {number}", "policy_clause": "4.2"},
        {"method": "phone", "said": "told them"},
        {"satisfied": True},
    ]


def _workspace(folder: Path, clock=utc_now) -> Workspace:
    return open_workspace(Settings(folder, "ann"), clock=clock)


def _log(ws: Workspace, number: int) -> str:
    """Log a case with the id ``C-<number>`` (the next number is set to it first)."""
    with JSONFileBackend(ws.settings.data_dir / "cases.json").transaction() as buffer:
        meta = buffer.data.setdefault("meta", {})
        meta["1"] = {**meta.get("1", {}), "next_case": number}
        buffer.dirty = True
    case = ws.cases.log(
        {
            "customer": {"name": f"Ada {number}", "phone": f"0400 000 {number:03d}"},
            "channel": "phone",
            "category": ws.policy.categories[number % 2],
            "summary": f"Charged twice, order {number}",
            "directed_at": f"Desk {number}",
        }
    )
    return case.id


def closed_store(folder: Path, clock) -> Workspace:
    """Cases received in 2026, in three blocks, all closed but the last."""
    ws = _workspace(folder, clock)
    for number in NUMBERS:
        case_id = _log(ws, number)
        for fields in _steps(number)[: 5 if number != NUMBERS[-1] else 2]:
            ws.cases.advance(case_id, fields)
    return ws


def _rows_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"{archive_rows.PREFIX}*.json"))


def _expected(ws: Workspace) -> list[AnalysisRow]:
    """The analysis from the full cases, as it was worked out before the rows."""
    return reports.analysis(ws.cases.every(), START, END, ws.zone)


def _outputs(folder: Path) -> dict[str, str]:
    base = ["--data-dir", str(folder), "--user", "ann", "report", "complaints"]
    period = ["--from", START.isoformat(), "--to", END.isoformat()]
    found = {}
    for fmt in ("json", "csv", "md"):
        result = invoke([*base, *period, "--format", fmt])
        assert result.exit_code == 0, result.output
        found[fmt] = result.stdout
    return found


def test_every_format_says_what_the_full_cases_say(tmp_path: Path, clock) -> None:
    ws = closed_store(tmp_path, clock)
    rows = _expected(ws)
    assert len(rows) == len(NUMBERS)
    assert _outputs(tmp_path) == {
        "json": to_json(complaints_json(rows, START, END)) + "\n",
        "csv": complaints_csv(rows).replace("\r\n", "\n"),
        "md": complaints_markdown(rows, START, END),
    }


def test_a_store_from_before_the_rows_gets_them_once(tmp_path: Path, clock) -> None:
    ws = closed_store(tmp_path, clock)
    expected = _outputs(tmp_path)
    made = {p.name: p.read_bytes() for p in _rows_files(tmp_path / "archive")}
    assert sorted(made) == [f"{name}.json" for name in [*map(rows_name, BLOCKS), BUILT]]
    for path in _rows_files(tmp_path / "archive"):
        path.unlink()
    ws = _workspace(tmp_path)
    assert f"built report rows for {len(BLOCKS)} archive blocks (done once)" in ws.warnings
    assert {p.name: p.read_bytes() for p in _rows_files(tmp_path / "archive")} == made
    assert not any("report rows" in w for w in _workspace(tmp_path).warnings)
    assert _outputs(tmp_path) == expected


def test_a_build_cut_off_half_way_is_finished_next_time(
    tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_store(tmp_path, clock)
    expected = _outputs(tmp_path)
    for path in _rows_files(tmp_path / "archive"):
        path.unlink()
    real, calls = ReportRows.rows_of, []

    def dies_on_the_second_block(rows, block):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the terminal was closed
        return real(rows, block)

    monkeypatch.setattr(ReportRows, "rows_of", dies_on_the_second_block)
    monkeypatch.setattr(archive_rows_upkeep, "BATCH", 1)
    with pytest.raises(KeyboardInterrupt):
        _workspace(tmp_path)
    assert [p.stem for p in _rows_files(tmp_path / "archive")] == [rows_name(BLOCKS[0])]
    monkeypatch.setattr(ReportRows, "rows_of", real)
    ws = _workspace(tmp_path)
    assert f"built report rows for {len(BLOCKS) - 1} archive blocks (done once)" in ws.warnings
    assert len(_rows_files(tmp_path / "archive")) == len(BLOCKS) + 1  # and BUILT
    assert _outputs(tmp_path) == expected
    assert ws.store.check().ok


def test_rows_of_another_format_are_built_again_at_start(tmp_path: Path, clock) -> None:
    closed_store(tmp_path, clock)
    for path in _rows_files(tmp_path / "archive"):
        path.write_bytes(orjson.dumps({"meta": {"format": 0}, "rows": {}}))
    ws = _workspace(tmp_path)
    assert f"built report rows for {len(BLOCKS)} archive blocks (done once)" in ws.warnings
    assert not ws.store.check().problems


def test_erasing_a_customer_leaves_nothing_of_theirs_in_any_rows(tmp_path: Path, clock) -> None:
    ws = closed_store(tmp_path, clock)
    made = ws.store.backup()
    words = (b"Charged twice, order 150", b"second charge of order 150")
    rel = f"archive/{rows_name(block_name(150))}.json"
    assert all(w in copy_of(made, rel).read_bytes() for w in words)
    done = ws.privacy.erase(phone="0400 000 150", email=None, apply=True)
    assert done.case_ids == ["C-000150"]
    for path in [*_rows_files(tmp_path), *(tmp_path / "backups").rglob("*.json")]:
        assert not any(w in path.read_bytes() for w in words), path  # every backup too
    row = orjson.loads(copy_of(made, rel).read_bytes())["rows"]["150"]
    assert (row["summary"], row["outcome"]) == (
        "(removed)",
        "Closed: (removed); customer satisfied",
    )
    # What is not personal stays, as in the case itself: the category, who it was about.
    assert row["directed_at"] == ws.cases.get("C-000150").directed_at == "Desk 150"
    assert ws.store.check().ok


def test_restoring_a_backup_without_rows_drops_the_later_rows(tmp_path: Path, clock) -> None:
    ws = closed_store(tmp_path, clock)
    made = ws.store.backup()
    expected = _outputs(tmp_path)
    leave_out(made, f"archive/{archive_rows.PREFIX}")  # as a backup made before there were rows
    ws.cases.reopen("C-000150", "rang again")  # the block and its rows change
    ws.store.restore(made.name)
    assert not (tmp_path / "archive" / f"{rows_name(block_name(150))}.json").exists()
    ws = _workspace(tmp_path)
    assert f"built report rows for {len(BLOCKS)} archive blocks (done once)" in ws.warnings
    assert _outputs(tmp_path) == expected
    assert ws.store.check().ok


def test_store_check_finds_rows_that_disagree_with_their_block(tmp_path: Path, clock) -> None:
    ws = closed_store(tmp_path, clock)
    assert ws.store.check().ok
    name = rows_name(block_name(150))
    path = tmp_path / "archive" / f"{name}.json"
    rows = orjson.loads(path.read_bytes())
    rows["rows"]["150"]["summary"] = "Something else"
    path.write_bytes(orjson.dumps(rows))
    assert ws.store.check().problems == [
        f"report rows {name} do not match the block {block_name(150)}; "
        f"delete that file and {BUILT}: they are built again at the next start"
    ]


def test_once_all_rows_are_there_a_start_reads_one_small_file(
    tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_store(tmp_path, clock)  # the blocks got their rows as they were written
    assert not _workspace(tmp_path).warnings  # this start looked, found them all: said so
    assert (tmp_path / "archive" / f"{BUILT}.json").exists()

    def looks(*args: object) -> list[str]:
        raise AssertionError("a start looked at every block")

    monkeypatch.setattr(archive_rows_upkeep, "_missing", looks)
    assert not any("report rows" in w for w in _workspace(tmp_path).warnings)
