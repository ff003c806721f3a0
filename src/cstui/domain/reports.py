"""The analysis of complaints: the complaints log's table (Date / Complaint / Complaint
made by / Complaint directed at) with the category and the outcome.

Pure functions over cases and a period; nothing here reads the store. The team board is
in :mod:`cstui.domain.board` and the trends in :mod:`cstui.domain.trends`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo

from cstui.domain.register_export import imported_outcome
from cstui.models.analysis import AnalysisRow
from cstui.models.case import Case, case_number
from cstui.models.kinds import Step
from cstui.models.report_facts import ComplaintFacts
from cstui.models.steps import FollowUpData, SolveData


def closed_outcome(case: Case) -> str:
    """What was decided and how the customer took it: ``Refund; customer satisfied``."""
    parts: list[str] = []
    solve = case.completed(Step.SOLVE)
    if solve is not None and isinstance(solve.data, SolveData):
        parts.append(solve.data.action)
    follow = case.completed(Step.FOLLOW_UP)
    if follow is not None and isinstance(follow.data, FollowUpData):
        data = follow.data
        if data.satisfied:
            parts.append("customer satisfied")
        elif data.internal_review:
            parts.append("not satisfied: internal review")
        else:
            parts.append(f"not satisfied: referred to {data.referral_body}")
    imported = imported_outcome(case)
    if imported:
        parts.append(imported)
    return " ".join("; ".join(parts).split())


def outcome_text(case: Case) -> str:
    """Where the complaint ended up: its step, the action decided, the customer's answer."""
    if case.is_open:
        text = f"Open at {case.step.label}"
        solve = case.completed(Step.SOLVE)
        if solve is not None and isinstance(solve.data, SolveData):
            text += f"; action: {solve.data.action}"
        text += "; waiting on the customer" if case.waiting else ""
        return " ".join(text.split())
    closed = closed_outcome(case)
    return f"Closed: {closed}" if closed else "Closed"


def complaint_facts(case: Case) -> ComplaintFacts:
    """What the analysis needs of ``case``."""
    return ComplaintFacts(
        created_at=case.created_at,
        case_id=case.id,
        complaint=case.summary,
        made_by=case.made_by_label(),
        directed_at=case.directed_at,
        category=case.category,
        step=case.step,
        outcome=outcome_text(case),
    )


def received_day(moment: datetime, zone: tzinfo) -> date:
    """The day ``moment`` falls on in ``zone``."""
    return moment.astimezone(zone).date()


def received_between(case: Case, start: date, end: date, zone: tzinfo) -> bool:
    """Received on a day from ``start`` to ``end`` (inclusive) in ``zone``."""
    return start <= received_day(case.created_at, zone) <= end


def analysis_of(
    facts: Iterable[ComplaintFacts], start: date, end: date, zone: tzinfo
) -> list[AnalysisRow]:
    """The complaints received from ``start`` to ``end``, oldest first (ties by number)."""
    days = ((received_day(f.created_at, zone), f) for f in facts)
    chosen = sorted(
        ((day, f) for day, f in days if start <= day <= end),
        key=lambda pair: (pair[1].created_at, case_number(pair[1].case_id)),
    )
    return [f.row(day) for day, f in chosen]


def analysis(cases: Iterable[Case], start: date, end: date, zone: tzinfo) -> list[AnalysisRow]:
    """The complaints among ``cases`` received from ``start`` to ``end``, oldest first."""
    chosen = (complaint_facts(c) for c in cases if received_between(c, start, end, zone))
    return analysis_of(chosen, start, end, zone)
