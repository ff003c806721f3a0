"""Report rows: what the analysis of complaints needs of each archived case, kept beside
its block, so a report over a year reads a few megabytes instead of every closed case.

``analysis-0042`` holds, for each case of the block ``cases-0042``, its
:class:`~cstui.models.report_facts.ComplaintFacts` (worked out from the validated case by
the function the composition root hands the store: the code the analysis itself
uses), its version, and the moments an :class:`ArchiveQuery` looks at; and the format it
was made in::

    {"meta": {"format": 1}, "rows": {"4200": {"id": "C-004200", ...}, ...}}

Rows are derived data, written in the same transaction as their block by the archive's
``put`` and ``remove``. Their name sorts before the block's, and the backend writes (and
renames) parts in name order, so a crash in between leaves rows at least as new as their
block: a case closed or reopened by the unfinished change is still open in the main
document, which wins over the archive.

A reader that finds a block's rows missing, unreadable or of another format reads the
block itself. A store from before the rows gets them once, at start; restores, backups
and ``store check`` look after them too (:mod:`cstui.store.file.archive_rows_upkeep`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cstui.errors import StoreError
from cstui.store.file.backend import Backend, Buffer, Tables
from cstui.store.query import ArchiveQuery
from cstui.store.records import Progress

if TYPE_CHECKING:  # the models load only when rows are worked out
    from cstui.models.case import Case
    from cstui.models.report_facts import ComplaintFacts
    from cstui.store.file.case_archive import CaseArchive

PREFIX = "analysis-"
META = "meta"
ROWS = "rows"
KEPT = ("version", "updated_at", "closed_at")
"""Fields copied as stored: what a query and ``store check`` compare."""

Document = dict[str, Any]
FactsOf = Callable[["Case"], "ComplaintFacts"]
"""Works out a case's report facts (handed in by the composition root)."""
Found = list[tuple[str, "ComplaintFacts"]]
"""(case number, facts) pairs."""


def rows_name(block: str) -> str:
    """The rows part of the block part ``block``: ``cases-0042`` has ``analysis-0042``."""
    return PREFIX + block.rpartition("-")[2]


def _count(entry: Document) -> int:
    count = entry.get("count")
    return count if isinstance(count, int) else 0


@dataclass(frozen=True)
class ReportRows:
    """How one store works out, keeps and reads its report rows.

    ``facts_of`` works out a case's facts; ``format`` names what it makes of a case (it
    changes whenever that does): rows of another format are not used, and are built
    again at the next start.
    """

    facts_of: FactsOf
    format: int

    def stamp(self) -> Document:
        """The meta table of rows made now."""
        return {"format": self.format}

    def row_of(self, document: Document) -> Document | None:
        """The row of an archived case's stored document; None if it cannot be read."""
        from cstui.store.file.documents import case_from_document

        try:
            return self.row_from(case_from_document(document), document)
        except StoreError:
            return None

    def row_from(self, case: Case, document: Document) -> Document:
        """The row of ``case``, validated from its stored ``document``."""
        row = self.facts_of(case).to_document()
        row.update((field, document.get(field)) for field in KEPT)
        return row

    def rows_of(self, block: Tables) -> Tables:
        """The whole rows part of a block part."""
        cases = block.get("cases", {})
        return {META: self.stamp(), ROWS: {key: self.row_of(doc) for key, doc in cases.items()}}

    def current_rows(self, rows: Tables) -> dict[str, Document | None] | None:
        """The rows table of a rows part, if it is of the current format."""
        table = rows.get(ROWS)
        return table if rows.get(META) == self.stamp() and isinstance(table, dict) else None

    # -- writing (inside the archive's transaction) --------------------------------------

    def put_row(self, buffer: Buffer, block: str, number: int, document: Document) -> None:
        """Keep the rows of ``block`` in step with the case ``number`` just put in it."""
        self._refresh(buffer, block, number, document)

    def drop_row(self, buffer: Buffer, block: str, number: int) -> None:
        """Keep the rows of ``block`` in step with the case ``number`` just taken out of
        it (written after the main document, as the block is)."""
        self._refresh(buffer, block, number, None)

    def _refresh(self, buffer: Buffer, block: str, number: int, document: Document | None) -> None:
        name = rows_name(block)
        rows = buffer.part(name)
        table = self.current_rows(rows)
        if table is None:  # none yet, or of another format: all of them again
            fresh = self.rows_of(buffer.part(block))
            rows.clear()
            rows.update(fresh)
        elif document is None:
            table.pop(str(number), None)
        else:
            table[str(number)] = self.row_of(document)
        buffer.changed_part(name, after_main=document is None)

    # -- reading -------------------------------------------------------------------------

    def _from_rows(self, backend: Backend, block: str, query: ArchiveQuery) -> Found | None:
        """The cases ``query`` wants, from the block's rows; None if they cannot be used."""
        from cstui.models.report_facts import ComplaintFacts

        found: Found = []
        simple = query.by_creation_only
        try:
            table = self.current_rows(backend.part(rows_name(block)))
            for key, row in (table or {}).items():
                if row is None:  # a case that could not be read when the rows were made
                    return None
                facts = ComplaintFacts.from_document(row)
                if query.created_within(facts.created_at) and (simple or query.wants(row)):
                    found.append((key, facts))
        except (StoreError, KeyError, TypeError, ValueError, AttributeError):
            return None  # damaged, or not private: the block itself is the truth
        return found if table is not None else None

    def _from_block(self, backend: Backend, block: str, query: ArchiveQuery) -> Found:
        """(number, facts) of the cases ``query`` wants, from the block itself."""
        from cstui.store.file.documents import case_from_document

        cases = backend.part(block).get("cases", {})
        return [
            (key, self.facts_of(case_from_document(doc)))
            for key, doc in cases.items()
            if query.wants(doc)
        ]

    def complaint_facts(
        self,
        archive: CaseArchive,
        main: Mapping[str, Document],
        query: ArchiveQuery,
        progress: Progress | None = None,
    ) -> list[ComplaintFacts]:
        """The facts of every case ``query`` wants: those of the main document's table of
        cases, ``main``, which win, then the archive's, from the rows where they can be
        used, else from the blocks.

        ``progress`` is told (cases read, cases to read) after the main document and
        after each block, the blocks counted as their index entries say.
        """
        from cstui.store.file.documents import case_from_document

        found = [self.facts_of(case_from_document(d)) for d in main.values() if query.wants(d)]
        blocks = archive.blocks(query)
        done, total = len(found), len(found) + sum(_count(entry) for _, entry in blocks)
        if progress is not None:
            progress(done, total)
        for block, entry in blocks:
            pairs = self._from_rows(archive.backend, block, query)
            if pairs is None:
                pairs = self._from_block(archive.backend, block, query)
            found += [facts for key, facts in pairs if key not in main]
            done = min(done + _count(entry), total)
            if progress is not None:
                progress(done, total)
        return found
