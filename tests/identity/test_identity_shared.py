"""One OS account shared by several people: each signs in with their own passphrase."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import pytest
from tests.identity.conftest import Folder

from cstui.config import Settings
from cstui.store.file.roster_file import RosterFile
from cstui.tui.screens.sign_in import SignInApp, SignInScreen
from cstui.workspace import signed_in as signs_in

KIOSK = "kiosk"
ALICE_SECRET = "alice's long passphrase"
BOB_SECRET = "bob's own passphrase"


@pytest.fixture
def kiosk(folder: Folder) -> Folder:
    """alice and bob set their passphrases under their own accounts, then alice declares
    the kiosk account shared."""
    folder.ok("team", "passphrase", "--new-from-stdin", account="alice", stdin=ALICE_SECRET)
    folder.ok("team", "passphrase", "--new-from-stdin", account="bob", stdin=BOB_SECRET)
    policy = folder.path / "policy.toml"
    policy.write_text(
        policy.read_text(encoding="utf-8") + f'\n[identity]\nshared_account = "{KIOSK}"\n',
        encoding="utf-8",
    )
    return folder


def test_the_roster_keeps_salted_hashes_never_passphrases(kiosk: Folder) -> None:
    text = (kiosk.path / "team.toml").read_text(encoding="utf-8")
    assert ALICE_SECRET not in text and BOB_SECRET not in text
    members = {m.name: m.passphrase for m in RosterFile(kiosk.path / "team.toml").load().members}
    assert all(kept and kept.startswith("scrypt$16384$8$1$") for kept in members.values())
    listed = kiosk.ok("team", "list", "--json", account="alice").stdout
    assert "scrypt" not in listed


def test_signing_in_on_the_shared_account(kiosk: Folder) -> None:
    done = kiosk.run(
        "--user", "bob", "--passphrase-stdin", "case", "list", "--json",
        account=KIOSK, stdin=BOB_SECRET + "\n",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == []


def test_a_wrong_passphrase_opens_nothing(kiosk: Folder) -> None:
    wrong = kiosk.run(
        "--user", "bob", "--passphrase-stdin", "team", "add", "bob", "--role", "team_leader",
        "--limit", "99999", account=KIOSK, stdin=ALICE_SECRET + "\n",
    )  # fmt: skip
    assert wrong.exit_code == 2
    assert wrong.stderr.strip().endswith("error: wrong passphrase for bob; nothing was done")
    roles = {m.name: m.role.value for m in RosterFile(kiosk.path / "team.toml").load().members}
    assert roles["bob"] == "agent"


def test_the_shared_account_must_say_who(kiosk: Folder) -> None:
    anonymous = kiosk.run("case", "list", account=KIOSK)
    assert anonymous.exit_code == 2
    assert "the account kiosk is shared" in anonymous.stderr
    no_terminal = kiosk.run("--user", "bob", "case", "list", account=KIOSK)
    assert no_terminal.exit_code == 2
    assert "--passphrase-stdin" in no_terminal.stderr


def test_a_signed_in_agent_cannot_read_or_reset_a_colleagues_things(kiosk: Folder) -> None:
    kiosk.ok("skills", "log", "add", "--kind", "reading", "--what", "Mine", account="alice")
    signed_in = ["--user", "bob", "--passphrase-stdin"]
    peek = kiosk.run(*signed_in, "skills", "report", "--owner", "alice", account=KIOSK,
                     stdin=BOB_SECRET + "\n")  # fmt: skip
    assert peek.exit_code == 2 and "Mine" not in peek.output
    reset = kiosk.run(*signed_in, "team", "passphrase", "alice", "--new-from-stdin",
                      account=KIOSK, stdin=f"{BOB_SECRET}\nnew passphrase here\n")  # fmt: skip
    assert reset.exit_code == 2
    assert "only a team leader can set alice's passphrase" in reset.stderr
    own = kiosk.run(*signed_in, "team", "passphrase", "--new-from-stdin",
                    account=KIOSK, stdin=f"{BOB_SECRET}\nbob's newer passphrase\n")  # fmt: skip
    assert own.exit_code == 0, own.output
    settings = Settings(kiosk.path, "bob", KIOSK, shared=True)
    assert signs_in(settings, "bob's newer passphrase") == settings
    assert signs_in(settings, BOB_SECRET) is None


def test_a_short_passphrase_is_refused(folder: Folder) -> None:
    short = folder.run("team", "passphrase", "--new-from-stdin", account="bob", stdin="abc\n")
    assert short.exit_code == 2
    assert "passphrase: must be at least 8 characters" in short.stderr


# -- the TUI's sign-in screen ---------------------------------------------------------


def _app(kiosk: Folder, delay: float = 0.05) -> SignInApp:
    settings = Settings(kiosk.path, "", KIOSK, shared=True)

    def check(name: str, passphrase: str) -> bool:
        return signs_in(Settings(settings.data_dir, name, KIOSK, True), passphrase) is not None

    return SignInApp(KIOSK, check, delay=delay)


async def _try(pilot: object, name: str, passphrase: str) -> None:
    from textual.pilot import Pilot
    from textual.widgets import Input
    from textual.worker import WorkerCancelled

    assert isinstance(pilot, Pilot)
    app = pilot.app
    app.screen.query_one("#sign-in-name", Input).value = name
    field = app.screen.query_one("#sign-in-passphrase", Input)
    field.value = passphrase
    field.focus()
    await pilot.press("enter")
    # Signing in closes the screen, which marks the worker that did the check cancelled.
    with contextlib.suppress(WorkerCancelled):
        await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_sign_in_screen_lets_the_right_person_in(kiosk: Folder) -> None:
    app = _app(kiosk)
    async with app.run_test() as pilot:
        await _try(pilot, "bob", BOB_SECRET)
    assert app.return_value == "bob"


async def test_the_sign_in_screen_refuses_and_then_slows_down(kiosk: Folder) -> None:
    from textual.widgets import Static

    app = _app(kiosk, delay=0.5)
    async with app.run_test() as pilot:
        for attempt in range(1, 4):
            await _try(pilot, "bob", ALICE_SECRET)
            assert isinstance(app.screen, SignInScreen)
            said = str(app.screen.query_one("#sign-in-error", Static).render())
            assert "do not match; nothing was opened" in said
            assert ("waits" in said) is (attempt >= 3)
        started = time.monotonic()
        await _try(pilot, "bob", BOB_SECRET)
        assert time.monotonic() - started >= 0.5
    assert app.return_value == "bob"


async def test_escape_on_the_sign_in_screen_opens_nothing(kiosk: Folder, tmp_path: Path) -> None:
    app = _app(kiosk)
    async with app.run_test() as pilot:
        await pilot.press("escape")
    assert app.return_value is None
