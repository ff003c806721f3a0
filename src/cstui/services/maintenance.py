"""Looking after the store: check it, back it up, restore it, verify its audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cstui.errors import PermissionDenied
from cstui.store.ports import Health, StoreAdmin, Verdict

__all__ = ["Health", "StoreMaintenance", "Verdict"]


class StoreMaintenance:
    """Maintenance of one store, its backups and its audit trail."""

    def __init__(
        self, admin: StoreAdmin, clock: Callable[[], datetime], may_restore: bool = True
    ) -> None:
        self.admin = admin
        self.clock = clock
        self.may_restore = may_restore
        """Restoring rolls back everyone's work, so only a team leader may."""

    def check(self) -> Health:
        """Read the whole store and every case in it; report what cannot be read."""
        return self.admin.check()

    def backups(self) -> list[Path]:
        """Every backup and restore point, newest first."""
        return self.admin.backups()

    def backup(self) -> Path:
        """Copy the store now (it must be readable)."""
        return self.admin.backup(self.clock())

    def restore(self, name: str) -> Path | None:
        """Put the named backup in place of the store; return the restore point that keeps
        what it replaced (itself a backup that can be restored)."""
        if not self.may_restore:
            raise PermissionDenied(
                "only a team leader can restore a backup: it rolls back everyone's cases"
            )
        return self.admin.restore(name, self.clock())

    def verify(self) -> Verdict:
        """Check the audit trail's hash chain end to end."""
        return self.admin.verify()
