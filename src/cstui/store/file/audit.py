"""An append-only, hash-chained audit log of every change to the store.

Each line is a JSON entry: sequence number, time, who, which record, what action and
which fields changed — never the values, so no customer's personal data is copied here.
Each entry carries the hash of the one before it and its own hash; the latest sequence
number and hash are also kept in a separate head file. ``verify`` finds an edited,
deleted, reordered or cut-off entry.

An entry for a change to a case also carries a digest of the case as stored, and the
case itself is stamped, in the same commit, with that entry's sequence number and hash
(its *anchor*, see :mod:`cstui.store.file.audit_anchors`). So ``verify`` also finds a
case edited or deleted outside the app, a lost log or head, and a chain recomputed
after an edit.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from cstui.bulk import in_bulk
from cstui.errors import StoreError
from cstui.store.file.audit_anchors import (
    ANCHOR,
    NOT_STORED,
    CaseSource,
    Entry,
    case_digest,
    cross_check,
    stamp,
)
from cstui.store.file.files import atomic_write, audit_head, file_mode, reason, settle_mode
from cstui.store.records import AuditEvent, Verdict

__all__ = ["AuditEvent", "AuditLog", "CaseEvent", "Verdict"]

GENESIS = "0" * 64
TAIL_BYTES = 64 * 1024
"""How much of the log's end is read to find its last entry."""


@dataclass(frozen=True)
class CaseEvent(AuditEvent):
    """A change to a case: ``locate`` finds the case's document as this commit stores
    it, so its entry can record the case's digest and the case its anchor."""

    locate: Callable[[], dict[str, Any] | None] = field(
        default=lambda: None, compare=False, repr=False
    )


def _digest(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


class AuditLog:
    """``audit.log`` and its head file ``audit.head`` beside the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.head_path = audit_head(path)
        self.cases: CaseSource | None = None
        """The stored cases, for anchors (set by the case repository)."""

    def _head(self) -> tuple[int, str]:
        try:
            head = orjson.loads(self.head_path.read_bytes())
            return int(head["seq"]), str(head["hash"])
        except FileNotFoundError:
            return 0, GENESIS
        except (OSError, ValueError, KeyError, TypeError):
            raise StoreError(
                f"the audit head {self.head_path} is damaged; run `cstui store verify`"
            ) from None

    def _tail(self) -> tuple[int, str, list[dict[str, Any]]]:
        """Where the chain really ends, and the entries after the head.

        A writer killed after appending but before moving the head leaves complete entries
        past the head (they are kept: they chain on) or a torn last line (cut off here).
        """
        seq, prev = self._head()
        try:
            with open(self.path, "rb+") as log:
                size = log.seek(0, os.SEEK_END)
                log.seek(max(0, size - TAIL_BYTES))
                tail = log.read()
                if tail and not tail.endswith(b"\n"):
                    cut = tail.rfind(b"\n") + 1
                    log.truncate(size - len(tail) + cut)
                    tail = tail[:cut]
        except FileNotFoundError:
            return seq, prev, []
        except OSError as exc:
            raise StoreError(f"could not read the audit log: {reason(exc)}") from None
        past: list[dict[str, Any]] = []
        for line in tail.splitlines():
            with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                entry = orjson.loads(line)
                if int(entry["seq"]) > seq and entry["hash"] == _digest(entry):
                    past.append(entry)
        if past and int(past[-1]["seq"]) > seq:
            return int(past[-1]["seq"]), str(past[-1]["hash"]), past
        return seq, prev, []

    def _unsettled(self, past: list[dict[str, Any]]) -> list[AuditEvent]:
        """ "Not stored" for each change after the head whose case does not carry it: a
        writer was killed after auditing it, before storing it."""
        if self.cases is None:
            return []
        undone = []
        for entry in past:
            if "case" not in entry:
                continue
            stored = self.cases.stored(str(entry["record"]))
            anchor = stored.get(ANCHOR) if stored is not None else None
            if not isinstance(anchor, dict) or anchor.get("seq", 0) < entry["seq"]:
                undone.append(AuditEvent("cstui", str(entry["record"]), NOT_STORED))
        return undone

    def append(self, events: Iterable[AuditEvent], at: datetime) -> None:
        """Add ``events`` and move the head to them. Call it while holding the store's lock."""
        end = self.write_entries(events, at)
        if end is not None:
            self.move_head(end)

    def move_head(self, end: tuple[int, str]) -> None:
        """Record ``end`` (sequence number, hash) as the last entry, outside the log.

        The folder is not fsynced for it: a power cut may bring back the previous head,
        and :meth:`_tail` then finds the entries after it. The next write of the store
        beside it fsyncs the folder anyway.
        """
        seq, digest = end
        atomic_write(self.head_path, orjson.dumps({"seq": seq, "hash": digest}), False)

    def write_entries(self, events: Iterable[AuditEvent], at: datetime) -> tuple[int, str] | None:
        """Append ``events`` after the chain's real end (fsynced); return the new end.

        Changes a killed writer audited but never stored are marked "not stored" first.
        Each case a :class:`CaseEvent` names is stamped with its entry's anchor (the
        caller stores it next). The head is not moved: call :meth:`move_head` once the
        change itself is stored.
        """
        seq, prev, past = self._tail()
        lines = []
        for event in [*self._unsettled(past), *events]:
            seq += 1
            entry: dict[str, Any] = {
                "seq": seq,
                "at": at.isoformat(),
                "actor": event.actor,
                "record": event.record,
                "action": event.action,
                "fields": list(event.fields),
                "prev": prev,
            }
            document = event.locate() if isinstance(event, CaseEvent) else None
            if document is not None:
                entry["case"] = case_digest(document)
            entry["hash"] = prev = _digest(entry)
            if document is not None:
                stamp(document, seq, prev)
            lines.append(orjson.dumps(entry) + b"\n")
        if not lines:
            return None
        try:
            fd = os.open(
                self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, file_mode(self.path.parent)
            )
            try:
                settle_mode(fd, file_mode(self.path.parent))
                os.write(fd, b"".join(lines))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise StoreError(
                f"could not write the audit log: {reason(exc)}; nothing was changed"
            ) from None
        return seq, prev

    def _raw(self) -> bytes:
        try:
            return self.path.read_bytes() if self.path.exists() else b""
        except OSError as exc:
            raise StoreError(f"could not read the audit log: {reason(exc)}") from None

    def events(self) -> list[AuditEvent]:
        """Every complete entry of the log, oldest first, as events."""
        found = []
        for line in self._raw().splitlines():
            with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                entry = orjson.loads(line)
                fields = tuple(entry["fields"])
                at = datetime.fromisoformat(entry["at"])
                found.append(
                    AuditEvent(entry["actor"], entry["record"], entry["action"], fields, at)
                )
        return found

    @in_bulk
    def verify(self) -> Verdict:
        """Walk the chain from the start, compare its end with the head file, and check
        every stored case against the entry it is anchored to."""
        try:
            raw = self._raw()
            head_seq, head_hash = self._head()
        except (OSError, StoreError) as exc:
            return Verdict(False, 0, str(exc))
        entries: list[Entry] = []
        problem = _walk(raw, entries)
        count = len(entries)
        if not problem and count < head_seq:
            problem = f"the log ends at entry {count} but {head_seq} were written"
        elif not problem and head_seq and entries[head_seq - 1].hash != head_hash:
            problem = f"entry {head_seq} does not match the recorded head"
        elif not problem and count and not self.head_path.exists():
            problem = f"the head file {self.head_path.name} is missing"
        if problem:
            return Verdict(False, count, problem)
        if self.cases is None:
            return Verdict(True, count)
        # A store that cannot be read is damage of its own: the StoreError says so.
        problem, notes = cross_check(entries, head_seq, self.cases.documents())
        return Verdict(not problem, count, problem, notes)


def _walk(raw: bytes, entries: list[Entry]) -> str:
    """Read the chain into ``entries``; what is wrong with it, or ""."""
    prev = GENESIS
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            return f"line {number} is not a complete entry"
        if not isinstance(entry, dict) or entry.get("seq") != len(entries) + 1:
            return f"line {number}: entry out of order or missing"
        if entry.get("prev") != prev:
            return f"line {number}: does not follow the entry before"
        if entry.get("hash") != _digest(entry):
            return f"line {number}: entry was changed after writing"
        prev = entry["hash"]
        entries.append(
            Entry(str(entry.get("record")), str(entry.get("action")), prev, entry.get("case"))
        )
    return ""
