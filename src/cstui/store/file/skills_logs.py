"""Every person's skills log, each in its own private file (TinyDB loaded on first use)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cstui.store.file.tinydb_skills import TinyDBSkillsRepository


class FileSkillsLogs:
    """The logs under ``<data folder>/skills/``, one file per owner."""

    def __init__(self, data_dir: Path, lock_timeout: float = 10.0) -> None:
        self.data_dir = data_dir
        self.lock_timeout = lock_timeout

    def log(self, owner: str) -> TinyDBSkillsRepository:
        """``owner``'s log; InputError if the name is not safe in a file name."""
        from cstui.store.file.tinydb_skills import TinyDBSkillsRepository

        return TinyDBSkillsRepository.for_owner(self.data_dir, owner, self.lock_timeout)
