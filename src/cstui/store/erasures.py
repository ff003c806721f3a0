"""The erasure port: erasures of personal data journalled so that they finish.

Part of the store's ports (:mod:`cstui.store.ports` names them); kept apart only to keep
that module short.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cstui.models.case import Case

__all__ = ["Erasure", "ErasureJournal"]


@dataclass(frozen=True)
class Erasure:
    """One erasure of personal data, journalled before it starts so that it is finished
    after a crash. It holds no personal data: the ids of the cases, and digests of the
    customer's phone and email (:meth:`trace`) to find copies no id leads to."""

    name: str
    actor: str
    why: str
    case_ids: tuple[str, ...]
    traces: tuple[str, ...] = ()

    @staticmethod
    def trace(kind: str, value: str) -> str:
        """The digest of a stored (normalised) ``phone`` or ``email`` value."""
        return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


class ErasureJournal(Protocol):
    """Erasures under way, and the copies of cases only the store knows of."""

    def begin(self, erasure: Erasure) -> None:
        """Record ``erasure`` durably before any of it is done."""
        ...

    def unfinished(self) -> list[Erasure]:
        """Every erasure begun and not ended (cheap when there is none)."""
        ...

    def forget_elsewhere(
        self, cases: Sequence[Case], traces: Sequence[str], redact: Callable[[Case], Case]
    ) -> int:
        """Put ``cases`` (redacted) into every other copy the store keeps (files a
        restore kept aside, blocks left behind), redact with ``redact`` any copy of a
        case whose phone or email has one of ``traces``, and drop briefs and
        lookups that repeat them; backups are :meth:`StoreAdmin.forget_in_backups`'s.
        Return how many files were rewritten."""
        ...

    def end(self, erasure: Erasure) -> None:
        """Forget ``erasure``: it is finished."""
        ...
