"""Hostile text typed into a case: stored clean, kept as text, shown back unchanged."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from tests.support.workspaces import set_utc_zone

from cstui.config import Settings
from cstui.store.file.documents import case_to_document
from cstui.workspace import open_workspace

MARKUP = "[/] [@click=app.quit]x[/] [bold red]loud[/]"
ESCAPES = "\x1b[2Jcleared \x1b]0;pwned\x07titled \x9b31mred\x1b[0m \x1bPdcs\x1b\\done"
CONTROLS = "".join(map(chr, [*range(0x80, 0xA0), *range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]))
"""Every C1 and C0 control but tab and newline (the OSC that 0x9d opens ends at 0x07)."""
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u202aemb\u202c"
WORLD = "Zoë 😀🎉 漢字 李小龙 عربى"
HOSTILE = f"{MARKUP} {ESCAPES} {CONTROLS} {BIDI} {WORLD}"

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strings(value: Any) -> list[str]:
    """Every string inside a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def test_hostile_text_is_stored_clean_and_shown_back(data_dir, proc, figures) -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    ws = open_workspace(Settings(data_dir, "alice"), clock=lambda: now)
    set_utc_zone(data_dir)
    details = f"first line\n\tindented {HOSTILE}\nlast line\r\nwindows line"
    lines = 0
    while len("\n".join(f"{n:04d}\t{HOSTILE}" for n in range(lines)).encode()) < 10_240:
        lines += 1
    note = "\n".join(f"{n:04d}\t{HOSTILE}" for n in range(lines))
    case = ws.cases.log(
        {
            "customer": {"name": f"{MARKUP} {BIDI} {WORLD}"[:120], "phone": "0412 345 678"},
            "channel": "phone",
            "category": "Billing",
            "summary": f"{HOSTILE}"[:200],
            "details": details,
            "remedy_sought": HOSTILE,
            "directed_at": f"{ESCAPES} {WORLD}",
        }
    )
    saved = ws.cases.note(case.id, note, case.version)

    reread = open_workspace(Settings(data_dir, "bob"), clock=lambda: now + timedelta(hours=1))
    stored = reread.cases.get(case.id)
    assert stored == saved
    document = orjson.loads((data_dir / "cases.json").read_bytes())
    texts = strings(document)
    dirty = sorted({f"U+{ord(c):04X}" for text in texts for c in FORBIDDEN.findall(text)})
    assert dirty == []
    assert "pwned" not in (data_dir / "cases.json").read_text()  # the OSC's payload went too
    assert stored.details.startswith("first line\n\tindented [/] [@click=app.quit]x[/]")
    assert stored.details.endswith("\nlast line\nwindows line")
    stored_note = stored.notes[0].text
    # Lines kept, and a carriage return becomes a new line (pasted Windows text keeps its lines).
    assert stored_note.count("\n") == lines - 1 + lines * HOSTILE.count("\r")
    assert stored_note.count("\t") == lines
    for field in (stored.customer.name, stored.summary, stored.details, stored.remedy_sought):
        assert "[@click=app.quit]x[/]" in field  # markup is kept as the text it is
    for field in (stored.customer.name, stored.details, stored.remedy_sought, stored_note):
        assert "Zoë 😀🎉 漢字 李小龙 عربى" in field
    assert "evil iso emb" in stored.details

    shown = proc("case", "show", case.id, "--json")
    assert shown.returncode == 0, shown.stderr
    as_json = json.loads(shown.stdout)
    derived = {"due", "delay_notice_due", "promised_by", "summary_resolution"}
    assert {k: v for k, v in as_json.items() if k not in derived} == case_to_document(stored)
    text = proc("case", "show", case.id)
    assert text.returncode == 0
    assert FORBIDDEN.findall(text.stdout.replace("\n", "").replace("\t", "")) == []
    figures.add(
        f"hostile text: {len(texts)} stored strings (a {len(note.encode()) / 1024:.0f} KB note "
        f"of {lines} lines), 0 control, escape or bidi-override code points kept; newlines, "
        "tabs, markup-like text, emoji and CJK kept; case show --json round-trips the case"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "He said â€œhelloâ€\x9d and then asked for a refund",
        "Price \x1b]was five dollars and then asked for a refund",
    ],
    ids=["mojibake-quote", "lone-esc-bracket"],
)
def test_a_lone_string_introducer_does_not_eat_the_rest(data_dir, typed) -> None:
    ws = open_workspace(Settings(data_dir, "alice"))
    case = ws.cases.log(
        {
            "customer": {"name": "Jo", "phone": "0412 345 678"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Refund",
            "details": typed,
        }
    )
    assert "and then asked for a refund" in ws.cases.get(case.id).details
