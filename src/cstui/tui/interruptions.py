"""Nothing typed is lost: drafts kept when the terminal closes and offered back at start,
and a plain word while a save waits for another terminal."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import TYPE_CHECKING, Any

from cstui.tui.drafting import Drafting, drafting_screens, unsaved
from cstui.tui.screens.base import CstuiScreen

if TYPE_CHECKING:
    from datetime import tzinfo

    from textual.app import App

    from cstui.bundle import Drafts, KeptDraft, Services
    from cstui.tui.app import CstuiApp
    from cstui.tui.screens.factory import Screens
    from cstui.tui.screens.home import HomeScreen

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

    question = (
        f"You were typing a complaint ({name}) at {when:%Y-%m-%d %H:%M} that was not saved. "
        "Resume it? (n keeps it for later: d on home lists it)"
    )
    app.push_screen(ConfirmDialog(question), answered)


def count_drafts(home: HomeScreen, drafts: Drafts) -> None:
    """Read (in a worker, once home is drawn) which drafts are kept, and tell home."""

    def read() -> list[str]:
        return drafts.names()

    def found(names: list[str]) -> None:
        home.drafts_kept = names
        home.refresh_bindings()
        if names:
            home.notify(
                f"{len(names)} unsaved draft(s): press d to list them", markup=False, timeout=10
            )

    home.load(read, found, group="draft-names")


def list_drafts(app: App[Any], screens: Screens, names: list[str]) -> None:
    """List the kept drafts; the one chosen opens where it belongs, to be offered back."""
    from cstui.services.drafts import case_of, describe
    from cstui.tui.dialogs.choose import ChooseDialog

    def chosen(name: str | None) -> None:
        if name is None:
            return
        case_id = case_of(name)
        if case_id is not None:
            app.push_screen(screens.case(case_id))
        elif name == NEW_CASE_DRAFT:
            app.push_screen(screens.new_case())
        else:
            app.notify(f"Open the {describe(name)} form to get it back", markup=False)

    items = [(describe(name), name) for name in names]
    app.push_screen(ChooseDialog("Unsaved drafts: Enter opens one", items), chosen)


def keep_drafts(app: CstuiApp) -> None:
    """Save every unsaved form as a draft now, in this thread."""
    for form in drafting_screens(app):
        form.keep_draft()
    for screen in app.screen_stack:
        if isinstance(screen, CstuiScreen) and not isinstance(screen, Drafting):
            screen.keep_draft()


def ask_before_quitting(app: CstuiApp) -> None:
    """Quit; if a form holds unsaved text, ask first: keep it as a draft, discard it, or
    stay."""
    from cstui.tui.dialogs.choose import ChooseDialog

    forms = unsaved(app)
    if not forms:
        app.exit()
        return

    def answered(choice: str | None) -> None:
        if choice == "keep":
            app.keep_drafts_and_exit()
        elif choice == "discard":
            for form in forms:
                form.draft_done(now=True)  # before the app ends, not in a worker it may skip
            app.exit()

    items = [
        ("Keep it as a draft and quit", "keep"),
        ("Discard it and quit", "discard"),
        ("Cancel: stay here", "cancel"),
    ]
    app.push_screen(ChooseDialog("You have typed text that is not saved", items), answered)


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
