"""The erase journal, and the copies of cases the file store keeps apart.

An erasure is written to ``erasures/<name>.json`` (case ids and digests of the phone and
email, never the values) before any of it is done, and deleted as its last step; a start
or a rerun that finds one finishes it (see :class:`cstui.services.privacy.PrivacyService`).

:meth:`EraseJournal.forget_elsewhere` reaches what neither the store's own saves nor the
backups hold: files a restore kept aside (``cases.json.before-restore-*``), archive
blocks no index leads to, lookups and briefs that repeat a customer's details,
and temp files a killed writer left. Changes to the archive go through a transaction of
the store, so they are audited and anchored like any other change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from cstui.errors import CstuiError
from cstui.store.file.files import (
    TEMP_MARK,
    atomic_write,
    ensure_private_dir,
    remove_files,
)

if TYPE_CHECKING:  # a start only looks for an erasure cut short: the rest loads to erase
    from cstui.models.case import Case
    from cstui.store.erasures import Erasure
    from cstui.store.file.backend import Buffer, JSONFileBackend

Document = dict[str, Any]
FOLDER = "erasures"
CASE_PARTS = "cases-"
LOOKUP_KINDS = ("phone", "email")
BRIEFS = "briefs"


class EraseJournal:
    """``erasures/`` beside the store, and the sweep that finishes an erasure."""

    def __init__(self, backend: JSONFileBackend) -> None:
        self.backend = backend
        self.folder = backend.path.parent / FOLDER

    def _path(self, erasure: Erasure) -> Path:
        return self.folder / f"{erasure.name}.json"

    def begin(self, erasure: Erasure) -> None:
        """Write the journal entry (fsynced, its folder too) before anything is erased."""
        ensure_private_dir(self.folder, like=self.backend.path.parent)
        atomic_write(self._path(erasure), orjson.dumps(asdict(erasure)))

    def unfinished(self) -> list[Erasure]:
        """Every erasure begun and not ended, oldest first."""
        if not self.folder.is_dir():
            return []
        from cstui.store.erasures import Erasure

        found = []
        for path in sorted(self.folder.glob("*.json")):
            with contextlib.suppress(OSError, orjson.JSONDecodeError, KeyError, TypeError):
                raw = orjson.loads(path.read_bytes())
                found.append(
                    Erasure(
                        str(raw["name"]),
                        str(raw["actor"]),
                        str(raw["why"]),
                        tuple(raw["case_ids"]),
                        tuple(raw["traces"]),
                    )
                )
        return found

    def end(self, erasure: Erasure) -> None:
        """Delete the journal entry: the erasure is finished."""
        remove_files([self._path(erasure)])

    def forget_elsewhere(
        self, cases: Sequence[Case], traces: Sequence[str], redact: Callable[[Case], Case]
    ) -> int:
        """Redact every copy kept apart (see the module's notes); return the files rewritten."""
        from cstui.store.file.documents import case_to_document  # the models: on first use

        sweep = _Sweep({c.id: case_to_document(c) for c in cases}, set(traces), redact)
        with self.backend.transaction() as buffer:
            self._remove_temps()
            kept_aside = sorted(self.backend.path.parent.glob(f"{self.backend.path.name}.before-*"))
            rewritten = 0
            for path in kept_aside:
                with contextlib.suppress(OSError, orjson.JSONDecodeError):
                    data = orjson.loads(path.read_bytes())
                    if isinstance(data, dict) and sweep.tables(data):
                        atomic_write(path, orjson.dumps(data))
                        rewritten += 1
            names = self.backend.part_names()
            for name in sorted(names, key=lambda n: not n.startswith(CASE_PARTS)):
                rewritten += self._sweep_part(buffer, name, sweep)
            journal = self.backend.journal
            if journal.length or journal.stale:  # what a save replaced stays there till folded
                buffer.dirty = True
            # Backups and restore points may hold the customer's cases the store no longer
            # does (a restore put an older store back): found by their traces too.
            from cstui.store.file.backup_erasure import rewrite_every_copy

            every = sweep.tables
            rewritten += rewrite_every_copy(
                self.backend.backups, lambda data: bool(every(data)), lambda d: bool(every(d))
            )
        from cstui.store.file.contacts import forget_calls_in_copies

        data_dir, case_ids = self.backend.path.parent, {c.id for c in cases}
        return rewritten + forget_calls_in_copies(data_dir, "", traces, case_ids)

    def _sweep_part(self, buffer: Buffer, name: str, sweep: _Sweep) -> int:
        """Sweep one archive part in the store's transaction; 1 if it is to be rewritten.

        A block's copy of a case the main document holds is a leftover (the main
        document's wins): it is dropped rather than redacted.
        """
        tables = {t: dict(rows) for t, rows in self.backend.part(name).items()}
        changed = sweep.tables(tables)
        if not changed:
            return 0
        buffer.parts[name] = tables
        buffer.changed_part(name)
        if name.startswith(CASE_PARTS):  # its report rows are worked out again at the next start
            from cstui.store.file.archive_rows import rows_name
            from cstui.store.file.archive_rows_upkeep import BUILT

            buffer.drop_part(rows_name(name))
            buffer.drop_part(BUILT)
            hot = buffer.data.get("cases", {})
            for key in changed:
                if key in hot:
                    tables["cases"].pop(key, None)
                elif key in tables.get("cases", {}):
                    self._audit(buffer, name, key)
        return 1

    def _audit(self, buffer: Buffer, name: str, key: str) -> None:
        def locate() -> Document | None:
            found: Document | None = buffer.parts[name].get("cases", {}).get(key)
            return found

        record = str((locate() or {}).get("id", key))
        actor = self.backend.label or "cstui"
        from cstui.store.file.audit import CaseEvent

        buffer.events.append(CaseEvent(actor, record, "redacted", ("customer",), locate=locate))

    def _remove_temps(self) -> None:
        """Delete temp files a killed writer left (the store's lock is held)."""
        data = self.backend.path.parent
        for folder in (data, data / "archive", self.folder):
            with contextlib.suppress(OSError):
                remove_files([p for p in folder.glob(f"*{TEMP_MARK}*") if p.is_file()])


class _Sweep:
    """What to redact in a document of tables, and how."""

    def __init__(
        self, redacted: dict[str, Document], traces: set[str], redact: Callable[[Case], Case]
    ) -> None:
        from cstui.store.erasures import Erasure

        self.redacted = redacted
        self.traces = traces
        self.redact = redact
        self.trace = Erasure.trace

    def traced(self, document: Document) -> bool:
        customer = document.get("customer")
        if not isinstance(customer, dict):
            return False
        return any(
            isinstance(customer.get(kind), str) and self.trace(kind, customer[kind]) in self.traces
            for kind in LOOKUP_KINDS
        )

    def _case(self, document: Document) -> Document | None:
        """The redacted document to put in place of a case row, or None to keep it."""
        case_id = document.get("id")
        wanted = self.redacted.get(case_id) if isinstance(case_id, str) else None
        if wanted is None and not self.traced(document):
            return None
        if wanted is None:
            from cstui.store.file.documents import case_from_document, case_to_document

            try:
                wanted = case_to_document(self.redact(case_from_document(document)))
            except CstuiError:  # a copy that cannot be read is dropped whole
                wanted = {}
            self.redacted[str(case_id)] = wanted
        from cstui.store.file.audit_anchors import ANCHOR

        body = {k: v for k, v in document.items() if k != ANCHOR}
        return None if body == wanted else wanted

    def tables(self, data: Document) -> list[str]:
        """Redact ``data`` in place; the keys of the case rows replaced (or ["*"] when
        only other rows changed; [] when nothing did)."""
        replaced: list[str] = []
        other = False
        for name, rows in data.items():
            if not isinstance(rows, dict):
                continue
            if name == "cases":
                replaced += self._cases(rows)
            elif name in LOOKUP_KINDS:
                other |= self._lookups(name, rows)
            elif name == BRIEFS:
                other |= self._briefs(rows)
        return replaced or (["*"] if other else [])

    def _cases(self, rows: dict[str, Any]) -> list[str]:
        replaced = []
        for key, row in list(rows.items()):
            if isinstance(row, dict):
                wanted = self._case(row)
                if wanted == {}:
                    del rows[key]
                    replaced.append(key)
                elif wanted is not None:
                    rows[key] = dict(wanted)
                    replaced.append(key)
        return replaced

    def _lookups(self, kind: str, rows: dict[str, Any]) -> bool:
        gone = [key for key in rows if self.trace(kind, key) in self.traces]
        for key in gone:
            del rows[key]
        return bool(gone)

    def _briefs(self, rows: dict[str, Any]) -> bool:
        """Drop the briefs of redacted cases that still hold their details (a brief is
        worked out again when missing)."""
        gone = [
            key
            for key, row in rows.items()
            if isinstance(row, dict)
            and row.get("id") in self.redacted
            and _repeats(row, self.redacted[row["id"]])
        ]
        for key in gone:
            del rows[key]
        return bool(gone)


def _repeats(row: Document, redacted: Document) -> bool:
    """Whether a brief says something its redacted case no longer does."""
    customer = redacted.get("customer") or {}
    said = {
        "customer": customer.get("name"),
        "phone": customer.get("phone"),
        "email": customer.get("email"),
    }
    return any(key in row and row[key] != value for key, value in said.items())
