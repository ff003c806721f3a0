"""Unsaved form text: kept as it is typed, listed at the next start, offered back on the
thing it belongs to, dropped once the form is saved or discarded on purpose.

A draft is named after what it belongs to: ``new-case`` (the new-case form),
``case/C-000012/investigate`` (a step form of a case), ``case/C-000012/note``,
``refund-record/R-000003``, ``skills/learning`` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cstui.errors import CstuiError
from cstui.store.ports import Draft, DraftStore

NEW_CASE = "new-case"
"""The draft of the new-case form (one per user)."""
CASE_PREFIX = "case/"


def case_draft(case_id: str, form: str) -> str:
    """The name of the draft of ``form`` (a step's value, ``note``, ...) on ``case_id``."""
    return f"{CASE_PREFIX}{case_id}/{form}"


def case_of(name: str) -> str | None:
    """The case a draft called ``name`` belongs to, if it belongs to one."""
    if not name.startswith(CASE_PREFIX):
        return None
    return name.removeprefix(CASE_PREFIX).split("/", 1)[0] or None


def describe(name: str) -> str:
    """A draft's name in words: ``C-000012: investigate``, ``new complaint``."""
    if name == NEW_CASE:
        return "new complaint"
    case_id = case_of(name)
    if case_id is not None:
        form = name.removeprefix(case_draft(case_id, ""))
        return f"{case_id}: {form.replace('_', ' ').replace('/', ' ')}"
    return name.replace("/", ": ").replace("-", " ")


@dataclass(frozen=True)
class DraftService:
    """This user's drafts; every call is safe to make from a worker thread."""

    store: DraftStore

    def save(self, name: str, values: dict[str, Any], at: datetime) -> None:
        """Keep ``values`` as the draft ``name`` (replacing any earlier one)."""
        self.store.save(name, values, at)

    def load(self, name: str) -> Draft | None:
        """The draft ``name``, if one is kept and readable."""
        return self.store.load(name)

    def drop(self, name: str) -> None:
        """Forget the draft ``name``."""
        self.store.drop(name)

    def names(self) -> list[str]:
        """Every kept draft's name; none when the store cannot be read."""
        try:
            return self.store.names()
        except (CstuiError, OSError):
            return []

    def on_case(self, case_id: str) -> list[str]:
        """The drafts kept on ``case_id``."""
        return [n for n in self.names() if case_of(n) == case_id]
