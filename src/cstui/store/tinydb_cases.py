"""The embedded default: cases kept as TinyDB documents in one JSON document.

Each case's TinyDB document id is the number in its human id (``C-000042`` is 42), so
ids come from the app, never from TinyDB's per-process counter. The next number lives
in a ``meta`` table and is taken under the store's lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from cstui.errors import ConflictError, NotFound, StoreError
from cstui.models.case import Case, case_number, format_case_id
from cstui.models.customer import normalise_email, normalise_phone
from cstui.store.audit import AuditEvent
from cstui.store.backend import Backend, Buffer, Tables
from cstui.store.documents import case_from_document, case_to_document

CASES = "cases"
META = "meta"
_META_ID = 1


class _BufferStorage(Storage):
    """Hands TinyDB a transaction's buffer instead of a file."""

    def __init__(self, buffer: Buffer, writable: bool) -> None:
        self.buffer = buffer
        self.writable = writable

    def read(self) -> Tables:
        return self.buffer.data

    def write(self, data: Tables) -> None:
        if not self.writable:
            raise StoreError("internal error: a read tried to write the store")
        self.buffer.data = data
        self.buffer.dirty = True


class TinyDBCaseRepository:
    """Cases in TinyDB tables, over a file or memory backend."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @contextmanager
    def _writing(self) -> Iterator[tuple[TinyDB, Buffer]]:
        with self.backend.transaction() as buffer:
            yield TinyDB(buffer, True, storage=_BufferStorage), buffer

    def _reading(self) -> TinyDB:
        return TinyDB(Buffer(self.backend.snapshot()), False, storage=_BufferStorage)

    @staticmethod
    def _cases(db: TinyDB) -> Table:
        return db.table(CASES, cache_size=0)

    def create(self, build: Callable[[str], Case]) -> Case:
        """Take the next number under the lock, build the case, store it."""
        with self._writing() as (db, buffer):
            meta = db.table(META, cache_size=0)
            cases = self._cases(db)
            counter = meta.get(doc_id=_META_ID)
            number = int(counter["next_case"]) if counter else 1
            while cases.contains(doc_id=number):
                number += 1
            case = build(format_case_id(number))
            document = case_to_document(case)
            cases.insert(Document(document, doc_id=number))
            buffer.events.append(AuditEvent(case.created_by, case.id, "created", tuple(document)))
            meta.upsert(Document({"next_case": number + 1}, doc_id=_META_ID))
        return case

    def create_many(
        self, builds: list[tuple[str | None, Callable[[str], Case]]], actor: str
    ) -> list[Case | None]:
        """Store many new cases in one transaction (an import), all or none.

        Each item is (the id the case must keep, or None for the next number; build).
        An item whose id is already stored, or whose built case has an ``import_key``
        already stored, is skipped: None in its place in the result.
        """
        with self._writing() as (db, buffer):
            meta = db.table(META, cache_size=0)
            cases = self._cases(db)
            counter = meta.get(doc_id=_META_ID)
            number = int(counter["next_case"]) if counter else 1
            taken = {int(doc_id) for doc_id in buffer.data.get(CASES, {})}
            keys = {d.get("import_key") for d in buffer.data.get(CASES, {}).values()} - {None}
            results: list[Case | None] = []
            documents: list[Document] = []
            for wanted, build in builds:
                if wanted is not None:
                    slot = case_number(wanted)
                    if slot in taken:
                        results.append(None)
                        continue
                else:
                    while number in taken:
                        number += 1
                    slot = number
                case = build(format_case_id(slot))
                if case.import_key is not None and case.import_key in keys:
                    results.append(None)
                    continue
                document = case_to_document(case)
                documents.append(Document(document, doc_id=slot))
                buffer.events.append(AuditEvent(actor, case.id, "imported", tuple(document)))
                taken.add(slot)
                keys.add(case.import_key)
                results.append(case)
            if documents:
                cases.insert_multiple(documents)
                following = max(number, max(taken) + 1)
                meta.upsert(Document({"next_case": following}, doc_id=_META_ID))
        return results

    def get(self, case_id: str) -> Case:
        """The stored case, or NotFound."""
        doc = self._cases(self._reading()).get(doc_id=case_number(case_id))
        if doc is None:
            raise NotFound(f"there is no case {case_id}")
        return case_from_document(dict(doc))

    def save(self, case: Case, expected_version: int) -> Case:
        """Write ``case`` as version ``expected_version + 1`` unless someone got there first."""
        number = case_number(case.id)
        with self._writing() as (db, buffer):
            cases = self._cases(db)
            stored = cases.get(doc_id=number)
            if stored is None:
                raise NotFound(f"there is no case {case.id}")
            current = case_from_document(dict(stored))
            if current.version != expected_version:
                by, at = current.last_change()
                raise ConflictError(case.id, by, at)
            saved = case.model_copy(update={"version": expected_version + 1})
            document = case_to_document(saved)
            cases.upsert(Document(document, doc_id=number))
            changed = tuple(k for k, v in document.items() if stored.get(k) != v)
            buffer.events.append(AuditEvent(saved.updated_by, saved.id, "updated", changed))
        return saved

    def _all(self, keep: Callable[[dict[str, Any]], bool]) -> list[Case]:
        docs = self._cases(self._reading()).all()
        return [
            case_from_document(dict(d)) for d in sorted(docs, key=lambda d: d.doc_id) if keep(d)
        ]

    def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first."""
        return self._all(lambda d: d.get("step") != "closed")

    def closed_cases(self) -> list[Case]:
        """Every closed case, oldest first."""
        return self._all(lambda d: d.get("step") == "closed")

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """Cases with the same phone or email, newest first."""
        want_phone = normalise_phone(phone) if phone else None
        want_email = normalise_email(email) if email else None

        def same_customer(doc: dict[str, Any]) -> bool:
            customer = doc.get("customer") or {}
            return bool(
                (want_phone and customer.get("phone") == want_phone)
                or (want_email and customer.get("email") == want_email)
            )

        return list(reversed(self._all(same_customer)))
