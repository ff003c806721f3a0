"""A plain, non-editable ``pip install .`` into a fresh venv runs the app with its data."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HEADLESS_START = """
import asyncio, sys
from pathlib import Path
from cstui.config import Settings
from cstui.workspace import open_workspace
from cstui.tui.app import build_app

async def main():
    app = build_app(open_workspace(Settings(Path(sys.argv[1]), "installer")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(type(app.screen).__name__, len(app.stylesheet.rules) > 0)

asyncio.run(main())
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the project installed the way a user would install it."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return env_dir


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    return env


@pytest.mark.slow
def test_installed_package_carries_data_and_styles(installed: Path) -> None:
    python = installed / "bin" / "python"
    out = subprocess.run(
        [
            python,
            "-c",
            "import cstui, pathlib; p = pathlib.Path(cstui.__file__).parent; "
            "print((p / 'data' / 'policy.toml').is_file(), (p / 'styles' / 'app.tcss').is_file())",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert out.stdout.split() == ["True", "True"]


@pytest.mark.slow
def test_installed_cli_runs_on_an_empty_data_folder(installed: Path, tmp_path: Path) -> None:
    cstui = installed / "bin" / "cstui"
    result = subprocess.run(
        [cstui, "case", "list", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert "created data folder" in result.stderr
    assert (tmp_path / "share" / "cstui" / "policy.toml").is_file()


@pytest.mark.slow
def test_installed_tui_starts_with_its_stylesheet(installed: Path, tmp_path: Path) -> None:
    python = installed / "bin" / "python"
    result = subprocess.run(
        [python, "-c", HEADLESS_START, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd="/",
        env=_env(tmp_path),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["HomeScreen", "True"]
