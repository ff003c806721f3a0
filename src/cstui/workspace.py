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

from cstui.config import Settings
from cstui.content.toml_files import POLICY_FILE, load_model
from cstui.errors import ConfigError
from cstui.models.policy import Policy
from cstui.models.team import Member, Role, Roster
from cstui.resources import data_file
from cstui.services.cases import CaseService
from cstui.services.team import TeamService
from cstui.store.backend import JSONFileBackend
from cstui.store.files import FILE_MODE, ensure_private_dir
from cstui.store.roster_file import RosterFile
from cstui.store.tinydb_cases import TinyDBCaseRepository

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

    @property
    def user(self) -> str:
        """Who is using the app."""
        return self.settings.user


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
    backend = JSONFileBackend(settings.data_dir / CASES_FILE, lock_timeout=lock_timeout)
    repo = TinyDBCaseRepository(backend)
    team = TeamService(roster_file, settings.user)
    cases = CaseService(repo, policy, team, settings.user, clock)
    return Workspace(settings, policy, cases, team, created, warnings)


__all__ = ["ConfigError", "Workspace", "first_run", "open_workspace", "utc_now"]
