"""Tips: search the quick tips and development activities as you type, filter by theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from cstui.errors import CstuiError
from cstui.models.guide import GuideItem, ItemKind
from cstui.services.guidance import GuidanceService
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import literal
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cstui.bundle import Guidance


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def option_id(item: GuideItem) -> str:
    """The option id of a result: ``tip:tip-12``, ``activity:active-listening-1``."""
    return f"{item.kind.value}:{item.id}"


def item_label(item: GuideItem) -> Text:
    """How a result reads in the list: a tag, then its title."""
    tip = item.kind is ItemKind.TIP
    text = Text()
    text.append("Tip: " if tip else "Activity: ", style="bold cyan" if tip else "bold magenta")
    text.append_text(literal(item.title))
    return text


def item_text(item: GuideItem, service: GuidanceService) -> Text:
    """The whole tip or activity, its themes and steps, and readings for its theme."""
    kind = "Quick tip" if item.kind is ItemKind.TIP else "Development activity"
    text = Text.assemble((f"{kind}\n", "dim"))
    text.append_text(literal(item.title, "bold"))
    text.append("\n")
    if item.body:
        text.append("\n")
        text.append_text(literal(item.body))
        text.append("\n")
    if item.themes:
        text.append("\nTheme: ", style="bold")
        text.append_text(literal(", ".join(service.theme_title(t) for t in item.themes)))
        text.append("\n")
    if item.steps:
        text.append("Steps: ", style="bold")
        text.append(", ".join(s.label for s in item.steps))
        text.append("\n")
    if item.kind is ItemKind.ACTIVITY:
        readings = [r for t in item.themes for r in service.development.readings_for(t)]
        if readings:
            text.append("\nSuggested reading\n", style="bold")
            for reading in readings:
                text.append("• ")
                text.append_text(literal(reading.title, "italic"))
                text.append_text(
                    literal(f", {reading.author} ({reading.publisher}, {reading.year})")
                )
                text.append("\n")
    return text


class TipsScreen(CstuiScreen):
    """Quick tips and development activities: type to search, pick a theme to narrow."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="tips.back"),
        Binding("down", "results", "To results", show=False, id="tips.results"),
    ]

    def __init__(self, guidance: Callable[[], Guidance], query: str = "") -> None:
        """``guidance`` gives the tips and activities (loading them the first time)."""
        super().__init__()
        self.guidance = guidance
        self.initial_query = query
        self.service: GuidanceService | None = None
        self.shown: list[GuideItem] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="tips-bar"):
            yield Input(
                self.initial_query,
                placeholder="Search tips and activities (e.g. listen)",
                id="tips-search",
                compact=True,
                select_on_focus=False,
            )
            yield Select[str]([], prompt="All themes", id="tips-theme", compact=True)
        yield Static(id="tips-count", classes="table-title")
        with Horizontal(id="tips-main"):
            yield OptionList(id="tips-results")
            with VerticalScroll(id="tips-detail-scroll"):
                yield Static(id="tips-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Tips"
        self.query_one("#tips-search", Input).focus()
        self.load(self.guidance, self._loaded_guidance, group="guidance", failed=self._unreadable)

    def _loaded_guidance(self, loaded: Guidance) -> None:
        for warning in loaded.new_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        self.service = loaded.service
        options = [(Text(t.title), t.id) for t in self.service.themes()]
        self.query_one("#tips-theme", Select).set_options(options)
        self.refresh_results()
        # The first results bring the list's scroll bar; listed again once it is there,
        # long titles wrap to the width they will keep (as when listed before drawing).
        self.call_after_refresh(self.refresh_results)

    def _unreadable(self, exc: CstuiError) -> None:
        self.notify(str(exc), severity="error", markup=False, timeout=10)

    @property
    def theme(self) -> str | None:
        """The chosen theme's id, or None for all themes."""
        value = self.query_one("#tips-theme", Select).value
        return value if isinstance(value, str) else None

    def refresh_results(self) -> None:
        """Search again with the typed words and the chosen theme."""
        if self.service is None:
            return
        query = self.query_one("#tips-search", Input).value
        self.shown = self.service.search(query, self.theme)
        results = self.query_one("#tips-results", OptionList)
        results.set_options([Option(item_label(i), id=option_id(i)) for i in self.shown])
        tips = sum(1 for i in self.shown if i.kind is ItemKind.TIP)
        count = Text(_count(tips, "tip") + ", " + _count(len(self.shown) - tips, "activity"))
        count.stylize("bold")
        if query.strip():
            count.append("  matching ")
            count.append_text(literal(query.strip(), "italic"))
        self.query_one("#tips-count", Static).update(count)
        if self.shown:
            results.highlighted = 0
        self._show_detail(self.shown[0] if self.shown else None)

    def _show_detail(self, item: GuideItem | None) -> None:
        detail = self.query_one("#tips-detail", Static)
        if item is None or self.service is None:
            detail.update(Text("Nothing matches. Try fewer or shorter words.", style="dim"))
            return
        detail.update(item_text(item, self.service))
        self.query_one("#tips-detail-scroll", VerticalScroll).scroll_home(animate=False)

    @on(Input.Changed, "#tips-search")
    def _typed(self) -> None:
        self.refresh_results()

    @on(Input.Submitted, "#tips-search")
    def _submitted(self) -> None:
        self.action_results()

    @on(Select.Changed, "#tips-theme")
    def _theme_chosen(self) -> None:
        self.refresh_results()

    @on(OptionList.OptionHighlighted, "#tips-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        self._show_detail(self.shown[index] if 0 <= index < len(self.shown) else None)

    def action_results(self) -> None:
        """Move to the list of results."""
        if self.shown:
            self.query_one("#tips-results", OptionList).focus()

    def action_back(self) -> None:
        """Back to where you came from."""
        self.app.pop_screen()
