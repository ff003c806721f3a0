"""The ports of what comes from outside a save: calls from customers (contacts), and the
feed that tells a terminal another one changed something. Re-exported by
:mod:`cstui.store.ports`, where every other port is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cstui.models.contact import Contact

__all__ = ["ChangeFeed", "ContactStore"]


class ContactStore(Protocol):
    """Every call from a customer (a contact), numbered, by caller's number and by case."""

    def add(self, build: Callable[[str], Contact]) -> Contact:
        """Give ``build`` a fresh contact id, store what it returns, and return that."""
        ...

    def get(self, contact_id: str) -> Contact:
        """The contact with ``contact_id``; raises NotFound."""
        ...

    def update(self, contact_id: str, actor: str, change: Callable[[Contact], Contact]) -> Contact:
        """Apply ``change`` to the contact as stored, atomically (link it to a case, note
        its outcome, remove its personal data); store and return the result. ``change``
        may raise to refuse; then nothing is written. NotFound if there is none."""
        ...

    def by_number(self, number: str) -> list[Contact]:
        """The contacts from this E.164 number, newest first."""
        ...

    def for_case(self, case_id: str) -> list[Contact]:
        """The contacts linked to a case, newest first."""
        ...

    def between(self, since: datetime | None, before: datetime | None) -> list[Contact]:
        """The contacts that came in at or after ``since`` and before ``before`` (either
        open-ended when None), oldest first: for reports and retention."""
        ...


class ChangeFeed(Protocol):
    """Tells, as soon as it happens, that another terminal changed a case, a refund or
    the roster (optional: a store that cannot tell gives one that never calls, and the
    screens keep re-reading every few seconds)."""

    @property
    def live(self) -> bool:
        """Whether this feed tells of changes at all."""
        ...

    @property
    def connected(self) -> bool:
        """Whether the feed reaches the store now (a feed that cannot lose it: always)."""
        ...

    def start(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        """Call ``on_change()`` after each change another terminal commits, and
        ``on_connection(False)`` when the store is lost, ``(True)`` when it is back. Both
        are called from the feed's own thread, never the caller's."""
        ...

    def stop(self) -> None:
        """Stop telling (for good)."""
        ...
