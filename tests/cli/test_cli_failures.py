"""Store and configuration failures exit 1 with one line; nothing is written over."""

from __future__ import annotations

import pytest

GARBAGE = b'{"cases": {"1": {"id": "C-0000'

FILE_DAMAGE = pytest.mark.file_store_only(
    reason="damage to the data folder's store files; a server's tables are not files"
)


@pytest.fixture
def corrupt(cli, data_dir):
    """A data folder with one case, then a half-written cases.json."""
    cli.new_case()
    (data_dir / "cases.json").write_bytes(GARBAGE)
    return data_dir / "cases.json"


@FILE_DAMAGE
@pytest.mark.parametrize(
    "args",
    [
        ["case", "list"],
        ["case", "show", "C-000001"],
        ["case", "note", "C-000001", "hello"],
        ["case", "new", "--customer", "Jo", "--phone", "0412345678", "--summary", "x",
         "--category", "Billing", "--channel", "phone"],
        ["customer", "history", "--phone", "0412345678"],
    ],
)  # fmt: skip
def test_corrupt_store_is_reported_and_left_alone(cli, corrupt, args) -> None:
    line = cli.error(*args, code=1)
    assert line.startswith(f"error: the store file {corrupt} is damaged")
    assert "will not write over it" in line
    assert corrupt.read_bytes() == GARBAGE
    assert sorted(p.name for p in corrupt.parent.iterdir() if "tmp" in p.name) == []


@FILE_DAMAGE
def test_empty_store_file(cli, data_dir) -> None:
    cli.new_case()
    (data_dir / "cases.json").write_bytes(b"")
    line = cli.error("case", "list", "--json", code=1)
    assert line.startswith(f"error: the store file {data_dir / 'cases.json'} is empty")
    assert (data_dir / "cases.json").read_bytes() == b""


@FILE_DAMAGE
def test_hand_edited_case_is_reported(cli, data_dir) -> None:
    cli.new_case()
    (data_dir / "cases.json").write_text('{"cases": {"1": {"id": "C-000001"}}}')
    line = cli.error("case", "show", "C-000001", code=1)
    assert line.startswith("error: stored case C-000001 is not readable")


@pytest.mark.file_store_only(
    reason="on a server the roster is the database's: the folder's team.toml is read "
    "only by the first person to open an empty database"
)
def test_broken_roster_names_the_file(cli, data_dir) -> None:
    cli("team", "list")
    (data_dir / "team.toml").write_text("[[members]]\nname = 'x'\nrole = 'boss'\n")
    line = cli.error("case", "list", code=1)
    assert line.startswith(f"error: {data_dir / 'team.toml'}: key members.role")


@pytest.mark.file_store_only(
    reason="on a server the policy is the database's: a broken one is refused when "
    "published (tests/postgres/test_pg_config.py)"
)
def test_broken_policy_names_the_file(cli, data_dir) -> None:
    cli("team", "list")
    (data_dir / "policy.toml").write_text("categories = [\n")
    line = cli.error("case", "list", code=1)
    assert line.startswith(f"error: {data_dir / 'policy.toml'}: not valid TOML")


def test_data_folder_cannot_be_created(cli, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cli.data_dir = blocker / "data"
    line = cli.error("team", "list", code=1)
    assert line.startswith(f"error: cannot create the data folder {blocker / 'data'}")
