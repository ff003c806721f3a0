"""The data folder with hostile text planted in it (see :mod:`tests.security.hostile`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.security.hostile import HOSTILE, Folder, one_case_folder, plant_in_case


@pytest.fixture
def planted(tmp_path: Path) -> Folder:
    """One case (with a note) by alice, bob on the roster; then hostile text planted in
    the case (customer, owner, summary, details, actors, note) and in bob's roster name."""
    folder = one_case_folder(tmp_path / "data")
    folder.edit_json("cases.json", plant_in_case)
    roster = folder.path / "team.toml"
    hostile_toml = json.dumps(f"bob{HOSTILE}", ensure_ascii=True)  # TOML reads \\u escapes
    roster.write_text(roster.read_text().replace('"bob"', hostile_toml), encoding="utf-8")
    return folder
