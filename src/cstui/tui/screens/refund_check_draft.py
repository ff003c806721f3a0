"""The refund check's draft: the answers given so far (in the order given), the law it is
checked under and what is typed in the answer box, so a closed terminal loses none of it.

A draft holds plain values only: dates as ``YYYY-MM-DD``, amounts and years as text. They
are read back by the kind of question they answer; an answer that no longer reads (a
draft edited outside the app) is left out, and that question is asked again.
"""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from textual.containers import Vertical
from textual.widgets import Input

from cstui.models import refund_checklist as checklist
from cstui.models.refunds import Jurisdiction
from cstui.services.drafts import case_draft
from cstui.tui.drafting import Drafting, Values

if TYPE_CHECKING:
    from cstui.models.refunds import RefundRecord

QUESTION_KINDS: dict[str, checklist.Kind] = {
    question.key: question.kind
    for question in vars(checklist).values()
    if isinstance(question, checklist.Question)
}
"""The kind of answer each question takes, by its key."""


def refund_check_draft(case_id: str | None) -> str:
    """The draft name of a refund check: one per case, and one for a check on its own."""
    return case_draft(case_id, "refund-check") if case_id else "refund-check"


def plain_answer(value: Any) -> Any:
    """An answer as a draft keeps it (text, a number, yes/no or nothing)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def read_answer(key: str, kept: Any) -> Any:
    """A kept answer as the check holds it; ValueError when it does not read."""
    kind = QUESTION_KINDS.get(key)
    if kind is None:
        raise ValueError(f"no question {key}")
    if kept is None and kind in checklist.TYPED_KINDS:
        return None
    if kind == "date":
        return date.fromisoformat(str(kept))
    if kind in ("amount", "years"):
        try:
            return Decimal(str(kept))
        except InvalidOperation:
            raise ValueError(f"not a number: {kept!r}") from None
    expected = bool if kind == "yesno" else str
    if not isinstance(kept, expected):
        raise ValueError(f"not a {kind} answer: {kept!r}")
    return kept


def read_answers(kept: Any) -> dict[str, Any]:
    """The answers of a draft, in the order given, leaving out any that do not read."""
    answers: dict[str, Any] = {}
    for pair in kept if isinstance(kept, list) else []:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
            continue
        try:
            answers[pair[0]] = read_answer(pair[0], pair[1])
        except ValueError:
            continue
    return answers


class RefundCheckDrafting(Drafting):
    """Mixed into the refund check: its answers and typed box are kept as a draft."""

    answers: dict[str, Any]
    order: list[str]
    jurisdiction: Jurisdiction
    saved: RefundRecord | None

    if TYPE_CHECKING:

        async def redraw(self) -> None: ...

    @property
    def typed_text(self) -> str:
        """What is typed in the answer box now."""
        return self.query_one("#refund-input", Input).value

    def put_typed_text(self, text: str) -> None:
        """Put ``text`` in the answer box, if the question asked takes typing."""
        if self.query_one("#refund-typed", Vertical).display:
            self.query_one("#refund-input", Input).value = text

    def draft_values(self) -> Values | None:
        """The answers so far, the law and the typed box; None when there is nothing yet
        or the check is already kept."""
        typed = self.typed_text
        if self.saved is not None or not (self.order or typed.strip()):
            return None
        answered = [[key, plain_answer(self.answers[key])] for key in self.order]
        return {"law": self.jurisdiction.value, "answers": answered, "typed": typed}

    def restore_draft(self, values: Values) -> None:
        """Put the kept answers back and ask the next question, its typed text in the box."""
        answers = read_answers(values.get("answers"))
        with contextlib.suppress(ValueError):  # unreadable: the law it started under stays
            self.jurisdiction = Jurisdiction(str(values.get("law")))
        self.answers = answers
        self.order = list(answers)
        self.call_later(self._put_back, str(values.get("typed") or ""))

    async def _put_back(self, typed: str) -> None:
        await self.redraw()
        if typed:
            self.put_typed_text(typed)
