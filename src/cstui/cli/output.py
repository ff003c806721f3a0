"""What commands print: the ``--json`` shapes and the compact tables."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cstui.cli.command import Shown
from cstui.models.brief import CaseBrief
from cstui.models.deadline import Due, describe_duration, iso
from cstui.models.text_gate import shown

if TYPE_CHECKING:
    from cstui.models.case import Case
    from cstui.models.team import Roster
    from cstui.services.cases import CaseService
    from cstui.services.clocks import ClockStanding

SUMMARY_WIDTH = 40


def local(moment: datetime) -> str:
    """A moment in this computer's time zone, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def due_json(due: Due | None) -> dict[str, Any] | None:
    """The next deadline as JSON; None once the case is closed."""
    if due is None:
        return None
    late = due.overdue_by
    return {
        "kind": due.kind.value,
        "at": iso(due.at),
        "overdue": due.overdue,
        "overdue_by_seconds": None if late is None else int(late.total_seconds()),
    }


def due_text(due: Due | None) -> str:
    """``acknowledge by 2026-03-03 17:00``, or ``-`` when nothing is due."""
    return "-" if due is None else f"{due.kind.value} by {local(due.at)}"


def overdue_marker(due: Due | None) -> str:
    """``! 2d 3h`` when overdue, ``delay notice due`` when the final response will be late
    and none was sent (both when both), else empty."""
    marks = []
    if due is not None and due.overdue_by is not None:
        marks.append(f"! {describe_duration(due.overdue_by)}")
    if due is not None and due.delay_notice_due:
        marks.append("delay notice due")
    return " ".join(marks)


def case_json(case: Case, due: Due | None, clocks: ClockStanding) -> dict[str, Any]:
    """The full case, plus its next deadline, whether a delay notice is due, the date
    promised to the customer and the summary-resolution window (DISP)."""
    from cstui.models.promised import promised_date

    promised = promised_date(case)
    return {
        **case.model_dump(mode="json"),
        "due": due_json(due),
        "delay_notice_due": due is not None and due.delay_notice_due,
        "promised_by": promised.isoformat() if promised else None,
        "summary_resolution": clocks.summary_resolution_json(),
    }


def compact_json(brief: CaseBrief, due: Due | None) -> dict[str, Any]:
    """One line of a case list, as JSON."""
    return {
        "id": brief.id,
        "customer": brief.customer,
        "phone": brief.phone,
        "email": brief.email,
        "category": brief.category,
        "channel": brief.channel,
        "step": brief.step.value,
        "owner": brief.owner,
        "created_at": brief.created_at,
        "updated_at": brief.updated_at,
        "version": brief.version,
        "waiting": brief.waiting,
        "due": due_json(due),
        "delay_notice_due": due is not None and due.delay_notice_due,
    }


def char_width(char: str) -> int:
    """Terminal columns one character takes: wide ones two, combining marks none."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Terminal columns ``text`` takes (gated text holds no control characters)."""
    return len(text) if text.isascii() else sum(char_width(c) for c in text)


def shorten(text: str, width: int) -> str:
    """``text`` on one line (through the output gate), cut to ``width`` columns."""
    text = shown(text, newlines=False)
    if cell_width(text) <= width:
        return text
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > width - 1:
            return text[:index] + "…"
    return text  # pragma: no cover - the text was wider than ``width``


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart; trailing spaces trimmed.

    Every cell passes the output gate and stays on its line.
    """
    headers = [shown(h, newlines=False) for h in headers]
    rows = [[shown(c, newlines=False) for c in r] for r in rows]
    widths = [max(cell_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    return "\n".join(
        "  ".join(c + " " * (w - cell_width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [headers, *rows]
    )


def case_list(cases: Sequence[CaseBrief], now: datetime, empty: str) -> Shown:
    """A list of cases: compact JSON objects, or a table (``empty`` when there are none)."""
    dues = [c.due(now) for c in cases]

    def rows() -> list[list[str]]:
        return [
            [
                c.id,
                shorten(c.customer, 24),
                c.step.label + (" (waiting)" if c.waiting else ""),
                c.owner,
                due_text(d),
                overdue_marker(d),
                shorten(c.summary, SUMMARY_WIDTH),
            ]
            for c, d in zip(cases, dues, strict=True)
        ]

    headers = ["ID", "CUSTOMER", "STEP", "OWNER", "NEXT DUE", "LATE", "SUMMARY"]
    return Shown(
        [compact_json(c, d) for c, d in zip(cases, dues, strict=True)],
        lambda: table(headers, rows()) if cases else empty,
    )


def case_changed(service: CaseService, case: Case) -> Shown:
    """After a change: the full case as JSON, or one line saying what happened."""
    from cstui.services.clocks import standing

    due = service.due(case)
    latest = case.history[-1].detail if case.history else "saved"
    text = f"{case.id} ({case.customer.name}): {latest}"
    if due is not None:
        marker = overdue_marker(due)
        text += f"; next: {due_text(due)}" + (f" {marker}" if marker else "")
    return Shown(case_json(case, due, standing(service, case)), text)


def team_list(roster: Roster) -> Shown:
    """The roster: JSON objects, or a table."""
    members = [
        {"name": m.name, "role": m.role.value, "refund_limit": f"{m.refund_limit:.2f}"}
        for m in roster.members
    ]
    rows = [[m["name"], m["role"], m["refund_limit"]] for m in members]
    text = table(["NAME", "ROLE", "REFUND LIMIT"], rows) if rows else "The roster is empty."
    return Shown(members, text)
