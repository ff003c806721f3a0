"""Nothing reads the store or the data folder on the UI thread once the app runs.

Fault injection, not a mock: every method of the store's ports and every file opened
in the data folder is wrapped to note the thread it ran on, then the app is driven by
keys through home, a case, the refund check, approvals and the other screens.
"""

from __future__ import annotations

import builtins
import inspect
import io
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from tests.support.steps import case_fields
from tests.support.tui import settle, type_text

from cstui.store.ports import Stores
from cstui.tui.app import build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.screens.approvals import ApprovalsScreen
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.screens.refund_check import RefundCheckScreen
from cstui.workspace import Workspace

FAULTY = {
    "purchased": "2026-11-01",
    "price": "450",
    "paid_by": "card",
    "proof": "receipt",
    "reason": "minor-failure",
}
"""A refund above bob's limit of 100: it waits for a team leader."""


class Reads:
    """Where each store call and data-folder file read ran, noted as it happens."""

    def __init__(self) -> None:
        self.on_ui: list[str] = []
        self.elsewhere = 0
        self.ui = threading.main_thread()

    def note(self, what: str) -> None:
        if threading.current_thread() is self.ui:
            where = "".join(traceback.format_stack(limit=16)[:-2])
            self.on_ui.append(f"{what}\n{where}")
        else:
            self.elsewhere += 1


def _noted(reads: Reads, what: str, method: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        reads.note(what)
        return method(*args, **kwargs)

    return call


@contextmanager
def watching(stores: Stores, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Reads]:
    """Note every call into a port of ``stores`` and every file opened in ``data_dir``."""
    reads = Reads()
    folder = str(data_dir.resolve())
    real_open = io.open

    def open_noted(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path) and str(Path(file).resolve()).startswith(folder):
            reads.note(f"open {file}")
        return real_open(file, *args, **kwargs)

    with monkeypatch.context() as patch:
        for port_name in ("cases", "refunds", "skills", "roster", "drafts", "audit", "admin"):
            port = getattr(stores, port_name)
            for name in dir(type(port)):
                # on_wait only hands the store a callback: it reads nothing
                method = getattr(type(port), name)
                if not name.startswith("_") and name != "on_wait" and inspect.isfunction(method):
                    patch.setattr(
                        port, name, _noted(reads, f"{port_name}.{name}", getattr(port, name))
                    )
        patch.setattr(io, "open", open_noted)
        patch.setattr(builtins, "open", open_noted)
        yield reads


async def test_no_store_or_file_read_runs_on_the_ui_thread(
    with_bob: Workspace,
    other_terminal: Callable[[str], Workspace],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bob = other_terminal("bob")
    case = bob.cases.log(case_fields("Hana Kim"))
    request = bob.refunds.check(FAULTY, case_id=case.id).record
    assert request is not None and request.status.value == "pending"
    with_bob.drafts.save("new-case", {"customer.name": "Jo"}, with_bob.clock())

    alice = other_terminal("alice")  # opened afresh, as the cstui command does
    app = build_app(alice)  # what home shows first is read here, before the app runs
    with watching(alice.stores, data_dir, monkeypatch) as reads:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)  # the draft, read in a worker
            await pilot.press("n")  # kept for later
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("r")
            await settle(pilot)
            app.screen.query_one("#all").focus()
            await pilot.press("enter")  # the case
            await settle(pilot)
            assert isinstance(app.screen, CaseScreen)
            await pilot.press("escape")
            await settle(pilot)

            await pilot.press("c")  # the refund check: the decision follows each answer
            await settle(pilot)
            assert isinstance(app.screen, RefundCheckScreen)
            for key in ("1", "y", "n", "y", "1", "f5"):
                await pilot.press(key)
                await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)

            await pilot.press("p")  # approvals: a asks whether alice may decide
            await settle(pilot)
            assert isinstance(app.screen, ApprovalsScreen)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)

            await pilot.press("n")  # a new case, typed then discarded
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)  # the draft kept for later, again
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, NewCaseScreen)
            await type_text(pilot, "Sam")
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)

            for key in ("v", "t", "s"):  # team view, tips, my skills
                await pilot.press(key)
                await settle(pilot)
                await pilot.press("escape")
                await settle(pilot)
            assert isinstance(app.screen, HomeScreen)

    assert alice.refunds.get(request.id).status.value == "approved"
    assert reads.elsewhere > 0, "the watch saw no read at all"
    assert reads.on_ui == [], "\n\n".join(reads.on_ui)
