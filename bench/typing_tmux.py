"""Typing a complaint into the real app in a real terminal: does every key land where typed?

Starts ``cstui`` in tmux (120x40) on a throwaway data folder and logs the complaint of
a live call, keyboard only::

    Bob Smith<Tab>0400999888<Tab><Tab>Charged twice for October<Tab><Tab>Reverse second charge

(name, phone, email left empty, the one-line complaint, details left empty, what the
customer wants done), then Tab Tab to Category, Enter, ``bill``, Enter, Ctrl+S, and Esc
back home. Two ways of typing, ``--runs`` cases each:

- ``paced``: one key per ``send-keys`` call, 60 ms apart (a fast typist);
- ``burst``: each Tab with every key up to the next Tab in one ``send-keys`` call
  (``send-keys Tab C h a r g e d ...``), as a telephony system, a password manager or
  a busy moment delivers them: the app reads them together.

Each case is read back with ``cstui case show ID --json`` and compared field by field
with what was typed. A misplaced character is one typed for a field that is not in that
field as stored (it landed in another, or nowhere).

Usage: python bench/typing_tmux.py [--runs 30] [--delay 0.06] [--keep]
(prints a line per mode and one JSON object).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import cstui_command

SIZE = ("120", "40")
SOCKET = f"cstui-typing-{os.getpid()}"
TAB = "\t"
COMPLAINT = (
    f"Bob Smith{TAB}0400999888{TAB}{TAB}Charged twice for October{TAB}{TAB}Reverse second charge"
)
EXPECTED = {
    "name": "Bob Smith",
    "phone": "+61400999888",  # typed 0400999888, stored in E.164
    "email": "",
    "summary": "Charged twice for October",
    "details": "",
    "remedy_sought": "Reverse second charge",
}
NEW_CASE_TITLE = "New complaint: Receive and log"
HOME_MARK = "My open cases"
MENU_OPEN = "Dismiss menu"
CASE_ID = re.compile(r"cstui — (C-\d{6})")
WAIT = 20.0
"""Seconds to wait for a screen before the run counts as failed."""


def tmux(*args: str) -> str:
    """Run a tmux command on this benchmark's own server; its output."""
    done = subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True)
    return done.stdout


def send(*keys: str, literal: bool = False) -> None:
    """Send ``keys`` to the app in one ``send-keys`` call."""
    tmux("send-keys", "-t", "cstui", *(["-l"] if literal else []), *keys)


def screen() -> str:
    """What the terminal shows now."""
    return tmux("capture-pane", "-p", "-t", "cstui")


def wait_for(seen: Callable[[str], bool], what: str) -> None:
    """Wait until the terminal shows something ``seen`` accepts."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if seen(screen()):
            return
        time.sleep(0.05)
    raise TimeoutError(f"never saw {what}:\n{screen()}")


def tmux_key(char: str) -> str:
    """The ``send-keys`` name of ``char``."""
    return {TAB: "Tab", " ": "Space", ";": "\\;"}.get(char, char)


def type_paced(text: str, delay: float) -> None:
    """One key per call, ``delay`` seconds apart."""
    for char in text:
        send(tmux_key(char))
        time.sleep(delay)


def type_bursts(text: str, delay: float) -> None:
    """Each run of Tabs with the keys after it, up to the next Tab, in one call."""
    bursts: list[list[str]] = [[]]
    for char in text:
        if char == TAB and bursts[-1] and bursts[-1][-1] != "Tab":
            bursts.append([])
        bursts[-1].append(tmux_key(char))
    for burst in bursts:
        send(*burst)
        time.sleep(delay)


def category_shows(choice: str) -> Callable[[str], bool]:
    """Whether the form's Category shows ``choice``, its menu closed."""

    def seen(shown: str) -> bool:
        lines = [line.split("│")[0].strip() for line in shown.splitlines()]  # form side
        below = [lines[i + 1] for i, line in enumerate(lines[:-1]) if line == "Category"]
        return bool(below) and below[0].startswith(choice) and MENU_OPEN not in shown

    return seen


def log_one(typist: Callable[[str, float], None], delay: float) -> str:
    """From home: open the form, type the complaint, choose the category, save, go
    home; the id of the case logged."""
    send("n")
    wait_for(lambda shown: NEW_CASE_TITLE in shown, "the new-case form")
    typist(COMPLAINT, delay)
    send("Tab", "Tab")  # past "Directed at", to Category
    time.sleep(delay)
    send("Enter")
    wait_for(lambda shown: MENU_OPEN in shown, "the category menu")
    send("bill", literal=True)
    time.sleep(delay)
    send("Enter")
    wait_for(category_shows("Billing"), "Billing chosen")
    send("C-s")
    wait_for(lambda shown: CASE_ID.search(shown) is not None, "the case")
    found = CASE_ID.search(screen())
    assert found is not None
    send("Escape")
    wait_for(lambda shown: HOME_MARK in shown, "home")
    return found.group(1)


def stored(data_dir: Path, case_id: str) -> dict[str, str]:
    """The fields of ``case_id`` as ``cstui case show --json`` gives them."""
    env = {**os.environ, "CSTUI_DATA_DIR": str(data_dir)}
    out = subprocess.run(
        [*cstui_command(), "case", "show", case_id, "--json"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    case: dict[str, Any] = json.loads(out)
    customer = case.get("customer", {})
    return {
        "name": customer.get("name") or "",
        "phone": customer.get("phone") or "",
        "email": customer.get("email") or "",
        "summary": case.get("summary") or "",
        "details": case.get("details") or "",
        "remedy_sought": case.get("remedy_sought") or "",
    }


def misplaced(got: dict[str, str]) -> int:
    """Characters typed for a field that are not in that field as stored, plus any
    stored in a field that were not typed for it."""
    count = 0
    for field, typed in EXPECTED.items():
        value = got[field]
        kept = sum(
            b.size for b in difflib.SequenceMatcher(None, typed, value).get_matching_blocks()
        )
        count += max(len(typed), len(value)) - kept
    return count


def start_app(data_dir: Path) -> None:
    """Start ``cstui`` on ``data_dir`` in a fresh tmux server; wait for home."""
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], check=False, capture_output=True)
    time.sleep(0.5)  # the old server gone
    command = " ".join([f"CSTUI_DATA_DIR={data_dir}", *cstui_command()])
    tmux("new-session", "-d", "-s", "cstui", "-x", SIZE[0], "-y", SIZE[1], command)
    wait_for(lambda shown: HOME_MARK in shown, "home")
    time.sleep(1.0)  # home drawn; the app settles before the first key


def run_mode(
    name: str, typist: Callable[[str, float], None], args: argparse.Namespace
) -> dict[str, Any]:
    """Log ``args.runs`` cases typed by ``typist`` in a fresh app on a fresh folder."""
    folder = Path(tempfile.mkdtemp(prefix=f"cstui-typing-{name}-"))
    data_dir = folder / "data"
    failures: list[str] = []
    per_run: list[int] = []
    try:
        start_app(data_dir)
        for number in range(1, args.runs + 1):
            try:
                case_id = log_one(typist, args.delay)
            except TimeoutError as error:
                failures.append(f"run {number}: {str(error).splitlines()[0]}")
                print(f"  {name} run {number}: {error}", file=sys.stderr)
                start_app(data_dir)  # the next run starts afresh
                continue
            got = stored(data_dir, case_id)
            per_run.append(misplaced(got))
            if per_run[-1]:
                print(f"  {name} run {number} {case_id}: {got}", file=sys.stderr)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], check=False, capture_output=True)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return {
        "mode": name,
        "runs": args.runs,
        "cases_saved": len(per_run),
        "misplaced_characters": sum(per_run),
        "runs_with_misplaced": sum(1 for n in per_run if n),
        "failures": failures,
    }


def main() -> None:
    """Type the complaint paced and in bursts; print the misplaced characters of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="cases typed in each mode")
    parser.add_argument("--delay", type=float, default=0.06, help="seconds between sends")
    parser.add_argument("--keep", action="store_true", help="keep the data folders")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed")
    results = [
        run_mode("paced", lambda text, delay: type_paced(text, delay), args),
        run_mode("burst", type_bursts, args),
    ]
    for result in results:
        print(
            f"{result['mode']}: {result['misplaced_characters']} misplaced characters in "
            f"{result['cases_saved']}/{result['runs']} cases "
            f"({result['runs_with_misplaced']} cases with any)",
            file=sys.stderr,
        )
    print(json.dumps({"typing": results, "delay": args.delay}))


if __name__ == "__main__":
    main()
