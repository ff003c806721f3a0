"""Reading a backup's files as the store wrote them: its manifest names each copy."""

from __future__ import annotations

from pathlib import Path

import orjson


def manifest(backup: Path) -> dict[str, object]:
    """The manifest written with ``backup``."""
    found: dict[str, object] = orjson.loads(backup.with_suffix(".manifest").read_bytes())
    return found


def copy_of(backup: Path, relative: str) -> Path:
    """The backup's copy of the store's file ``relative`` (``archive/cases-0000.json``)."""
    files = manifest(backup)["files"]
    assert isinstance(files, dict)
    return backup.parent / "blocks" / f"{files[relative]}.json"


def copies(backup: Path) -> list[Path]:
    """The backup's main document and every archive copy it names."""
    files = manifest(backup)["files"]
    assert isinstance(files, dict)
    return [backup, *(backup.parent / "blocks" / f"{sha}.json" for sha in files.values())]


def leave_out(backup: Path, prefix: str) -> None:
    """Take the files whose path starts with ``prefix`` out of the backup, as if it had
    been made before the store had them."""
    found = manifest(backup)
    files = found["files"]
    assert isinstance(files, dict)
    found["files"] = {k: v for k, v in files.items() if not k.startswith(prefix)}
    backup.with_suffix(".manifest").write_bytes(orjson.dumps(found))
