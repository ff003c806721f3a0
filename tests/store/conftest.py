"""Fixtures for the store's tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.support.clock import FixedClock

from cstui import store_choice
from cstui.domain import workflow
from cstui.models.case import Case, NewCase
from cstui.store.file.tinydb_cases import TinyDBCaseRepository


@pytest.fixture
def archive_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each case goes to the archive as it closes, not in batches (for tests that look at
    the archive's files right after a close)."""
    monkeypatch.setattr(store_choice, "CLOSED_BATCH", 0)


@pytest.fixture
def log(
    repo: TinyDBCaseRepository, new_case_fields: Callable[..., dict[str, Any]], clock: FixedClock
) -> Callable[..., Case]:
    """Log a case through the repository, a day after the one before."""

    def make(**fields: Any) -> Case:
        form = NewCase.model_validate(new_case_fields(**fields))
        now = clock.advance(days=1)
        return repo.create(lambda case_id: workflow.new_case(case_id, form, "tester", now))

    return make
