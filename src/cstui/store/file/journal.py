"""The main document's journal: an everyday save appended as one line, folded in later.

A save that changes only rows of the main document (a case logged, noted, advanced)
appends one line to ``cases.journal`` and fsyncs it instead of rewriting the whole
main document, so a save costs the same however many cases are open, and a terminal
catching up after another's save parses that save's line, not every open case again.

The main document as a file is the *checkpoint*; what the store holds is the checkpoint
with its journal's lines applied in order. Each line is a JSON object::

    {"base": sha256 of the checkpoint it applies to, "prev": sha256 of the line before,
     "set": {table: {key: row, ...}, ...}, "drop": {table: [key, ...], ...},
     "sum": sha256 of the rest of the line}

A line changed, taken out or put in breaks the chain of sums and stops reads and writes.
The manifest does not hash the journal (it grows with each save); it says the journal
must be there, so a journal deleted outside cstui stops the next write.

When the journal grows past :data:`JOURNAL_LIMIT`, or a write changes more than rows
of the main document (the archive, a backup, an erasure), the writer *folds* it: writes
the whole main document and empties the journal. An everyday save's fold sets the old
journal aside (:func:`prev_path`) and starts the new one with a line saying what it
folded (:func:`fold_line`), so a terminal reading along need not read the main document.

A crash mid-append leaves a last line without its newline: readers ignore it and the
next writer (under the lock) cuts it off. A crash after a fold wrote the checkpoint but
before it emptied the journal leaves lines naming the old checkpoint: readers ignore
them and the next writer replaces the journal.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from cstui.durable import file_mode
from cstui.errors import StoreCorruptError, StoreError
from cstui.store.file.files import atomic_write, open_plain, reason, settle_mode

Tables = dict[str, dict[str, Any]]
Change = dict[str, Any]
"""One line: ``{"base": hex, "prev": hex, "set": {table: {key: row}}, "drop": {table:
[key]}, "sum": hex}``."""

JOURNAL_SUFFIX = ".journal"
JOURNAL_LIMIT = 2 << 20
"""Bytes of journal after which the next save folds it into the main document: a fold
makes every terminal read the whole main document again, a long journal makes a start
read more lines (2 MB: some 600 saves, about 12 ms to read)."""


def journal_path(store: Path) -> Path:
    """The journal of the main document ``store``."""
    return store.with_suffix(JOURNAL_SUFFIX)


def changes(base: Tables, data: Tables) -> Change:
    """The rows ``data`` sets or drops compared with ``base`` (rows are replaced, never
    changed in place, so a row that is not the same object has changed)."""
    sets: dict[str, dict[str, Any]] = {}
    drops: dict[str, list[str]] = {}
    for table in base.keys() | data.keys():
        old, new = base.get(table, {}), data.get(table, {})
        changed = {key: row for key, row in new.items() if old.get(key) is not row}
        gone = [key for key in old if key not in new]
        if changed or table not in base:
            sets[table] = changed
        if gone:
            drops[table] = gone
    return {"set": sets, "drop": drops}


def applied(tables: Tables, lines: list[Change]) -> Tables:
    """``tables`` with the changes of ``lines`` made in order, as a new document (``tables``
    is left as it was: readers may hold it); each table changed is copied once."""
    result = dict(tables)
    copied: set[str] = set()

    def table(name: str) -> dict[str, Any]:
        if name not in copied:
            result[name] = dict(result.get(name, {}))
            copied.add(name)
        return result[name]

    for change in lines:
        for name, rows in change.get("set", {}).items():
            table(name).update(rows)
        for name, keys in change.get("drop", {}).items():
            rows = table(name)
            for key in keys:
                rows.pop(key, None)
    return result


def _problem(change: Any) -> str:
    """Why a parsed line is not a change ("" when it is one)."""
    if not isinstance(change, dict) or not isinstance(change.get("base"), str):
        return "a line is not a change of the store"
    sets, drops = change.get("set", {}), change.get("drop", {})
    if not isinstance(sets, dict) or not isinstance(drops, dict):
        return "a line is not a change of the store"
    for rows in sets.values():
        if not isinstance(rows, dict) or not all(isinstance(r, dict) for r in rows.values()):
            return "a line sets a row that is not a document"
    for keys in drops.values():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return "a line drops a row that is not named"
    return ""


def prev_path(journal: Path) -> Path:
    """Where a fold sets the journal it folded aside, for readers still reading it."""
    return journal.with_name(journal.name + ".prev")


def fold_line(base: str, change: Change, folded: str, through: str, checkpoint: Any) -> bytes:
    """The first line of the journal a fold starts: the fold's own change to the main
    document ``base`` (already in it: applying it again changes nothing), and what it
    folded: the journal of the main document ``folded`` through its line ``through``,
    into the main document file ``checkpoint`` (its inode and size). A terminal that
    has read that journal so far reads the rest of it, set aside, and need not read the
    new main document at all."""
    extra = {"folded": folded, "through": through, "checkpoint": list(checkpoint)}
    return line_of(base, "", {**change, **extra})


def _open(path: Path, flags: int) -> int | None:
    """The journal opened with ``flags`` (never through a link, never waiting on a pipe
    or a device put in its place); None if there is none."""
    try:
        return open_plain(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot open the store file {path}: {reason(exc)}") from None


@dataclass
class Journal:
    """One process's view of a journal: how far it has read, and the hash so far."""

    path: Path
    base: str = ""
    """The checkpoint (its sha256) the lines read so far apply to."""
    ino: int = -1
    offset: int = 0
    """Where the last complete line read ends."""
    size: int = 0
    """The file's size when last read (more than ``offset``: a line cut short)."""
    last: str = ""
    """The sha256 of the last line read (each line names the one before it)."""

    restarted: bool = False
    """Whether the last :meth:`read` read from the first line again."""
    stale: bool = False
    """Whether the last :meth:`read` found lines of another checkpoint only (a fold cut
    short before it emptied the journal)."""

    def reset(self, base: str = "") -> None:
        """Forget what was read (the checkpoint changed, or the file was replaced)."""
        self.base, self.ino, self.offset, self.size = base, -1, 0, 0
        self.last = ""
        self.restarted = True

    @property
    def length(self) -> int:
        """How long the journal's complete lines are."""
        return self.offset

    def exists(self) -> bool:
        """Whether there is a journal file."""
        return os.path.lexists(self.path)

    def read(self, base: str) -> list[Change] | None:
        """The lines added since the last read, for the checkpoint ``base``; None when the
        journal's lines name another checkpoint (an old journal, or a newer checkpoint
        not read yet). Raises StoreCorruptError for a line that is not a change."""
        self.restarted = False
        fd = _open(self.path, os.O_RDONLY)
        if fd is None:
            self.reset(base)
            return []
        try:
            st = os.fstat(fd)
            if base != self.base or st.st_ino != self.ino or st.st_size < self.offset:
                self.reset(base)
                self.ino = st.st_ino
            raw = os.pread(fd, st.st_size - self.offset, self.offset) if st.st_size else b""
        except OSError as exc:
            raise StoreError(f"cannot read the store file {self.path}: {reason(exc)}") from None
        finally:
            os.close(fd)
        end = raw.rfind(b"\n") + 1
        found = self._parse(raw[:end], base)
        self.stale = found is None
        if found is not None:  # (an old journal is left whole for its writer to replace)
            self.last = str(found[-1]["sum"]) if found else self.last
            self.size = self.offset + len(raw)
            self.offset += end
        return found

    def fold_header(self) -> Change | None:
        """The first line of the journal when it says which journal it follows (see
        :func:`fold_line`) and is as written; None otherwise."""
        with contextlib.suppress(OSError, orjson.JSONDecodeError, TypeError):
            with open(self.path, "rb", opener=open_plain) as handle:
                line = handle.readline(1 << 20)
            change = orjson.loads(line)
            if line.endswith(b"\n") and _sum_holds(line) and not _problem(change):
                return change if isinstance(change.get("folded"), str) else None
        return None

    def catch_up_before_fold(self, base: str) -> list[Change] | None:
        """The lines of the journal a fold set aside (``cases.journal.prev``) after those
        read so far, when it is the file read so far; None if it is not (or cannot be
        read, or was changed)."""
        with contextlib.suppress(OSError):
            with open(prev_path(self.path), "rb", opener=open_plain) as handle:
                if os.fstat(handle.fileno()).st_ino != self.ino:
                    return None
                handle.seek(self.offset)
                raw = handle.read()
            with contextlib.suppress(StoreCorruptError):
                found = self._parse(raw, base)
                if found is not None and raw.endswith(b"\n"):
                    self.last = str(found[-1]["sum"]) if found else self.last
                    return found
        return None

    def _damaged(self, problem: str) -> StoreCorruptError:
        return StoreCorruptError(
            f"the store file {self.path} is damaged ({problem}); cstui will not write over "
            "it. Run `cstui store check`, then restore a backup"
        )

    def _parse(self, raw: bytes, base: str) -> list[Change] | None:
        """The changes of the complete lines ``raw``, each checked to be as written and to
        follow the line before it."""
        found: list[Change] = []
        last = self.last
        for line in raw.splitlines(keepends=True):
            try:
                change = orjson.loads(line)
            except orjson.JSONDecodeError:
                change = None
            problem = _problem(change) or ("" if _sum_holds(line) else "a line was changed")
            if problem:
                raise self._damaged(problem)
            if change["base"] != base:
                if self.offset == 0 and not found:
                    return None  # the whole journal is of another checkpoint
                raise self._damaged("its lines name two different states of the store")
            if change.get("prev") != last:
                raise self._damaged("a line was taken out or put in")
            last = str(change["sum"])
            found.append(change)
        return found

    def cut_partial(self) -> None:
        """Cut off a last line a writer that crashed left without its newline (call under
        the store's lock, after :meth:`read`: no live writer is appending)."""
        if self.size <= self.offset:
            return
        fd = _open(self.path, os.O_WRONLY)
        if fd is None:
            return
        try:
            os.ftruncate(fd, self.offset)
            os.fsync(fd)
        except OSError as exc:
            raise StoreError(f"could not write {self.path.name}: {reason(exc)}") from None
        finally:
            os.close(fd)
        self.size = self.offset

    def write(self, line: bytes, fresh: bool) -> None:
        """Add ``line`` (ending in a newline), durably: appended with one write and
        fsynced, or, ``fresh``, as a new journal replacing any old one atomically."""
        if fresh:
            atomic_write(self.path, line)
            self.reset(self.base)
            with contextlib.suppress(OSError):
                self.ino = os.stat(self.path).st_ino
        else:
            self._append(line)
        self.last = _own_sum(line).decode()
        self.offset += len(line)
        self.size = self.offset

    def _append(self, line: bytes) -> None:
        fd = _open(self.path, os.O_WRONLY | os.O_APPEND)
        if fd is None:
            raise StoreError(f"could not write {self.path.name}: it is gone; nothing was changed")
        try:
            settle_mode(fd, file_mode(self.path.parent))
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):  # what was written of the line: taken back
                os.ftruncate(fd, self.offset)
            raise StoreError(
                f"could not write {self.path.name}: {reason(exc)}; nothing was changed"
            ) from None
        finally:
            os.close(fd)


SUM_TAIL = len(b',"sum":""}\n') + 64
"""How long the end of a line is that holds its own sha256."""


def line_of(base: str, prev: str, change: Change) -> bytes:
    """The journal line of ``change`` to the checkpoint ``base``, after the line whose
    sha256 is ``prev`` ("" for the first); it ends with the sha256 of the rest of it."""
    body = orjson.dumps({"base": base, "prev": prev, **change})
    return body[:-1] + b',"sum":"' + hashlib.sha256(body).hexdigest().encode() + b'"}\n'


def _own_sum(line: bytes) -> bytes:
    """The sha256 a line ends with (see :func:`line_of`)."""
    return line[-64 - 3 : -3]


def _sum_holds(line: bytes) -> bool:
    """Whether the line is as it was written: its sha256 at its end is of the rest."""
    body = line[:-SUM_TAIL] + b"}"
    return line[-SUM_TAIL : -64 - 3] == b',"sum":"' and (
        hashlib.sha256(body).hexdigest().encode() == _own_sum(line)
    )


def highest_number_in(path: Path) -> int:
    """The highest case number the journal ``path`` stored or counted up to (0 if none,
    or if it cannot be read): numbers it gave out are never given out again."""
    highest = 0
    with contextlib.suppress(OSError):
        for line in path.read_bytes().splitlines():
            with contextlib.suppress(orjson.JSONDecodeError, AttributeError, TypeError, ValueError):
                sets = orjson.loads(line).get("set", {})
                numbers = [int(k) for k in sets.get("cases", {}) if k.isdigit()]
                counter = sets.get("meta", {}).get("1", {}).get("next_case", 1)
                highest = max(highest, *numbers, int(counter) - 1)
    return highest
