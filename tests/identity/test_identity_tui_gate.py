"""The TUI half of the output gate: escapes planted straight into the data folder's
files never reach the terminal, on any screen that shows them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.security.hostile import HOSTILE, UNSAFE, Folder, one_case_folder, plant_in_case
from tests.support.clock import FixedClock
from tests.support.tui import settle
from tests.support.workspaces import open_utc_workspace, set_utc_zone
from textual.app import App

from cstui.tui.app import build_app


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    """alice's folder with one case (a note on it) and bob on the roster, hostile text
    then written straight into the case's file."""
    folder = one_case_folder(tmp_path / "data")
    set_utc_zone(folder.path)
    folder.edit_json("cases.json", lambda doc: plant_in_case(doc, records=False))
    return folder


def screen_text(app: App[Any]) -> str:
    """Every character the app's current screen sends to the terminal."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_nothing_unsafe(app: App[Any], where: str) -> None:
    text = screen_text(app)
    found = UNSAFE.search(text)
    assert found is None, (
        f"{where}: {found.group()!r} in {text[max(0, found.start() - 60) :][:140]!r}"
    )
    assert "evil" in text or where == "team", f"{where}: the planted text is not shown at all"


async def test_planted_escapes_never_reach_the_screen(folder: Folder, clock: FixedClock) -> None:
    ws = open_utc_workspace(folder.path, "alice", clock)
    app = build_app(ws)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert_nothing_unsafe(app, "home")
        app.push_screen(app.screens.case("C-000001"))
        await settle(pilot)
        assert_nothing_unsafe(app, "case")
        app.push_screen(app.screens.team())
        await settle(pilot)
        assert_nothing_unsafe(app, "team")


async def test_a_planted_roster_name_never_reaches_the_screen(
    folder: Folder, clock: FixedClock
) -> None:
    roster = folder.path / "team.toml"
    hostile = json.dumps(f"bob{HOSTILE}", ensure_ascii=True)  # TOML reads \\u escapes
    ws = open_utc_workspace(folder.path, "alice", clock)
    roster.write_text(roster.read_text().replace('"bob"', hostile), encoding="utf-8")
    app = build_app(ws)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert_nothing_unsafe(app, "home")
        app.push_screen(app.screens.team())
        await settle(pilot)
        text = screen_text(app)
        assert UNSAFE.search(text) is None, text


async def test_the_user_name_in_the_title_passes_the_gate(
    tmp_path: Path, clock: FixedClock
) -> None:
    from dataclasses import replace

    ws = open_utc_workspace(tmp_path / "data", "alice", clock)
    ws.settings = replace(ws.settings, user=f"alice{HOSTILE}")
    app = build_app(ws)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert UNSAFE.search(app.sub_title) is None
        assert UNSAFE.search(screen_text(app)) is None
