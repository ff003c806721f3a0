"""Trends: complaints per week by category (sparklines), and the figures a team leader
presents: times to acknowledge and resolve against the policy's targets, the share done
on time, satisfaction at follow-up, how long complaints took to close, and who or what
they were most often directed at.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from cstui.errors import CstuiError
from cstui.models.trends import Trends
from cstui.services.reports import ReportService
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import literal
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.team_trends import CategorySparks, figures_text
from cstui.tui.widgets.title_bar import TitleBar

WEEKS = 12


class TrendsScreen(CstuiScreen):
    """The last 12 weeks at a glance."""

    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="trends.refresh"),
        Binding("escape", "back", "Back", id="trends.back"),
    ]

    def __init__(self, service: ReportService) -> None:
        super().__init__()
        self.service = service
        self.trends: Trends | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="trends-body"):
            yield Static(Text("Reading the store…"), id="trends-title", classes="table-title")
            yield CategorySparks(id="trends-sparks")
            yield Static(id="trends-figures")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Trends"
        self.action_refresh()

    def action_refresh(self) -> None:
        """Work the trends out again (in a worker; a newer refresh replaces an older one)."""
        self.load(lambda: self.service.trends(WEEKS), self._show, failed=self._unreadable)

    def _unreadable(self, exc: CstuiError) -> None:
        message = literal(f"Cannot read the store: {exc}", "bold red")
        self.query_one("#trends-title", Static).update(message)

    def _show(self, found: Trends) -> None:
        self.trends = found
        zone = self.service.zone
        first = found.since.astimezone(zone).strftime("%d %b %Y")
        last = found.until.astimezone(zone).strftime("%d %b %Y")
        title = Text(f"The last {found.weeks} weeks, {first} to {last}: ", style="bold")
        title.append(f"{found.received} complaint{'s' if found.received != 1 else ''} received")
        self.query_one("#trends-title", Static).update(title)
        self.query_one(CategorySparks).show(found.per_week)
        self.query_one("#trends-figures", Static).update(figures_text(found, self.service.policy))

    def action_back(self) -> None:
        """Back to the team view."""
        self.app.pop_screen()
