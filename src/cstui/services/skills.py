"""A person's private skills log as both faces use it.

The service is built for the current user and has no way to name anyone else's log:
``check_owner`` refuses any other name with "a skills log is private to its owner".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from cstui.content.development import load_development
from cstui.content.self_assessment import load_self_assessment
from cstui.domain import skills as rules
from cstui.domain.due import zone
from cstui.domain.performance import WINDOWS, charter_figures
from cstui.errors import InputError, PermissionDenied, WorkflowError
from cstui.models.content import Development, Suggestions
from cstui.models.figures import WindowFigures
from cstui.models.policy import Policy
from cstui.models.skill_scores import factor_scores, rated, trend
from cstui.models.skills import (
    Action,
    ActionStatus,
    Assessment,
    LearningEntry,
    Rating,
    SelfAssessment,
    Statement,
    parse_learning,
    parse_plan,
)
from cstui.services.cases import CaseFilter, CaseService
from cstui.store.ports import SkillsLog, SkillsLogs

PRIVATE = "a skills log is private to its owner"


@dataclass(frozen=True)
class AssessmentSummary:
    """One completed assessment in numbers."""

    assessment: Assessment
    scores: dict[str, int | None]
    rated: int
    total: int


@dataclass(frozen=True)
class SkillsReport:
    """Everything the Progress view and ``skills report`` show."""

    assessments: list[AssessmentSummary]
    """Completed assessments, oldest first."""
    open_actions: list[Action]
    """Actions not done, soonest due first."""
    gaps: list[rules.Gap]
    trend: dict[str, list[int | None]]
    """Per factor, its score in each assessment, oldest first."""


class SkillsService:
    """One person's assessments, actions, learning log and charter figures."""

    def __init__(
        self,
        repo: SkillsLog,
        content: SelfAssessment,
        development: Callable[[], Development],
        cases: CaseService,
        policy: Policy,
        owner: str,
        clock: Callable[[], datetime],
    ) -> None:
        self.repo = repo
        self.content = content
        self._development = development
        self.cases = cases
        self.policy = policy
        self._owner = owner
        self.clock = clock

    @property
    def owner(self) -> str:
        """Whose log this is: the current user, fixed when the service was built."""
        return self._owner

    def check_owner(self, name: str | None) -> None:
        """Refuse any name but the owner's: nobody opens another person's log."""
        if name is not None and name.strip() != self._owner:
            raise PermissionDenied(PRIVATE)

    @cached_property
    def development(self) -> Development:
        """Development themes, activities and readings (loaded on first use)."""
        return self._development()

    def today(self) -> date:
        """Today in the centre's time zone."""
        return self.clock().astimezone(zone(self.policy.business_hours)).date()

    # -- the instrument ------------------------------------------------------------------
    def statements(self) -> list[Statement]:
        """Every statement, in order."""
        return list(self.content.statements)

    def factor_title(self, factor_id: str) -> str:
        """A factor's title."""
        return self.content.factor(factor_id).title

    def statement(self, statement_id: str) -> Statement:
        """A statement by id; InputError if there is none."""
        found = self.content.statement(rules.check_statement(self.content, statement_id))
        assert found is not None
        return found

    # -- assessing -----------------------------------------------------------------------
    def draft(self) -> Assessment | None:
        """The assessment in progress, if any."""
        return self.repo.draft()

    def rate(self, changes: Mapping[str, Rating | None], position: str | None = None) -> Assessment:
        """Rate (or, with None, unrate) statements of the draft, starting one if needed."""
        for statement_id in changes:
            rules.check_statement(self.content, statement_id)
        if position is not None:
            rules.check_statement(self.content, position, "position")
        now = self.clock()

        def change(current: Assessment | None, next_id: int) -> Assessment:
            draft = current or Assessment(id=next_id, started_at=now, updated_at=now)
            ratings = dict(draft.ratings)
            for statement_id, rating in changes.items():
                if rating is None:
                    ratings.pop(statement_id, None)
                else:
                    ratings[statement_id] = rating
            return draft.model_copy(
                update={
                    "ratings": ratings,
                    "updated_at": now,
                    "position": position or draft.position,
                }
            )

        saved = self.repo.update_draft(change)
        assert saved is not None
        return saved

    def complete_draft(self) -> Assessment:
        """Complete the assessment in progress, with the proposed three and three picked."""
        now = self.clock()
        gaps = self.gaps()

        def change(current: Assessment | None, _next_id: int) -> Assessment:
            if current is None:
                raise WorkflowError("there is no assessment in progress to complete")
            if not current.ratings:
                raise WorkflowError("rate at least one statement before completing")
            return self._completed(current, now, gaps)

        done = self.repo.update_draft(change)
        assert done is not None
        return done

    def discard_draft(self) -> None:
        """Throw away the assessment in progress."""
        self.repo.update_draft(lambda _current, _next_id: None)

    def assess(self, raw: Mapping[str, object]) -> Assessment:
        """A whole assessment at once (for scripts): ids to ratings, the rest unrated."""
        ratings = rules.check_ratings(self.content, raw)
        if not ratings:
            raise InputError.single("ratings", "rates no statement")
        now = self.clock()
        gaps = self.gaps()

        def build(number: int) -> Assessment:
            fresh = Assessment(id=number, started_at=now, updated_at=now, ratings=ratings)
            return self._completed(fresh, now, gaps)

        return self.repo.add_assessment(build)

    def _completed(
        self, assessment: Assessment, now: datetime, gaps: list[rules.Gap]
    ) -> Assessment:
        proposal = rules.propose(self.content, assessment, gaps)
        return assessment.model_copy(
            update={
                "completed_at": now,
                "updated_at": now,
                "position": None,
                "strengths": proposal.proposed_strengths,
                "improvements": proposal.proposed_improvements,
            }
        )

    def assessments(self) -> list[Assessment]:
        """Completed assessments, oldest first."""
        return self.repo.assessments()

    def latest(self) -> Assessment | None:
        """The most recent completed assessment."""
        done = self.assessments()
        return done[-1] if done else None

    def summary(self, assessment: Assessment) -> AssessmentSummary:
        """Scores and counts of one assessment."""
        return AssessmentSummary(
            assessment,
            factor_scores(self.content, assessment.ratings),
            rated(self.content, assessment.ratings),
            len(self.content.statements),
        )

    def gaps(self) -> list[rules.Gap]:
        """Statements rated could do better in two of the last three assessments."""
        return rules.persistent_gaps(self.content, self.assessments())

    # -- three and three -----------------------------------------------------------------
    def proposal(self, assessment: Assessment) -> rules.Proposal:
        """The ranked strongest and weakest statements of ``assessment``."""
        earlier = [a for a in self.assessments() if a.id != assessment.id]
        gaps = rules.persistent_gaps(self.content, [*earlier, assessment])
        return rules.propose(self.content, assessment, gaps)

    def pick(
        self,
        strengths: Sequence[str],
        improvements: Sequence[str],
        assessment_id: int | None = None,
    ) -> Assessment:
        """Keep up to three strengths and three to improve on an assessment (the latest)."""
        target = self._assessment(assessment_id)
        chosen = rules.check_picks(self.content, target, strengths, improvements)
        now = self.clock()
        return self.repo.update_assessment(
            target.id,
            lambda a: a.model_copy(
                update={"strengths": chosen[0], "improvements": chosen[1], "updated_at": now}
            ),
        )

    def _assessment(self, assessment_id: int | None) -> Assessment:
        done = self.assessments()
        if assessment_id is None:
            if not done:
                raise WorkflowError("complete an assessment first")
            return done[-1]
        for assessment in done:
            if assessment.id == assessment_id:
                return assessment
        raise InputError.single("assessment", f"there is no completed assessment {assessment_id}")

    def suggestions(self, statement_id: str) -> Suggestions:
        """Development activities and readings matched to the statement by theme."""
        statement = rules.check_statement(self.content, statement_id)
        return rules.suggestions(self.content, self.development, statement)

    # -- actions -------------------------------------------------------------------------
    def add_action(self, fields: Mapping[str, Any]) -> Action:
        """Plan an improvement: what needs to happen, what I will initiate, by when."""
        values = dict(fields)
        if isinstance(values.get("statement"), str):
            values["statement"] = values["statement"].strip().casefold()
        plan = parse_plan(values, self.today())
        rules.check_statement(self.content, plan.statement)
        rules.check_links(plan, self.development)
        latest = self.latest()
        now = self.clock()
        return self.repo.add_action(
            lambda number: Action(
                **plan.model_dump(),
                id=number,
                assessment=latest.id if latest else None,
                created_at=now,
                updated_at=now,
            )
        )

    def strength_warning(self, statement_id: str) -> str | None:
        """A warning when an action is planned on a statement picked as a strength."""
        latest = self.latest()
        if latest is None or statement_id not in latest.strengths:
            return None
        return (
            f"{statement_id} is picked as one of your strengths: the process plans actions on "
            "the things you could do better"
        )

    def actions(self, include_done: bool = True) -> list[Action]:
        """Actions, soonest due first, done ones last."""
        found = self.repo.actions()
        if not include_done:
            found = [a for a in found if a.status is not ActionStatus.DONE]
        return sorted(found, key=lambda a: (a.status is ActionStatus.DONE, a.due, a.id))

    def set_status(self, action_id: int, status: ActionStatus | None = None) -> Action:
        """Set an action's status; None moves it on (open, doing, done, open)."""
        now = self.clock()

        def change(action: Action) -> Action:
            new = status or action.status.following()
            done_at = (action.done_at or now) if new is ActionStatus.DONE else None
            return action.model_copy(update={"status": new, "done_at": done_at, "updated_at": now})

        return self.repo.update_action(action_id, change)

    def is_overdue(self, action: Action) -> bool:
        """Not done and past its due date."""
        return rules.is_overdue(action, self.today())

    # -- learning log --------------------------------------------------------------------
    def log_learning(self, fields: Mapping[str, Any]) -> LearningEntry:
        """Add a learning log entry; the date defaults to today."""
        entry = parse_learning(fields, self.today())
        now = self.clock()
        return self.repo.add_learning(
            lambda number: LearningEntry(**entry.model_dump(), id=number, logged_at=now)
        )

    def learning(self) -> list[LearningEntry]:
        """The learning log, newest first."""
        return sorted(self.repo.learning(), key=lambda e: (e.on, e.id), reverse=True)

    # -- progress and performance ------------------------------------------------------------
    def report(self) -> SkillsReport:
        """Every assessment's scores, open actions, persistent gaps and the trend."""
        done = self.assessments()
        return SkillsReport(
            [self.summary(a) for a in done],
            self.actions(include_done=False),
            rules.persistent_gaps(self.content, done),
            trend(self.content, done),
        )

    def performance(self) -> list[WindowFigures]:
        """My cases against the charter's targets, over the last 4 and 12 weeks."""
        since = self.clock() - timedelta(weeks=max(WINDOWS), days=1)
        mine = self.cases.find(CaseFilter(status="all", owner=self._owner, touched_since=since))
        return charter_figures(mine, self.policy, self.clock())

    # -- sharing -------------------------------------------------------------------------
    def export_markdown(self) -> str:
        """A summary the owner may choose to share: scores, three and three, actions,
        persistent gaps, the learning log (without reflections) and the charter figures.
        """
        from cstui.services.skills_export import export_markdown

        return export_markdown(self)

    def local_day(self, moment: datetime | None) -> str:
        """The date of ``moment`` in the centre's time zone (YYYY-MM-DD), ``—`` if none."""
        if moment is None:
            return "—"
        return moment.astimezone(zone(self.policy.business_hours)).date().isoformat()


def open_skills(
    logs: SkillsLogs,
    data_dir: Path,
    owner: str,
    policy: Policy,
    cases: CaseService,
    clock: Callable[[], datetime],
) -> SkillsService:
    """The current user's log (content overrides read from ``data_dir``); InputError if
    the name cannot name a log."""
    repo = logs.log(owner)
    return SkillsService(
        repo,
        load_self_assessment(),
        lambda: load_development(data_dir),
        cases,
        policy,
        owner,
        clock,
    )
