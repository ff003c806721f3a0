"""The file store's main document as a file, for tests that read or change it directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from cstui.store.file.backend import JSONFileBackend


def folded(data_dir: Path) -> dict[str, Any]:
    """The main document (``cases.json``) once the journal's saves are written into it,
    as a backup sees it; the journal is empty after."""
    backend = JSONFileBackend(data_dir / "cases.json")
    with backend.lock.hold():
        backend.fold()
    found: dict[str, Any] = orjson.loads((data_dir / "cases.json").read_bytes())
    return found
