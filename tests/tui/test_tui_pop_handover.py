"""``cstui pop`` hands the call to the open app first, as a real process that loads none
of the app: the app checks the number, shows the caller and keeps the call, once. A
call the app was handed but did not confirm is kept by the full command, still once."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from typing import Any

import pytest
from tests.support.cli import process_env
from tests.support.tui import plain, settle, until
from textual.pilot import Pilot

from cstui.tui.app import CstuiApp, build_app
from cstui.tui.screens.caller import CallerScreen
from cstui.tui.screens.home import HomeScreen
from cstui.workspace import Workspace

HEAVY = ("pydantic", "click", "tinydb", "phonenumbers", "textual", "cstui.cli")
"""What the hand-over must not load: the app's models, command line, store and faces."""

HAND_OVER = """
import json, sys
from cstui.entry import parse_pop, quick_pop
rest = quick_pop(parse_pop(sys.argv[2:]), account=sys.argv[1])
print(json.dumps({"rest": rest, "loaded": [m for m in HEAVY if m in sys.modules]}))
""".replace("HEAVY", repr(HEAVY))


pytestmark = pytest.mark.usefixtures("runtime_dir")


def hand_over(workspace: Workspace, *args: str) -> tuple[Any, dict[str, Any]]:
    """Run the quick hand-over as its own process: (what it printed first, its report)."""
    env = process_env()
    env["CSTUI_DATA_DIR"] = str(workspace.settings.data_dir)
    env["CSTUI_USER"] = workspace.user
    done = subprocess.run(
        [sys.executable, "-c", HAND_OVER, workspace.user, *args],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    *said, report = done.stdout.strip().splitlines()
    return ("\n".join(said), json.loads(report))


async def listening(pilot: Pilot[Any]) -> CstuiApp:
    app = pilot.app
    assert isinstance(app, CstuiApp)
    await until(pilot, lambda: app.pops is not None and app.pops.path is not None)
    return app


async def test_the_open_app_shows_and_keeps_the_call_the_command_loads_nothing(
    workspace: Workspace,
) -> None:
    app = build_app(workspace, listen=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await listening(pilot)
        args = ("pop", "0400 111 222", "--call-id", "42", "--queue=billing", "--json")
        said, report = await asyncio.to_thread(hand_over, workspace, *args)
        assert report == {"rest": None, "loaded": []}
        contact = json.loads(said)["contact"]
        assert json.loads(said)["shown"] is True
        assert (contact["number"], contact["call_id"], contact["queue"]) == (
            "+61400111222", "42", "billing"
        )  # fmt: skip
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallerScreen) and screen.contact == "+61400111222"
        await until(
            pilot, lambda: f"kept as {contact['id']}" in plain(screen.query_one("#caller-call"))
        )
    kept = workspace.contacts.of_number("+61400111222")
    assert [(c.id, c.call_id, c.agent) for c in kept] == [(contact["id"], "42", workspace.user)]


async def test_a_bad_number_is_left_to_the_command_and_nothing_is_shown(
    workspace: Workspace,
) -> None:
    app = build_app(workspace, listen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await listening(pilot)
        _, report = await asyncio.to_thread(hand_over, workspace, "pop", "12")
        assert report["rest"] == []  # the full command says why, exit 2
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert workspace.contacts.contacts.between(None, None) == []
