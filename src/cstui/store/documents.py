"""The one place that converts cases to stored documents and back."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from pydantic import ValidationError

from cstui.errors import StoreCorruptError
from cstui.models.base import STORED
from cstui.models.case import Case

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def bulk() -> Iterator[None]:
    """Read many documents without the cycle collector stepping in every few hundred.

    Parsing and validating thousands of cases allocates millions of objects and no
    cycles; left on, the collector scans them again and again (four times the work).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def in_bulk(work: Callable[P, R]) -> Callable[P, R]:
    """``work`` run inside :func:`bulk`: for reports over thousands of cases."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with bulk():
            return work(*args, **kwargs)

    return run


def case_to_document(case: Case) -> dict[str, Any]:
    """A JSON-ready dict of ``case``."""
    return case.model_dump(mode="json")


def case_from_document(doc: dict[str, Any]) -> Case:
    """The case a stored document holds; a malformed one is reported, never guessed at."""
    try:
        return Case.model_validate(doc, context=STORED)
    except ValidationError:
        raise StoreCorruptError(
            f"stored case {doc.get('id', '(no id)')} is not readable; the store may have been "
            "edited by hand"
        ) from None
