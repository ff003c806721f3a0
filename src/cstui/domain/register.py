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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, tzinfo
from typing import Any

from pydantic import ValidationError

from cstui.domain import workflow
from cstui.domain.register_cells import import_key, parse_made_by, parse_moment
from cstui.domain.register_export import IMPORTED_OUTCOME
from cstui.domain.register_read import case_problems, nul_field, parse_json
from cstui.models.case import Case, HistoryEntry, NewCase, Note
from cstui.models.csv_safe import restore
from cstui.models.errors import problems_from
from cstui.models.kinds import CustomerType, Severity, Step
from cstui.models.phone import e164
from cstui.models.policy import Policy
from cstui.models.register import (
    ERROR_COLUMN,
    EXPORT_ONLY_COLUMNS,
    REGISTER_COLUMNS,
    REQUIRED_COLUMNS,
)
from cstui.models.text_gate import clean_line

MAX_OUTCOME = 5_000
"""The longest outcome a register row may give, in characters."""

_FORM_COLUMNS = ("category", "channel", "summary", "details", "remedy_sought", "directed_at")
"""Columns that go into the new-case form as they are."""

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


class _RowCells:
    """One CSV row being checked: its cells as text, and the problems found so far."""

    def __init__(self, number: int, raw: Mapping[str | None, Any]) -> None:
        self.number = number
        self.raw = raw
        self.problems: list[RowProblem] = []

    def __getitem__(self, name: str) -> str:
        value = self.raw.get(name)
        return restore(value) if isinstance(value, str) else ""

    def problem(self, name: str, reason: str) -> None:
        self.problems.append(RowProblem(self.number, name, reason))


def _moment(row: _RowCells, name: str, ctx: RegisterContext, default_time: time) -> datetime | None:
    """The row's moment in column ``name``; None (and a problem) if it is not one."""
    try:
        return parse_moment(row[name], ctx.zone, default_time)
    except ValueError as exc:
        row.problem(name, str(exc))
        return None


def _received(row: _RowCells, ctx: RegisterContext) -> datetime | None:
    """When the complaint came in (a day alone is taken at opening time)."""
    if not row["received"].strip():
        row.problem("received", "is required")
        return None
    received = _moment(row, "received", ctx, ctx.policy.business_hours.opens)
    if received is not None and received > ctx.now:
        row.problem("received", "is in the future")
    return received


def _made_by(row: _RowCells) -> CustomerType:
    try:
        return parse_made_by(row["made_by"])
    except ValueError as exc:
        row.problem("made_by", str(exc))
        return CustomerType.PUBLIC


def _form(row: _RowCells, made_by: CustomerType) -> NewCase | None:
    """The new-case form of the row; category and channel are checked against the policy."""
    fields: dict[str, Any] = {
        "customer": {
            "name": row["customer_name"],
            "phone": row["customer_phone"],
            "email": row["customer_email"],
            "type": made_by,
        },
        **{name: row[name] for name in _FORM_COLUMNS},
        "severity": row["severity"].strip().lower() or Severity.MEDIUM.value,
    }
    try:
        return NewCase.model_validate(fields)
    except ValidationError as exc:
        for found in problems_from(exc):
            if found.field not in ("category", "channel"):
                row.problem(_CSV_FIELDS.get(found.field, found.field), found.message)
        return None


def _in_e164(row: _RowCells, form: NewCase | None, region: str) -> NewCase | None:
    """The form with its phone number in E.164, as the app stores it (a problem if it
    is not a phone number)."""
    if form is None or not form.customer.phone:
        return form
    try:
        phone = e164(form.customer.phone, region)
    except ValueError as exc:
        row.problem("customer_phone", str(exc))
        return None
    return form.model_copy(update={"customer": form.customer.model_copy(update={"phone": phone})})


def _policy_choice(
    row: _RowCells, name: str, match: Callable[[str], str | None], allowed: Iterable[str]
) -> str | None:
    """The policy's spelling of the row's category or channel; None if it has none."""
    chosen = match(row[name])
    if chosen is None:
        row.problem(name, f"must be one of: {', '.join(allowed)}" if row[name] else "is required")
    return chosen


def _owner(row: _RowCells, ctx: RegisterContext) -> str:
    owner = clean_line(row["owner"]) or ctx.user
    if owner not in ctx.roster:
        row.problem("owner", f"{owner} is not on the team roster")
    return owner


def _closed_at(row: _RowCells, ctx: RegisterContext, received: datetime | None) -> datetime | None:
    """When a closed complaint closed (a day alone: closing time, kept within what is known)."""
    if not row["closed_on"].strip():
        return None
    closed_at = _moment(row, "closed_on", ctx, ctx.policy.business_hours.closes)
    if closed_at is None:
        return None
    if received is not None and closed_at.date() < received.date():
        row.problem("closed_on", "is before the day it was received")
    elif closed_at.date() > ctx.now.astimezone(ctx.zone).date():
        row.problem("closed_on", "is in the future")
    elif received is not None:
        closed_at = min(max(closed_at, received), ctx.now)
    return closed_at


def _outcome(row: _RowCells) -> str:
    outcome = clean_line(row["outcome"])
    if outcome and not row["closed_on"].strip():
        row.problem("outcome", "is for a closed complaint: give closed_on too, or leave it empty")
    if len(outcome) > MAX_OUTCOME:
        row.problem("outcome", f"is too long (at most {MAX_OUTCOME} characters)")
    return outcome


def check_register_row(
    number: int, raw: Mapping[str | None, Any], ctx: RegisterContext
) -> RegisterRow | BadRow:
    """Check one CSV row (``raw`` maps column to text) and make it ready to import."""
    row = _RowCells(number, raw)
    if raw.get(None):
        row.problem("row", "has more cells than the header has columns")
    received = _received(row, ctx)
    form = _in_e164(row, _form(row, _made_by(row)), ctx.policy.phone_region)
    category = _policy_choice(row, "category", ctx.policy.match_category, ctx.policy.categories)
    channel = _policy_choice(row, "channel", ctx.policy.match_channel, ctx.policy.channels)
    owner = _owner(row, ctx)
    closed_at = _closed_at(row, ctx, received)
    outcome = _outcome(row)
    if row.problems or form is None or received is None or category is None or channel is None:
        return BadRow(number, dict(raw), row.problems)
    form = form.model_copy(update={"category": category, "channel": channel})
    day = received.astimezone(ctx.zone).date()
    key = import_key(day, form.customer.phone, form.customer.email, form.summary)
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


def check_json_line(
    number: int, line: str, roster: frozenset[str] | None = None
) -> JsonRow | BadRow | None:
    """Check one JSONL line: a full case document that holds together. None if blank.

    ``roster`` (names on the team roster) is what an open case's owner is checked against.
    """
    if not line.strip():
        return None
    try:
        document = parse_json(line)
    except ValueError as exc:
        return BadRow(number, line, [RowProblem(number, "row", str(exc))])
    if not isinstance(document, dict):
        return BadRow(number, line, [RowProblem(number, "row", "is not a JSON object")])
    document.pop(ERROR_COLUMN, None)
    holding_nul = nul_field(document)
    if holding_nul is not None:
        return BadRow(number, document, [RowProblem(number, holding_nul, "holds a NUL character")])
    try:
        case = Case.model_validate(document)
    except ValidationError as exc:
        problems = [RowProblem(number, p.field, p.message) for p in problems_from(exc)]
        return BadRow(number, document, problems)
    found = case_problems(case, roster)
    if found:
        return BadRow(number, document, [RowProblem(number, f, reason) for f, reason in found])
    return JsonRow(number, case)


def check_jsonl(lines: Iterable[str], roster: frozenset[str] | None = None) -> Checked:
    """Check every line of a JSONL file (open cases' owners against ``roster``)."""
    checked = Checked()
    for number, line in enumerate(lines, start=1):
        result = check_json_line(number, line, roster)
        if isinstance(result, BadRow):
            checked.bad.append(result)
        elif result is not None:
            checked.good.append(result)
    return checked
