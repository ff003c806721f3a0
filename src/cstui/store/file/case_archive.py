"""Closed cases, kept apart from the open ones so everyday saves stay small.

A closed case lives in the block of its number (``cases-0042`` holds C-004200 to
C-004299), a TinyDB-shaped document with one ``cases`` table. Beside the blocks:

* ``index-NNN`` — per block of a group of ``GROUP`` blocks: how many cases, and the
  range of their created, updated and closed moments, so a report over one year reads
  only that year's blocks; ``index`` lists the groups;
* ``lookup-NNN`` — phone, email and import key to case numbers, spread over ``SHARDS``
  small files by a hash of the key, so finding a caller's history reads one or two.

So closing a case rewrites its block, one index file and a lookup file or two, none of
which grows with the archive.

The index and lookups are hints: a reader always checks the case itself. The main
document wins over the archive: a case found in both is the main document's.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

from cstui.store.file.archive_rows import ReportRows
from cstui.store.file.backend import Backend, Buffer
from cstui.store.query import ArchiveQuery, stored_moment
from cstui.store.records import AuditEvent

BLOCK = 100
"""Case numbers per block."""
SHARDS = 256
"""Lookup files (a few kilobytes each at 100,000 cases)."""
GROUP = 50
"""Blocks per index file."""
INDEX = "index"
"""The part listing the index files (``{"groups": {"<block // GROUP>": true}}``)."""
FIRST_LOOKUP = re.compile(r"lookup-\d\d")
"""The lookup files of the first layout (32, beside one index of every block)."""
LOOKUP_KINDS = ("phone", "email", "import")

Document = dict[str, Any]


def block_name(number: int) -> str:
    """The part holding case number ``number`` once it is closed."""
    return f"cases-{number // BLOCK:04d}"


def lookup_name(key: str) -> str:
    """The lookup part holding ``key``."""
    return f"lookup-{zlib.crc32(key.encode()) % SHARDS:03d}"


def index_name(block: int) -> str:
    """The index part holding the summary of block ``block`` (case number // BLOCK)."""
    return f"{INDEX}-{block // GROUP:03d}"


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

    def __init__(self, backend: Backend, rows: ReportRows | None = None) -> None:
        """With ``rows``, each block's report rows are kept in step with it."""
        self.backend = backend
        self.rows = rows

    # -- writing (inside a transaction) ------------------------------------------------
    def put(self, buffer: Buffer, number: int, document: Document, before: Document | None) -> None:
        """Store a closed case; ``before`` is its archived document, if it had one."""
        name = block_name(number)
        cases = buffer.part(name).setdefault("cases", {})
        cases[str(number)] = document
        buffer.changed_part(name)
        if self.rows is not None:
            self.rows.put_row(buffer, name, number, document)
        blocks = self._index_to_change(buffer, number // BLOCK)
        summary = dict(blocks.get(str(number // BLOCK), {}))  # a new dict: readers share the old
        summary["count"] = len(cases)
        summary["last"] = max(number, int(summary.get("last", 0)))
        _widen(summary, document)
        blocks[str(number // BLOCK)] = summary
        self._relink(buffer, number, before, document)

    @staticmethod
    def _index_to_change(buffer: Buffer, block: int, listed_last: bool = False) -> Document:
        """The index entries of ``block``'s group, to be written, the group listed in
        ``index`` (written after the main document if ``listed_last``)."""
        groups = buffer.part(INDEX).setdefault("groups", {})
        if str(block // GROUP) not in groups:
            groups[str(block // GROUP)] = True
            buffer.changed_part(INDEX, after_main=listed_last)
        buffer.changed_part(index_name(block))
        blocks: Document = buffer.part(index_name(block)).setdefault("blocks", {})
        return blocks

    def remove(self, buffer: Buffer, number: int, before: Document) -> None:
        """Take a case out of the archive (it was reopened); written after the main document."""
        name = block_name(number)
        cases = buffer.part(name).setdefault("cases", {})
        if cases.pop(str(number), None) is not None:
            buffer.changed_part(name, after_main=True)
            if self.rows is not None:
                self.rows.drop_row(buffer, name, number)
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
        groups = buffer.part(INDEX).get("groups", {})
        if not groups:
            return 0
        blocks = buffer.part(index_name(max(map(int, groups)) * GROUP)).get("blocks", {})
        return max((int(summary.get("last", 0)) for summary in blocks.values()), default=0)

    def summaries(self, buffer: Buffer | None = None) -> dict[int, Document]:
        """The index entry of every block, by block number (case number // BLOCK)."""
        read = buffer.part if buffer is not None else self.backend.part
        found: dict[int, Document] = {}
        for group in read(INDEX).get("groups", {}):
            blocks = read(index_name(int(group) * GROUP)).get("blocks", {})
            found.update((int(block), summary) for block, summary in blocks.items())
        return found

    def blocks(self, query: ArchiveQuery) -> list[tuple[str, Document]]:
        """The part name and index entry of every block ``query`` may hold, in order."""
        found = self.summaries()
        wanted = [b for b in sorted(found) if query.may_hold(found[b])]
        return [(block_name(b * BLOCK), found[b]) for b in wanted]

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
        blocks = self.summaries()
        for block in sorted(blocks):
            if not query.may_hold(blocks[block]):
                continue
            cases = self.backend.part(block_name(block * BLOCK)).get("cases", {})
            for key in sorted(cases, key=int):
                if query.wants(cases[key]):
                    yield int(key), cases[key]

    # -- the first layout (one index, 32 lookup files), split once at start -------------
    def in_first_layout(self) -> bool:
        """Whether the archive is (still) in the first layout: every block in ``index``,
        32 lookup files."""
        return "blocks" in self.backend.part(INDEX)

    def split_first_layout(self) -> bool:
        """Move an archive of the first layout into this one's index and lookup files;
        return whether there was anything to do.

        The new files are written (and fsynced) first, merged with any already there;
        then the old lookup files are deleted; ``index`` drops its blocks last. A run cut
        short anywhere is done again at the next start, and merging twice changes nothing.
        """
        with self.backend.transaction() as buffer:
            top = buffer.part(INDEX)
            if "blocks" not in top:  # another terminal did it first
                return False
            for block, summary in top.pop("blocks").items():
                blocks = self._index_to_change(buffer, int(block), listed_last=True)
                known = blocks.get(block)
                blocks[block] = summary if known is None else _merged(known, summary)
            for old in sorted(n for n in self.backend.part_names() if FIRST_LOOKUP.fullmatch(n)):
                for kind, table in buffer.part(old).items():
                    for key, numbers in table.items():
                        name = lookup_name(key)
                        keys = buffer.part(name).setdefault(kind, {})
                        keys[key] = list(dict.fromkeys([*keys.get(key, []), *numbers]))
                        buffer.changed_part(name)
                buffer.drop_part(old)
            buffer.changed_part(INDEX, after_main=True)  # last, once the rest is stored
            buffer.events.append(AuditEvent("cstui", "store", "reindexed", ("archive",)))
        return True


def _merged(summary: Document, other: Document) -> Document:
    """One index entry covering the block as both ``summary`` and ``other`` saw it."""
    merged = {
        **summary,
        "count": max(int(summary.get("count", 0)), int(other.get("count", 0))),
        "last": max(int(summary.get("last", 0)), int(other.get("last", 0))),
    }
    _widen(
        merged,
        {
            "created_at": other.get("created_min"),
            "updated_at": other.get("updated_max"),
            "closed_at": other.get("closed_min"),
        },
    )
    _widen(merged, {"created_at": other.get("created_max")})
    return merged
