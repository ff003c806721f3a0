"""What one transaction sees and changes: the main document and the parts it touched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cstui.store.file.audit import AuditEvent

Tables = dict[str, dict[str, Any]]


def _no_parts(name: str) -> Tables:
    return {}


@dataclass
class Buffer:
    """The documents as one transaction sees them; ``dirty`` once the main one is written.

    Repositories add an :class:`AuditEvent` for each change they make; the events go to
    the audit log once the documents are safely written. A part is read on first use
    with :meth:`part` and written back if :meth:`changed_part` was called for it.
    """

    data: Tables
    dirty: bool = False
    events: list[AuditEvent] = field(default_factory=list)
    load_part: Callable[[str], Tables] = _no_parts
    parts: dict[str, Tables] = field(default_factory=dict)
    changed_parts: set[str] = field(default_factory=set)
    late_parts: set[str] = field(default_factory=set)
    dropped_parts: set[str] = field(default_factory=set)
    base: Tables | None = None
    """The document the transaction started from (None: a buffer of its own)."""
    journal: bool = False
    """Whether its writer lets a change of rows only go to the main document's journal
    (see :mod:`cstui.store.file.journal`) rather than a rewrite of the main document."""

    def part(self, name: str) -> Tables:
        """The part ``name`` as this transaction sees it (empty if there is none yet)."""
        if name not in self.parts:
            self.parts[name] = self.load_part(name)
        return self.parts[name]

    def changed_part(self, name: str, after_main: bool = False) -> None:
        """Mark the part ``name`` to be written back: before the main document, or after
        it when the change only takes something away (a crash then leaves a copy, never
        a loss)."""
        (self.late_parts if after_main else self.changed_parts).add(name)

    def drop_part(self, name: str) -> None:
        """Delete the part ``name`` after the main document, before the parts written
        after it (what it held has moved elsewhere)."""
        self.dropped_parts.add(name)

    @property
    def early(self) -> list[str]:
        """Changed parts to write before the main document."""
        return sorted(self.changed_parts)

    @property
    def late(self) -> list[str]:
        """Changed parts to write after the main document."""
        return sorted(self.late_parts - self.changed_parts)

    @property
    def any_change(self) -> bool:
        """Whether anything is to be written."""
        return self.dirty or bool(self.changed_parts or self.late_parts or self.dropped_parts)
