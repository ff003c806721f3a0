"""Refund records behind the :class:`~cstui.store.ports.RefundStore` port, in the same
main document as the open cases (TinyDB loaded on first use)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from cstui.models.refund_decisions import DECIDED_STATUSES, Decisions
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.hot import REFUNDS

if TYPE_CHECKING:
    from cstui.models.refunds import RefundRecord
    from cstui.store.file.tinydb_refunds import TinyDBRefundRepository


class FileRefundStore:
    """The ``refunds`` table of the main document."""

    def __init__(self, backend: JSONFileBackend) -> None:
        self.backend = backend

    @cached_property
    def repository(self) -> TinyDBRefundRepository:
        """The TinyDB repository that reads and writes the records."""
        from cstui.store.file.tinydb_refunds import TinyDBRefundRepository

        return TinyDBRefundRepository(self.backend)

    def create(self, build: Callable[[str], RefundRecord]) -> RefundRecord:
        """See :meth:`cstui.store.ports.RefundStore.create`."""
        return self.repository.create(build)

    def get(self, refund_id: str) -> RefundRecord:
        """See :meth:`cstui.store.ports.RefundStore.get`."""
        return self.repository.get(refund_id)

    def update(
        self, refund_id: str, actor: str, change: Callable[[RefundRecord], RefundRecord]
    ) -> RefundRecord:
        """See :meth:`cstui.store.ports.RefundStore.update`."""
        return self.repository.update(refund_id, actor, change)

    def pending(self) -> list[RefundRecord]:
        """See :meth:`cstui.store.ports.RefundStore.pending`."""
        return self.repository.pending()

    def for_case(self, case_id: str) -> list[RefundRecord]:
        """See :meth:`cstui.store.ports.RefundStore.for_case`."""
        return self.repository.for_case(case_id)

    def all(self) -> list[RefundRecord]:
        """See :meth:`cstui.store.ports.RefundStore.all`."""
        return self.repository.all()

    def decisions(self, requester: str) -> Decisions:
        """See :meth:`cstui.store.ports.RefundStore.decisions`: counted on the stored
        documents as they are, without TinyDB or the models (home reads it at start)."""
        table = self.backend.snapshot().get(REFUNDS, {})
        answered = [
            str(doc.get("status"))
            for doc in table.values()
            if isinstance(doc, dict)
            and doc.get("created_by") == requester
            and doc.get("approval") is not None
            and doc.get("status") in DECIDED_STATUSES
        ]
        approved = answered.count("approved")
        return Decisions(approved, len(answered) - approved)
