"""What the refund checklist shows of its questions and answers, as literal text."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from cstui.models import refund_checklist as checklist
from cstui.models.refund_checklist import SHORT_LABELS, Question
from cstui.models.refunds import Jurisdiction, RefundRecord


def question_text(
    question: Question | None,
    answers: dict[str, Any],
    law: Jurisdiction,
    saved: RefundRecord | None,
) -> Text:
    """The question being asked (numbered, with how to answer it), or what comes next."""
    if saved is not None:
        return Text(
            f"Kept as {saved.id}. Esc goes back.",
            style="bold green",
        )
    if question is None:
        return Text.assemble(
            ("All answered.\n", "bold green"),
            "ctrl+s records the check; f3 changes the last answer.",
        )
    number = len(checklist.relevant(answers, law)) + 1
    total = len(checklist.questions(answers, law))
    of = f" of {total}" if "reason" in answers else ""
    text = Text(f"Question {number}{of}\n", style="dim")
    text.append(f"{question.text}\n", style="bold")
    if question.kind == "yesno":
        text.append("y yes · n no", style="cyan")
    elif question.kind == "choice":
        for index, (label, _) in enumerate(question.choices, 1):
            text.append(f" {index} ", style="bold cyan")
            text.append(f"{label}\n")
    else:
        text.append("Type it, then Enter.", style="cyan")
    return text


def answers_text(answers: dict[str, Any], law: Jurisdiction) -> Text:
    """The answers that count so far, one line each."""
    relevant = checklist.relevant(answers, law)
    if not relevant:
        return Text()
    by_key = {q.key: q for q in checklist.questions(answers, law)}
    text = Text("\nSo far\n", style="bold")
    for key, value in relevant.items():
        text.append(f"✓ {SHORT_LABELS.get(key, key)}: ", style="green")
        text.append(checklist.shown_answer(by_key[key], value))
        text.append("\n")
    return text
