"""A call popped into the running app over its real socket: the caller's screen goes on
top of a half-typed form, calls that come faster wait under the newest, and Esc goes
back through them to the form as it was. Another OS user's pop is turned away."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from tests.support.sharing import SYSTEM_PYTHON, team_accounts, why_no_accounts
from tests.support.steps import case_fields
from tests.support.tui import focus_field, plain, settle, type_text, until
from textual.pilot import Pilot

from cstui.pop_channel import Pop, send, socket_folder, sockets_of
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.screens.caller import CallerScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace

pytestmark = pytest.mark.usefixtures("runtime_dir")


async def pop(workspace: Workspace, number: str, call_id: str) -> bool:
    """What ``cstui pop`` does: keep the call, then hand it to the open app."""
    contact = workspace.contacts.record(number, call_id=call_id)
    call = Pop(contact.number, contact.id, call_id=call_id)
    return await asyncio.to_thread(send, call, workspace.user)


async def listening(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, CstuiApp)
    await until(pilot, lambda: app.pops is not None and app.pops.path is not None)


async def test_a_pop_lands_on_a_half_typed_form_and_esc_returns_to_it(
    workspace: Workspace,
) -> None:
    jo = {"name": "Jo Citizen", "phone": "0400 111 222"}
    case = workspace.cases.log(case_fields(customer=jo, summary="Charged twice"))
    app = build_app(workspace, listen=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await listening(pilot)
        await pilot.press("n")
        await settle(pilot)
        form_screen = app.screen
        assert isinstance(form_screen, NewCaseScreen)
        form = form_screen.query_one(Form)
        await focus_field(pilot, form, "summary")
        await type_text(pilot, "Parcel never came")
        assert await pop(workspace, "+61400111222", "42")
        assert await pop(workspace, "0499 000 111", "43")  # a second call, before Esc
        await settle(pilot)
        newest = app.screen
        assert isinstance(newest, CallerScreen) and newest.contact == "+61499000111"
        assert "1 more caller waiting" in plain(newest.query_one("#caller-call"))
        await pilot.press("escape")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, CallerScreen) and first.contact == "+61400111222"
        await until(pilot, lambda: first.history is not None)
        assert first.case_ids == [case.id]
        assert "call 42" in plain(first.query_one("#caller-call"))
        assert "1 call" in plain(first.query_one("#caller-calls"))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form_screen
        assert form.field("summary").get() == "Parcel never came"
        assert app.focused is not None and form.field("summary") in app.focused.ancestors_with_self
    kept = workspace.contacts.of_number("0400111222")
    assert [(c.call_id, c.agent) for c in kept] == [("42", workspace.user)]


async def test_the_caller_screen_links_the_call_and_notes_its_outcome(
    workspace: Workspace,
) -> None:
    jo = {"name": "Jo Citizen", "phone": "0400 111 222"}
    case = workspace.cases.log(case_fields(customer=jo, summary="Charged twice"))
    app = build_app(workspace, listen=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await listening(pilot)
        assert await pop(workspace, "0400111222", "7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallerScreen)
        await until(pilot, lambda: screen.history is not None)
        await pilot.press("l")
        await until(pilot, lambda: bool(workspace.contacts.of_case(case.id)))
        await pilot.press("o")
        await settle(pilot)
        await type_text(pilot, "Refund explained")
        await pilot.press("enter")
        await until(pilot, lambda: workspace.contacts.of_case(case.id)[0].outcome is not None)
    [contact] = workspace.contacts.of_case(case.id)
    assert contact.outcome == "Refund explained"


async def test_with_no_app_open_a_pop_reaches_nobody(workspace: Workspace) -> None:
    assert not await pop(workspace, "0400111222", "1")
    assert len(workspace.contacts.of_number("0400111222")) == 1  # kept all the same


async def test_a_closed_app_leaves_no_socket_behind(workspace: Workspace) -> None:
    app = build_app(workspace, listen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await listening(pilot)
        [path] = sockets_of(socket_folder(), workspace.user)
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert sockets_of(socket_folder(), workspace.user) == []


WHY_NOT = why_no_accounts()

OTHER_USER_POPS = """
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
try:
    s.sendall(b'{"number": "+61400111222"}\\n')
    print(repr(s.recv(100)))
except OSError:
    print("closed")
"""


@pytest.mark.skipif(bool(WHY_NOT), reason=WHY_NOT or "runs")
async def test_another_os_users_pop_is_ignored(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime_dir = Path(tempfile.mkdtemp(prefix="cstui-pop-", dir="/var/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime_dir))
    app = build_app(workspace, listen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await listening(pilot)
        assert isinstance(app, CstuiApp) and app.pops is not None and app.pops.path
        path = app.pops.path
        # Let anyone reach the socket, as if its folder's mode were lost: the peer's user
        # is still checked.
        for folder in (runtime_dir, path.parent):
            folder.chmod(0o711)
        path.chmod(0o666)
        with team_accounts(1) as (_group, [other]):
            as_other = ["setpriv", f"--reuid={other.uid}", f"--regid={other.gid}", "--clear-groups"]
            ran = await asyncio.to_thread(
                subprocess.run,
                [*as_other, str(SYSTEM_PYTHON), "-c", OTHER_USER_POPS, str(path)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        await settle(pilot)
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.strip() in ("b''", "closed")  # closed unanswered
        assert not isinstance(app.screen, CallerScreen)
        assert app.pops.ignored == 1
    shutil.rmtree(runtime_dir, ignore_errors=True)
    assert os.getuid() != other.uid
