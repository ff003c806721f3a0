"""A data folder that holds one customer's personal data everywhere the file store keeps
copies: live cases (open, closed, archived), a backup, a restore point, a file a restore
kept aside and a block left behind; and a search of every byte of a folder for it."""

from __future__ import annotations

import gzip
import json
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import orjson
from tests.support.clock import FixedClock
from tests.support.workspaces import open_utc_workspace

from cstui.store.file.cases import FileCaseStore
from cstui.workspace import Workspace

NAME = "Zebedee Quartermaine"
PHONE = "0499 876 543"
EMAIL = "zeb.quartermaine@example.org"
NEEDLES = (NAME, PHONE, PHONE.replace(" ", ""), EMAIL)
"""The customer's name, phone (as typed and as stored) and email."""
STEPS: list[dict[str, Any]] = [
    {"findings": "Two charges"},
    {"promise": "We will refund one", "by": "2026-03-20"},
    {"action": "Refund", "policy_clause": "4.2"},
    {"method": "phone", "said": "Refunded"},
    {"satisfied": True},
]


def _log(ws: Workspace, name: str, phone: str, email: str) -> str:
    case = ws.cases.log(
        {
            "customer": {"name": name, "phone": phone, "email": email},
            "channel": "phone",
            "category": "Billing",
            "summary": "Charged twice",
        }
    )
    return case.id


def build(data: Path) -> list[str]:
    """Fill ``data``; the ids of the customer's live cases."""
    clock = FixedClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    ws = open_utc_workspace(data, "alice", clock)
    closed = _log(ws, NAME, PHONE, EMAIL)
    _log(ws, "Other Person", "0411 222 333", "other@example.org")
    for fields in STEPS:
        ws.cases.advance(closed, fields)
    cast(FileCaseStore, ws.stores.cases).repository.move_closed_to_archive()
    backup = ws.store.backup()
    opened = _log(ws, NAME, PHONE, EMAIL)
    ws.cases.note(opened, f"{NAME} rang again")
    ws.store.restore(backup.name)  # keeps the store it replaces aside: it holds ``opened``
    opened = _log(ws, NAME, PHONE, EMAIL)
    # A block a restore left behind: the customer's case in it is found by no index.
    block = orjson.loads((data / "archive" / "cases-0000.json").read_bytes())
    stray = {k: v for k, v in block["cases"]["1"].items() if k != "_audit"}
    stray.update(id="C-000901")
    (data / "archive" / "cases-0009.json").write_bytes(orjson.dumps({"cases": {"901": stray}}))
    (data / "archive" / "cases-0009.json").chmod(0o600)
    return [closed, opened]


def _texts(raw: bytes) -> list[str]:
    """The file's bytes as text, and every form it may hide the text in."""
    texts = [raw.decode("utf-8", errors="replace")]
    for unpack in (gzip.decompress, zlib.decompress):
        try:
            texts.append(unpack(raw).decode("utf-8", errors="replace"))
        except Exception:  # not in that form
            continue
    decoded = []
    for text in texts:
        try:
            decoded.append(json.dumps(json.loads(text), ensure_ascii=False))
        except ValueError:
            for line in text.splitlines():
                try:
                    decoded.append(json.dumps(json.loads(line), ensure_ascii=False))
                except ValueError:
                    continue
    return texts + decoded


def traces(data: Path) -> list[str]:
    """Where under ``data`` any of :data:`NEEDLES` is found: "file: needle"."""
    found = []
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        texts = [t.lower() for t in _texts(path.read_bytes())]
        found += [
            f"{path.relative_to(data)}: {needle}"
            for needle in NEEDLES
            if any(needle.lower() in text for text in texts)
        ]
    return sorted(set(found))
