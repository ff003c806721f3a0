"""Shared fixtures: a fixed clock, the shipped policy, new-case fields, both store backends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tests.support.clock import FixedClock
from tests.support.postgres import cluster, database_url  # noqa: F401  (fixtures)
from tests.support.runtime import runtime_dir  # noqa: F401  (a fixture)
from tests.support.steps import case_fields

from cstui.content.toml_files import default_policy
from cstui.models.policy import Policy
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.memory_backend import MemoryBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository

# The reliability figures print with or without xdist; the shared store fixtures.
pytest_plugins = ["tests.support.reliability.figures", "tests.support.stores"]

TIMEZONE = "Australia/Sydney"
SYDNEY = ZoneInfo(TIMEZONE)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches the real home: HOME, XDG and the data folder live in tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("CSTUI_DATA_DIR", str(home / "cstui-data"))
    monkeypatch.setenv("CSTUI_USER", "tester")
    return home


@pytest.fixture
def clock() -> FixedClock:
    """Monday 2 March 2026, 10:00 in Sydney."""
    return FixedClock(datetime(2026, 3, 2, 10, 0, tzinfo=SYDNEY))


@pytest.fixture
def policy() -> Policy:
    """The shipped default policy, pinned to a fixed time zone."""
    shipped = default_policy()
    hours = shipped.business_hours.model_copy(update={"timezone": TIMEZONE})
    return shipped.model_copy(update={"business_hours": hours})


@pytest.fixture
def new_case_fields() -> Callable[..., dict[str, Any]]:
    """A factory of valid new-case form fields, the customer with an email address too;
    keyword arguments replace fields."""

    def make(**overrides: Any) -> dict[str, Any]:
        customer = {**case_fields()["customer"], "email": "jo@example.com"}
        return case_fields(**{"customer": customer, **overrides})

    return make


@pytest.fixture(params=["memory", "file"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> TinyDBCaseRepository:
    """A case repository over each backend, so every repository test runs against both."""
    from tests.support.stores import REPORT_ROWS

    if request.param == "memory":
        return TinyDBCaseRepository(MemoryBackend(), rows=REPORT_ROWS)
    return TinyDBCaseRepository(JSONFileBackend(tmp_path / "cases.json"), rows=REPORT_ROWS)
