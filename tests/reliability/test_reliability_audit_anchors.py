"""Each stored case names its last audit entry: ``store verify`` finds a case edited or
deleted in the files, a log or head lost, a log cut short with its head fixed up, and a
chain recomputed after an edit; a case from before anchors is reported, not refused."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from tests.support.cases import close
from tests.support.cli import Cli
from tests.support.clock import FixedClock
from tests.support.main_document import folded
from tests.support.reliability.cli import NOW
from tests.support.reliability.workers import log_case

from cstui.domain import workflow
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.store.file.upgrades import guard
from cstui.workspace import first_run

EARLY = "early-case-2.json"
"""Beside the data folder: case C-000002 as first stored (for the roll-back)."""


@pytest.fixture(scope="module")
def anchored_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three cases: C-000001 closed (in the archive), C-000002 with a note, C-000003 new."""
    data = tmp_path_factory.mktemp("anchored") / "data"
    first_run(data, "alice")
    repo = TinyDBCaseRepository(JSONFileBackend(data / "cases.json", guard=guard))
    first = log_case(repo, "alice")
    second = log_case(repo, "alice")
    (data.parent / EARLY).write_bytes(orjson.dumps(_tables(data / "cases.json")["cases"]["2"]))
    log_case(repo, "alice")
    close(repo, first, FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)), "alice")
    noted = workflow.add_note(second, "rang back", "alice", datetime.now(UTC))
    repo.save(noted, second.version)
    return data


def _tables(path: Path) -> dict[str, Any]:
    if path.name == "cases.json":
        return folded(path.parent)  # the saves in the journal too
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    return data


def _change(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    tables = _tables(path)
    change(tables)
    path.write_bytes(orjson.dumps(tables))


def _unanchored(case: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in case.items() if k != "_audit"}


def _main(data: Path) -> Path:
    return data / "cases.json"


def _block(data: Path) -> Path:
    return data / "archive" / "cases-0000.json"


def _log(data: Path) -> Path:
    return data / "cases.audit.log"


def _head(data: Path) -> Path:
    return data / "cases.audit.log.head"


def _entries(data: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in _log(data).read_bytes().splitlines()]


def _hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _write_chain(data: Path, entries: list[dict[str, Any]]) -> None:
    """Write ``entries`` as a consistent chain with its head, as a forger would."""
    prev = "0" * 64
    for entry in entries:
        entry["prev"] = prev
        entry["hash"] = prev = _hash(entry)
    _log(data).write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entries))
    head = {"seq": entries[-1]["seq"], "hash": prev} if entries else {"seq": 0, "hash": prev}
    _head(data).write_bytes(orjson.dumps(head))


def case_edited_in_main(data: Path) -> None:
    _change(_main(data), lambda t: t["cases"]["2"].update(summary="Nothing happened"))


def case_edited_in_block(data: Path) -> None:
    _change(_block(data), lambda t: t["cases"]["1"].update(summary="Nothing happened"))


def case_deleted_from_main(data: Path) -> None:
    def delete(tables: dict[str, Any]) -> None:
        del tables["cases"]["3"]
        tables.get("briefs", {}).pop("3", None)

    _change(_main(data), delete)


def case_deleted_from_block(data: Path) -> None:
    _change(_block(data), lambda t: t["cases"].pop("1"))


def anchor_stripped_and_case_edited(data: Path) -> None:
    def strip(tables: dict[str, Any]) -> None:
        case = tables["cases"]["2"]
        case.pop("_audit")
        case["summary"] = "Nothing happened"

    _change(_main(data), strip)


def case_rolled_back(data: Path) -> None:
    early = orjson.loads((data.parent / EARLY).read_bytes())
    _change(_main(data), lambda t: t["cases"].update({"2": early}))


def case_anchored_elsewhere(data: Path) -> None:
    def move(tables: dict[str, Any]) -> None:
        tables["cases"]["2"]["_audit"] = tables["cases"]["3"]["_audit"]

    _change(_main(data), move)


def log_and_head_deleted(data: Path) -> None:
    _log(data).unlink()
    _head(data).unlink()


def log_emptied_and_head_deleted(data: Path) -> None:
    _log(data).write_bytes(b"")
    _head(data).unlink()


def head_deleted(data: Path) -> None:
    _head(data).unlink()


def log_cut_and_head_fixed(data: Path) -> None:
    _write_chain(data, _entries(data)[:-2])


def entry_edited_and_chain_recomputed(data: Path) -> None:
    entries = _entries(data)
    entries[1]["actor"] = "mallory"
    _write_chain(data, entries)


TAMPERING = [
    case_edited_in_main,
    case_edited_in_block,
    case_deleted_from_main,
    case_deleted_from_block,
    anchor_stripped_and_case_edited,
    case_rolled_back,
    case_anchored_elsewhere,
    log_and_head_deleted,
    log_emptied_and_head_deleted,
    head_deleted,
    log_cut_and_head_fixed,
    entry_edited_and_chain_recomputed,
]


def _verify(cli: Cli) -> tuple[int, str, dict[str, Any]]:
    found = cli("store", "verify")
    report = json.loads(cli("store", "verify", "--json").stdout)
    return found.exit_code, found.stdout, report


def test_verify_finds_tampering_with_cases_log_and_head(anchored_folder, tmp_path, figures) -> None:
    code, out, _ = _verify(Cli(anchored_folder, now=NOW))
    assert (code, out) == (0, "audit log intact: 9 entries\n")
    missed: dict[str, str] = {}
    for tamper in TAMPERING:
        cli = Cli(tmp_path / tamper.__name__ / "data", now=NOW)
        shutil.copytree(anchored_folder.parent, cli.data_dir.parent, dirs_exist_ok=True)
        tamper(cli.data_dir)
        code, out, report = _verify(cli)
        if code != 1 or not out.startswith("audit log DAMAGED") or report["ok"] is not False:
            missed[tamper.__name__] = out
    names = ", ".join(t.__name__.replace("_", " ") for t in TAMPERING)
    figures.add(
        f"audit anchors: verify exit 1 on {len(TAMPERING) - len(missed)} of {len(TAMPERING)} "
        f"tamperings of cases, log and head ({names})"
    )
    assert missed == {}


def test_a_case_from_before_anchors_is_reported_then_anchored(anchored_folder, tmp_path) -> None:
    cli = Cli(tmp_path / "data", now=NOW)
    shutil.copytree(anchored_folder, cli.data_dir)
    for path in (_main(cli.data_dir), _block(cli.data_dir)):
        _change(path, lambda t: t.update(cases={k: _unanchored(c) for k, c in t["cases"].items()}))
    legacy = _entries(cli.data_dir)
    for entry in legacy:
        entry.pop("case", None)
    _write_chain(cli.data_dir, legacy)  # as the app wrote it before anchors

    code, out, report = _verify(cli)
    assert code == 0, out
    assert out.splitlines()[1].startswith("3 case(s) not anchored (written before")
    assert report["ok"] is True and len(report["notes"]) == 1

    repo = TinyDBCaseRepository(JSONFileBackend(_main(cli.data_dir)))
    case = repo.get("C-000003")
    repo.save(workflow.add_note(case, "anchored now", "alice", datetime.now(UTC)), case.version)
    code, out, _ = _verify(cli)
    assert code == 0, out
    assert "2 case(s) not anchored" in out
