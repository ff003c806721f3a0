"""Signing in where one OS account is shared: who you are, and your passphrase.

The screen comes before anything is opened: it is its own small app, and the main app
starts only for the person it signed in. A wrong passphrase says so plainly and opens
nothing; after three wrong ones in a row, each further try waits a few seconds first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from cstui.config import check_user_name
from cstui.errors import CstuiError, InputError
from cstui.resources import style_file
from cstui.tui.screens.background import BackgroundWork
from cstui.tui.text import literal

if TYPE_CHECKING:
    from cstui.config import Settings

Check = Callable[[str, str], bool]
"""Whether a passphrase signs a person in (name, passphrase)."""

FREE_TRIES = 3
"""Wrong passphrases in a row before each further try is slowed down."""
DELAY_SECONDS = 5.0
"""How long a try waits after :data:`FREE_TRIES` wrong ones."""


class SignInScreen(BackgroundWork, Screen[str | None]):
    """Name and passphrase; gives back the name once the passphrase matches, or None."""

    BINDINGS = [Binding("escape", "cancel", "Quit", id="sign_in.cancel")]

    def __init__(self, account: str, check: Check, delay: float = DELAY_SECONDS) -> None:
        super().__init__()
        self.account = account
        self.check = check
        self.delay = delay
        self.failures = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                literal(f"Sign in: the account {self.account} is shared"), classes="dialog-title"
            )
            yield Input(placeholder="Your name on the roster", id="sign-in-name")
            yield Input(placeholder="Passphrase", password=True, id="sign-in-passphrase")
            yield Static("", id="sign-in-error", classes="field-error")
            yield Static("Enter to sign in · Esc to quit", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name moves to the passphrase; in the passphrase, signs in."""
        if event.input.id == "sign-in-name":
            self.query_one("#sign-in-passphrase", Input).focus()
            return
        name = self.query_one("#sign-in-name", Input).value.strip()
        try:
            check_user_name(name, "name")
        except InputError as exc:
            self.say(str(exc))
            return
        self.set_inputs(enabled=False)
        self.try_passphrase(name, event.value)

    def say(self, message: str) -> None:
        """Show ``message`` under the fields."""
        error = self.query_one("#sign-in-error", Static)
        error.update(literal(message))
        error.display = True

    def set_inputs(self, enabled: bool) -> None:
        """Let the fields be typed in, or not while a try is checked."""
        for field in self.query(Input):
            field.disabled = not enabled

    def try_passphrase(self, name: str, passphrase: str) -> None:
        """Check the passphrase off the UI thread (it reads the roster, and hashing is slow
        on purpose), waiting first after too many wrong ones."""
        failures, delay = self.failures, self.delay

        def check() -> bool:
            if failures >= FREE_TRIES:
                import time

                time.sleep(delay)
            return self.check(name, passphrase)

        self.load(
            check,
            lambda matched: self.tried(name, matched),
            group="sign-in",
            failed=self._uncheckable,
        )

    def _uncheckable(self, exc: CstuiError) -> None:
        """The roster could not be read: say so, and let the user try again."""
        self.say(f"Cannot check the passphrase: {exc}")
        self.set_inputs(enabled=True)

    def tried(self, name: str, matched: bool) -> None:
        """Sign in, or say the passphrase was wrong and ask again."""
        if matched:
            self.dismiss(name)
            return
        self.failures += 1
        slowed = (
            f" (too many wrong tries: each next one waits {self.delay:g} seconds)"
            if self.failures >= FREE_TRIES
            else ""
        )
        self.say(f"That name and passphrase do not match; nothing was opened.{slowed}")
        self.set_inputs(enabled=True)
        passphrase = self.query_one("#sign-in-passphrase", Input)
        passphrase.value = ""
        passphrase.focus()

    def action_cancel(self) -> None:
        """Quit without signing in."""
        self.dismiss(None)


class SignInApp(App[str | None]):
    """Just the sign-in screen; its return value is who signed in (None: nobody)."""

    CSS_PATH = str(style_file("app.tcss"))
    TITLE = "cstui"

    def __init__(self, account: str, check: Check, delay: float = DELAY_SECONDS) -> None:
        super().__init__()
        self.sign_in = SignInScreen(account, check, delay)

    def on_mount(self) -> None:
        self.sub_title = literal(f"on {self.sign_in.account}").plain
        self.push_screen(self.sign_in, self.exit)


def ask_who(settings: Settings) -> Settings | None:
    """Ask who is at the shared account; their settings once signed in (None: gave up)."""
    from cstui.workspace import signed_in

    people: dict[str, Settings] = {}

    def check(name: str, passphrase: str) -> bool:
        person = signed_in(replace(settings, user=name), passphrase)
        if person is not None:
            people[name] = person
        return person is not None

    name = SignInApp(settings.account, check).run()
    return people.get(name) if name else None
