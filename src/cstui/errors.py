"""Errors every layer may raise and both faces turn into plain words.

Input and workflow problems are the user's to fix (the CLI exits 2); store problems are
the machine's (the CLI exits 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo


class CstuiError(Exception):
    """Base class: ``str(error)`` is a plain sentence fit to show a user."""


@dataclass(frozen=True)
class FieldProblem:
    """One field and what is wrong with it, in plain words."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InputError(CstuiError):
    """Some fields of what the user typed are not acceptable."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @classmethod
    def single(cls, field: str, message: str) -> InputError:
        """An error about one field."""
        return cls([FieldProblem(field, message)])


class WorkflowError(CstuiError):
    """The action is not allowed at this point of the complaint procedure."""


class PermissionDenied(CstuiError):
    """The user's role does not allow the action."""


class NotFound(CstuiError):
    """A case, person or customer that was named does not exist."""


class StoreError(CstuiError):
    """The store could not be read or written; nothing was changed."""


class StoreBusyError(StoreError):
    """Another terminal held the store's lock for too long."""


class StoreCorruptError(StoreError):
    """A store file is damaged; the app refuses to write over it."""


class ConfigError(CstuiError):
    """A configuration file (policy, roster) is missing a key or has a bad value."""


class ConflictError(CstuiError):
    """Someone else saved the case after it was loaded; the save was refused."""

    def __init__(
        self, case_id: str, changed_by: str, changed_at: datetime, zone: tzinfo | None = None
    ) -> None:
        self.case_id = case_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        super().__init__(
            f"{case_id} was changed by {changed_by} at {when} after you opened it; "
            "your change was not saved"
        )

    def in_zone(self, zone: tzinfo) -> ConflictError:
        """The same refusal, with the time told in ``zone``."""
        return ConflictError(self.case_id, self.changed_by, self.changed_at, zone)
