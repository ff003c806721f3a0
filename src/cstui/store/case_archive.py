"""Closed cases, kept apart from the open ones so everyday saves stay small.

A closed case lives in the block of its number (``cases-0042`` holds C-004200 to
C-004299), a TinyDB-shaped document with one ``cases`` table. Beside the blocks:

* ``index`` — per block: how many cases, and the range of their created, updated and
  closed moments, so a report over one year reads only that year's blocks;
* ``lookup-NN`` — phone, email and import key to case numbers, spread over a few small
  files by a hash of the key, so finding a caller's history reads one or two of them.

The index and lookups are hints: a reader always checks the case itself. The main
document wins over the archive: a case found in both is the main document's.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from cstui.store.backend import Backend, Buffer
from cstui.store.base import ArchiveQuery, stored_moment

BLOCK = 100
"""Case numbers per block."""
SHARDS = 32
"""Lookup files."""
INDEX = "index"
LOOKUP_KINDS = ("phone", "email", "import")

Document = dict[str, Any]


def block_name(number: int) -> str:
    """The part holding case number ``number`` once it is closed."""
    return f"cases-{number // BLOCK:04d}"


def lookup_name(key: str) -> str:
    """The lookup part holding ``key``."""
    return f"lookup-{zlib.crc32(key.encode()) % SHARDS:02d}"


def lookup_keys(document: Document) -> list[tuple[str, str]]:
    """The (kind, key) pairs a case document is found by."""
    customer = document.get("customer") or {}
    found = [(kind, customer.get(kind)) for kind in ("phone", "email")]
    found.append(("import", document.get("import_key")))
    return [(kind, key) for kind, key in found if isinstance(key, str) and key]


def _widen(summary: Document, document: Document) -> None:
    for key, field, wider in (
        ("created_min", "created_at", min),
        ("created_max", "created_at", max),
        ("updated_max", "updated_at", max),
        ("closed_min", "closed_at", min),
    ):
        value = stored_moment(document.get(field))
        if value is None:
            continue
        known = stored_moment(summary.get(key))
        summary[key] = (value if known is None else wider(known, value)).isoformat()


class CaseArchive:
    """The closed cases of one store, written inside the store's transactions."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    # -- writing (inside a transaction) ------------------------------------------------
    def put(self, buffer: Buffer, number: int, document: Document, before: Document | None) -> None:
        """Store a closed case; ``before`` is its archived document, if it had one."""
        name = block_name(number)
        cases = buffer.part(name).setdefault("cases", {})
        cases[str(number)] = document
        buffer.changed_part(name)
        blocks = buffer.part(INDEX).setdefault("blocks", {})
        summary = dict(blocks.get(str(number // BLOCK), {}))  # a new dict: readers share the old
        summary["count"] = len(cases)
        summary["last"] = max(number, int(summary.get("last", 0)))
        _widen(summary, document)
        blocks[str(number // BLOCK)] = summary
        buffer.changed_part(INDEX)
        self._relink(buffer, number, before, document)

    def remove(self, buffer: Buffer, number: int, before: Document) -> None:
        """Take a case out of the archive (it was reopened); written after the main document."""
        name = block_name(number)
        cases = buffer.part(name).setdefault("cases", {})
        if cases.pop(str(number), None) is not None:
            buffer.changed_part(name, after_main=True)
        self._relink(buffer, number, before, None, after_main=True)

    def _relink(
        self,
        buffer: Buffer,
        number: int,
        before: Document | None,
        after: Document | None,
        after_main: bool = False,
    ) -> None:
        old = set(lookup_keys(before)) if before else set()
        new = set(lookup_keys(after)) if after else set()
        for kind, key in old - new:
            name = lookup_name(key)
            table = buffer.part(name).setdefault(kind, {})
            numbers = [n for n in table.get(key, []) if n != number]
            if numbers:
                table[key] = numbers
            else:
                table.pop(key, None)
            buffer.changed_part(name, after_main=after_main)
        for kind, key in new - old:
            name = lookup_name(key)
            table = buffer.part(name).setdefault(kind, {})
            if number not in table.get(key, []):
                table[key] = [*table.get(key, []), number]  # a new list: readers share the old
            buffer.changed_part(name)

    # -- reading ---------------------------------------------------------------------
    def highest(self, buffer: Buffer) -> int:
        """The highest case number ever archived (0 if none): new numbers go above it."""
        blocks = buffer.part(INDEX).get("blocks", {})
        return max((int(summary.get("last", 0)) for summary in blocks.values()), default=0)

    def get(self, number: int, buffer: Buffer | None = None) -> Document | None:
        """The archived document of case ``number``, if any."""
        name = block_name(number)
        part = buffer.part(name) if buffer is not None else self.backend.part(name)
        found: Document | None = part.get("cases", {}).get(str(number))
        return found

    def numbers(self, kind: str, key: str, buffer: Buffer | None = None) -> list[int]:
        """Case numbers the lookup gives for ``key`` of ``kind`` (a hint: check the case)."""
        name = lookup_name(key)
        part = buffer.part(name) if buffer is not None else self.backend.part(name)
        return list(part.get(kind, {}).get(key, []))

    def documents(self, query: ArchiveQuery) -> Iterator[tuple[int, Document]]:
        """Every archived case ``query`` wants, by number."""
        blocks = self.backend.part(INDEX).get("blocks", {})
        for block in sorted(blocks, key=int):
            if not query.may_hold(blocks[block]):
                continue
            cases = self.backend.part(block_name(int(block) * BLOCK)).get("cases", {})
            for key in sorted(cases, key=int):
                if query.wants(cases[key]):
                    yield int(key), cases[key]
