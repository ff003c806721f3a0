"""The file store's cases behind the :class:`~cstui.store.ports.CaseStore` port.

Lists of open cases and the "has it changed" token are read straight from the main
document; everything else goes to the TinyDB repository, loaded on first use, so a
start that only lists cases never imports TinyDB.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from cstui.store.file.archive_rows import ReportRows
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.hot import stored_briefs
from cstui.store.query import ArchiveQuery
from cstui.store.records import Progress, Revision

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.case import Case
    from cstui.models.report_facts import ComplaintFacts
    from cstui.store.file.tinydb_cases import TinyDBCaseRepository

BriefOf = Callable[["Case"], "CaseBrief"]


class FileCaseStore:
    """Open cases in the main document (with their briefs), closed ones in the archive."""

    def __init__(
        self,
        backend: JSONFileBackend,
        brief_of: BriefOf,
        brief_stamp: Callable[[], str],
        rows: ReportRows,
        closed_batch: int,
    ) -> None:
        """``brief_stamp`` names the policy and rules briefs are worked out under (asked
        for when first needed)."""
        self.backend = backend
        self.brief_of = brief_of
        self.brief_stamp = brief_stamp
        self.rows = rows
        self.closed_batch = closed_batch
        self._briefs: tuple[object, list[CaseBrief]] = (None, [])

    @cached_property
    def repository(self) -> TinyDBCaseRepository:
        """The TinyDB repository that reads and writes the cases."""
        from cstui.store.file.tinydb_cases import TinyDBCaseRepository

        return TinyDBCaseRepository(
            self.backend, self.brief_of, self.brief_stamp(), self.closed_batch, self.rows
        )

    def create(self, build: Callable[[str], Case]) -> Case:
        """See :meth:`cstui.store.ports.CaseStore.create`."""
        return self.repository.create(build)

    def create_many(
        self, builds: list[tuple[str | None, Callable[[str], Case]]], actor: str
    ) -> list[Case | None]:
        """See :meth:`cstui.store.ports.CaseStore.create_many`."""
        return self.repository.create_many(builds, actor)

    def get(self, case_id: str) -> Case:
        """See :meth:`cstui.store.ports.CaseStore.get`."""
        return self.repository.get(case_id)

    def save(self, case: Case, expected_version: int) -> Case:
        """See :meth:`cstui.store.ports.CaseStore.save`."""
        return self.repository.save(case, expected_version)

    def open_cases(self) -> list[Case]:
        """See :meth:`cstui.store.ports.CaseStore.open_cases`."""
        return self.repository.open_cases()

    def open_briefs(self) -> list[CaseBrief]:
        """The stored briefs when they are all there and current under the policy in
        force; otherwise worked out from the full cases. Read again only when the main
        document changed."""
        document = self.backend.snapshot()
        known, briefs = self._briefs
        if document is not known:
            found = stored_briefs(document, self.brief_stamp())
            briefs = found if found is not None else [self.brief_of(c) for c in self.open_cases()]
            self._briefs = (document, briefs)
        return list(briefs)

    def closed_cases(self, query: ArchiveQuery | None = None) -> list[Case]:
        """See :meth:`cstui.store.ports.CaseStore.closed_cases`."""
        return self.repository.closed_cases(query)

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """See :meth:`cstui.store.ports.CaseStore.customer_cases`."""
        return self.repository.customer_cases(phone, email)

    def report_facts(
        self, query: ArchiveQuery | None = None, progress: Progress | None = None
    ) -> list[ComplaintFacts]:
        """See :meth:`cstui.store.ports.CaseStore.report_facts`."""
        return self.repository.report_facts(query, progress)

    def revision(self) -> Revision:
        """The main document file's identity: a save of an open case or a refund always
        replaces it."""
        return self.backend.revision()
