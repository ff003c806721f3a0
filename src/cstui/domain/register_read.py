"""Reading an import file safely, and checking that an imported case holds together.

A file that cannot be read row by row (a NUL character, a CSV cell past the reader's
limit) is refused whole, naming the line: nothing is imported, not even with
``--skip-bad``, as the rows after the damage cannot be trusted. A JSONL case must be one
the procedure could have made: the step records of its current cycle are those of the
steps before its step, a closed case says when it closed, a promise is not dated before
the case was logged, an open case's owner is on the roster (a closed case keeps its
owner, who may have left), and its id leaves the store's counter a next id to issue.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from cstui.errors import InputError
from cstui.models.case import Case, case_number, format_case_id
from cstui.models.kinds import PROCEDURE, Step
from cstui.models.steps import DeclareData, check_promise

HIGHEST_ID = 999_999
"""The highest number a six-digit case id holds."""
HIGHEST_IMPORTED_ID = HIGHEST_ID - 1
"""An imported case may take at most this number, so the counter can issue one after it."""
NUL = "\x00"


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def refuse_nul(text: str) -> None:
    """InputError naming the first line with a NUL character (a text file never has one:
    it is binary, or UTF-16 read as UTF-8)."""
    index = text.find(NUL)
    if index >= 0:
        raise InputError.single(
            "file",
            f"line {_line_of(text, index)} holds a NUL character; "
            "save the file as UTF-8 text and import it again",
        )


def read_csv(text: str) -> tuple[list[str], list[dict[str | None, Any]]]:
    """The header and the rows of a CSV register; InputError naming the line it cannot read."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [h or "" for h in (reader.fieldnames or [])]
        return header, list(reader)
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = f"a cell is longer than {csv.field_size_limit()} characters"
        start = reader.line_num + 1  # the lines before the row that could not be read
        raise InputError.single("file", f"line {start}: {reason}") from None


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL file: split at line feeds only (a JSON string may hold U+2028)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def parse_json(line: str) -> Any:
    """The JSON document on ``line``; ValueError with the reason if it is not one."""
    try:
        return json.loads(line)
    except RecursionError:
        raise ValueError("is nested too deeply") from None
    except ValueError:
        raise ValueError("is not a JSON document") from None


def _children(name: str, value: Any) -> list[tuple[str, Any]]:
    """The named parts of a JSON value (keys, as text, stand for themselves)."""
    if isinstance(value, dict):
        pairs = [(str(k), v) for k, v in value.items()]
        return [(f"{name}.{k}" if name else k, v) for k, v in pairs] + [(name, k) for k, _ in pairs]
    if isinstance(value, list):
        return [(f"{name}.{i}" if name else str(i), v) for i, v in enumerate(value)]
    return []


def nul_field(document: Any) -> str | None:
    """The dotted name of the first field whose text (or key) holds a NUL character."""
    pending: list[tuple[str, Any]] = [("", document)]
    while pending:
        name, value = pending.pop()
        if isinstance(value, str) and NUL in value:
            return name or "row"
        pending += _children(name, value)
    return None


def _expected_steps(case: Case) -> tuple[Step, ...]:
    """The steps whose records the case's current cycle must hold, in order."""
    first = Step.RECEIVE if case.cycle_first_record == 0 else Step.INVESTIGATE
    start = PROCEDURE.index(first)
    end = len(PROCEDURE) if not case.is_open else PROCEDURE.index(case.step)
    return PROCEDURE[start:end]


def _labels(steps: list[Step] | tuple[Step, ...]) -> str:
    return ", ".join(s.label for s in steps) or "none"


def _closing_problems(case: Case) -> list[tuple[str, str]]:
    """Whether ``closed_at`` agrees with the step."""
    if not case.is_open and case.closed_at is None:
        return [("closed_at", "is required for a closed case")]
    if case.is_open and case.closed_at is not None:
        return [("closed_at", "is only for a closed case")]
    return []


def _step_problems(case: Case) -> list[tuple[str, str]]:
    """Whether the records of the current cycle are those of the steps before the step.

    A case a register import closed holds the record of its logging only.
    """
    if case.cycle_first_record > len(case.records):
        return [("cycle_first_record", "is past the last step record")]
    found = [r.step for r in case.cycle_records()]
    expected = _expected_steps(case)
    registered_closed = not case.is_open and case.import_key and found == [Step.RECEIVE]
    if found == list(expected) or registered_closed:
        return []
    at = case.step.label if case.is_open else "Closed"
    return [
        (
            "records",
            f"a case at {at} holds the records of {_labels(expected)}; "
            f"this one holds {_labels(found)}",
        )
    ]


def _promise_problems(case: Case) -> list[tuple[str, str]]:
    problems = []
    for record in case.records:
        if isinstance(record.data, DeclareData):
            try:
                check_promise(record.data.by, case.created_at)
            except InputError as exc:
                problems += [("records.data.by", p.message) for p in exc.problems]
    return problems


def case_problems(case: Case, roster: frozenset[str] | None) -> list[tuple[str, str]]:
    """What does not hold together in an imported case, as (field, reason) pairs."""
    problems = []
    if case_number(case.id) > HIGHEST_IMPORTED_ID:
        highest = format_case_id(HIGHEST_IMPORTED_ID)
        problems.append(("id", f"is above {highest}: the store would have no id to give next"))
    problems += _closing_problems(case) + _step_problems(case) + _promise_problems(case)
    if case.is_open and roster is not None and case.owner not in roster:
        problems.append(
            ("owner", f"{case.owner} is not on the team roster (an open case needs an owner)")
        )
    return problems
