"""How a form and the command line ask for one field of a model: put beside its limits.

A step model's field reads, in one place, its type, its limits and how it is asked for::

    findings: Annotated[RequiredText, Ask("Findings: what happened", "text")] = Field(
        max_length=20_000
    )

Nothing here loads a validation library; :mod:`cstui.models.step_registry` reads these
marks from the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["line", "text", "date", "choice", "flag"]
"""The control that asks for a field: one line, several lines, a date, a choice, a tick box."""


@dataclass(frozen=True)
class Ask:
    """How the step form and ``cstui case advance`` ask for one field."""

    label: str
    """The form's label above the control."""
    kind: Kind = "line"
    help: str = ""
    """The option's help, after the step's name (``what was found.``)."""
    flag: str = ""
    """The command-line option; ``--field-name`` when empty. ``--yes/--no`` for a
    yes-or-no field asked as a choice."""
    metavar: str = ""
    """The option's value in the help; ``DATE`` for a date and ``TEXT`` otherwise."""
    choices: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs; a field of an enumeration offers its members when empty."""
    default: str = ""
    """What the form shows before anything is typed."""
    example: Any = None
    """A valid value (what the tests type); ``None`` for a field that may be left out."""
    takes_message: bool = False
    """A message to the customer used from a template at this step fills this field (at
    most one field a step); elsewhere a used message becomes a note."""
