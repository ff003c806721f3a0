"""The file store's layout is versioned: one-time upgrades run once, keyed by the format
stamped in the store, and a cstui older than the store's format refuses to write to it."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from tests.support.main_document import folded

from cstui.config import Settings
from cstui.store.file.case_archive import CaseArchive
from cstui.store.file.upgrades import STORE_FORMAT_VERSION, StoreTooNewError
from cstui.workspace import Workspace, open_workspace

FIELDS = {
    "customer": {"name": "Jo Citizen", "phone": "0412 345 678"},
    "channel": "phone",
    "category": "Billing",
    "summary": "Charged twice",
}


def _open(folder: Path) -> Workspace:
    return open_workspace(Settings(folder, "ann"))


def _meta(folder: Path) -> dict[str, object]:
    row: dict[str, object] = orjson.loads((folder / "cases.json").read_bytes())["meta"]["1"]
    return row


def test_a_new_store_is_stamped_with_its_format_by_its_first_write(tmp_path: Path) -> None:
    ws = _open(tmp_path)
    assert not (tmp_path / "cases.json").exists()  # opening alone writes nothing
    ws.cases.log(FIELDS)
    assert _meta(tmp_path)["store_format"] == STORE_FORMAT_VERSION


def test_a_store_in_this_format_is_not_looked_over_again_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(tmp_path).cases.log(FIELDS)

    def looked(*args: object) -> bool:
        raise AssertionError("a start looked for an old layout in a store of this format")

    monkeypatch.setattr(CaseArchive, "in_first_layout", looked)
    assert _open(tmp_path).warnings == []


def test_a_store_from_before_formats_is_upgraded_once_and_stamped(tmp_path: Path) -> None:
    _open(tmp_path).cases.log(FIELDS)
    main = orjson.loads((tmp_path / "cases.json").read_bytes())
    del main["meta"]["1"]["store_format"]
    (tmp_path / "cases.json").write_bytes(orjson.dumps(main))
    (tmp_path / "cases.manifest").unlink()  # it predates the manifest too
    _open(tmp_path)
    assert _meta(tmp_path)["store_format"] == STORE_FORMAT_VERSION


def test_a_cstui_older_than_the_store_refuses_to_write_and_says_what_it_needs(
    tmp_path: Path,
) -> None:
    first = _open(tmp_path).cases.log(FIELDS)
    newer = STORE_FORMAT_VERSION + 1
    main = orjson.loads((tmp_path / "cases.json").read_bytes())
    main["meta"]["1"]["store_format"] = newer
    (tmp_path / "cases.json").write_bytes(orjson.dumps(main))
    before = (tmp_path / "cases.json").read_bytes()
    ws = _open(tmp_path)
    assert any(f"format {newer}" in w for w in ws.warnings)
    assert ws.cases.get(first.id) == first  # reading is fine
    with pytest.raises(StoreTooNewError) as refused:
        ws.cases.note(first.id, "rang back", first.version)
    assert f"upgraded to format {newer}" in str(refused.value)
    assert f"writes format {STORE_FORMAT_VERSION}" in str(refused.value)
    assert f"Upgrade cstui to one that writes format {newer}" in str(refused.value)
    with pytest.raises(StoreTooNewError):
        ws.cases.log(FIELDS)
    assert (tmp_path / "cases.json").read_bytes() == before


def test_the_command_line_refuses_a_newer_store_in_plain_words(tmp_path: Path) -> None:

    from tests.support.cli import invoke

    _open(tmp_path).cases.log(FIELDS)
    data = orjson.loads((tmp_path / "cases.json").read_bytes())
    data["meta"]["1"]["store_format"] = STORE_FORMAT_VERSION + 1
    (tmp_path / "cases.json").write_bytes(orjson.dumps(data))
    env = {"CSTUI_DATA_DIR": str(tmp_path), "CSTUI_USER": "ann"}
    result = invoke(["case", "note", "C-000001", "rang back"], env=env)
    assert result.exit_code == 1
    assert f"writes format {STORE_FORMAT_VERSION}" in result.output


def test_phone_numbers_of_an_older_store_are_put_in_e164_once(tmp_path: Path) -> None:
    ws = _open(tmp_path)
    ids = [ws.cases.log(FIELDS).id for _ in range(3)]
    main = folded(tmp_path)
    for key, phone in zip(["1", "2", "3"], ["0400111222", "+61400111222", "12"], strict=True):
        main["cases"][key]["customer"]["phone"] = phone  # as an older cstui stored them
        main["briefs"][key]["phone"] = phone
    main["meta"]["1"]["store_format"] = 1
    (tmp_path / "cases.json").write_bytes(orjson.dumps(main))
    (tmp_path / "cases.manifest").unlink()

    upgraded = _open(tmp_path)
    assert any("E.164" in line for line in upgraded.warnings)
    assert _meta(tmp_path)["store_format"] == STORE_FORMAT_VERSION
    stored = folded(tmp_path)
    phones = [stored["cases"][k]["customer"]["phone"] for k in ("1", "2", "3")]
    assert phones == ["+61400111222", "+61400111222", "12"]  # nothing lost
    assert [stored["briefs"][k]["phone"] for k in ("1", "2", "3")] == phones
    found = upgraded.cases.customer_history("0400 111 222")
    assert sorted(c.id for c in found) == ids[:2]
    assert _open(tmp_path).warnings == []  # done once
