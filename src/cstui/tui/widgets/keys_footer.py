"""The footer of keys: the most important ones that fit, drawn as one line."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from cstui.tui.keys import footer_label, footer_rank, in_footer, keys_that_fit


class FooterEntry(NamedTuple):
    """One key the footer may show: the key pressed, how it is written, its label."""

    key: str
    display: str
    label: str
    enabled: bool
    rank: int

    @property
    def width(self) -> int:
        """The columns it takes: `` key `` then ``label `` (as Textual's footer draws it)."""
        return cell_len(self.display) + cell_len(self.label) + 3


class KeysFooter(Widget):
    """The keys that matter most in the width there is, in one line at the bottom.

    Each key has a rank (``tui/keys.py``): Quit, help and the screen's main actions
    first, lesser ones dropping first as the footer narrows; every key is in ``?`` and
    the palette. Keys keep the order the screen declares them in; the palette's key sits
    on the right. Clicking a key presses it.

    One widget draws every key, so a screen's first frame shows them and a change of
    keys is a repaint: Textual's ``Footer`` lays out a widget per key, and only after the
    first frame.
    """

    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--label"}

    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, FooterEntry]] = []
        """Where each key shown was drawn (start and end column), for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def _entry(self, binding: Binding, enabled: bool) -> FooterEntry:
        display = self.app.get_key_display(binding)
        return FooterEntry(binding.key, display, footer_label(binding), enabled, 0)

    def entries(self) -> tuple[list[FooterEntry], FooterEntry | None]:
        """The keys the screen offers for the footer, one per action in the screen's
        order, and the command palette's key (None when not offered)."""
        by_action: dict[str, FooterEntry] = {}
        palette: FooterEntry | None = None
        app = self.app
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if app.ENABLE_COMMAND_PALETTE and binding.key == app.COMMAND_PALETTE_BINDING:
                palette = self._entry(binding, active.enabled)._replace(label=binding.description)
            elif in_footer(binding) and binding.action not in by_action:
                entry = self._entry(binding, active.enabled)
                by_action[binding.action] = entry._replace(rank=footer_rank(binding))
        return list(by_action.values()), palette

    def shown(self) -> list[FooterEntry]:
        """The keys drawn now, left to right (the palette's last)."""
        offered, palette = self.entries()
        room = (self.size.width or self.app.size.width) - (palette.width if palette else 0)
        fit = keys_that_fit([e.width for e in offered], [e.rank for e in offered], room)
        return [e for p, e in enumerate(offered) if p in fit] + ([palette] if palette else [])

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        label_style = self.get_component_rich_style("keys-footer--label")
        width = self.size.width or self.app.size.width
        shown = self.shown()
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for position, entry in enumerate(shown):
            if position == len(shown) - 1 and entry.key == self.app.COMMAND_PALETTE_BINDING:
                line.append(" " * max(0, width - line.cell_len - entry.width))
            start = line.cell_len
            dim = Style(dim=not entry.enabled)
            line.append(f" {entry.display} ", key_style + dim)
            line.append(f"{entry.label} ", label_style + dim)
            self._spans.append((start, line.cell_len, entry))
        return line

    def on_click(self, event: events.Click) -> None:
        """Press the key that was clicked (a disabled one rings the bell)."""
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key.split(",")[0])
                else:
                    self.app.bell()
                return
