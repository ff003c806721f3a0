"""The composition root: open a data folder (first-run set-up, then the policy, roster
and store) and build the services over the store's ports.

Both faces (CLI and TUI) start here, so they see the same data the same way. This is the
one place that names a concrete store, and that hands the store the rules it keeps
derived data with (a case's brief, its report facts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cstui.config import Settings
from cstui.config_files import POLICY_FILE, TEAM_FILE, CheckedFiles, ConfigFile
from cstui.domain.brief import brief_of, brief_stamp
from cstui.domain.deadline import zone_named
from cstui.durable import file_mode, replace_durably
from cstui.errors import ConfigError, StoreError
from cstui.models.brief import CaseBrief
from cstui.models.roles import Role
from cstui.resources import data_file
from cstui.store.file.files import ensure_private_dir, let_the_team_read
from cstui.store_choice import file_store, postgres_store, server_password_works

if TYPE_CHECKING:  # each is imported on first use, so a face loads only what it needs
    from cstui.content.library import ContentProblem
    from cstui.models.case import Case
    from cstui.models.policy import Policy
    from cstui.models.skills import SelfAssessment
    from cstui.published import Published
    from cstui.services.briefs import OpenCaseBriefs
    from cstui.services.cases import CaseService
    from cstui.services.contacts import ContactService
    from cstui.services.guidance import GuidanceService
    from cstui.services.maintenance import StoreMaintenance
    from cstui.services.privacy import PrivacyService
    from cstui.services.refunds import RefundService
    from cstui.services.skills import SkillsService
    from cstui.services.team import TeamService
    from cstui.store.ports import DraftStore, Stores

DEFAULT_LEADER_LIMIT = Decimal("1000")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


@dataclass
class Workspace:
    """Everything a face needs for one user on one data folder.

    Only what a start needs is loaded by :func:`open_workspace`; the policy, the roster
    and the services are loaded the first time they are used.
    """

    settings: Settings
    clock: Clock
    created: bool = False
    """True when this start created the data folder."""
    warnings: list[str] = field(default_factory=list)
    checked: CheckedFiles | None = None
    """Which config file contents were validated before (None: validate every time)."""
    published: Published | None = None
    """The policy and content files as published on a server (None: the data folder's)."""
    _stores: Stores | None = field(default=None, init=False, repr=False)
    _guidance: GuidanceService | None = field(default=None, init=False, repr=False)
    _skills: SkillsService | None = field(default=None, init=False, repr=False)
    _refunds: RefundService | None = field(default=None, init=False, repr=False)

    @property
    def stores(self) -> Stores:
        """The store's ports (opened by :func:`open_workspace`)."""
        if self._stores is None:
            raise StoreError("this workspace has no store")
        return self._stores

    @property
    def user(self) -> str:
        """Who is using the app."""
        return self.settings.user

    @cached_property
    def policy_file(self) -> ConfigFile:
        """The policy file (the data folder's, or the one published on the server), read once."""
        if self.published is not None:
            return self.published.file(POLICY_FILE)
        return ConfigFile(self.settings.data_dir / POLICY_FILE)

    @cached_property
    def policy(self) -> Policy:
        """The centre's policy (from the bytes read at start); ConfigError names the file
        and key if it is not valid."""
        from cstui.content.toml_files import model_of
        from cstui.models.policy import Policy

        policy = model_of(self.policy_file.path, self.policy_file.values(), Policy)
        if self.checked is not None:
            self.checked.note(self.policy_file)
        return policy

    def check_policy(self) -> None:
        """Validate the policy now unless these exact bytes were validated before."""
        if self.checked is None or not self.checked.known(self.policy_file):
            _ = self.policy

    @cached_property
    def zone(self) -> tzinfo:
        """The centre's time zone (the policy's, else this computer's), worked out once."""
        if "policy" in self.__dict__ or self.checked is None:
            from cstui.domain.due import zone

            return zone(self.policy.business_hours)
        self.check_policy()
        hours = self.policy_file.values().get("business_hours", {})
        return zone_named(hours.get("timezone") if isinstance(hours, dict) else None)

    @cached_property
    def team(self) -> TeamService:
        """The roster, read fresh on every use."""
        from cstui.services.team import TeamService

        return TeamService(self.stores.roster, self.user, self.stores.audit)

    @cached_property
    def roles(self) -> dict[str, Role]:
        """Who is on the roster, with their role, as read at open; validated in full
        unless these bytes were validated before (then read without the models)."""
        if self.settings.store:  # the server's, read out of the roster it keeps
            return self.stores.roster.roles()
        roster = ConfigFile(self.settings.data_dir / TEAM_FILE)
        if self.checked is not None and self.checked.known(roster):
            members = roster.values().get("members", [])
            return {
                str(m.get("name")): Role(m.get("role", Role.AGENT))
                for m in members
                if isinstance(m, dict)
            }
        roles = {m.name: m.role for m in self.team.roster().members}
        if self.checked is not None:
            self.checked.note(roster)
        return roles

    @cached_property
    def brief_stamp(self) -> str:
        """What briefs worked out under the current policy are stamped with."""
        return brief_stamp(self.policy_file.raw)

    @cached_property
    def cases(self) -> CaseService:
        """Logging and working cases."""
        from cstui.services.cases import CaseService

        stores = self.stores
        return CaseService(
            stores.cases, self.policy, self.team, self.user, self.clock, stores.refunds
        )

    def brief_one(self, case: Case) -> CaseBrief:
        """``case`` in brief, under the policy in force."""
        return brief_of(case, self.policy)

    def brief_all(self, cases: Iterable[Case]) -> list[CaseBrief]:
        """``cases`` in brief, under the policy in force."""
        return [brief_of(c, self.policy) for c in cases]

    @cached_property
    def briefs(self) -> OpenCaseBriefs:
        """The open cases in brief, for lists: read without the models when it can be."""
        from cstui.services.briefs import OpenCaseBriefs

        self.check_policy()
        return OpenCaseBriefs(self.stores.cases, self.clock)

    @property
    def store(self) -> StoreMaintenance:
        """Check, back up, restore and verify the store."""
        from cstui.services.maintenance import StoreMaintenance

        leader = self.team.roster().is_team_leader(self.user)
        return StoreMaintenance(self.stores.admin, self.cases.clock, may_restore=leader)

    @property
    def privacy(self) -> PrivacyService:
        """Removing personal data after the retention period or on request."""
        from cstui.services.privacy import PrivacyService

        stores = self.stores
        return PrivacyService(
            self.cases,
            self.policy,
            stores.admin,
            self.cases.clock,
            stores.refunds,
            stores.audit,
            stores.contacts,
        )

    @cached_property
    def contacts(self) -> ContactService:
        """Every call from a customer."""
        from cstui.services.contacts import ContactService

        return ContactService(self.stores.contacts, self.cases, self.user, self.cases.clock)

    @property
    def drafts(self) -> DraftStore:
        """This user's unsaved form text."""
        return self.stores.drafts

    def on_store_wait(self, tell: Callable[[str], None]) -> None:
        """Call ``tell(holder)`` when a save has to wait for another terminal's lock."""
        if self._stores is not None:
            self._stores.admin.on_wait(tell)

    @property
    def guidance(self) -> GuidanceService:
        """Tips, step guidance and message templates, loaded on first use.

        A content override that cannot be used adds a line to :attr:`warnings`.
        """
        if self._guidance is None:
            from cstui.content.library import ContentLibrary
            from cstui.services.guidance import GuidanceService

            overrides = None if self.published is None else self.published.content()
            library = ContentLibrary(self.settings.data_dir, overrides)
            self._guidance = GuidanceService(library, self.cases)
            self.warnings.extend(self._guidance.warnings)
        return self._guidance

    @property
    def skills(self) -> SkillsService:
        """The current user's private skills log, opened on first use.

        Raises InputError if the user name cannot name a file (see ``check_owner_name``).
        """
        if self._skills is None:
            from cstui.services.skills import open_skills

            ws = self
            self._skills = open_skills(
                ws.stores.skills, ws.settings.data_dir, ws.user, ws.policy, ws.cases, ws.cases.clock
            )
        return self._skills

    @property
    def refunds(self) -> RefundService:
        """Refund checks, approvals and records, kept in the same store file as the cases."""
        if self._refunds is None:
            from cstui.services.refunds import RefundService

            self._refunds = RefundService(
                self.stores.refunds, self.policy, self.team, self.cases, self.user, self.cases.clock
            )
        return self._refunds


def first_run(data_dir: Path, user: str) -> bool:
    """Create the data folder with a default policy and a roster led by ``user``.

    Returns True when this call set the folder up (a new roster names its leader).
    """
    created = ensure_private_dir(data_dir)
    policy = data_dir / POLICY_FILE
    if not policy.exists():
        replace_durably(policy, data_file(POLICY_FILE).read_bytes(), file_mode(data_dir))
    else:
        let_the_team_read(policy)
    if (data_dir / TEAM_FILE).exists():
        let_the_team_read(data_dir / TEAM_FILE)
    else:
        from cstui.models.roles import Role
        from cstui.models.team import Member, Roster
        from cstui.store.file.roster_file import RosterFile

        leader = Member(name=user, role=Role.TEAM_LEADER, refund_limit=DEFAULT_LEADER_LIMIT)
        RosterFile(data_dir / TEAM_FILE).write(Roster(members=[leader]))
        created = True
    return created


def signed_in(settings: Settings, passphrase: str) -> Settings | None:
    """``settings`` once ``passphrase`` signs ``settings.user`` in at a shared OS account,
    else None. On a server the passphrase is the person's database password (kept in
    memory for this process's connection); else the folder roster's passphrase (None if
    there is no roster or no passphrase is set)."""
    from cstui.services.team import TeamService
    from cstui.store.file.roster_file import RosterFile

    if settings.store:
        if server_password_works(settings.store, settings.user, passphrase):
            return replace(settings, password=passphrase)
        return None
    roster = RosterFile(settings.data_dir / TEAM_FILE)
    if not roster.exists():
        return None
    team = TeamService(roster, settings.user)
    return settings if team.passphrase_matches(settings.user, passphrase) else None


def open_workspace(
    settings: Settings,
    clock: Clock = utc_now,
    lock_timeout: float = 10.0,
    stores: Callable[[Workspace], Stores] | None = None,
) -> Workspace:
    """Set up the data folder if new, check its policy and roster, open its store.

    ``stores`` opens another store than the data folder's file store (given the
    workspace, for the rules it hands a store): tests run the services on the in-memory
    store so. Raises ConfigError (a file names the key at fault) or StoreError.
    """
    created = first_run(settings.data_dir, settings.user)
    checked = CheckedFiles(settings.data_dir)
    ws = Workspace(settings, clock, created, checked=checked)
    if settings.store and stores is None:  # the policy is the server's: open it first
        ws._stores = postgres_store(ws)
        ws.check_policy()
    else:
        ws.check_policy()
        ws._stores = stores(ws) if stores is not None else file_store(ws, lock_timeout)
    if settings.user not in ws.roles:
        ws.warnings.append(
            f"{settings.user} is not on the team roster ({settings.data_dir / TEAM_FILE}); "
            "working as an agent with no refund authority"
        )
    ws.warnings += ws.stores.notes
    if ws.stores.admin.erasures().unfinished():  # a crash cut an erasure short
        finished = ws.privacy.finish_unfinished()
        ws.warnings.append(f"finished erasing personal data from {len(finished)} case(s)")
    return ws


__all__ = [
    "ConfigError",
    "Workspace",
    "first_run",
    "open_workspace",
    "signed_in",
    "utc_now",
]


def content_guidance(data_dir: Path) -> GuidanceService:
    """Guidance from a data folder's content alone (tips, templates), without the store."""
    from cstui.content.library import ContentLibrary
    from cstui.services.guidance import GuidanceService

    return GuidanceService(ContentLibrary(data_dir))


def content_problems(data_dir: Path | None) -> list[ContentProblem]:
    """Every problem of the shipped content files and of the overrides in ``data_dir``."""
    from cstui.content.library import check_content

    return check_content(data_dir)


def self_assessment() -> SelfAssessment:
    """The shipped five-factor self-assessment (ConfigError if it is damaged)."""
    from cstui.content.self_assessment import load_self_assessment

    return load_self_assessment()
