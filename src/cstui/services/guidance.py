"""Guidance as the faces use it: tips, step guidance, search, and messages for a case."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from cstui.content.library import ContentLibrary
from cstui.domain import guidance as rules
from cstui.domain.due import (
    acknowledge_due,
    external_values,
    summary_resolution_applies,
    zone,
)
from cstui.errors import InputError, NotFound
from cstui.models.case import Case
from cstui.models.content import Development, StepGuidance, Template, Theme, Tip
from cstui.models.guide import GuideItem, ItemKind, Rendered
from cstui.models.kinds import Step
from cstui.models.steps import DeclareData, FollowUpData, SolveData
from cstui.models.text_gate import clean_text
from cstui.services.cases import CaseService

SUMMARY_RESOLUTION_TEMPLATE = "summary-resolution"
"""The template of DISP's summary resolution communication."""


@dataclass(frozen=True)
class StepHelp:
    """Everything the side panel shows for one step."""

    step: Step
    guidance: StepGuidance
    tips: list[Tip]


def long_date(day: date) -> str:
    """A date as a letter writes it: ``Monday 5 January 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


class GuidanceService:
    """Content from the library; message values from cases (when given a case service)."""

    def __init__(self, library: ContentLibrary, cases: CaseService | None = None) -> None:
        self.library = library
        self.cases = cases
        self.warnings = library.load_all()
        """Why an override was not used, or a reference between files that is broken."""

    # -- content ------------------------------------------------------------------------
    @property
    def development(self) -> Development:
        """Themes, activities, readings."""
        return self.library.development

    def themes(self) -> list[Theme]:
        """The development themes, in order."""
        return list(self.development.themes)

    def check_theme(self, theme: str | None) -> str | None:
        """``theme`` if it is a known theme id (or None); InputError naming ``theme`` if not."""
        if theme is None or self.development.theme(theme) is not None:
            return theme
        known = ", ".join(t.id for t in self.development.themes)
        raise InputError.single("theme", f"is not a theme (themes: {known})")

    def tips(self, theme: str | None = None, step: Step | None = None) -> list[Tip]:
        """The quick tips of ``theme`` that apply to ``step`` (None: any)."""
        self.check_theme(theme)
        return [
            t
            for t in self.library.tips.tips
            if (theme is None or theme in t.themes) and (step is None or step in t.steps)
        ]

    def items(self) -> list[GuideItem]:
        """Every tip, then every development activity."""
        tips = [rules.tip_item(t) for t in self.library.tips.tips]
        return [*tips, *rules.activity_items(self.development)]

    def search(self, text: str, theme: str | None = None) -> list[GuideItem]:
        """Tips and activities containing every word of ``text``, best first."""
        self.check_theme(theme)
        return rules.search(rules.filter_items(self.items(), theme), text)

    def item(self, kind: ItemKind, item_id: str) -> GuideItem | None:
        """One tip or activity by id."""
        return next((i for i in self.items() if i.kind is kind and i.id == item_id), None)

    def theme_title(self, theme_id: str) -> str:
        """A theme's title (its id if unknown)."""
        theme = self.development.theme(theme_id)
        return theme.title if theme else theme_id

    def tip_of_the_day(self, day: date) -> Tip | None:
        """The tip for ``day``."""
        return rules.tip_of_the_day(self.library.tips.tips, day)

    def step_help(self, step: Step) -> StepHelp | None:
        """Guidance and applicable tips for ``step`` (None once closed)."""
        guide = self.library.guidance.for_step(step)
        if guide is None:
            return None
        tips = [t for t in (self.library.tips.get(i) for i in guide.tips) if t is not None]
        return StepHelp(step, guide, tips)

    # -- templates ----------------------------------------------------------------------
    def templates(self) -> list[Template]:
        """Every message template, in file order."""
        return list(self.library.templates.templates)

    def template(self, template_id: str) -> Template:
        """One template; NotFound naming the known ones."""
        found = self.library.templates.get(template_id)
        if found is None:
            known = ", ".join(t.id for t in self.templates())
            raise NotFound(f"no template called {template_id!r} (templates: {known})")
        return found

    def template_for_step(self, step: Step) -> Template | None:
        """The first template that suits ``step``."""
        return next((t for t in self.templates() if t.when is step), None)

    def template_for_case(self, case: Case) -> Template | None:
        """The template that suits ``case`` now: at Notify under a standard with a
        summary-resolution window still open (DISP), the summary resolution
        communication; else the first template of its step."""
        step = Step.FOLLOW_UP if case.step is Step.CLOSED else case.step
        cases = self.cases
        summary = (
            step is Step.NOTIFY
            and cases is not None
            and summary_resolution_applies(case, cases.policy, cases.clock())
        )
        found = self.library.templates.get(SUMMARY_RESOLUTION_TEMPLATE) if summary else None
        return found or self.template_for_step(step)

    def _case_service(self) -> CaseService:
        if self.cases is None:
            raise RuntimeError("GuidanceService was built without a case service")
        return self.cases

    def case_values(
        self, case: Case, typed: Mapping[str, object] | None = None
    ) -> dict[str, str | None]:
        """Every placeholder's value for ``case`` (None when the case has none yet).

        ``typed`` is what the agent has typed in the current step's form and not saved
        yet: its promise, date, action and referral fill the gaps.
        """
        cases = self._case_service()
        tz: tzinfo = zone(cases.policy.business_hours)

        def day(moment: datetime) -> str:
            return long_date(moment.astimezone(tz).date())

        declared = case.completed(Step.DECLARE)
        solved = case.completed(Step.SOLVE)
        followed = case.completed(Step.FOLLOW_UP)
        promise = declared.data if declared and isinstance(declared.data, DeclareData) else None
        solve = solved.data if solved and isinstance(solved.data, SolveData) else None
        follow = followed.data if followed and isinstance(followed.data, FollowUpData) else None
        values: dict[str, str | None] = {
            "customer_name": case.customer.name,
            "case_id": case.id,
            "agent_name": cases.user,
            "logged_on": day(case.cycle_started_at),
            "acknowledge_by": day(acknowledge_due(case.cycle_started_at, cases.policy)),
            "respond_by": day(cases.resolve_by(case)),
            "promise": promise.promise if promise else None,
            "promised_by": long_date(promise.by) if promise else None,
            "action": solve.action if solve else None,
            "referral_body": follow.referral_body if follow else None,
            "referral_contact": follow.referral_contact if follow else None,
            **external_values(case, cases.policy),
        }
        for key, value in _typed_values(typed or {}).items():
            if value:
                values[key] = value
        return values

    def render_case(self, template_id: str, case_id: str) -> tuple[Case, Rendered]:
        """Template ``template_id`` filled from the stored case ``case_id``."""
        template = self.template(template_id)
        case = self._case_service().get(case_id)
        return case, self.render(template.id, case)

    def render(
        self, template_id: str, case: Case, typed: Mapping[str, object] | None = None
    ) -> Rendered:
        """``template_id`` filled from ``case`` (and what is typed), missing fields flagged."""
        return rules.render_template(self.template(template_id).body, self.case_values(case, typed))


def _typed_values(typed: Mapping[str, object]) -> dict[str, str]:
    """Placeholders from the unsaved step form: only plain, non-blank text is taken."""
    found: dict[str, str] = {}
    for field, key in (
        ("promise", "promise"),
        ("action", "action"),
        ("referral_body", "referral_body"),
        ("referral_contact", "referral_contact"),
    ):
        value = typed.get(field)
        if isinstance(value, str) and value.strip():
            found[key] = clean_text(value).strip()
    by = typed.get("by")
    if isinstance(by, str) and by.strip():
        with contextlib.suppress(ValueError):
            found["promised_by"] = long_date(date.fromisoformat(by.strip()))
    return found
