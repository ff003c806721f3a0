"""The in-memory store's journal of erasures under way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cstui.store.erasures import Erasure

if TYPE_CHECKING:
    from cstui.models.case import Case


class MemoryErasures:
    """Erasures in a list; the store keeps no copies apart from its backups."""

    def __init__(self) -> None:
        self.pending: list[Erasure] = []

    def begin(self, erasure: Erasure) -> None:
        """Keep ``erasure`` until it ends."""
        self.pending.append(erasure)

    def unfinished(self) -> list[Erasure]:
        """Every erasure begun and not ended."""
        return list(self.pending)

    def forget_elsewhere(
        self, cases: Sequence[Case], traces: Sequence[str], redact: Callable[[Case], Case]
    ) -> int:
        """Nothing is kept elsewhere in memory."""
        return 0

    def end(self, erasure: Erasure) -> None:
        """Forget ``erasure``."""
        self.pending = [e for e in self.pending if e.name != erasure.name]
