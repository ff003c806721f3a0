"""The change feed of a store that cannot tell of changes as they happen (the in-memory
store): the screens keep re-reading on their own timers."""

from __future__ import annotations

from collections.abc import Callable


class NoChangeFeed:
    """A :class:`cstui.store.ports.ChangeFeed` that never calls: nothing to listen to."""

    @property
    def live(self) -> bool:
        """Never: the screens poll."""
        return False

    @property
    def connected(self) -> bool:
        """Always: there is no server to lose."""
        return True

    def start(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        """Nothing to start."""

    def stop(self) -> None:
        """Nothing to stop."""


__all__ = ["NoChangeFeed"]
