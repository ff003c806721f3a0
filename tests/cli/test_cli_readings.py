"""``cstui tips readings``: the development guide's suggested readings with their credits."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import invoke


def run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = invoke(["--data-dir", str(tmp_path / "data"), "tips", "readings", *args])
    return result.exit_code, result.stdout, result.stderr


def test_readings_are_listed_with_their_credits(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path)
    assert code == 0
    assert (
        "Fish Tales — Stephen C. Lundlin, John Christensen and Harry Paul (Hyperion, 2002)"
    ) in out.splitlines()
    assert "    themes: service-orientation, adding-value" in out.splitlines()


def test_readings_as_json_and_by_theme(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, "--json")
    readings = json.loads(out)
    assert code == 0 and len(readings) >= 4
    fish = next(r for r in readings if r["id"] == "fish-tales")
    assert (fish["author"], fish["publisher"], fish["year"]) == (
        "Stephen C. Lundlin, John Christensen and Harry Paul",
        "Hyperion",
        2002,
    )
    code, out, _ = run(tmp_path, "--theme", "conflicting-needs", "--json")
    assert code == 0
    assert all("conflicting-needs" in r["themes"] for r in json.loads(out))
    assert json.loads(out)


def test_an_unknown_theme_names_the_option(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "--theme", "juggling")
    assert code == 2 and out == ""
    assert err.startswith("error: --theme: ")
