"""Bringing a complaints register in, and taking cases out: ``cstui import`` / ``export``.

Import checks every row first. Nothing is stored unless every row is good, or the caller
asks to skip the bad ones (which are then written to a file of their own, each with an
``error`` column saying what is wrong). Good rows are stored in one transaction. Rows
already in the store (the same case id, or the same import key) are skipped, so running
the same import twice adds nothing the second time.

Output files are written whole: to a temporary file beside the target, then renamed over
it, readable by their owner only (an export holds customers' personal data).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Literal, TypeVar

from cstui.domain import register, reports
from cstui.domain.due import next_due, zone
from cstui.domain.register import BadRow, Checked, JsonRow, RegisterContext, RegisterRow
from cstui.domain.register_cells import case_import_key
from cstui.domain.register_export import export_row
from cstui.domain.register_read import jsonl_lines, read_csv, refuse_nul
from cstui.durable import replace_durably
from cstui.errors import InputError, PermissionDenied, StoreError
from cstui.models.case import Case
from cstui.models.csv_safe import Cell, write_rows
from cstui.models.policy import Policy
from cstui.models.register import ERROR_COLUMN, EXPORT_COLUMNS
from cstui.models.text_gate import shown_data
from cstui.services.cases import CaseService
from cstui.services.reports import Progress

Format = Literal["csv", "jsonl"]
T = TypeVar("T")
BOM = "\ufeff"
"""Put at the start of CSV files so spreadsheets read them as UTF-8."""
OUTPUT_MODE = 0o600


@dataclass(frozen=True)
class Skipped:
    """A good row that was not imported because it is already there."""

    row: int
    reason: str


@dataclass
class ImportResult:
    """What an import did (or, with bad rows and no skipping, refused to do)."""

    format: Format
    rows: int
    """Rows read (blank lines not counted)."""
    imported: list[str] = field(default_factory=list)
    """Ids of the cases stored."""
    skipped: list[Skipped] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    bad_rows_file: Path | None = None
    applied: bool = False
    """False when bad rows stopped the import: nothing was stored."""


def write_output(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` all at once (temp file, fsync, rename), mode 0600."""
    target = path.expanduser()
    try:
        replace_durably(target, payload, OUTPUT_MODE)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        yours = FileNotFoundError | PermissionError | IsADirectoryError | NotADirectoryError
        if isinstance(exc, yours):
            raise InputError.single("output", f"cannot write {target}: {why}") from None
        raise StoreError(f"could not write {target}: {why}; nothing was written") from None


def guess_format(path: Path, text: str) -> Format:
    """JSONL for ``.jsonl``/``.ndjson`` files or text starting with ``{``; else CSV."""
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if path.suffix.lower() == ".csv":
        return "csv"
    return "jsonl" if text.lstrip(BOM + " \r\n\t").startswith("{") else "csv"


def read_text(path: Path) -> str:
    """A UTF-8 file's text (a leading byte-order mark dropped); InputError if unreadable."""
    try:
        raw = path.expanduser().read_bytes()
    except OSError as exc:
        raise InputError.single("file", f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.single("file", f"{path} is not UTF-8 text") from None


def bad_rows_path(source: Path, fmt: Format) -> Path:
    """Where bad rows go by default: ``register.csv`` -> ``register.bad.csv``."""
    return source.with_name(f"{source.stem}.bad.{fmt}")


class RegisterService:
    """Import and export of cases for one user."""

    def __init__(self, cases: CaseService, policy: Policy) -> None:
        self.cases = cases
        self.policy = policy

    @property
    def zone(self) -> tzinfo:
        """The centre's time zone."""
        return zone(self.policy.business_hours)

    # -- export --------------------------------------------------------------------
    def export(
        self,
        output: Path,
        fmt: Format,
        start: date | None = None,
        end: date | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Write every case received in the period (all when none) to ``output``."""
        every = self.cases.every()
        if start is not None or end is not None:
            first, last = start or date.min, end or date.max
            every = [c for c in every if reports.received_between(c, first, last, self.zone)]
        total, now = len(every), self.cases.clock()

        def tick(done: int) -> None:
            if progress is not None and (done % 50 == 0 or done == total):
                progress(done, total)

        if fmt == "jsonl":
            lines = []
            for index, case in enumerate(every, start=1):
                lines.append(
                    json.dumps(shown_data(case.model_dump(mode="json")), ensure_ascii=False)
                )
                tick(index)
            payload = "".join(line + "\n" for line in lines)
        else:
            buffer = io.StringIO()
            buffer.write(BOM)

            def rows() -> list[list[Cell]]:
                made = []
                for index, case in enumerate(every, start=1):
                    due = next_due(case, self.policy, now)
                    made.append(
                        export_row(
                            case,
                            self.zone,
                            reports.closed_outcome(case),
                            due.at if due else None,
                            bool(due and due.overdue),
                        )
                    )
                    tick(index)
                return made

            write_rows(buffer, EXPORT_COLUMNS, rows())
            payload = buffer.getvalue()
        if progress is not None and total == 0:
            progress(0, 0)
        write_output(output, payload.encode("utf-8"))
        return total

    # -- import --------------------------------------------------------------------
    def check(self, source: Path, progress: Progress | None = None) -> tuple[Format, Checked]:
        """Read ``source`` and check every row; nothing is stored."""
        text = read_text(source)
        refuse_nul(text)
        fmt = guess_format(source, text)
        roster = frozenset(self.cases.team.roster().names())
        if fmt == "jsonl":
            lines = jsonl_lines(text)
            return fmt, register.check_jsonl(_counting(lines, len(lines), progress), roster)
        header, records = read_csv(text)
        if not header:
            empty = register.RowProblem(1, "header", "the file is empty")
            return fmt, Checked(bad=[BadRow(1, {}, [empty])])
        ctx = RegisterContext(self.policy, roster, self.cases.user, self.cases.clock(), self.zone)
        numbered = _counting(list(enumerate(records, start=2)), len(records), progress)
        return fmt, register.check_register(header, numbered, ctx)

    def import_file(
        self,
        source: Path,
        skip_bad: bool = False,
        bad_rows: Path | None = None,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Check ``source``; store its good rows (all, or none without ``skip_bad``)."""
        roster = self.cases.team.roster()
        if not roster.is_team_leader(self.cases.user):
            raise PermissionDenied(
                f"only a team leader can import cases; {self.cases.user} is not one"
            )
        fmt, checked = self.check(source, progress)
        stored = self.cases.every()
        result = ImportResult(fmt, len(checked.good) + len(checked.bad))
        result.bad = list(checked.bad)
        builds = self._sort_out(checked, stored, result)
        result.bad.sort(key=lambda b: b.row)
        header_broken = any(b.row == 1 and fmt == "csv" for b in result.bad)
        if result.bad and (not skip_bad or header_broken):
            return result
        if result.bad:
            result.bad_rows_file = bad_rows or bad_rows_path(source, fmt)
            self._write_bad(result.bad_rows_file, fmt, checked.header, result.bad)
        result.applied = True
        if not builds:
            return result
        made = self.cases.repo.create_many(
            [(wanted, build) for _, wanted, build in builds], self.cases.user
        )
        for (row, _, _), case in zip(builds, made, strict=True):
            if case is None:
                result.skipped.append(Skipped(row, "already imported"))
            else:
                result.imported.append(case.id)
        return result

    def _sort_out(
        self, checked: Checked, stored: list[Case], result: ImportResult
    ) -> list[tuple[int, str | None, Callable[[str], Case]]]:
        """Good rows to build; rows already stored go to ``skipped``, clashes to ``bad``."""
        by_id = {c.id: c for c in stored}
        keys = {c.import_key for c in stored if c.import_key}
        keys |= {case_import_key(c, self.zone) for c in stored}
        seen_ids: dict[str, int] = {}
        seen_keys: dict[str, int] = {}
        builds: list[tuple[int, str | None, Callable[[str], Case]]] = []
        actor, now = self.cases.user, self.cases.clock()
        for row in checked.good:
            if isinstance(row, JsonRow):
                case = row.case
                if case.id in seen_ids:
                    result.skipped.append(Skipped(row.row, f"same case as row {seen_ids[case.id]}"))
                    continue
                seen_ids[case.id] = row.row
                there = by_id.get(case.id)
                if there is not None and there.created_at != case.created_at:
                    result.bad.append(
                        BadRow(
                            row.row,
                            case.model_dump(mode="json"),
                            [
                                register.RowProblem(
                                    row.row,
                                    "id",
                                    f"{case.id} is already used by another case in this store",
                                )
                            ],
                        )
                    )
                    continue
                if there is not None:
                    result.skipped.append(Skipped(row.row, "already imported"))
                    continue
                builds.append((row.row, case.id, _keep(case)))
                continue
            assert isinstance(row, RegisterRow)
            if row.import_key in seen_keys:
                result.skipped.append(
                    Skipped(row.row, f"same complaint as row {seen_keys[row.import_key]}")
                )
                continue
            seen_keys[row.import_key] = row.row
            if row.import_key in keys:
                result.skipped.append(Skipped(row.row, "already imported"))
                continue
            builds.append((row.row, None, _builder(row, actor, now)))
        return builds

    def _write_bad(self, path: Path, fmt: Format, header: list[str], bad: list[BadRow]) -> None:
        if fmt == "jsonl":
            lines = []
            for row in bad:
                item = dict(row.raw) if isinstance(row.raw, dict) else {"line": row.raw}
                item[ERROR_COLUMN] = f"row {row.row}: {row.error}"
                lines.append(json.dumps(shown_data(item), ensure_ascii=False) + "\n")
            write_output(path, "".join(lines).encode("utf-8"))
            return
        columns = [h for h in header if h != ERROR_COLUMN]
        buffer = io.StringIO()
        buffer.write(BOM)
        write_rows(
            buffer,
            [*columns, ERROR_COLUMN],
            (
                [*(_text(row.raw.get(c)) for c in columns), f"row {row.row}: {row.error}"]
                for row in bad
            ),
        )
        write_output(path, buffer.getvalue().encode("utf-8"))


def _counting(items: list[T], total: int, progress: Progress | None) -> Iterator[T]:
    """``items`` one by one, telling ``progress`` every 50 and at the end."""
    for done, item in enumerate(items, start=1):
        yield item
        if progress is not None and (done % 50 == 0 or done == total):
            progress(done, total)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _keep(case: Case) -> Callable[[str], Case]:
    return lambda _case_id: case


def _builder(row: RegisterRow, actor: str, now: datetime) -> Callable[[str], Case]:
    return lambda case_id: row.build(case_id, actor, now)
