"""Log a complaint while the customer talks: fields in the order of the conversation."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from cstui.errors import CstuiError
from cstui.models.case import Case
from cstui.models.kinds import CustomerType, Severity
from cstui.models.policy import Policy
from cstui.tui.drafting import Drafting
from cstui.tui.interruptions import NEW_CASE_DRAFT as DRAFT
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import when
from cstui.tui.widgets.form import FieldSpec, Form
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cstui.bundle import Drafts
    from cstui.services.cases import CaseService
    from cstui.tui.screens.factory import Screens

HISTORY_SHOWN = 8
LOOKUP_DELAY = 0.25
PHONE, EMAIL = "customer.phone", "customer.email"
"""Seconds of no typing in phone or email before earlier cases are looked up."""


def new_case_fields(policy: Policy, phone: str = "", email: str = "") -> list[FieldSpec]:
    """The new-case form: who is calling, what happened, what they want, then the labels."""
    channel = policy.match_channel("phone") or ""
    sites = tuple((site.name, site.name) for site in policy.sites)
    site = [FieldSpec("site", "Site (blank: the centre)", kind="choice", choices=sites)]
    return [
        FieldSpec("customer.name", "Customer name", max_length=120),
        FieldSpec("customer.phone", "Phone", default=phone, placeholder="0400 123 456"),
        FieldSpec("customer.email", "Email", default=email, placeholder="name@example.com"),
        FieldSpec("summary", "Complaint in one line", max_length=200),
        FieldSpec("details", "What happened (details)", kind="text"),
        FieldSpec("remedy_sought", "What the customer wants done", max_length=500),
        FieldSpec("directed_at", "Directed at (person, team or supplier)", max_length=200),
        FieldSpec(
            "category", "Category", kind="choice", choices=tuple((c, c) for c in policy.categories)
        ),
        FieldSpec(
            "channel",
            "Channel",
            kind="choice",
            default=channel,
            choices=tuple((c, c) for c in policy.channels),
        ),
        *(site if sites else []),
        FieldSpec(
            "customer.type",
            "Made by",
            kind="choice",
            default="public",
            choices=tuple((t.label, t.value) for t in CustomerType),
        ),
        FieldSpec(
            "severity",
            "Severity",
            kind="choice",
            default=Severity.MEDIUM.value,
            choices=tuple((s.value.title(), s.value) for s in Severity),
        ),
    ]


def split_contact(contact: str) -> tuple[str, str]:
    """(phone, email) from whatever the agent typed to find a caller."""
    return ("", contact) if "@" in contact else (contact, "")


class NewCaseScreen(Drafting, CstuiScreen):
    """The Receive and log step."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save case", priority=True, id="new.save"),
        Binding("escape", "leave", "Back", id="new.back"),
    ]

    def __init__(
        self,
        screens: Screens,
        *,
        cases: CaseService,
        policy: Policy,
        drafts: Drafts,
        zone: tzinfo,
        contact: str = "",
        draft: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.screens = screens
        self.cases = cases
        self.policy = policy
        self.drafts = drafts
        self.zone = zone
        self.phone, self.email = split_contact(contact)
        self.draft = draft
        self.draft_name = DRAFT
        self._lookup: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="new-case"):
            with VerticalScroll(id="new-case-form"):
                yield Static("New complaint: Receive and log", classes="screen-title")
                yield Form(new_case_fields(self.policy, self.phone, self.email), id="form")
            yield Static(id="history", classes="side-panel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "New case"
        if self.draft:
            self.form.fill(self.draft)
            self.phone, self.email = self.draft.get(PHONE, ""), self.draft.get(EMAIL, "")
        self.query_one(Form).fields()[0].control.focus()
        self._show_history(self.phone, self.email)

    @property
    def form(self) -> Form:
        """The form on this screen."""
        return self.query_one(Form)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Look up earlier cases as soon as a phone number or email is complete."""
        if event.input.id in ("f-customer-phone", "f-customer-email"):
            if self._lookup is not None:
                self._lookup.stop()
            self._lookup = self.set_timer(LOOKUP_DELAY, self._look_up_caller)

    def _look_up_caller(self) -> None:
        raw = self.form.raw()
        self._show_history(raw["customer.phone"], raw["customer.email"])

    def _show_history(self, phone: str, email: str) -> None:
        def read() -> list[Case]:
            try:
                return self.cases.customer_history(phone or None, email or None)
            except CstuiError:
                return []

        self.load(read, lambda cases: self._history_read(cases, phone, email), group="history")

    def _history_read(self, cases: list[Case], phone: str, email: str) -> None:
        panel = self.query_one("#history", Static)
        text = Text("Earlier cases of this customer\n", style="bold")
        if not cases:
            text.append("none found" if (phone or email) else "type a phone or email", style="dim")
        for case in cases[:HISTORY_SHOWN]:
            text.append(f"\n{case.id} ", style="bold")
            text.append(when(case.created_at, self.zone, with_time=False))
            text.append(f"\n  {case.step.label}: ")
            text.append(case.summary)
        if len(cases) > HISTORY_SHOWN:
            text.append(f"\n… and {len(cases) - HISTORY_SHOWN} more", style="dim")
        panel.update(text)

    def action_save(self) -> None:
        """Validate and log the case; errors go under their fields."""
        values = self.form.values()
        cases = self.cases
        self.save(lambda: cases.log(values), self._saved, self.form, key="log")

    def _saved(self, case: Case) -> None:
        self.draft_done()
        self.notify(f"Logged {case.id}", markup=False)
        self.app.switch_screen(self.screens.case(case.id).after_logging())

    def action_leave(self) -> None:
        """Go back; ask first if anything was typed."""
        self.leave(self.form, discarded=self.draft_done)
