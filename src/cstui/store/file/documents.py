"""The one place that converts cases to stored documents and back."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from cstui.bulk import bulk, in_bulk
from cstui.errors import StoreCorruptError
from cstui.models.base import STORED
from cstui.models.case import Case
from cstui.store.file.audit_anchors import without_anchor

__all__ = ["bulk", "case_from_document", "case_to_document", "in_bulk"]


def case_to_document(case: Case) -> dict[str, Any]:
    """A JSON-ready dict of ``case``."""
    return case.model_dump(mode="json")


def case_from_document(doc: dict[str, Any]) -> Case:
    """The case a stored document holds; a malformed one is reported, never guessed at."""
    try:
        return Case.model_validate(without_anchor(doc), context=STORED)
    except ValidationError:
        raise StoreCorruptError(
            f"stored case {doc.get('id', '(no id)')} is not readable; the store may have been "
            "edited by hand"
        ) from None
