"""Refund records as TinyDB documents, in the same store document as the cases.

Table ``refunds``; each record's document id is the number in its human id (``R-000007``
is 7). The next number is ``next_refund`` in the ``meta`` table's document 1 (beside the
cases' ``next_case``), taken under the store's lock like case ids. Changes are made by a
function applied under the lock to the record as stored, so two team leaders deciding at
once cannot both win.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Document, Table

from cstui.errors import NotFound, StoreCorruptError
from cstui.models.refunds import RefundRecord, RefundStatus, format_refund_id, refund_number
from cstui.store.file.audit import AuditEvent
from cstui.store.file.backend import Backend, Buffer
from cstui.store.file.hot import CASES, META, REFUNDS
from cstui.store.file.tinydb_tables import BufferStorage, merge, replace

_META_ID = 1
_COUNTER = "next_refund"
_CASE_COUNTER = "next_case"


def refund_to_document(record: RefundRecord) -> dict[str, Any]:
    """A JSON-ready dict of ``record``."""
    return record.model_dump(mode="json")


def refund_from_document(doc: dict[str, Any]) -> RefundRecord:
    """The record a stored document holds; a malformed one is reported, never guessed at."""
    try:
        return RefundRecord.model_validate(doc)
    except ValidationError:
        raise StoreCorruptError(
            f"stored refund record {doc.get('id', '(no id)')} is not readable; the store may "
            "have been edited by hand"
        ) from None


class TinyDBRefundRepository:
    """Refund records in a TinyDB table, over the same backend as the cases."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @contextmanager
    def _writing(self) -> Iterator[tuple[TinyDB, Buffer]]:
        with self.backend.transaction() as buffer:
            yield TinyDB(buffer, True, storage=BufferStorage), buffer

    def _table(self, db: TinyDB) -> Table:
        return db.table(REFUNDS, cache_size=0)

    def _all(self) -> list[RefundRecord]:
        db = TinyDB(Buffer(self.backend.snapshot()), False, storage=BufferStorage)
        docs = sorted(self._table(db).all(), key=lambda d: d.doc_id)
        return [refund_from_document(dict(d)) for d in docs]

    def create(self, build: Callable[[str], RefundRecord]) -> RefundRecord:
        """Take the next number under the lock, build the record, store it."""
        with self._writing() as (db, buffer):
            meta = db.table(META, cache_size=0)
            refunds = self._table(db)
            counter = meta.get(doc_id=_META_ID)
            number = int(counter.get(_COUNTER, 1)) if counter else 1
            while refunds.contains(doc_id=number):
                number += 1
            record = build(format_refund_id(number))
            document = refund_to_document(record)
            refunds.insert(Document(document, doc_id=number))
            buffer.events.append(
                AuditEvent(record.created_by, record.id, "created", tuple(document))
            )
            counters = {_COUNTER: number + 1}
            if not counter or _CASE_COUNTER not in counter:
                # The case repository expects its counter whenever the meta document exists.
                cases = db.table(CASES, cache_size=0)
                counters[_CASE_COUNTER] = max((d.doc_id for d in cases.all()), default=0) + 1
            merge(meta, _META_ID, counters)
        return record

    def get(self, refund_id: str) -> RefundRecord:
        """The stored record, or NotFound."""
        db = TinyDB(Buffer(self.backend.snapshot()), False, storage=BufferStorage)
        doc = self._table(db).get(doc_id=refund_number(refund_id))
        if doc is None:
            raise NotFound(f"there is no refund record {refund_id}")
        return refund_from_document(dict(doc))

    def update(
        self, refund_id: str, actor: str, change: Callable[[RefundRecord], RefundRecord]
    ) -> RefundRecord:
        """Apply ``change`` to the record as stored, under the lock; store and return it.

        ``change`` may raise to refuse; then nothing is written. ``actor`` is audited.
        """
        number = refund_number(refund_id)
        with self._writing() as (db, buffer):
            refunds = self._table(db)
            stored = refunds.get(doc_id=number)
            if stored is None:
                raise NotFound(f"there is no refund record {refund_id}")
            changed = change(refund_from_document(dict(stored)))
            document = refund_to_document(changed)
            replace(refunds, number, document)
            fields = tuple(k for k, v in document.items() if stored.get(k) != v)
            buffer.events.append(AuditEvent(actor, changed.id, "updated", fields))
        return changed

    def pending(self) -> list[RefundRecord]:
        """Requests waiting for a team leader, oldest first."""
        return [r for r in self._all() if r.status is RefundStatus.PENDING]

    def for_case(self, case_id: str) -> list[RefundRecord]:
        """The records linked to a case, oldest first."""
        return [r for r in self._all() if r.case_id == case_id]

    def all(self) -> list[RefundRecord]:
        """Every record, oldest first."""
        return self._all()
