"""``store check`` sees every kind of damage, names the newest good backup, and every
command meets a wrongly shaped file with one clear line, never a traceback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from tests.support.cli import Cli

from cstui import store_choice
from cstui.config import Settings
from cstui.workspace import open_workspace

CLOSED = 50


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder: 50 closed cases in the archive, 6 open, and a backup of them."""
    folder = tmp_path_factory.mktemp("built") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_choice, "CLOSED_BATCH", CLOSED)  # the 50 go to the archive together
        ws = open_workspace(Settings(folder, "ann"))
        for n in range(1, CLOSED + 7):
            case = ws.cases.log(
                {
                    "customer": {"name": f"Customer {n}", "phone": f"0400 000 {n:03d}"},
                    "channel": "phone",
                    "category": ws.policy.categories[0],
                    "summary": f"Complaint {n}",
                }
            )
            if n <= CLOSED:
                for fields in (
                    {"findings": "found"},
                    {"promise": "we will fix it", "by": "2026-12-24"},
                    {"action": "refund", "policy_clause": "4.2"},
                    {"method": "phone", "said": "told them"},
                    {"satisfied": True},
                ):
                    ws.cases.advance(case.id, fields)
        ws.store.backup()
    assert (folder / "archive" / "cases-0000.json").exists()
    return folder


@pytest.fixture
def cli(built: Path, tmp_path: Path) -> Iterator[Cli]:
    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    yield Cli(folder, user="ann", now="")


def _check(cli: Cli) -> list[str]:
    result = cli("store", "check", "--json")
    report = orjson.loads(result.stdout)
    assert result.exit_code == (0 if report["ok"] else 1)
    problems: list[str] = report["problems"]
    return problems


def _newest(cli: Cli) -> str:
    return str(orjson.loads(cli("store", "check", "--json").stdout)["newest_good_backup"])


def test_a_sound_store_checks_ok(cli: Cli) -> None:
    assert _check(cli) == []
    assert _newest(cli).startswith(str(cli.data_dir / "backups" / "cases-"))


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda p: p.unlink(), "is missing (it held 50 cases)"),
        (lambda p: p.write_bytes(b""), "has been changed outside cstui (it held 50 cases)"),
        (lambda p: p.write_bytes(p.read_bytes()[:-100]), "has been changed outside cstui"),
        (lambda p: p.write_bytes(b'{"cases": {}}'), "has been changed outside cstui"),
    ],
    ids=["deleted", "emptied", "truncated", "re-shaped"],
)
def test_check_finds_a_damaged_block(cli: Cli, damage, said) -> None:
    block = cli.data_dir / "archive" / "cases-0000.json"
    damage(block)
    assert any(p.startswith(f"{block} {said}") for p in _check(cli))
    assert _newest(cli) != "None"


def test_check_finds_an_emptied_index_and_main_document(cli: Cli) -> None:
    index = cli.data_dir / "archive" / "index.json"
    index.write_bytes(b"{}")
    assert f"{index} has been changed outside cstui" in _check(cli)  # the report count fell
    main = cli.data_dir / "cases.json"
    main.write_bytes(b"{}")
    problems = _check(cli)
    assert f"{main} has been changed outside cstui (it held 6 cases)" in problems
    assert (
        "the case counter would issue C-000001 again: ids up to C-000056 were already issued"
        in problems
    )
    assert cli("case", "new", "--customer", "Jo", "--phone", "0412 345 678", "--summary", "x",
               "--category", "Billing", "--channel", "phone").exit_code == 1  # fmt: skip


def test_check_finds_a_counter_below_an_issued_id_and_an_id_used_twice(cli: Cli) -> None:
    main = cli.data_dir / "cases.json"
    data = orjson.loads(main.read_bytes())
    data["meta"]["1"]["next_case"] = 3
    data["cases"]["1"] = {**data["cases"]["51"], "id": "C-000001"}  # a second C-000001
    main.write_bytes(orjson.dumps(data))
    problems = _check(cli)
    assert any(p.startswith("the case counter would issue C-000003 again") for p in problems)
    assert any(p.startswith("C-000001 is two different cases") for p in problems)


def test_check_finds_a_roster_without_a_leader(cli: Cli) -> None:
    roster = cli.data_dir / "team.toml"
    roster.write_text('[[members]]\nname = "ann"\nrole = "agent"\n')
    assert f"{roster}: nobody on the roster is a team leader" in _check(cli)


def test_check_finds_files_other_users_can_read(cli: Cli) -> None:
    for path in (cli.data_dir / "backups", cli.data_dir / "cases.audit.log"):
        os.chmod(path, os.stat(path).st_mode | 0o004)
        assert any(
            p.startswith(f"{path} can be read or written by every user") for p in _check(cli)
        )


SHAPES: dict[str, list[bytes]] = {
    "cases.json": [b"[]", b'"text"', b'{"cases": []}', b'{"cases": {"1": "x"}}',
                   b'{"cases": {"51": []}}', b'{"meta": {"1": 5}}', b'{"briefs": {"51": 1}}'],
    "archive/cases-0000.json": [b"[]", b'"text"', b'{"cases": {"1": "x"}}', b'{"cases": 7}'],
    "archive/index.json": [b"[]", b'{"groups": []}', b'{"groups": {"0": "x"}}'],
    "archive/index-000.json": [b'"text"', b'{"blocks": []}', b'{"blocks": {"0": 1}}'],
    "archive/analysis-0000.json": [b"[]", b'{"rows": {"1": 5}}', b'{"meta": []}'],
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "shape"), [(name, shape) for name, shapes in SHAPES.items() for shape in shapes]
)
def test_a_wrongly_shaped_file_gives_one_clear_line(cli: Cli, name: str, shape: bytes) -> None:
    path = cli.data_dir / name
    path.write_bytes(shape)
    for args in (("case", "list", "--all"), ("case", "show", "C-000001"), ("store", "verify")):
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "please report" not in result.output and "Error" not in result.output
        if result.exit_code == 1:
            assert len(result.stderr.splitlines()) == 1, result.stderr
            assert result.stderr.startswith(f"error: the store file {path} ")
    check = cli("store", "check")
    assert check.exit_code == 1
    assert f"{path} " in check.stdout  # named in a problem line
    if name == "cases.json":  # every command reads the main document
        listed = cli("case", "list")
        assert listed.exit_code == 1 and listed.stdout == ""
        assert "is not the shape of a case store" in listed.stderr or "is damaged" in listed.stderr
