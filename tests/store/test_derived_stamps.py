"""Derived data stays valid by itself: the format stamp of stored briefs and report facts
is tied to a digest of the code they are worked out by.

The store keeps a brief beside each open case and report facts beside each archived one,
stamped with ``BRIEF_FORMAT`` and ``FACTS_FORMAT``; data of another stamp is worked out
again. A change to that code (a label, a rule, the outcome's wording) that does not
change the stamp would leave stale data in every store, so it fails here, saying what to
do. The digest is of the code's syntax tree without docstrings: comments, docstrings and
formatting do not count.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import textwrap
from collections.abc import Iterable
from typing import Any

from cstui.domain import brief, due, register_export, reports
from cstui.domain.brief import BRIEF_FORMAT
from cstui.models import brief as brief_model
from cstui.models import deadline, report_facts
from cstui.models.case import Case
from cstui.models.kinds import CustomerType, Step
from cstui.models.report_facts import FACTS_FORMAT

RECORDED = {
    "brief": (3, "2d71eae7e1d1bbc8"),
    "facts": (2, "f7d91f78d8f2fb54"),
}
"""(the format stamp, the digest of what it is worked out by) as last checked."""


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
    return tree


def _tree(source: str) -> str:
    """The syntax tree of ``source``, docstrings left out, as text."""
    return ast.dump(_without_docstrings(ast.parse(textwrap.dedent(source))))


def digest(code: Iterable[Any], values: Iterable[object] = ()) -> str:
    """A digest of the syntax trees of ``code`` (modules, classes, functions) and of
    ``values`` (labels kept as data)."""
    found = hashlib.sha256()
    for item in code:
        found.update(_tree(inspect.getsource(item)).encode())
    for value in values:
        found.update(repr(value).encode())
    return found.hexdigest()[:16]


def brief_inputs() -> str:
    """What a stored brief is worked out by: the brief, its builder, the deadline rules."""
    return digest([brief_model, brief.brief_of, deadline, due])


def facts_inputs() -> str:
    """What stored report facts are worked out by: the facts, their builder, the outcome's
    wording, the labels they copy."""
    return digest(
        [
            report_facts,
            reports.complaint_facts,
            reports.outcome_text,
            reports.closed_outcome,
            register_export.imported_outcome,
            Case.made_by_label,
        ],
        [[(s.value, s.label) for s in Step], [(c.value, c.label) for c in CustomerType]],
    )


def _advice(name: str, stamp: str, where: str, found: tuple[int, str]) -> str:
    recorded = RECORDED[name]
    return (
        f"the code stored {name} data is worked out by changed ({recorded} recorded, "
        f"{found} now). If what it makes of a case changed, raise {stamp} in {where} (stored "
        f"data of the old stamp is then worked out again); either way record the stamp and "
        f"the new digest in RECORDED[{name!r}] in {__file__}: {found!r}"
    )


def test_the_brief_stamp_changes_with_what_briefs_are_worked_out_by() -> None:
    found = (BRIEF_FORMAT, brief_inputs())
    assert found == RECORDED["brief"], _advice(
        "brief", "BRIEF_FORMAT", "cstui/domain/brief.py", found
    )


def test_the_facts_stamp_changes_with_what_report_facts_are_worked_out_by() -> None:
    found = (FACTS_FORMAT, facts_inputs())
    assert found == RECORDED["facts"], _advice(
        "facts", "FACTS_FORMAT", "cstui/models/report_facts.py", found
    )


def test_the_digest_sees_a_changed_label_but_not_a_changed_docstring() -> None:
    labelled = 'def outcome():\n    """One docstring."""\n    return "Refund; satisfied"\n'
    redocumented = labelled.replace("One docstring.", "Another, longer docstring.")
    reformatted = labelled.replace('return "', 'return  (\n        "').replace('d"\n', 'd")\n')
    relabelled = labelled.replace("Refund; satisfied", "Refund, satisfied")
    assert _tree(labelled) == _tree(redocumented) == _tree(reformatted)
    assert _tree(labelled) != _tree(relabelled)
