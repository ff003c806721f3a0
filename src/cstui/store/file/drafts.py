"""Unsaved form text, kept per user so an interrupted session can offer it back."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from cstui.store.file.files import atomic_write, ensure_app_folder
from cstui.store.records import Draft

__all__ = ["Draft", "DraftFolder"]

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@")


def _file_name(text: str) -> str:
    return "".join(c if c in _SAFE else "_" for c in text)[:80] or "_"


class DraftFolder:
    """``<data folder>/drafts/<user>/<form>.json``: one file per unsaved form, in a
    folder of the user's own (0700, its files 0600, even in a folder a team shares)."""

    def __init__(self, data_dir: Path, user: str) -> None:
        self.folder = data_dir / "drafts" / _file_name(user)

    def save(self, name: str, values: dict[str, Any], at: datetime) -> None:
        """Keep ``values`` for the form ``name`` (replacing any earlier draft)."""
        ensure_app_folder(self.folder.parent)
        ensure_app_folder(self.folder, personal=True)
        payload = {"name": name, "saved_at": at.isoformat(), "values": values}
        atomic_write(self.folder / f"{_file_name(name)}.json", orjson.dumps(payload))

    def load(self, name: str) -> Draft | None:
        """The draft of form ``name``, if one is kept and readable."""
        path = self.folder / f"{_file_name(name)}.json"
        try:
            raw = orjson.loads(path.read_bytes())
            return Draft(name, datetime.fromisoformat(raw["saved_at"]), dict(raw["values"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def names(self) -> list[str]:
        """The name of every kept draft, sorted (none if the folder is missing)."""
        try:
            paths = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        found: list[str] = []
        for path in paths:
            try:
                name = orjson.loads(path.read_bytes()).get("name") or path.stem
            except (OSError, ValueError, AttributeError):
                continue
            found.append(str(name))
        return sorted(found)

    def drop(self, name: str) -> None:
        """Forget the draft of form ``name``."""
        with contextlib.suppress(OSError):
            (self.folder / f"{_file_name(name)}.json").unlink()
