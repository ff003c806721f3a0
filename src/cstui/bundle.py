"""The services a face uses, built once at start from the opened workspace.

This is the composition root's hand-over: a face is given a :class:`Services` and never
the workspace itself. Only what the first screen needs is worked out at start; every
service is built the first time it is used (``cached_property``), so start-up loads no
more than it did.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:  # each service's module loads on first use, not with the bundle
    from cstui.models.policy import Policy
    from cstui.models.refund_decisions import Decisions
    from cstui.models.roles import Role
    from cstui.services.briefs import OpenCaseBriefs
    from cstui.services.cases import CaseService
    from cstui.services.contacts import ContactService
    from cstui.services.guidance import GuidanceService
    from cstui.services.refunds import RefundService
    from cstui.services.reports import ReportService
    from cstui.services.skills import SkillsService
    from cstui.services.team import TeamService
    from cstui.workspace import Workspace


class KeptDraft(Protocol):
    """A form's unsaved text, as it was kept."""

    @property
    def saved_at(self) -> datetime:
        """When it was last kept."""
        ...

    @property
    def values(self) -> Mapping[str, Any]:
        """The form's raw values by field name."""
        ...


class Drafts(Protocol):
    """Where this user's unsaved forms are kept, one per form name."""

    def save(self, name: str, values: dict[str, Any], at: datetime) -> None:
        """Keep ``values`` for the form ``name``."""
        ...

    def load(self, name: str) -> KeptDraft | None:
        """The draft of form ``name``, if one is kept and readable."""
        ...

    def drop(self, name: str) -> None:
        """Forget the draft of form ``name``."""
        ...

    def names(self) -> list[str]:
        """Every kept draft's name."""
        ...


class Changes(Protocol):
    """Other terminals' saves, told as they are committed (by a database server, or seen
    in a data folder's files; a store in memory never tells, and screens re-read on their
    timers)."""

    @property
    def live(self) -> bool:
        """Whether this feed tells of changes at all."""
        ...

    @property
    def connected(self) -> bool:
        """Whether the store's server can be reached now."""
        ...

    def start(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        """Call ``on_change()`` after each change elsewhere and ``on_connection(False)``
        or ``(True)`` as the server is lost and back, from the feed's own thread."""
        ...

    def stop(self) -> None:
        """Stop telling."""
        ...


class Tip(Protocol):
    """A tip of the day: a short title and the tip itself."""

    @property
    def title(self) -> str:
        """A short title."""
        ...

    @property
    def body(self) -> str:
        """The tip itself."""
        ...


class Guidance(NamedTuple):
    """The guidance service, and the content warnings its first loading raised."""

    service: GuidanceService
    new_warnings: list[str]


@dataclass(frozen=True)
class Services:
    """Everything a face may use, for one user on one data folder.

    Plain values are read at start; each service is built on first use and kept.
    """

    _workspace: Workspace = field(repr=False)
    """The opened data folder the services are built from (for the bundle only)."""
    _guidance_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    """Guidance is loaded by worker threads: one of them builds it, once."""

    @property
    def user(self) -> str:
        """Who is using the app."""
        return self._workspace.user

    @property
    def data_dir(self) -> Path:
        """The data folder."""
        return self._workspace.settings.data_dir

    @property
    def created(self) -> bool:
        """True when this start created the data folder."""
        return self._workspace.created

    @property
    def clock(self) -> Callable[[], datetime]:
        """The current moment (UTC)."""
        return self._workspace.clock

    @property
    def start_warnings(self) -> list[str]:
        """What opening the data folder found worth saying."""
        return list(self._workspace.warnings)

    @cached_property
    def zone(self) -> tzinfo:
        """The centre's time zone, for showing times."""
        return self._workspace.zone

    @cached_property
    def policy(self) -> Policy:
        """The centre's policy."""
        return self._workspace.policy

    @cached_property
    def briefs(self) -> OpenCaseBriefs:
        """The open cases in brief, for lists."""
        return self._workspace.briefs

    @cached_property
    def cases(self) -> CaseService:
        """Logging and working cases."""
        return self._workspace.cases

    @cached_property
    def contacts(self) -> ContactService:
        """Every call from a customer."""
        return self._workspace.contacts

    @cached_property
    def team(self) -> TeamService:
        """The roster."""
        return self._workspace.team

    @cached_property
    def drafts(self) -> Drafts:
        """This user's unsaved form text."""
        from cstui.services.drafts import DraftService

        return DraftService(self._workspace.drafts)

    @cached_property
    def refunds(self) -> RefundService:
        """Refund checks, approvals and records."""
        return self._workspace.refunds

    @cached_property
    def reports(self) -> ReportService:
        """The team board and trends."""
        from cstui.services.reports import report_service

        return report_service(self._workspace)

    @cached_property
    def skills(self) -> SkillsService:
        """The current user's private skills log (InputError if the name cannot be a file)."""
        return self._workspace.skills

    def load_guidance(self) -> Guidance:
        """Tips, step guidance and message templates, loaded on first use (any thread).

        Raises CstuiError if the shipped content itself cannot be read.
        """
        workspace = self._workspace
        with self._guidance_lock:
            before = len(workspace.warnings)
            service = workspace.guidance
            return Guidance(service, workspace.warnings[before:])

    def today(self) -> date:
        """Today in the centre's time zone."""
        return self.clock().astimezone(self.zone).date()

    def shipped_tip(self, day: date) -> Tip | None:
        """The tip for ``day`` read cheaply from the shipped file; None when the content
        library could say otherwise (then :meth:`tip_of_the_day` asks it)."""
        from cstui.content.daily_tip import shipped_tip_of_the_day

        return shipped_tip_of_the_day(self.data_dir, day)

    def tip_of_the_day(self, day: date) -> tuple[Tip | None, list[str]]:
        """The tip for ``day``, and any content warnings loading the library raised."""
        tip = self.shipped_tip(day)
        if tip is not None:
            return tip, []
        guidance = self.load_guidance()
        return guidance.service.tip_of_the_day(day), guidance.new_warnings

    def on_store_wait(self, tell: Callable[[str], None]) -> None:
        """Call ``tell(holder)`` when a save has to wait for another terminal's lock."""
        self._workspace.on_store_wait(tell)

    @property
    def role(self) -> Role | None:
        """The user's role on the roster as read at start; None when not on it."""
        return self._workspace.roles.get(self.user)

    @property
    def changes(self) -> Changes:
        """Other terminals' saves, told as they are committed."""
        return self._workspace.stores.changes

    def refund_decisions(self) -> Decisions:
        """How many of the user's refund requests team leaders answered (a light read)."""
        return self._workspace.stores.refunds.decisions(self.user)

    def is_team_leader(self) -> bool:
        """Whether the user leads the team (reads the roster)."""
        return self.team.roster().is_team_leader(self.user)


def services_of(workspace: Workspace) -> Services:
    """The bundle of services of an opened workspace."""
    return Services(workspace)
