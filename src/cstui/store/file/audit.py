"""An append-only, hash-chained audit log of every change to the store.

Each line is a JSON entry: sequence number, time, who, which record, what action and
which fields changed — never the values, so no customer's personal data is copied here.
Each entry carries the hash of the one before it and its own hash; the latest sequence
number and hash are also kept in a separate head file. ``verify`` finds an edited,
deleted, reordered or cut-off entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from cstui.errors import StoreError
from cstui.store.file.files import atomic_write, file_mode, reason, settle_mode
from cstui.store.ports import AuditEvent, Verdict

__all__ = ["AuditEvent", "AuditLog", "Verdict"]

GENESIS = "0" * 64
TAIL_BYTES = 64 * 1024
"""How much of the log's end is read to find its last entry."""


def _digest(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


class AuditLog:
    """``audit.log`` and its head file ``audit.head`` beside the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.head_path = path.with_name(path.name + ".head")

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

    def _tail(self) -> tuple[int, str]:
        """Where the chain really ends: the head, or entries a crash left after it.

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
            return seq, prev
        except OSError as exc:
            raise StoreError(f"could not read the audit log: {reason(exc)}") from None
        lines = tail.splitlines()
        if lines:
            with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                last = orjson.loads(lines[-1])
                if int(last["seq"]) > seq and last["hash"] == _digest(last):
                    return int(last["seq"]), str(last["hash"])
        return seq, prev

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

        The head is not moved: call :meth:`move_head` once the change itself is stored.
        """
        seq, prev = self._tail()
        lines = []
        for event in events:
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
            entry["hash"] = prev = _digest(entry)
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

    def events(self) -> list[AuditEvent]:
        """Every complete entry of the log, oldest first, as events."""
        try:
            raw = self.path.read_bytes() if self.path.exists() else b""
        except OSError as exc:
            raise StoreError(f"could not read the audit log: {reason(exc)}") from None
        found = []
        for line in raw.splitlines():
            with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError):
                entry = orjson.loads(line)
                fields = tuple(entry["fields"])
                found.append(AuditEvent(entry["actor"], entry["record"], entry["action"], fields))
        return found

    def verify(self) -> Verdict:
        """Walk the chain from the start and compare its end with the head file."""
        try:
            raw = self.path.read_bytes() if self.path.exists() else b""
            head_seq, head_hash = self._head()
        except (OSError, StoreError) as exc:
            return Verdict(False, 0, str(exc))
        prev, count, at_head = GENESIS, 0, GENESIS
        for number, line in enumerate(raw.splitlines(), start=1):
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                return Verdict(False, count, f"line {number} is not a complete entry")
            if entry.get("seq") != count + 1:
                return Verdict(False, count, f"line {number}: entry out of order or missing")
            if entry.get("prev") != prev:
                return Verdict(False, count, f"line {number}: does not follow the entry before")
            if entry.get("hash") != _digest(entry):
                return Verdict(False, count, f"line {number}: entry was changed after writing")
            prev, count = entry["hash"], count + 1
            if count == head_seq:
                at_head = prev
        if count < head_seq:
            return Verdict(
                False, count, f"the log ends at entry {count} but {head_seq} were written"
            )
        if head_seq and at_head != head_hash:
            return Verdict(False, count, f"entry {head_seq} does not match the recorded head")
        return Verdict(True, count)
