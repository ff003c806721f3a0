"""Filtering a list of cases by typed words, as the team view and home do it.

Plain Python (no models loaded), so home can filter its briefs without loading pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping

FILTER_FIELDS: dict[str, str] = {
    "owner": "owner",
    "cat": "category",
    "category": "category",
    "step": "step",
    "id": "id",
    "customer": "customer",
}
"""Prefixes that narrow a filter word to one field: ``owner:bob``, ``step:solve``."""


def haystacks(
    case_id: str, customer: str, owner: str, category: str, step: str, summary: str
) -> dict[str, str]:
    """The text of a case each filter word is looked for in, case-folded."""
    return {
        "id": case_id.casefold(),
        "customer": customer.casefold(),
        "owner": owner.casefold(),
        "category": category.casefold(),
        "step": step.casefold(),
        "summary": summary.casefold(),
    }


def words_match(hay: Mapping[str, str], text: str) -> bool:
    """Whether every word of ``text`` is found in ``hay`` (see :func:`haystacks`).

    A bare word is looked for in the id, customer, owner, category, step and summary;
    ``owner:bob``, ``cat:billing``, ``step:solve``, ``id:``, ``customer:`` look in one field.
    """
    for word in text.casefold().split():
        prefix, colon, wanted = word.partition(":")
        if colon and prefix in FILTER_FIELDS:
            if wanted and wanted not in hay[FILTER_FIELDS[prefix]]:
                return False
        elif not any(word in value for value in hay.values()):
            return False
    return True
