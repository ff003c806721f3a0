"""Start the TUI on an opened workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cstui.workspace import Workspace


def run_tui(workspace: Workspace, caller: str | None = None) -> None:
    """Open the app; ``caller`` (a phone number) opens it on that caller's history. It
    takes the calls ``cstui pop`` hands it."""
    from cstui.tui.app import build_app

    build_app(workspace, caller=caller, listen=True).run()
