"""Reading the store's JSON files: parsed with their shape checked, cached by stat key."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from cstui.bulk import bulk
from cstui.errors import StoreCorruptError, StoreError
from cstui.store.file.files import reason
from cstui.store.file.shapes import shape_problem

if TYPE_CHECKING:
    from cstui.store.file.backups import Backups

Tables = dict[str, dict[str, Any]]
StatKey = tuple[int, ...]
SIZE = 1
"""Where a stat key holds the file's size."""


def stat_key(st: os.stat_result) -> StatKey:
    """What changes whenever a file is replaced or written."""
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)


def read_file(path: Path, known: StatKey | None) -> tuple[StatKey | None, bytes | None]:
    """(the file's stat key, its bytes or None when the key is ``known``); (None, b"")
    when there is no file."""
    try:
        with open(path, "rb") as handle:
            key = stat_key(os.fstat(handle.fileno()))
            if key == known:
                return key, None
            return key, handle.read()
    except FileNotFoundError:
        return None, b""
    except OSError as exc:
        raise StoreError(f"cannot read the store file {path}: {reason(exc)}") from None


def parse(raw: bytes, path: Path, backups: Callable[[], Backups] | None = None) -> Tables:
    """The document of tables ``raw`` holds; StoreCorruptError naming ``path`` when it is
    empty, damaged or not the shape of its kind of file."""
    problem = ""
    data: Any = None
    if not raw.strip():
        problem = "is empty"
    else:
        try:
            with bulk():  # thousands of dicts and no cycles: no collector passes
                data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            data = None
        if data is None:
            problem = "is damaged (not a complete JSON document)"
        elif shape := shape_problem(path.stem, data):
            problem = f"is not the shape of a case store ({shape})"
    if problem:
        from cstui.store.file.backups import advice

        kept = backups() if backups is not None else None
        raise StoreCorruptError(
            f"the store file {path} {problem}; cstui will not write over it. {advice(kept)}"
        )
    return dict(data)


def dump(data: Tables) -> bytes:
    """The bytes of a document of tables."""
    return orjson.dumps(data)


def tables_copy(data: Tables) -> Tables:
    """A copy of the document and its tables; the rows themselves are shared."""
    return {name: dict(rows) for name, rows in data.items()}
