"""Fixtures for the store's tests."""

from __future__ import annotations

import pytest

from cstui import workspace


@pytest.fixture
def archive_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each case goes to the archive as it closes, not in batches (for tests that look at
    the archive's files right after a close)."""
    monkeypatch.setattr(workspace, "CLOSED_BATCH", 0)
