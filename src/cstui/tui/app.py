"""The Textual app: a thin shell that holds the screen factory and opens the first screen."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from cstui.resources import style_file
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.drafting import DraftKeeper
from cstui.tui.interruptions import (
    ask_before_quitting,
    count_drafts,
    keep_drafts,
    offer_draft,
    on_hang_up,
    tell_when_waiting,
)
from cstui.tui.key_order import KeysInOrder
from cstui.tui.keys import key_label, screen_keys
from cstui.tui.screens.factory import Screens
from cstui.tui.screens.home import HomeScreen
from cstui.tui.text import safe

if TYPE_CHECKING:  # the workspace's models load on first use, not with the app
    from textual.driver import Driver
    from textual.notifications import SeverityLevel

    from cstui.bundle import Services
    from cstui.pop_channel import Answer, Pop
    from cstui.tui.live import LiveUpdates
    from cstui.tui.pop_listener import PopListener
    from cstui.workspace import Workspace

LISTEN_AFTER = 0.25
"""Seconds after home is drawn that listening to other terminals' saves begins: the
database driver loads then, not while home's first frames are still being drawn (a save
made meanwhile is read as listening begins)."""
SCREEN_STYLES = "screens.tcss"
"""The rules of every screen but home, read when the first such screen opens."""


class CstuiApp(App[None]):
    """Complaint handling for customer-service staff, by keyboard."""

    CSS_PATH = str(style_file("app.tcss"))
    """Home's rules and the shared ones (forms, dialogs): all a start needs."""
    TITLE = "cstui"
    NOTIFICATION_TIMEOUT = 3
    BINDINGS = [
        Binding("question_mark,f1", "help", "Keys", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
    ]
    server_note: reactive[str] = reactive("")
    """What the title bar says of the store's server ("" while it is reachable)."""

    def __init__(
        self, services: Services, caller: str | None = None, *, listen: bool = False
    ) -> None:
        """``caller``: open on this caller's history; ``listen``: take calls popped by
        ``cstui pop`` (see :mod:`cstui.tui.pop_listener`)."""
        gc.disable()  # start-up makes many objects and frees few: see on_load
        super().__init__()
        self.services = services
        self.screens = Screens(services)
        """Builds each screen with the services it uses."""
        self.caller = caller
        self.listen = listen
        self.pops: PopListener | None = None
        self.draft_keeper = DraftKeeper(
            lambda: services.drafts, lambda: services.clock(), lambda: services.zone
        )
        """Where every form keeps its unsaved text."""
        self.keys_in_order = KeysInOrder(self)
        """Each key is handed to the focus only after the one before it is handled."""
        self.home_start = self.screens.read_home()
        """Home's first frame, read here, before the app runs: nothing is read on the UI
        thread, and the first frame drawn is the finished one."""
        self.live: LiveUpdates | None = None
        """Other terminals' saves, heard as they happen (from a server's notices or a
        folder's files)."""

    def on_mount(self) -> None:
        services = self.services
        self.sub_title = safe(services.user)
        self.screen_change_signal.subscribe(self, self._style_screen, immediate=True)
        self.home = self.screens.home(self.home_start)
        self.push_screen(self.home)
        if self.caller:
            self.push_screen(self.screens.caller(self.caller))
        tell_when_waiting(self, services)
        on_hang_up(self)
        if services.created:
            self.notify(f"Created data folder {services.data_dir}", markup=False)
        for warning in services.start_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        self.call_after_refresh(self._started)

    def get_driver_class(self) -> type[Driver]:
        """The terminal driver Textual picks, reading pastes whole and in order."""
        from cstui.tui.paste import use_clean_pastes

        driver = super().get_driver_class()
        use_clean_pastes(driver)
        return driver

    def on_load(self) -> None:
        # Start-up makes a great many objects and frees few: the cycle collector would
        # only scan them again and again (a tenth of the start). Off until home is drawn.
        gc.disable()

    def _started(self) -> None:
        """Home is drawn: freeze what start-up made, and collect cycles again from now.

        What start-up made (modules, styles, the open cases) lives as long as the app:
        frozen, it is kept out of the collector's scans, which otherwise stall keys now
        and then. (The little garbage start-up left, never collected, is frozen with it.)
        """
        gc.freeze()
        gc.enable()
        if self.services.changes.live:  # a server or a folder: listen (memory: screens poll)
            self.set_timer(LISTEN_AFTER, self._listen_for_changes)
        count_drafts(self.home, self.services.drafts)
        if not self.caller:
            offer_draft(self, self.home, self.services.drafts, self.services.zone)
        if self.listen:
            self.run_worker(self._listen(), group="pops")

    def _listen_for_changes(self) -> None:
        """Hear other terminals' saves from now on (see :data:`LISTEN_AFTER`)."""
        from cstui.tui.live import start_live_updates

        self.live = start_live_updates(self, self.services.changes)

    async def _listen(self) -> None:
        """Take calls popped by ``cstui pop`` from now on."""
        from cstui.tui.pop_listener import PopListener

        self.pops = PopListener(self.services.user, self.pop_caller)
        problem = await self.pops.start()
        if problem:
            self.notify(problem, severity="warning", timeout=10, markup=False)
            return
        from cstui.tui.pop_listener import warm_up

        await asyncio.to_thread(warm_up, self)

    async def pop_caller(self, call: Pop) -> Answer:
        """A call came in: its caller's screen goes on top of whatever is open (what was
        there stays as it was, under it); calls not read yet wait under the newest. The
        call is kept here unless ``cstui pop`` kept it already."""
        from cstui.tui.pop_listener import take_call

        return await take_call(self, call)

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal go on one at a time (see :mod:`cstui.tui.key_order`)."""
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            await super().on_event(event)
            return
        if self.pops is not None:
            self.pops.touch()
        if not self.keys_in_order.must_wait(event):
            await super().on_event(event)
            self.keys_in_order.handed_on(event)

    def on_unmount(self) -> None:
        gc.enable()  # if the app ends before home was drawn
        if self.pops is not None:
            self.pops.stop()
        if self.live is not None:
            self.live.stop()

    def _style_screen(self, screen: Screen[object]) -> None:
        """Before a screen past home composes, add the other screens' rules (once).

        Called as a screen is pushed (or switched to), before its widgets are styled.
        Home and the question a start may ask (resume a draft?) need only ``app.tcss``.
        Added as a source of its own (not a per-screen ``CSS_PATH``, whose loading
        parses every stylesheet again), the rules keep the priority of ``app.tcss``.
        """
        path = str(style_file(SCREEN_STYLES))
        if isinstance(screen, HomeScreen | ConfirmDialog) or self.stylesheet.has_source(path):
            return
        css = Path(path).read_text(encoding="utf-8")
        self.stylesheet.add_source(css, read_from=(path, ""), is_default_css=False)

    def keep_drafts_and_exit(self) -> None:
        """The terminal is closing (SIGHUP/SIGTERM): keep every unsaved form, then quit."""
        keep_drafts(self)
        self.exit()

    async def action_quit(self) -> None:
        """Quit; with unsaved text in a form, ask whether to keep it as a draft first."""
        ask_before_quitting(self)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification; its text passes the output gate first (an error message
        can carry a name or a path from the data folder)."""
        super().notify(
            safe(message), title=safe(title), severity=severity, timeout=timeout, markup=markup
        )

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from cstui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action of the current screen by name."""
        yield from super().get_system_commands(screen)
        for binding in screen_keys(screen):
            yield SystemCommand(
                binding.description,
                f"key: {key_label(binding)}",
                partial(screen.run_action, binding.action),
            )


def build_app(workspace: Workspace, caller: str | None = None, *, listen: bool = False) -> CstuiApp:
    """The app on ``workspace``, its services bundled once here; tests use this too."""
    from cstui.bundle import services_of

    return CstuiApp(services_of(workspace), caller, listen=listen)
