"""The skills log's JSON shapes for ``cstui skills ... --json``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cstui.models.deadline import iso
from cstui.models.figures import Timing, WindowFigures
from cstui.models.skills import Action, LearningEntry
from cstui.services.skills import AssessmentSummary, SkillsService


def local_day(service: SkillsService, moment: datetime | None) -> str | None:
    """The day of ``moment`` in the centre's zone, or None."""
    return None if moment is None else service.local_day(moment)


def assessment_json(service: SkillsService, summary: AssessmentSummary) -> dict[str, Any]:
    """One completed assessment."""
    a = summary.assessment
    return {
        "id": a.id,
        "date": local_day(service, a.completed_at),
        "completed_at": iso(a.completed_at) if a.completed_at else None,
        "scores": summary.scores,
        "rated": summary.rated,
        "total": summary.total,
        "strengths": a.strengths,
        "improvements": a.improvements,
    }


def action_json(service: SkillsService, item: Action) -> dict[str, Any]:
    """One improvement action."""
    statement = service.content.statement(item.statement)
    return {
        "id": item.id,
        "statement": item.statement,
        "statement_text": statement.text if statement else None,
        "need": item.need,
        "initiate": item.initiate,
        "due": item.due.isoformat(),
        "status": item.status.value,
        "overdue": service.is_overdue(item),
        "activities": item.activities,
        "readings": item.readings,
        "assessment": item.assessment,
        "created_at": iso(item.created_at),
        "done_at": iso(item.done_at) if item.done_at else None,
    }


def learning_json(entry: LearningEntry) -> dict[str, Any]:
    """One learning log entry."""
    return {
        "id": entry.id,
        "on": entry.on.isoformat(),
        "kind": entry.kind.value,
        "what": entry.what,
        "reflection": entry.reflection,
    }


def _timing_json(timing: Timing) -> dict[str, Any]:
    return {
        "median_seconds": None if timing.median is None else int(timing.median.total_seconds()),
        "done": timing.done,
        "on_time": timing.on_time,
        "late": timing.late,
        "share_on_time": timing.share_on_time,
    }


def window_json(window: WindowFigures) -> dict[str, Any]:
    """The charter figures of one window."""
    return {
        "weeks": window.weeks,
        "since": iso(window.since),
        "cases": window.cycles,
        "acknowledge": _timing_json(window.acknowledge),
        "resolve": _timing_json(window.resolve),
        "reopened": window.reopened,
        "followed_up": window.followed_up,
        "satisfied": window.satisfied,
        "share_satisfied": window.share_satisfied,
    }
