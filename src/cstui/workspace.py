"""Open a data folder: first-run set-up, then the policy, roster, store and services.

Both faces (CLI and TUI) start here, so they see the same data the same way.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from cstui.config import Settings
from cstui.content.toml_files import POLICY_FILE, load_model
from cstui.errors import ConfigError, StoreError
from cstui.models.policy import Policy
from cstui.models.team import Member, Role, Roster
from cstui.resources import data_file
from cstui.services.cases import CaseService
from cstui.services.team import TeamService
from cstui.store.backend import ARCHIVE, JSONFileBackend
from cstui.store.files import FILE_MODE, ensure_private_dir
from cstui.store.roster_file import RosterFile
from cstui.store.tinydb_cases import TinyDBCaseRepository

if TYPE_CHECKING:  # each is imported on first use, so a command loads only what it needs
    from cstui.services.guidance import GuidanceService
    from cstui.services.maintenance import StoreMaintenance
    from cstui.services.privacy import PrivacyService
    from cstui.services.refunds import RefundService
    from cstui.services.skills import SkillsService
    from cstui.store.drafts import DraftFolder

TEAM_FILE = "team.toml"
CASES_FILE = "cases.json"
DEFAULT_LEADER_LIMIT = Decimal("1000")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


@dataclass
class Workspace:
    """Everything a face needs for one user on one data folder."""

    settings: Settings
    policy: Policy
    cases: CaseService
    team: TeamService
    created: bool = False
    """True when this start created the data folder."""
    warnings: list[str] = field(default_factory=list)
    backend: JSONFileBackend | None = None
    """The store file every repository of this workspace writes through."""
    _guidance: GuidanceService | None = field(default=None, init=False, repr=False)
    _skills: SkillsService | None = field(default=None, init=False, repr=False)
    _refunds: RefundService | None = field(default=None, init=False, repr=False)

    @property
    def user(self) -> str:
        """Who is using the app."""
        return self.settings.user

    @property
    def store(self) -> StoreMaintenance:
        """Check, back up, restore and verify the store."""
        from cstui.services.maintenance import StoreMaintenance

        if self.backend is None:
            raise StoreError("this workspace has no store file")
        leader = self.team.roster().is_team_leader(self.user)
        return StoreMaintenance(self.backend, self.cases.clock, may_restore=leader)

    @property
    def privacy(self) -> PrivacyService:
        """Removing personal data after the retention period or on request."""
        from cstui.services.privacy import PrivacyService

        backups = self.backend.backups if self.backend is not None else None
        return PrivacyService(self.cases, self.policy, backups, self.cases.clock)

    @property
    def drafts(self) -> DraftFolder:
        """This user's unsaved form text."""
        from cstui.store.drafts import DraftFolder

        return DraftFolder(self.settings.data_dir, self.settings.user)

    def on_store_wait(self, tell: Callable[[str], None]) -> None:
        """Call ``tell(holder)`` when a save has to wait for another terminal's lock."""
        if self.backend is not None:
            self.backend.on_wait = tell

    @property
    def guidance(self) -> GuidanceService:
        """Tips, step guidance and message templates, loaded on first use.

        A content override that cannot be used adds a line to :attr:`warnings`.
        """
        if self._guidance is None:
            from cstui.content.library import ContentLibrary
            from cstui.services.guidance import GuidanceService

            self._guidance = GuidanceService(ContentLibrary(self.settings.data_dir), self.cases)
            self.warnings.extend(self._guidance.warnings)
        return self._guidance

    @property
    def skills(self) -> SkillsService:
        """The current user's private skills log, opened on first use.

        Raises InputError if the user name cannot name a file (see ``check_owner_name``).
        """
        if self._skills is None:
            from cstui.services.skills import open_skills

            ws, timeout = self, self.backend.lock_timeout if self.backend else 10.0
            self._skills = open_skills(
                ws.settings.data_dir, ws.user, ws.policy, ws.cases, ws.cases.clock, timeout
            )
        return self._skills

    @property
    def refunds(self) -> RefundService:
        """Refund checks, approvals and records, kept in the same store file as the cases."""
        if self._refunds is None:
            from cstui.services.refunds import RefundService
            from cstui.store.tinydb_refunds import TinyDBRefundRepository

            if self.backend is None:
                raise StoreError("this workspace has no store file")
            repo = TinyDBRefundRepository(self.backend)
            self._refunds = RefundService(
                repo, self.policy, self.team, self.cases, self.user, self.cases.clock
            )
        return self._refunds


def first_run(data_dir: Path, user: str) -> bool:
    """Create the data folder with a default policy and a roster led by ``user``.

    Returns True when this call set the folder up (a new roster names its leader).
    """
    created = ensure_private_dir(data_dir)
    policy = data_dir / POLICY_FILE
    if not policy.exists():
        shutil.copyfile(data_file(POLICY_FILE), policy)
        policy.chmod(FILE_MODE)
    roster = RosterFile(data_dir / TEAM_FILE)
    if not roster.exists():
        leader = Member(name=user, role=Role.TEAM_LEADER, refund_limit=DEFAULT_LEADER_LIMIT)
        roster.write(Roster(members=[leader]))
        created = True
    return created


def _archive_closed_cases(repo: TinyDBCaseRepository) -> list[str]:
    """Move a store from before the archive into the current layout (once)."""
    try:
        if not repo.closed_in_main():
            return []
    except StoreError:  # a damaged store is reported by the first read that needs it
        return []
    moved = repo.move_closed_to_archive()
    return [f"moved {moved} closed cases into {ARCHIVE}/ beside {CASES_FILE} (done once)"]


def open_workspace(
    settings: Settings, clock: Clock = utc_now, lock_timeout: float = 10.0
) -> Workspace:
    """Set up the data folder if new, and open everything in it.

    Raises ConfigError (a file names the key at fault) or StoreError.
    """
    created = first_run(settings.data_dir, settings.user)
    policy = load_model(settings.data_dir / POLICY_FILE, Policy)
    roster_file = RosterFile(settings.data_dir / TEAM_FILE)
    roster = roster_file.load()
    warnings = []
    if roster.get(settings.user) is None:
        warnings.append(
            f"{settings.user} is not on the team roster ({roster_file.path}); "
            "working as an agent with no refund authority"
        )
    backend = JSONFileBackend(
        settings.data_dir / CASES_FILE, lock_timeout=lock_timeout, label=settings.user
    )
    repo = TinyDBCaseRepository(backend)
    warnings += _archive_closed_cases(repo)
    team = TeamService(roster_file, settings.user)
    cases = CaseService(repo, policy, team, settings.user, clock)
    return Workspace(settings, policy, cases, team, created, warnings, backend=backend)


__all__ = ["ConfigError", "Workspace", "first_run", "open_workspace", "utc_now"]
