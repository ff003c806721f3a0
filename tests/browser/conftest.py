"""A real ``cstui serve`` on a throwaway data folder, and a real headless Chromium.

The server runs as its own process (as the OS account ``cstui``, which the folder's
people sign in at with their passphrases). The browser is Debian's ``chromium`` driven by
Playwright; the app's text is drawn on a canvas, so it is read from the page's xterm
``Terminal`` object, caught by an init script as the page's script makes it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import command, invoke, process_env

CHROMIUM = "/usr/bin/chromium"
SERVER_ACCOUNT = "cstui"
LEADER, LEADER_SECRET = "lena", "lena's long passphrase"
AGENT, AGENT_SECRET = "amir", "amir's own passphrase"

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'terminal',
      {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) { window.__terminal = value; }
  },
});
"""
"""Catches the page's xterm Terminal as textual-serve's script assigns it."""

READ_SCREEN = """() => {
  const t = window.__terminal;
  if (!t) return '';
  const b = t.buffer.active, lines = [];
  for (let i = 0; i < t.rows; i++) {
    const l = b.getLine(i);
    lines.push(l ? l.translateToString(true) : '');
  }
  return lines.join('\\n');
}"""


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Served:
    """A running ``cstui serve`` and its data folder."""

    data_dir: Path
    base: str
    wall_link: str
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    @property
    def host(self) -> str:
        """``127.0.0.1:PORT``."""
        return self.base.split("//", 1)[1]


def _folder(tmp: Path) -> Path:
    """A data folder led by lena, with amir an agent; both have passphrases."""
    data = tmp / "data"

    def ok(*args: str, account: str, stdin: str | None = None) -> None:
        done = invoke(["--data-dir", str(data), *args], account=account, input=stdin)
        assert done.exit_code == 0, done.output

    ok("team", "add", AGENT, "--role", "agent", "--limit", "50", account=LEADER)
    ok("team", "passphrase", "--new-from-stdin", account=LEADER, stdin=LEADER_SECRET)
    ok("team", "passphrase", "--new-from-stdin", account=AGENT, stdin=AGENT_SECRET)
    return data


def start_server(data: Path, *extra: str) -> Served:
    """``cstui serve EXTRA`` on ``data`` on a free port, once it answers."""
    port = free_port()
    args = [*command(account=SERVER_ACCOUNT), "--data-dir", str(data), "serve"]
    process = subprocess.Popen(
        [*args, "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in process_env().items() if not k.startswith("CSTUI_")},
    )
    assert process.stderr is not None
    log: list[str] = []
    wall = ""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        log.append(line)
        if "/wall?token=" in line:
            wall = line.rsplit(" ", 1)[1].strip()
        if "serving on" in line and ("--wall" not in extra or wall):
            break
        if "--wall" in extra and wall:
            break
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return Served(data, base, wall, process, log)
        time.sleep(0.1)
    process.kill()
    raise AssertionError("cstui serve did not start: " + "".join(log))


def stop_server(served: Served) -> None:
    """Stop the server (by its own process id) and wait for it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(served.process.pid, signal.SIGINT)
    try:
        served.process.wait(10)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``cstui serve`` on a folder led by lena, with amir an agent."""
    running = start_server(_folder(tmp_path_factory.mktemp("serve")))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's), driven by Playwright."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


class Screen:
    """One browser page on the server, and what its terminal shows."""

    def __init__(self, page: Any, served: Served) -> None:
        self.page = page
        self.served = served
        self.requests: list[str] = []
        page.add_init_script(CATCH_TERMINAL)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda socket: self.requests.append(socket.url))

    def sign_in(self, name: str, passphrase: str) -> None:
        """Sign in through the form."""
        self.page.goto(self.served.base + "/")
        self.page.fill("#name", name)
        self.page.fill("#passphrase", passphrase)
        self.page.click("button[type=submit]")

    def text(self) -> str:
        """The terminal's lines as shown now."""
        shown: str = self.page.evaluate(READ_SCREEN)
        return shown

    def wait_for(self, wanted: str | Callable[[str], bool], seconds: float = 20.0) -> str:
        """The screen once it shows ``wanted``; fails after ``seconds``."""
        deadline = time.monotonic() + seconds
        check = wanted if callable(wanted) else (lambda shown: wanted in shown)
        while True:
            shown = self.text()
            if check(shown):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"never showed {wanted!r}; the screen:\n{shown}")
            time.sleep(0.05)

    def keys(self, *keys: str, pause: float = 0.05) -> None:
        """Press ``keys`` one by one (Playwright key names)."""
        self.page.focus(".xterm-helper-textarea")
        for key in keys:
            self.page.keyboard.press(key)
            time.sleep(pause)

    def type(self, text: str) -> None:
        """Type ``text`` a key at a time."""
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.type(text, delay=15)


@pytest.fixture
def screens(browser: Any, served: Served) -> Iterator[Callable[[], Screen]]:
    """Opens a page in a new browser context (its own cookies) per call."""
    contexts: list[Any] = []

    def new() -> Screen:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        return Screen(context.new_page(), served)

    yield new
    for context in contexts:
        context.close()
