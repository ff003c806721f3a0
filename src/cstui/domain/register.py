"""The shape of a complaints register coming in or going out, and the checks on each row.

Two shapes:

- **CSV register**: one complaint a row, under the header :data:`REGISTER_COLUMNS`
  (the order does not matter; export-only columns and an ``error`` column are ignored).
  A row carries no case id: it is known again by its *import key*, a hash of the day it
  was received, the customer's phone and email and the one-line complaint, so importing
  the same register twice does not add anything the second time.
- **JSONL**: one full case document a line, exactly as ``cstui export cases --format
  jsonl`` writes it, so export then import gives back every field.

Every row is checked before anything is stored; a problem names the row (the header is
row 1 of a CSV file; lines are counted from 1 in JSONL), the field and the reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Any

from pydantic import ValidationError

from cstui.domain import workflow
from cstui.errors import FieldProblem
from cstui.models.case import Case, HistoryEntry, NewCase, Note
from cstui.models.csv_safe import Cell, restore
from cstui.models.errors import problems_from
from cstui.models.kinds import CUSTOMER_TYPE_LABELS, CustomerType, Severity, Step
from cstui.models.policy import Policy
from cstui.models.text import clean_line

REGISTER_COLUMNS: tuple[str, ...] = (
    "received",
    "customer_name",
    "customer_phone",
    "customer_email",
    "made_by",
    "category",
    "channel",
    "summary",
    "details",
    "remedy_sought",
    "directed_at",
    "severity",
    "owner",
    "closed_on",
    "outcome",
)
"""The CSV register's columns, in the order export writes them."""

REQUIRED_COLUMNS: tuple[str, ...] = ("received", "customer_name", "category", "channel", "summary")
"""Columns a register must have (a row may still leave phone or email empty, not both)."""

COLUMN_HELP: dict[str, str] = {
    "received": "date received: YYYY-MM-DD (taken as opening time) or YYYY-MM-DD HH:MM, "
    "in the centre's time zone (required)",
    "customer_name": "who complained (required)",
    "customer_phone": "phone number (this or customer_email required)",
    "customer_email": "email address",
    "made_by": "public, regular, corporate or colleague, or the analysis table's words "
    "(Member of public, ...); empty: public",
    "category": "one of the policy's categories (required)",
    "channel": "one of the policy's channels (required)",
    "summary": "the complaint in one line (required)",
    "details": "everything else the customer said",
    "remedy_sought": "what the customer asked for",
    "directed_at": "the person, team or supplier the complaint is about",
    "severity": "low, medium or high; empty: medium",
    "owner": "who works the case, someone on the roster; empty: whoever imports",
    "closed_on": "YYYY-MM-DD if the complaint is already closed; empty: open (at Investigate)",
    "outcome": "what was done, for a closed complaint (kept as a note)",
}
"""What each column holds, for the README and ``--help``."""

EXPORT_ONLY_COLUMNS: tuple[str, ...] = (
    "id",
    "step",
    "waiting",
    "next_due",
    "overdue",
    "created_by",
    "updated_at",
    "reopen_count",
)
"""Written by ``export cases --format csv`` for reading; ignored when a file is imported."""

EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    *REGISTER_COLUMNS,
    *EXPORT_ONLY_COLUMNS[1:],
)
"""The CSV export's header: the case id, the register's columns, then the case's state."""

ERROR_COLUMN = "error"
"""Added to each row of a bad-rows file; ignored on import, so a fixed file imports as is."""

IMPORTED_OUTCOME = "Outcome from the imported register: "
"""How the note holding a closed register row's outcome begins."""

_CSV_FIELDS: dict[str, str] = {
    "customer.name": "customer_name",
    "customer.phone": "customer_phone",
    "customer.email": "customer_email",
    "customer.type": "made_by",
    "customer": "customer_name",
}


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one field of one row."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class RegisterRow:
    """A good CSV register row, ready to become a case."""

    row: int
    form: NewCase
    received: datetime
    owner: str
    closed_at: datetime | None
    outcome: str
    import_key: str

    def build(self, case_id: str, actor: str, now: datetime) -> Case:
        """The case this row becomes, logged by ``actor`` at the time it was received."""
        case = workflow.new_case(case_id, self.form, actor, self.received)
        entry = HistoryEntry(
            at=now,
            actor=actor,
            action="imported",
            detail=f"imported from a register (row {self.row})",
        )
        update: dict[str, Any] = {
            "owner": self.owner,
            "import_key": self.import_key,
            "history": [*case.history, entry],
            "updated_at": now,
        }
        if self.closed_at is not None:
            update.update(step=Step.CLOSED, closed_at=self.closed_at)
            if self.outcome:
                note = Note(at=self.closed_at, author=actor, text=IMPORTED_OUTCOME + self.outcome)
                update["notes"] = [note]
        return case.model_copy(update=update)


@dataclass(frozen=True)
class JsonRow:
    """A good JSONL row: a full case, kept with its own id."""

    row: int
    case: Case


@dataclass
class BadRow:
    """A row that cannot be imported, what it said, and why."""

    row: int
    raw: Any
    """The row as read: a dict of column to text (CSV), or the line (JSONL)."""
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def error(self) -> str:
        """Every problem of the row, on one line."""
        return "; ".join(f"{p.field}: {p.reason}" for p in self.problems)


@dataclass
class Checked:
    """Every row of a file, sorted into good and bad."""

    good: list[RegisterRow | JsonRow] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    """The CSV file's header as read (empty for JSONL)."""

    @property
    def problems(self) -> list[RowProblem]:
        """Every problem of every bad row, in file order."""
        return [p for bad in self.bad for p in bad.problems]


# -- keys ---------------------------------------------------------------------------------


def import_key(received: date, phone: str | None, email: str | None, summary: str) -> str:
    """The key a register row is known by: day received, phone, email and complaint."""
    text = "\x1f".join(
        [received.isoformat(), phone or "", email or "", " ".join(summary.casefold().split())]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def case_import_key(case: Case, zone: tzinfo) -> str:
    """The key a stored case would have as a register row (to spot it in a register)."""
    day = case.created_at.astimezone(zone).date()
    return import_key(day, case.customer.phone, case.customer.email, case.summary)


# -- parsing cells -------------------------------------------------------------------------


def parse_moment(text: str, zone: tzinfo, default_time: time) -> datetime:
    """``YYYY-MM-DD`` (at ``default_time``), ``YYYY-MM-DD HH:MM`` or ISO with an offset.

    A time without an offset is in ``zone``. Raises ValueError with the reason.
    """
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), default_time, tzinfo=zone)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def parse_made_by(text: str) -> CustomerType:
    """A customer type from its value (``corporate``) or the table's words (any case)."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return CustomerType.PUBLIC
    for kind in CustomerType:
        if wanted in (kind.value, CUSTOMER_TYPE_LABELS[kind].casefold()):
            return kind
    raise ValueError(
        "must be public, regular, corporate or colleague "
        "(or Member of public, Regular customer, Corporate customer, Colleague)"
    )


# -- checking CSV rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterContext:
    """What a CSV row is checked against."""

    policy: Policy
    roster: frozenset[str]
    """Names on the team roster."""
    user: str
    """Who imports: the owner of rows that name none."""
    now: datetime
    zone: tzinfo


def check_header(header: list[str]) -> list[RowProblem]:
    """Problems with a CSV header: missing required, unknown or repeated columns."""
    known = {*REGISTER_COLUMNS, *EXPORT_ONLY_COLUMNS, ERROR_COLUMN}
    names = [h.strip() for h in header]
    problems = [
        RowProblem(
            1, "header", f"unknown column {name!r} (the columns are: {', '.join(REGISTER_COLUMNS)})"
        )
        for name in names
        if name not in known
    ]
    problems += [
        RowProblem(1, "header", f"column {name!r} appears more than once")
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    problems += [
        RowProblem(1, "header", f"missing column {name!r}")
        for name in REQUIRED_COLUMNS
        if name not in names
    ]
    return problems


def _cell(raw: Mapping[str | None, Any], name: str) -> str:
    value = raw.get(name)
    return restore(value) if isinstance(value, str) else ""


def check_register_row(
    number: int, raw: Mapping[str | None, Any], ctx: RegisterContext
) -> RegisterRow | BadRow:
    """Check one CSV row (``raw`` maps column to text) and make it ready to import."""
    problems: list[RowProblem] = []

    def problem(name: str, reason: str) -> None:
        problems.append(RowProblem(number, name, reason))

    if raw.get(None):
        problem("row", "has more cells than the header has columns")
    hours = ctx.policy.business_hours
    received: datetime | None = None
    if not _cell(raw, "received").strip():
        problem("received", "is required")
    else:
        try:
            received = parse_moment(_cell(raw, "received"), ctx.zone, hours.opens)
        except ValueError as exc:
            problem("received", str(exc))
    if received is not None and received > ctx.now:
        problem("received", "is in the future")
    try:
        made_by = parse_made_by(_cell(raw, "made_by"))
    except ValueError as exc:
        problem("made_by", str(exc))
        made_by = CustomerType.PUBLIC
    fields: dict[str, Any] = {
        "customer": {
            "name": _cell(raw, "customer_name"),
            "phone": _cell(raw, "customer_phone"),
            "email": _cell(raw, "customer_email"),
            "type": made_by,
        },
        "category": _cell(raw, "category"),
        "channel": _cell(raw, "channel"),
        "summary": _cell(raw, "summary"),
        "details": _cell(raw, "details"),
        "remedy_sought": _cell(raw, "remedy_sought"),
        "directed_at": _cell(raw, "directed_at"),
        "severity": _cell(raw, "severity").strip().lower() or Severity.MEDIUM.value,
    }
    form: NewCase | None = None
    try:
        form = NewCase.model_validate(fields)
    except ValidationError as exc:
        for found in problems_from(exc):
            if found.field not in ("category", "channel"):
                problem(_CSV_FIELDS.get(found.field, found.field), found.message)
    category = ctx.policy.match_category(fields["category"])
    if category is None:
        allowed = ", ".join(ctx.policy.categories)
        problem("category", f"must be one of: {allowed}" if fields["category"] else "is required")
    channel = ctx.policy.match_channel(fields["channel"])
    if channel is None:
        allowed = ", ".join(ctx.policy.channels)
        problem("channel", f"must be one of: {allowed}" if fields["channel"] else "is required")
    owner = clean_line(_cell(raw, "owner")) or ctx.user
    if owner not in ctx.roster:
        problem("owner", f"{owner} is not on the team roster")
    closed_at: datetime | None = None
    if _cell(raw, "closed_on").strip():
        try:
            closed_at = parse_moment(_cell(raw, "closed_on"), ctx.zone, hours.closes)
        except ValueError as exc:
            problem("closed_on", str(exc))
        else:
            if received is not None and closed_at.date() < received.date():
                problem("closed_on", "is before the day it was received")
            elif closed_at.date() > ctx.now.astimezone(ctx.zone).date():
                problem("closed_on", "is in the future")
            elif received is not None:
                closed_at = min(max(closed_at, received), ctx.now)
    outcome = clean_line(_cell(raw, "outcome"))
    if outcome and not _cell(raw, "closed_on").strip():
        problem("outcome", "is for a closed complaint: give closed_on too, or leave it empty")
    if len(outcome) > 5_000:
        problem("outcome", "is too long (at most 5000 characters)")
    if problems or form is None or received is None or category is None or channel is None:
        return BadRow(number, dict(raw), problems)
    form = form.model_copy(update={"category": category, "channel": channel})
    key = import_key(
        received.astimezone(ctx.zone).date(), form.customer.phone, form.customer.email, form.summary
    )
    return RegisterRow(number, form, received, owner, closed_at, outcome, key)


def check_register(
    header: list[str], rows: Iterable[tuple[int, Mapping[str | None, Any]]], ctx: RegisterContext
) -> Checked:
    """Check a CSV register: the header, then every row (``rows`` are numbered)."""
    checked = Checked(header=list(header))
    header_problems = check_header(header)
    if header_problems:
        checked.bad.append(BadRow(1, {}, header_problems))
        return checked
    for number, raw in rows:
        if not any(isinstance(v, str) and v.strip() for v in raw.values()):
            continue  # a blank line
        result = check_register_row(number, raw, ctx)
        if isinstance(result, BadRow):
            checked.bad.append(result)
        else:
            checked.good.append(result)
    return checked


# -- checking JSONL rows ------------------------------------------------------------------


def check_json_line(number: int, line: str) -> JsonRow | BadRow | None:
    """Check one JSONL line: a full case document. None for a blank line."""
    if not line.strip():
        return None
    try:
        document = json.loads(line)
    except ValueError:
        return BadRow(number, line, [RowProblem(number, "row", "is not a JSON document")])
    if not isinstance(document, dict):
        return BadRow(number, line, [RowProblem(number, "row", "is not a JSON object")])
    document.pop(ERROR_COLUMN, None)
    try:
        case = Case.model_validate(document)
    except ValidationError as exc:
        problems = [RowProblem(number, p.field, p.message) for p in problems_from(exc)]
        return BadRow(number, document, problems)
    return JsonRow(number, case)


def check_jsonl(lines: Iterable[str]) -> Checked:
    """Check every line of a JSONL file."""
    checked = Checked()
    for number, line in enumerate(lines, start=1):
        result = check_json_line(number, line)
        if isinstance(result, BadRow):
            checked.bad.append(result)
        elif result is not None:
            checked.good.append(result)
    return checked


def problems_as_fields(problems: Iterable[RowProblem]) -> list[FieldProblem]:
    """The row problems as field problems named ``row N: field``."""
    return [FieldProblem(f"row {p.row}: {p.field}", p.reason) for p in problems]


# -- export -------------------------------------------------------------------------------


def export_row(
    case: Case,
    zone: tzinfo,
    outcome: str,
    next_due: datetime | None,
    overdue: bool,
) -> list[Cell]:
    """One case as a row under :data:`EXPORT_COLUMNS`."""

    def local(moment: datetime | None) -> str:
        return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    closed = case.closed_at.astimezone(zone).date().isoformat() if case.closed_at else ""
    values: dict[str, Cell] = {
        "id": case.id,
        "received": local(case.created_at),
        "customer_name": case.customer.name,
        "customer_phone": case.customer.phone or "",
        "customer_email": case.customer.email or "",
        "made_by": CustomerType(case.customer.type).value,
        "category": case.category,
        "channel": case.channel,
        "summary": case.summary,
        "details": case.details,
        "remedy_sought": case.remedy_sought,
        "directed_at": case.directed_at,
        "severity": case.severity.value,
        "owner": case.owner,
        "closed_on": closed,
        "outcome": outcome if not case.is_open else "",
        "step": case.step.value,
        "waiting": case.waiting,
        "next_due": local(next_due),
        "overdue": overdue,
        "created_by": case.created_by,
        "updated_at": local(case.updated_at),
        "reopen_count": case.reopen_count,
    }
    return [values[name] for name in EXPORT_COLUMNS]


def imported_outcome(case: Case) -> str | None:
    """The outcome a register gave a closed case when it was imported, if any."""
    for note in case.notes:
        if note.text.startswith(IMPORTED_OUTCOME):
            return note.text[len(IMPORTED_OUTCOME) :]
    return None
