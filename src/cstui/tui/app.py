"""The Textual app: a thin shell that holds the workspace and opens the first screen."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from cstui.resources import style_file
from cstui.tui.interruptions import keep_drafts, offer_draft, on_hang_up, tell_when_waiting
from cstui.tui.keys import key_label, screen_keys
from cstui.tui.screens.help import HelpScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.workspace import Workspace


class CstuiApp(App[None]):
    """Complaint handling for customer-service staff, by keyboard."""

    CSS_PATH = str(style_file("app.tcss"))
    TITLE = "cstui"
    NOTIFICATION_TIMEOUT = 3
    BINDINGS = [
        Binding("question_mark,f1", "help", "Keys", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
    ]

    def __init__(self, workspace: Workspace, caller: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.caller = caller

    def on_mount(self) -> None:
        self.sub_title = self.workspace.user
        self.push_screen(HomeScreen())
        if self.caller:
            self.push_screen(NewCaseScreen(contact=self.caller))
        else:
            offer_draft(self)
        tell_when_waiting(self)
        on_hang_up(self)
        if self.workspace.created:
            self.notify(f"Created data folder {self.workspace.settings.data_dir}", markup=False)
        for warning in self.workspace.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        # What start-up made (modules, styles, the open cases) lives as long as the app:
        # kept out of the cycle collector's scans, which otherwise stall keys now and then.
        self.call_after_refresh(gc.freeze)

    def keep_drafts_and_exit(self) -> None:
        """The terminal is closing (SIGHUP/SIGTERM): keep every unsaved form, then quit."""
        keep_drafts(self)
        self.exit()

    def action_help(self) -> None:
        """Show every key of the current screen."""
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


def build_app(workspace: Workspace, caller: str | None = None) -> CstuiApp:
    """The app on ``workspace``; tests use this too."""
    return CstuiApp(workspace, caller)
