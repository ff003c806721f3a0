"""Hostile text, what must never come out of the app, and a data folder to plant it in.

The store's files are edited with plain JSON and TOML, around the app and its input
cleaning, the way anyone with write access to the data folder could.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from tests.support.cli import command, invoke, process_env
from tests.support.main_document import folded

OSC52 = "\x1b]52;c;SGVsbG8gd29ybGQ=\x07"
"""Sets the terminal's clipboard."""
HOSTILE = f"{OSC52}\x1b[2J\x9b31m\x9d0;title\x9c\u202eevil\u2066x\u2069\x7f\x08"
"""OSC 52, CSI clear screen, 8-bit CSI and OSC, a right-to-left override, an isolate, DEL, BS."""
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal or a file the app writes (newline and tab may)."""
NOW = "2026-01-05T10:00:00+00:00"
PHONE = "0412345678"


def plant_in_case(document: dict[str, Any], records: bool = True) -> None:
    """Write hostile text straight into case 1 of a stored document: customer, owner,
    summary, details, history and (with ``records``) step-record actors, the note, and the
    brief that repeats them."""
    case = document["cases"]["1"]
    case["customer"]["name"] = f"Jo {HOSTILE} Citizen"
    case["owner"] = f"alice{HOSTILE}"
    case["summary"] = f"Charged {HOSTILE} twice"
    case["details"] = f"line one\n{HOSTILE}\nline three"
    case["history"][0]["actor"] = f"mallory{HOSTILE}"
    case["history"][0]["detail"] = f"logged {HOSTILE}"
    if records:
        case["records"][0]["actor"] = f"mallory{HOSTILE}"
    case["notes"][0]["text"] = f"note {HOSTILE}"
    case["notes"][0]["author"] = f"mallory{HOSTILE}"
    brief = document["briefs"]["1"]
    brief["customer"] = case["customer"]["name"]
    brief["owner"] = case["owner"]
    brief["summary"] = case["summary"]


def assert_clean(text: str, where: str = "") -> None:
    """No escape, control (but newline and tab), DEL, C1 or bidi override in ``text``."""
    found = UNSAFE.search(text)
    if found is not None:
        around = text[max(0, found.start() - 40) :][:120]
        pytest.fail(f"{where}: {found.group()!r} in {around!r}")


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def assert_clean_json(text: str, where: str = "") -> None:
    """The JSON text and every string it decodes to are clean (``\\u001b`` escapes too)."""
    assert_clean(text, where)
    for value in strings_in(json.loads(text)):
        assert_clean(value, where)


@dataclass
class Folder:
    """A data folder with hostile text planted in it, and ways to run the CLI on it."""

    path: Path

    def run(self, *args: str, user: str = "alice") -> Result:
        """``cstui ARGS`` in process; the bytes written are checked by the caller."""
        return invoke(["--data-dir", str(self.path), "--user", user, *args], now=NOW)

    def process(self, *args: str, user: str = "alice") -> subprocess.CompletedProcess[bytes]:
        """``cstui ARGS`` as a real process, raw bytes captured."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
        return subprocess.run(
            [*command(), "--data-dir", str(self.path), "--user", user, *args],
            env=process_env(env),
            capture_output=True,
            timeout=60,
            check=False,
        )

    def edit_json(self, name: str, change: Callable[[dict[str, Any]], None]) -> None:
        """Rewrite a JSON file of the folder with ``change`` applied (C1 and bidi as raw UTF-8)."""
        path = self.path / name
        if name == "cases.json":
            folded(self.path)  # the saves in the journal too
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def one_case_folder(path: Path) -> Folder:
    """A new folder of alice's with one case (a note on it) and bob on the roster."""
    folder = Folder(path)
    made = folder.run(
        "case", "new", "--customer", "Jo Citizen", "--phone", PHONE, "--summary", "Charged",
        "--category", "Billing", "--channel", "phone",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert folder.run("case", "note", "C-000001", "first note").exit_code == 0
    assert folder.run("team", "add", "bob", "--role", "agent", "--limit", "10").exit_code == 0
    return folder
