"""Nothing typed is lost: drafts kept when the terminal closes and offered back at start,
and a plain word while a save waits for another terminal."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import TYPE_CHECKING

from cstui.tui.screens.base import CstuiScreen

if TYPE_CHECKING:
    from datetime import tzinfo

    from cstui.bundle import Drafts, KeptDraft, Services
    from cstui.tui.app import CstuiApp

NEW_CASE_DRAFT = "new-case"
"""The draft of the new-case form (one per user)."""


def offer_draft(app: CstuiApp, home: CstuiScreen, drafts: Drafts, zone: tzinfo) -> None:
    """If a complaint was being typed when the app last closed, offer to resume it.

    The draft is read in a worker once ``home`` is drawn; it is offered only if home is
    still on top by then (else it stays kept, and is offered at the next start).
    """

    def read() -> KeptDraft | None:
        return drafts.load(NEW_CASE_DRAFT)

    def found(draft: KeptDraft | None) -> None:
        if draft is not None and home.is_active:
            _offer(app, home, drafts, draft, zone)

    home.load(read, found, group="draft")


def _offer(
    app: CstuiApp, home: CstuiScreen, drafts: Drafts, draft: KeptDraft, zone: tzinfo
) -> None:
    from cstui.tui.dialogs.confirm import ConfirmDialog

    name = str(draft.values.get("customer.name") or "no name yet")
    when = draft.saved_at.astimezone(zone)

    def answered(resume: bool | None) -> None:
        if resume:
            app.push_screen(app.screens.new_case(draft=draft.values))
        else:
            home.save(lambda: drafts.drop(NEW_CASE_DRAFT), _nothing_to_show)

    question = (
        f"You were typing a complaint ({name}) at {when:%Y-%m-%d %H:%M} that was not saved. "
        "Resume it? (n discards it)"
    )
    app.push_screen(ConfirmDialog(question), answered)


def _nothing_to_show(_: object) -> None:
    """A save whose result has nothing to show."""


def keep_drafts(app: CstuiApp) -> None:
    """Save every unsaved form as a draft now."""
    for screen in app.screen_stack:
        if isinstance(screen, CstuiScreen):
            screen.keep_draft()


def on_hang_up(app: CstuiApp) -> None:
    """Keep drafts and quit when the terminal closes (SIGHUP) or the app is told to stop."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGHUP, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, app.keep_drafts_and_exit)


def tell_when_waiting(app: CstuiApp, services: Services) -> None:
    """Say who holds the store when a save has to wait, instead of a frozen screen."""

    def waiting(holder: str) -> None:
        message = f"Waiting for {holder} to finish saving…"
        try:
            app.call_from_thread(app.notify, message, markup=False, timeout=5)
        except RuntimeError:  # already on the UI thread
            app.notify(message, markup=False, timeout=5)

    services.on_store_wait(waiting)
