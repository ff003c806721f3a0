"""Anchors: each stored case names the audit entry of its last change.

When a change to a case is audited, its entry records a digest of the case as stored
(``case``), and the case is stamped with that entry's sequence number and hash
(``_audit``), in the same commit. :func:`cross_check` then holds every stored case
against the log, and finds:

* a case edited outside the app (it no longer matches its entry's digest), or stamped
  with an entry about another case;
* a case deleted (an entry names it; it is not there, and was neither "not stored"
  nor rolled back by a restore after that entry);
* a case put back to an earlier version (a later change to it is audited);
* a log lost, emptied or cut short (anchors name entries beyond its end);
* a chain recomputed after an edit (anchors no longer match the entries' hashes).

Entries after the head may be changes a killed writer never stored: they are taken as
unsettled until the next writer marks them "not stored" (see ``AuditLog``). Cases
written before anchors carry none and are only counted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import orjson

if TYPE_CHECKING:
    from cstui.store.file.backend import Backend

ANCHOR = "_audit"
"""The key of a stored case document that holds its anchor."""
NOT_STORED = "not stored"
RESTORED = "restored"

Document = dict[str, Any]


class Entry(NamedTuple):
    """What verification needs of one audit entry."""

    record: str
    action: str
    hash: str
    case: str | None
    """The digest of the case as that change stored it (changes to cases only)."""


class CaseSource(Protocol):
    """The stored cases, as committed (not as a transaction sees them)."""

    def stored(self, case_id: str) -> Document | None:
        """The stored document of ``case_id`` (the main document's copy first)."""
        ...

    def documents(self) -> Iterator[tuple[Document, bool]]:
        """Every stored case document, and whether it is the copy that counts (a copy
        left in an archive block beside the main document's does not)."""
        ...


def case_digest(document: Document) -> str:
    """The digest of a stored case, its anchor left out."""
    body = {k: v for k, v in document.items() if k != ANCHOR}
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def stamp(document: Document, seq: int, digest: str) -> None:
    """Anchor a case document (one this commit wrote, shared with nobody) to an entry."""
    document[ANCHOR] = {"seq": seq, "hash": digest}


def without_anchor(document: Document) -> Document:
    """The case fields of a stored document."""
    if ANCHOR not in document:
        return document
    return {k: v for k, v in document.items() if k != ANCHOR}


@dataclass
class _Changes:
    """Which entries name each case, as the log says they stand."""

    named: dict[str, list[int]]
    restored: int
    head: int

    def settled(self, case_id: str) -> int:
        """The last entry (at or before the head, after the last restore) that changed
        ``case_id``, or 0."""
        seqs = self.named.get(case_id, [])
        return max((s for s in seqs if self.restored < s <= self.head), default=0)


def _changes(entries: Sequence[Entry], head: int) -> _Changes:
    named: dict[str, list[int]] = {}
    restored = 0
    for seq, entry in enumerate(entries, start=1):
        if entry.case is not None:
            named.setdefault(entry.record, []).append(seq)
        elif entry.action == NOT_STORED and named.get(entry.record):
            named[entry.record].pop()
        elif entry.action == RESTORED:
            restored = seq
    return _Changes(named, restored, max(head, 0))


def _anchor_problem(case_id: str, document: Document, entries: Sequence[Entry]) -> str:
    anchor = document.get(ANCHOR)
    seq = anchor.get("seq") if isinstance(anchor, dict) else None
    if not isinstance(anchor, dict) or not isinstance(seq, int) or seq < 1:
        return f"case {case_id} has a damaged audit anchor"
    if not entries:
        return f"the audit log is missing or empty, but case {case_id} names its entry {seq}"
    if seq > len(entries):
        return f"case {case_id} names audit entry {seq}, beyond the log's end ({len(entries)})"
    entry = entries[seq - 1]
    if entry.hash != anchor.get("hash"):
        return f"audit entry {seq} is not the one case {case_id} was stored with (log rewritten)"
    if entry.record != case_id:
        return f"case {case_id} names audit entry {seq}, which is about {entry.record}"
    if entry.case != case_digest(document):
        return f"case {case_id} was changed outside the app (it no longer matches entry {seq})"
    return ""


def cross_check(
    entries: Sequence[Entry], head: int, documents: Iterator[tuple[Document, bool]]
) -> tuple[str, tuple[str, ...]]:
    """Hold every stored case against the log: (the first problem or "", notes)."""
    changes = _changes(entries, head)
    present: set[str] = set()
    unanchored = 0
    for document, counts in documents:
        case_id = str(document.get("id"))
        last = 0
        if counts:
            present.add(case_id)
            last = changes.settled(case_id)
        if ANCHOR not in document:
            if last:
                return f"case {case_id} has lost its audit anchor (entry {last} changed it)", ()
            unanchored += counts
            continue
        problem = _anchor_problem(case_id, document, entries)
        if not problem and last > document[ANCHOR]["seq"]:
            problem = f"case {case_id} is back at a version before audit entry {last}"
        if problem:
            return problem, ()
    for case_id in sorted(changes.named):
        last = changes.settled(case_id)
        if last and case_id not in present:
            return f"case {case_id} is missing (audit entry {last} stored it)", ()
    notes = (
        (
            f"{unanchored} case(s) not anchored (written before audit anchors; "
            "each gains one when next saved)",
        )
        if unanchored
        else ()
    )
    return "", notes


class StoredCases:
    """The file store's cases, as committed: the main document, then the archive."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def stored(self, case_id: str) -> Document | None:
        """The stored document of ``case_id``, if any."""
        number = case_id.rpartition("-")[2]
        if not number.isdigit():
            return None
        from cstui.store.file.case_archive import block_name

        key = str(int(number))
        hot: Document | None = self.backend.snapshot().get("cases", {}).get(key)
        if hot is not None:
            return hot
        found: Document | None = (
            self.backend.part(block_name(int(number))).get("cases", {}).get(key)
        )
        return found

    def documents(self) -> Iterator[tuple[Document, bool]]:
        """Every stored case; an archived copy counts unless the main document has one."""
        hot = self.backend.snapshot().get("cases", {})
        for document in hot.values():
            yield document, True
        for name in self.backend.part_names():
            if name.startswith("cases-"):
                for key, document in self.backend.part(name).get("cases", {}).items():
                    yield document, key not in hot
