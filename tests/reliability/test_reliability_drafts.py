"""A closed terminal (SIGHUP) or a kill (SIGTERM) loses nothing typed into a step form.

The app runs as a real process on a pseudo-terminal; keys go in as bytes; the signal
comes 0.3 s after the last key, well before any pause would have kept the text.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest
from tests.support.cli import command, process_env
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.steps import case_fields
from tests.support.tui import settle
from tests.support.workspaces import LEADER, open_utc_workspace

from cstui.store.file.drafts import DraftFolder
from cstui.tui.app import build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.refund_check import RefundCheckScreen
from cstui.tui.widgets.form import Form

FINDINGS = "Two charges on 3 Oct, second is a duplicate"
DRAFT = "case/C-000001/investigate"


def _drain(fd: int, seconds: float) -> bytes:
    """Read what the app draws for ``seconds`` (so it never blocks on a full terminal)."""
    out = b""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def _type_findings_then(data: Path, signum: int) -> tuple[int, bytes]:
    """Start the app, open the case, type findings, send ``signum`` 0.3 s later; the exit
    code."""
    return _type_then(data, signum, b"\r", FINDINGS.encode())


def _type_then(data: Path, signum: int, opening: bytes, typing: bytes) -> tuple[int, bytes]:
    """Start the app, press ``opening`` on home, type ``typing`` a key at a time, send
    ``signum`` 0.3 s later; the exit code and the first screen drawn."""
    main, child = pty.openpty()
    env = {**process_env(), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env["CSTUI_USER"] = LEADER
    args = [*command(account=LEADER), "--data-dir", str(data)]
    proc = subprocess.Popen(
        args,
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        cwd=Path(__file__).parents[2],
        start_new_session=True,
    )
    os.close(child)
    try:
        shown = _drain(main, 4.0)  # started, home drawn
        os.write(main, opening)
        _drain(main, 2.5)
        for char in typing:
            os.write(main, bytes([char]))
            _drain(main, 0.01)
        _drain(main, 0.3)
        proc.send_signal(signum)
        _drain(main, 0.5)
        return proc.wait(timeout=15), shown
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main)


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["hup", "term"])
async def test_a_step_form_is_kept_when_the_terminal_closes(tmp_path: Path, signum: int) -> None:
    data = tmp_path / "data"
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    open_utc_workspace(data, LEADER, clock).cases.log(case_fields())

    code, shown = _type_findings_then(data, signum)

    assert code in (0, -signum, 128 + signum), shown[-2000:]
    kept = DraftFolder(data, LEADER).load(DRAFT)
    assert kept is not None, DraftFolder(data, LEADER).names()
    assert FINDINGS in kept.values.values()
    folder = data / "drafts" / LEADER
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in folder.iterdir())

    app = build_app(open_utc_workspace(data, LEADER, clock))  # the next start
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the case
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), app.screen
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        form = app.screen.query_one(Form)
        assert FINDINGS in form.raw().values()


CHECK_KEYS = b"12" + b"2025-02-01\r" + b"349.5"
"""A refund check on its own: goods, a minor failure, bought 1 Feb, and the price typed
(Enter not pressed yet)."""


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["hup", "term"])
async def test_the_refund_check_is_kept_when_the_terminal_closes(
    tmp_path: Path, signum: int
) -> None:
    data = tmp_path / "data"
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    open_utc_workspace(data, LEADER, clock)

    code, shown = _type_then(data, signum, b"c", CHECK_KEYS)  # c: the refund check

    assert code in (0, -signum, 128 + signum), shown[-2000:]
    kept = DraftFolder(data, LEADER).load("refund-check")
    assert kept is not None, DraftFolder(data, LEADER).names()
    answers = [["supply", "goods"], ["reason", "minor-failure"], ["purchased", "2025-02-01"]]
    assert kept.values == {"law": "au", "answers": answers, "typed": "349.5"}

    app = build_app(open_utc_workspace(data, LEADER, clock))  # the next start
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), app.screen
        await pilot.press("y")
        await settle(pilot)
        check = app.screen
        assert isinstance(check, RefundCheckScreen)
        assert check.order == ["supply", "reason", "purchased"]
        assert check.typed_text == "349.5"
