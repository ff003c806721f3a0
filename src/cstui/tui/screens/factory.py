"""Every screen built with the services it uses: the one place that knows which needs what.

A screen that opens another is handed this factory; it never reaches for the app's
services. Each screen's module is imported when the screen is first opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from cstui.errors import CstuiError
from cstui.models.roles import Role

if TYPE_CHECKING:
    from cstui.bundle import Services, Tip
    from cstui.models.brief import CaseBrief
    from cstui.models.refunds import RefundRecord
    from cstui.pop_channel import Pop
    from cstui.services.reports import ReportService
    from cstui.services.skills import SkillsService
    from cstui.tui.screens.approvals import ApprovalsScreen
    from cstui.tui.screens.caller import CallerScreen
    from cstui.tui.screens.case import CaseScreen
    from cstui.tui.screens.home import HomeScreen
    from cstui.tui.screens.new_case import NewCaseScreen
    from cstui.tui.screens.refund_check import RefundCheckScreen
    from cstui.tui.screens.roster import RosterScreen
    from cstui.tui.screens.skills import SkillsScreen
    from cstui.tui.screens.team import TeamScreen
    from cstui.tui.screens.tips import TipsScreen
    from cstui.tui.screens.trends import TrendsScreen


@dataclass(frozen=True)
class HomeStart:
    """What the home screen's first frame shows, read before the app draws anything."""

    cases: list[CaseBrief] | CstuiError
    """The open cases in brief, or why the store could not be read."""
    today: date
    tip: Tip | None
    """Today's tip when it could be read cheaply (else home reads it in a worker)."""


@dataclass(frozen=True)
class WhoAmI:
    """Who is using the app, for home to say."""

    line: str
    """``You are ana — team leader``, for people."""
    leads_team: bool
    """Whether they lead the team (and so are offered the roster)."""


class Screens:
    """Makes each screen of the app from one bundle of services."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def read_home(self) -> HomeStart:
        """Read what home shows first: call it before the app runs, off the event loop."""
        s = self.services
        today = s.today()
        cases: list[CaseBrief] | CstuiError
        try:
            cases = s.briefs.all()
        except CstuiError as exc:
            cases = exc
        return HomeStart(cases, today, s.shipped_tip(today))

    def home(self, start: HomeStart) -> HomeScreen:
        """The start screen, showing ``start`` in its first frame."""
        from cstui.tui.screens.home import HomeScreen

        s = self.services
        today = start.today
        return HomeScreen(
            self,
            briefs=s.briefs,
            user=s.user,
            clock=s.clock,
            zone=s.zone,
            first=start.cases,
            tip=start.tip,
            load_tip=lambda: s.tip_of_the_day(today),
        )

    def who_am_i(self) -> WhoAmI:
        """Who the user is and their role, as the roster said at start."""
        s = self.services
        role = s.role
        label = "not on the roster: an agent" if role is None else role.label
        leads = role is Role.TEAM_LEADER
        line = f"You are {s.user} — {label}"
        if s.created and leads:
            line += " (first person in this folder)"
        return WhoAmI(line, leads)

    def roster(self) -> RosterScreen:
        """The team's roster, for a team leader to add agents and set limits."""
        from cstui.tui.screens.roster import RosterScreen

        return RosterScreen(self.services.team)

    def case(self, case_id: str) -> CaseScreen:
        """One case, worked through the procedure."""
        from cstui.tui.screens.case import CaseScreen

        s = self.services
        return CaseScreen(
            case_id,
            self,
            cases=s.cases,
            refunds=lambda: s.refunds,
            team=s.team,
            guidance=s.load_guidance,
            zone=s.zone,
            contacts=lambda: s.contacts,
        )

    def new_case(self, contact: str = "", draft: Mapping[str, Any] | None = None) -> NewCaseScreen:
        """Log a new complaint (for a caller, or resuming a draft)."""
        from cstui.tui.screens.new_case import NewCaseScreen

        s = self.services
        return NewCaseScreen(
            self,
            cases=s.cases,
            policy=s.policy,
            drafts=s.drafts,
            zone=s.zone,
            contact=contact,
            draft=dict(draft) if draft is not None else None,
        )

    def caller(self, contact: str, call: Pop | None = None) -> CallerScreen:
        """A returning caller's cases and calls, found by their phone number or email;
        ``call``: the popped call it opens for."""
        from cstui.tui.screens.caller import CallerScreen, read_history

        s = self.services
        return CallerScreen(
            self,
            contact=contact,
            history=lambda typed: read_history(s.cases, typed, s.contacts),
            zone=s.zone,
            call=call,
            contacts=lambda: s.contacts,
        )

    def tips(self, query: str = "") -> TipsScreen:
        """Search the quick tips and development activities."""
        from cstui.tui.screens.tips import TipsScreen

        return TipsScreen(self.services.load_guidance, query)

    def skills_log(self) -> SkillsService:
        """My private skills log, opened: it reads files, so call it in a worker
        (InputError if the user name cannot name a file)."""
        return self.services.skills

    def skills(self, log: SkillsService) -> SkillsScreen:
        """My private skills log, opened by :meth:`skills_log`."""
        from cstui.tui.screens.skills import SkillsScreen

        return SkillsScreen(log)

    def refund_check(self, case_id: str | None = None) -> RefundCheckScreen:
        """The refund checklist, for a case or on its own."""
        from cstui.tui.screens.refund_check import RefundCheckScreen

        s = self.services
        return RefundCheckScreen(s.refunds, s.policy.jurisdiction, case_id)

    def approvals(self) -> ApprovalsScreen:
        """Refunds waiting for a team leader, and ones to record."""
        from cstui.tui.screens.approvals import ApprovalsScreen

        return ApprovalsScreen(self, self.services.refunds)

    def refund_decisions_line(self) -> str:
        """``2 refund decisions: 1 approved, 1 declined`` on the user's requests, or ""."""
        return self.services.refund_decisions().line()

    def my_refunds(self) -> list[RefundRecord]:
        """The user's own refund requests, oldest first."""
        return self.services.refunds.mine()

    def team(self) -> TeamScreen:
        """Every open case of the team, live."""
        from cstui.tui.screens.team import TeamScreen

        s = self.services
        return TeamScreen(
            self,
            reports=s.reports,
            cases=s.cases,
            is_team_leader=s.is_team_leader,
            members=lambda: s.team.roster().members,
            zone=s.zone,
        )

    def trends(self, reports: ReportService) -> TrendsScreen:
        """Complaints per week and the figures against the targets."""
        from cstui.tui.screens.trends import TrendsScreen

        return TrendsScreen(reports)
