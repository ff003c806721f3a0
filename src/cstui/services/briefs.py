"""Open cases in brief, for lists: the home screen and ``cstui case list``.

Read from the briefs stored beside the open cases when they are all there and were
worked out under the policy in force; otherwise worked out from the full cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from cstui.domain.brief import CaseBrief
from cstui.models.kinds import Step
from cstui.store.backend import Backend
from cstui.store.hot import stored_briefs


def matching(
    briefs: Iterable[CaseBrief],
    now: datetime,
    owner: str | None = None,
    step: Step | None = None,
    overdue: bool = False,
) -> list[CaseBrief]:
    """The briefs of ``owner``'s cases at ``step``, past their deadline if ``overdue``
    (None and False: any)."""
    return [
        b
        for b in briefs
        if (owner is None or b.owner == owner)
        and (step is None or b.step is step)
        and (not overdue or ((due := b.due(now)) is not None and due.overdue))
    ]


class OpenCaseBriefs:
    """Every open case in brief, oldest first; read again only when the store changed."""

    def __init__(
        self,
        backend: Backend,
        stamp: str,
        work_out: Callable[[], list[CaseBrief]],
        clock: Callable[[], datetime],
    ) -> None:
        """``stamp`` names the policy in force (see :func:`cstui.domain.brief.brief_stamp`);
        ``work_out`` gives the briefs from the full cases when the stored ones will not do."""
        self.backend = backend
        self.stamp = stamp
        self.work_out = work_out
        self.clock = clock
        self._read: tuple[object, list[CaseBrief]] = (None, [])

    def all(self) -> list[CaseBrief]:
        """Every open case."""
        document = self.backend.snapshot()
        known, briefs = self._read
        if document is not known:
            found = stored_briefs(document, self.stamp)
            briefs = found if found is not None else self.work_out()
            self._read = (document, briefs)
        return list(briefs)

    def find(
        self, owner: str | None = None, step: Step | None = None, overdue: bool = False
    ) -> list[CaseBrief]:
        """The open cases that match (see :func:`matching`)."""
        return matching(self.all(), self.clock(), owner, step, overdue)
