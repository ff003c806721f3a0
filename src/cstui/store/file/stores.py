"""The file store's ports, each built the first time it is used.

A start that only shows the open cases opens the cases alone: the refunds, skills logs,
roster file, drafts, contacts, audit trail and the upkeep of the store load when first
asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cstui.store.file.admin import FileAuditTrail, FileStoreAdmin
    from cstui.store.file.archive_rows import ReportRows
    from cstui.store.file.backend import JSONFileBackend
    from cstui.store.file.cases import FileCaseStore
    from cstui.store.file.change_feed import FolderChangeFeed
    from cstui.store.file.contacts import FileContactStore
    from cstui.store.file.drafts import DraftFolder
    from cstui.store.file.refunds import FileRefundStore
    from cstui.store.file.roster_file import RosterFile
    from cstui.store.file.skills_logs import FileSkillsLogs

ROSTER_FILE = "team.toml"


class FileStores:
    """One data folder's ports, opened for one user (see :class:`cstui.store.ports.Stores`)."""

    def __init__(
        self,
        data_dir: Path,
        user: str,
        backend: JSONFileBackend,
        rows: ReportRows,
        cases: FileCaseStore,
        clock: Callable[[], datetime],
        lock_timeout: float,
        notes: tuple[str, ...],
    ) -> None:
        self.data_dir = data_dir
        self.user = user
        self.backend = backend
        self.rows = rows
        self.cases = cases
        self.clock = clock
        self.lock_timeout = lock_timeout
        self.notes = notes
        """What opening the store did once (an upgrade of its layout), to tell the user."""

    @cached_property
    def refunds(self) -> FileRefundStore:
        """The refund records, in the main document beside the cases."""
        from cstui.store.file.refunds import FileRefundStore

        return FileRefundStore(self.backend)

    @cached_property
    def skills(self) -> FileSkillsLogs:
        """Each person's skills log, in a file of their own."""
        from cstui.store.file.skills_logs import FileSkillsLogs

        return FileSkillsLogs(self.data_dir, self.lock_timeout)

    @cached_property
    def roster(self) -> RosterFile:
        """The roster file."""
        from cstui.store.file.roster_file import RosterFile

        return RosterFile(self.data_dir / ROSTER_FILE)

    @cached_property
    def drafts(self) -> DraftFolder:
        """This user's unsaved forms."""
        from cstui.store.file.drafts import DraftFolder

        return DraftFolder(self.data_dir, self.user)

    @cached_property
    def audit(self) -> FileAuditTrail:
        """The audit trail beside the main document."""
        from cstui.store.file.admin import FileAuditTrail

        return FileAuditTrail(self.backend, self.clock)

    @cached_property
    def admin(self) -> FileStoreAdmin:
        """Check, backup, restore, verify, purge and erase."""
        from cstui.store.file.admin import FileStoreAdmin

        return FileStoreAdmin(self.backend, self.rows)

    @cached_property
    def contacts(self) -> FileContactStore:
        """Every call from a customer, in a file of its own."""
        from cstui.store.file.contacts import FileContactStore

        return FileContactStore(self.data_dir, self.user, self.lock_timeout)

    @cached_property
    def changes(self) -> FolderChangeFeed:
        """The folder's saves, heard by watching its files (the main document, its
        journal, the roster)."""
        from cstui.store.file.change_feed import FolderChangeFeed

        watched = [self.backend.path, self.backend.journal.path, self.data_dir / ROSTER_FILE]
        return FolderChangeFeed(watched)
