"""The embedded default: cases kept as TinyDB documents in JSON documents.

Open cases are in the main document's ``cases`` table, so every everyday save rewrites
only the few hundred cases a team is working on. A case that closes moves to the
archive (see :mod:`cstui.store.file.case_archive`); one that is reopened moves back.

Each case's TinyDB document id is the number in its human id (``C-000042`` is 42), so
ids come from the app, never from TinyDB's per-process counter. The next number lives
in a ``meta`` table and is taken under the store's lock.

Each change to a case is audited with a :class:`~cstui.store.file.audit.CaseEvent`, so
the case is stored anchored to its audit entry (see :mod:`cstui.store.file.audit_anchors`).

Each write of an open case also writes its brief (worked out by the function the
composition root hands the store), so lists of open cases can be read without the
models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from cstui.errors import ConflictError, NotFound, StoreError
from cstui.models.case import Case, case_number, format_case_id
from cstui.models.customer import normalise_email, normalise_phone
from cstui.store.file.archive_rows import ReportRows
from cstui.store.file.audit import CaseEvent
from cstui.store.file.backend import Backend, Buffer, Tables
from cstui.store.file.case_archive import CaseArchive
from cstui.store.file.documents import bulk, case_from_document, case_to_document
from cstui.store.file.hot import (
    BRIEF_STAMP,
    BRIEFS,
    CASES,
    JOURNAL_FORMAT,
    META,
    briefs_current,
    closed_in_main,
    store_format,
)
from cstui.store.file.hot import META_ID as _META_ID
from cstui.store.file.tinydb_tables import BufferStorage, merge, replace
from cstui.store.query import ArchiveQuery
from cstui.store.records import AuditEvent, Progress

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.report_facts import ComplaintFacts

Briefer = Callable[[Case], "CaseBrief"]
"""Works out a case's brief under the policy in force."""


class TinyDBCaseRepository:
    """Cases in TinyDB tables, over a file or memory backend."""

    def __init__(
        self,
        backend: Backend,
        briefer: Briefer | None = None,
        brief_stamp: str = "",
        closed_batch: int = 0,
        rows: ReportRows | None = None,
    ) -> None:
        """Without a ``briefer`` no briefs are written (lists then read the full cases).

        With a ``closed_batch``, a case that closes stays in the main document until that
        many have closed; the save that closes the last of them moves them all to the
        archive together. A close is then one write, like any other save, and the
        archive's blocks are rewritten once per batch rather than once per case.

        With ``rows``, each archive block's report rows are kept beside it (needed for
        :meth:`report_facts`).
        """
        self.backend = backend
        self.archive = CaseArchive(backend, rows)
        self.briefer = briefer
        self.brief_stamp = brief_stamp
        self.closed_batch = closed_batch
        self._open: tuple[Tables | None, list[Case]] = (None, [])
        self._briefer_ready = False

    def _audit(self, buffer: Buffer, event: tuple[str, str, str, tuple[str, ...]]) -> None:
        """Audit a change to a case (actor, case id, action, fields), anchoring the case
        as this transaction stores it."""
        actor, case_id, action, fields = event
        number = case_number(case_id)

        def locate() -> dict[str, Any] | None:
            hot: dict[str, Any] | None = buffer.data.get(CASES, {}).get(str(number))
            return hot if hot is not None else self.archive.get(number, buffer)

        buffer.events.append(CaseEvent(actor, case_id, action, fields, locate=locate))

    @contextmanager
    def _writing(self, journal: bool = False) -> Iterator[tuple[TinyDB, Buffer]]:
        """A transaction on the tables; with ``journal``, a change of open cases only may
        be one line of the main document's journal (never an erasure: a journal keeps
        what it replaced until it is folded)."""
        with self.backend.transaction() as buffer:
            buffer.journal = journal and store_format(buffer.data) >= JOURNAL_FORMAT
            db = TinyDB(buffer, True, storage=BufferStorage)
            yield db, buffer
            if buffer.dirty:
                self._brief_all(db, buffer)

    def _brief(
        self, db: TinyDB, number: int, case: Case | None, brief: CaseBrief | None = None
    ) -> None:
        """Store the brief of open ``case`` under ``number`` (``brief``, when it was worked
        out before the lock), or drop it (None: closed)."""
        if self.briefer is None:
            return
        briefs = db.table(BRIEFS, cache_size=0)
        if case is not None and case.is_open:
            replace(briefs, number, (brief or self.briefer(case)).to_document())
        elif briefs.contains(doc_id=number):
            briefs.remove(doc_ids=[number])

    def _brief_all(self, db: TinyDB, buffer: Buffer) -> None:
        """Work out every open case's brief again when the stored ones are not all there
        and current under this policy (a new policy, a store from before briefs)."""
        if self.briefer is None or briefs_current(buffer.data, self.brief_stamp):
            return
        briefs = db.table(BRIEFS, cache_size=0)
        briefs.truncate()
        hot = buffer.data.get(CASES, {})
        with bulk():
            for key in sorted(hot, key=int):
                if hot[key].get("step") != "closed":
                    brief = self.briefer(case_from_document(hot[key]))
                    briefs.insert(Document(brief.to_document(), doc_id=int(key)))
        merge(db.table(META, cache_size=0), _META_ID, {BRIEF_STAMP: self.brief_stamp})

    def _reading(self) -> TinyDB:
        return TinyDB(Buffer(self.backend.snapshot()), False, storage=BufferStorage)

    @staticmethod
    def _cases(db: TinyDB) -> Table:
        return db.table(CASES, cache_size=0)

    def create(self, build: Callable[[str], Case]) -> Case:
        """Take the next number under the lock, build the case, store it."""
        if self.briefer is not None and not self._briefer_ready:
            self.briefer(build(format_case_id(1)))  # its first use loads the calendars
            self._briefer_ready = True  # once, before the lock, not while others wait
        with self._writing(journal=True) as (db, buffer):
            meta = db.table(META, cache_size=0)
            cases = self._cases(db)
            counter = meta.get(doc_id=_META_ID)
            number = int(counter.get("next_case", 1)) if counter else 1
            number = max(number, self.archive.highest(buffer) + 1)
            while cases.contains(doc_id=number):
                number += 1
            case = build(format_case_id(number))
            document = case_to_document(case)
            cases.insert(Document(document, doc_id=number))
            self._brief(db, number, case)
            self._audit(buffer, (case.created_by, case.id, "created", tuple(document)))
            merge(meta, _META_ID, {"next_case": number + 1})
        return case

    def _put(self, db: TinyDB, buffer: Buffer, case: Case, document: dict[str, Any]) -> None:
        """Store a new case where its step says: open in the main document, closed apart."""
        number = case_number(case.id)
        if document.get("step") == "closed":
            self.archive.put(buffer, number, document, self.archive.get(number, buffer))
        else:
            self._cases(db).insert(Document(document, doc_id=number))
            self._brief(db, number, case)

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
            counter = meta.get(doc_id=_META_ID)
            number = int(counter.get("next_case", 1)) if counter else 1
            hot = buffer.data.get(CASES, {})
            taken = {int(doc_id) for doc_id in hot}
            keys = {d.get("import_key") for d in hot.values()} - {None}

            def stored(slot: int) -> bool:
                return slot in taken or self.archive.get(slot, buffer) is not None

            def imported(key: str | None) -> bool:
                return key is not None and (
                    key in keys or bool(self.archive.numbers("import", key, buffer))
                )

            results: list[Case | None] = []
            for wanted, build in builds:
                if wanted is not None:
                    slot = case_number(wanted)
                    if stored(slot):
                        results.append(None)
                        continue
                else:
                    while stored(number):
                        number += 1
                    slot = number
                case = build(format_case_id(slot))
                if imported(case.import_key):
                    results.append(None)
                    continue
                document = case_to_document(case)
                self._put(db, buffer, case, document)
                self._audit(buffer, (actor, case.id, "imported", tuple(document)))
                taken.add(slot)
                keys.add(case.import_key)
                results.append(case)
            if any(results):
                following = max(number, max(taken) + 1)
                merge(meta, _META_ID, {"next_case": following})
        return results

    def get(self, case_id: str) -> Case:
        """The stored case, or NotFound."""
        number = case_number(case_id)
        doc = self._cases(self._reading()).get(doc_id=number)
        found = dict(doc) if doc is not None else self.archive.get(number)
        if found is None:
            raise NotFound(f"there is no case {case_id}")
        return case_from_document(found)

    def save(self, case: Case, expected_version: int) -> Case:
        """Write ``case`` as version ``expected_version + 1`` unless someone got there first."""
        number = case_number(case.id)
        saved = case.model_copy(update={"version": expected_version + 1})
        brief = self.briefer(saved) if self.briefer and saved.is_open else None  # before the lock
        with self._writing(journal=case.redacted_at is None) as (db, buffer):
            cases = self._cases(db)
            hot = cases.get(doc_id=number)
            # An open case is in the main document; its block is read only when it closes,
            # reopens, or loses its personal data (a copy a crash left there goes too).
            needed = hot is None or not case.is_open or case.redacted_at is not None
            archived = self.archive.get(number, buffer) if needed else None
            stored = dict(hot) if hot is not None else archived
            if stored is None:
                raise NotFound(f"there is no case {case.id}")
            current = case_from_document(stored)
            if current.version != expected_version:
                by, at = current.last_change()
                raise ConflictError(case.id, by, at)
            document = case_to_document(saved)
            self._brief(db, number, saved, brief)
            self._place(db, buffer, (number, saved.is_open), document, (hot, archived))
            changed = tuple(k for k, v in document.items() if stored.get(k) != v)
            self._audit(buffer, (saved.updated_by, saved.id, "updated", changed))
            if self.closed_batch and closed_in_main(buffer.data) >= self.closed_batch:
                self._archive_closed(db, buffer)
        return saved

    def _place(
        self,
        db: TinyDB,
        buffer: Buffer,
        where: tuple[int, bool],
        document: dict[str, Any],
        stored: tuple[Document | None, dict[str, Any] | None],
    ) -> None:
        """Put a saved case's ``document`` where it now belongs: open in the main
        document, closed in its batch or the archive; ``where`` is (number, open) and
        ``stored`` (its main-document copy, its archived copy) as they were."""
        (number, is_open), (hot, archived) = where, stored
        cases = self._cases(db)
        if is_open:
            replace(cases, number, document)
            if archived is not None:  # reopened: out of the archive once it is safe
                self.archive.remove(buffer, number, archived)
        elif hot is not None and self.closed_batch:
            replace(cases, number, document)  # waits for its batch (see __init__)
        else:
            self.archive.put(buffer, number, document, archived)
            if hot is not None:
                cases.remove(doc_ids=[number])

    def _hot(self) -> dict[str, Any]:
        table: dict[str, Any] = self.backend.snapshot().get(CASES, {})
        return table

    def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first (read again only when the store changed)."""
        document = self.backend.snapshot()
        known, cases = self._open
        if document is not known:
            hot = document.get(CASES, {})
            with bulk():
                cases = [
                    case_from_document(hot[key])
                    for key in sorted(hot, key=int)
                    if hot[key].get("step") != "closed"
                ]
            self._open = (document, cases)
        return list(cases)

    def closed_cases(self, query: ArchiveQuery | None = None) -> list[Case]:
        """Closed cases (all, or those ``query`` wants), oldest first."""
        query = query or ArchiveQuery()
        hot = self._hot()
        with bulk():
            found = {
                int(key): doc
                for key, doc in hot.items()
                if doc.get("step") == "closed" and query.wants(doc)
            }
            for number, doc in self.archive.documents(query):
                if str(number) not in hot:
                    found[number] = doc
            return [case_from_document(found[n]) for n in sorted(found)]

    def report_facts(
        self, query: ArchiveQuery | None = None, progress: Progress | None = None
    ) -> list[ComplaintFacts]:
        """The report facts of every case ``query`` wants, open or closed, in no set
        order: archived ones from their block's report rows (see
        :mod:`cstui.store.file.archive_rows`); ``progress`` is told (cases read, cases to
        read)."""
        if self.archive.rows is None:
            raise StoreError("internal error: this store was opened without report facts")
        with bulk():
            return self.archive.rows.complaint_facts(
                self.archive, self._hot(), query or ArchiveQuery(), progress
            )

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """Cases with the same phone or email, newest first."""
        want = {
            "phone": normalise_phone(phone) if phone else None,
            "email": normalise_email(email) if email else None,
        }

        def same_customer(doc: dict[str, Any]) -> bool:
            customer = doc.get("customer") or {}
            return any(key and customer.get(kind) == key for kind, key in want.items())

        hot = self._hot()
        found = {int(k): d for k, d in hot.items() if same_customer(d)}
        for kind, key in want.items():
            for number in self.archive.numbers(kind, key) if key else []:
                doc = self.archive.get(number)
                if str(number) not in hot and doc is not None and same_customer(doc):
                    found[number] = doc
        return [case_from_document(found[n]) for n in sorted(found, reverse=True)]

    def closed_in_main(self) -> int:
        """How many closed cases are still in the main document (a store from before the
        archive); :meth:`move_closed_to_archive` moves them."""
        return closed_in_main(self.backend.snapshot())

    def move_closed_to_archive(self) -> int:
        """Move every closed case of the main document into the archive; return how many.

        The archive is written before the main document, so a crash in between loses
        nothing: the next run finds the cases still in the main document and moves them.
        """
        with self._writing() as (db, buffer):
            return self._archive_closed(db, buffer)

    def _archive_closed(self, db: TinyDB, buffer: Buffer) -> int:
        """Move the main document's closed cases to the archive, in this transaction."""
        cases = self._cases(db)
        closed = [doc for doc in cases.all() if doc.get("step") == "closed"]
        for doc in closed:
            self.archive.put(buffer, doc.doc_id, dict(doc), self.archive.get(doc.doc_id, buffer))
        if closed:
            cases.remove(doc_ids=[doc.doc_id for doc in closed])
            for doc in closed:
                self._brief(db, doc.doc_id, None)
            buffer.events.append(AuditEvent("cstui", "store", "archived", ("cases",)))
        return len(closed)
