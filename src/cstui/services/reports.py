"""Reports as both faces use them: the team board, the analysis of complaints, trends.

Everything is read through the case service and its store's ports (and, for refunds
awaiting approval, a callable the composition root gives), so how a store keeps its
cases changes nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from cstui.bulk import in_bulk
from cstui.domain import reports
from cstui.domain.board import counters
from cstui.domain.due import delay_notice_pending_from, next_deadline, next_due, zone
from cstui.domain.trends import trends
from cstui.errors import FieldProblem, InputError
from cstui.models.analysis import AnalysisRow
from cstui.models.board import BoardRow, Counters
from cstui.models.case import Case
from cstui.models.deadline import Due, DueKind
from cstui.models.policy import Policy
from cstui.models.trends import Trends
from cstui.services.cases import CaseService
from cstui.store.ports import ArchiveQuery, Progress, Revision

KeptDue = tuple[DueKind, datetime, datetime | None]
"""A case version's deadline: its kind, when, and when a delay notice becomes due."""

if TYPE_CHECKING:  # loaded only where refunds are used
    from cstui.services.refunds import RefundService

__all__ = ["Board", "Progress", "ReportService", "report_service"]

MAX_WEEKS = 520
MARGIN = timedelta(days=1)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _period(start: date | None, end: date | None) -> ArchiveQuery:
    """The cases that may have been received from ``start`` to ``end``, a day either side
    (for time zones); callers pick the exact ones in the centre's zone."""
    return ArchiveQuery(
        created_from=_midnight(start - MARGIN) if start and start > date.min + MARGIN else None,
        created_to=_midnight(end + MARGIN) if end and end < date.max - MARGIN else None,
    )


@dataclass(frozen=True)
class Board:
    """The team view's content at one moment."""

    rows: list[BoardRow]
    counters: Counters
    now: datetime


def parse_day(text: str | None, field: str) -> date:
    """A date typed as YYYY-MM-DD; InputError naming ``field`` if it is not one."""
    if text is None or not text.strip():
        raise InputError.single(field, "is required (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError.single(field, "is not a date (use YYYY-MM-DD)") from None


def parse_period(start: str | None, end: str | None) -> tuple[date, date]:
    """``--from`` and ``--to`` checked together: both dates, the end not before the start."""
    problems: list[FieldProblem] = []
    days: list[date] = []
    for field, text in (("from", start), ("to", end)):
        try:
            days.append(parse_day(text, field))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    if days[1] < days[0]:
        raise InputError.single("to", "is before the start of the period")
    return days[0], days[1]


def check_weeks(weeks: int) -> int:
    """A number of weeks from 1 to 520."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError.single("weeks", f"must be from 1 to {MAX_WEEKS}")
    return weeks


class ReportService:
    """Reports over every case, for one user, with the policy's clocks."""

    def __init__(
        self,
        cases: CaseService,
        policy: Policy,
        awaiting: Callable[[], Collection[str]] | None = None,
    ) -> None:
        """``awaiting`` gives the ids of cases with a refund awaiting approval (optional).

        The open cases read last time are used again while the store's revision is the
        same (see :meth:`cstui.store.ports.CaseStore.revision`).
        """
        self.cases = cases
        self.policy = policy
        self.awaiting = awaiting
        self._revision: tuple[Revision] | None = None
        self._token: object = None
        self._state: object = None
        self._open: list[Case] = []
        self._dues: dict[tuple[str, int], KeptDue | None] = {}

    @property
    def zone(self) -> tzinfo:
        """The centre's time zone."""
        return zone(self.policy.business_hours)

    def now(self) -> datetime:
        """The service's clock."""
        return self.cases.clock()

    def _received(self, start: date | None, end: date | None) -> list[Case]:
        """Cases that may have been received from ``start`` to ``end`` (a day either side,
        for time zones); callers pick the exact ones in the centre's zone."""
        if start is None and end is None:
            return self.cases.every()
        return self.cases.every(_period(start, end))

    def awaiting_ids(self) -> Collection[str]:
        """Ids of cases with a refund waiting for a team leader's approval."""
        return set(self.awaiting()) if self.awaiting is not None else set()

    def store_token(self) -> object:
        """An object that stays the same (``is``) while the store is unchanged, or None
        when the store cannot tell (the caller then reads every time)."""
        revision = self.cases.repo.revision()
        if revision is None:
            return None
        if self._revision != (revision,):
            self._revision, self._token = (revision,), object()
        return self._token

    def open_cases(self) -> list[Case]:
        """Every open case; read again only when the store has changed."""
        state = self.store_token()
        if state is None or state is not self._state:
            self._open = self.cases.repo.open_cases()
            self._state = state
        return self._open

    def due(self, case: Case, now: datetime) -> Due | None:
        """The case's next deadline. Kept per case version, except while waiting (the
        resolve date moves on while the clock is paused)."""
        if case.waiting:
            return next_due(case, self.policy, now)
        key = (case.id, case.version)
        if key not in self._dues:
            found = next_deadline(case, self.policy, now)
            notice = delay_notice_pending_from(case, self.policy)
            self._dues[key] = None if found is None else (*found, notice)
        kept = self._dues[key]
        return None if kept is None else Due.against(kept[0], kept[1], now, kept[2])

    def board(self) -> Board:
        """Every open case with its due date, age and flags, and the counters."""
        now = self.now()
        cases = self.open_cases()
        if len(self._dues) > 4 * len(cases) + 1000:
            self._dues.clear()
        awaiting = self.awaiting_ids()
        rows = [BoardRow(c, self.due(c, now), now - c.created_at, c.id in awaiting) for c in cases]
        return Board(rows, counters(rows, now, self.zone), now)

    @in_bulk
    def complaints(
        self, start: date, end: date, progress: Progress | None = None
    ) -> list[AnalysisRow]:
        """The analysis table of complaints received from ``start`` to ``end`` (inclusive).

        Closed cases are read from the facts the archive keeps for this table, not in
        full; ``progress`` is told (cases read, cases to read) as they are.
        """
        facts = self.cases.repo.report_facts(_period(start, end), progress)
        return reports.analysis_of(facts, start, end, self.zone)

    @in_bulk
    def trends(self, weeks: int = 12) -> Trends:
        """The trends of the last ``weeks`` weeks."""
        weeks = check_weeks(weeks)
        now = self.now()
        # Everything a window counts (received, a cycle started, a follow-up, a reopening)
        # changed the case, so closed cases untouched since the window began are skipped.
        touched = ArchiveQuery(updated_from=now - timedelta(weeks=weeks) - MARGIN)
        return trends(self.cases.every(touched), self.policy, now, weeks)

    @in_bulk
    def cases_between(self, start: date | None, end: date | None) -> list[Case]:
        """Every case (open and closed) received in the period, oldest first."""
        cases = self._received(start, end)
        if start is None and end is None:
            return cases
        first, last = start or date.min, end or date.max
        return [c for c in cases if reports.received_between(c, first, last, self.zone)]


class ReportSources(Protocol):
    """What the reports are worked out from (the composition root has them all)."""

    @property
    def cases(self) -> CaseService:
        """Logging and working cases."""
        ...

    @property
    def policy(self) -> Policy:
        """The centre's policy."""
        ...

    @property
    def refunds(self) -> RefundService:
        """Refund checks and approvals."""
        ...


def pending_case_ids(refunds: RefundService) -> Callable[[], Collection[str]]:
    """A callable giving the ids of cases whose refund waits for approval."""

    def ids() -> Collection[str]:
        return {r.case_id for r in refunds.pending() if r.case_id}

    return ids


def report_service(sources: ReportSources) -> ReportService:
    """The reports of ``sources``, marking cases whose refund awaits approval."""
    return ReportService(sources.cases, sources.policy, pending_case_ids(sources.refunds))
