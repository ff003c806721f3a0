"""The repository interface the services talk to. Any backend implements it.

It speaks in intents (open cases, a customer's history, save this case if nobody else
has) and in models, never in documents or queries, so a database-server backend can
slot in behind it without touching the services, the TUI or the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from cstui.models.case import Case


class CaseRepository(Protocol):
    """Where cases live."""

    def create(self, build: Callable[[str], Case]) -> Case:
        """Give ``build`` a fresh case id, store what it returns, and return that."""
        ...

    def get(self, case_id: str) -> Case:
        """The case with ``case_id``; raises NotFound."""
        ...

    def save(self, case: Case, expected_version: int) -> Case:
        """Store ``case`` if the stored one is still at ``expected_version``.

        Returns the case as stored (its version one higher). Raises ConflictError,
        naming who changed it and when, if someone saved in between.
        """
        ...

    def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first."""
        ...

    def closed_cases(self) -> list[Case]:
        """Every closed case, oldest first."""
        ...

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """Cases whose customer has this phone or this email, newest first."""
        ...
