"""The footer of keys: the most important ones that fit, rebuilt only when they change."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from cstui.tui.keys import footer_label, footer_rank, in_footer, keys_that_fit

Offered = tuple[Binding, bool, str]
"""A key the screen offers now: its binding, whether it is enabled, its tooltip."""


class KeysFooter(Footer):
    """Textual's ``Footer``, showing the keys that matter most in the width there is.

    Each key has a rank (``tui/keys.py``): Quit, help and the screen's main actions
    first, lesser ones dropping first as the footer narrows; every key is in ``?`` and
    the palette. Keys keep the order the screen declares them in.

    ``Footer`` rebuilds every key whenever focus or the screen stack changes (three
    times as a screen opens), even when the keys come out the same, and styles each new
    key three times (compact, then not). This one skips a rebuild that would show the
    same keys, and starts each key as compact as the footer, so it is styled once.
    """

    _shown: object = None
    """What the keys were last built from (None: not built yet)."""

    def _room(self) -> int:
        """The columns the footer has (the terminal's width before it is laid out)."""
        return self.size.width or self.app.size.width

    def _keys(self) -> object:
        """Everything the keys are built from: the bindings offered, how, and the room."""
        if not self._bindings_ready:
            return None
        offered = tuple(
            (active.binding, active.enabled, active.tooltip)
            for active in self.screen.active_bindings.values()
        )
        return (offered, self.show_command_palette, self._room())

    def _width(self, binding: Binding, label: str) -> int:
        """The columns one key takes in the footer."""
        width = cell_len(self.app.get_key_display(binding)) + cell_len(label)
        return width + (2 if self.compact else 3)

    def _offered(self) -> list[Offered]:
        """The keys the footer may show, one per action, in the screen's order."""
        by_action: dict[str, Offered] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if in_footer(binding) and binding.action not in by_action:
                by_action[binding.action] = (binding, active.enabled, active.tooltip)
        return list(by_action.values())

    def _palette_key(self) -> FooterKey | None:
        """The command palette's key, docked on the right (None when not offered)."""
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if active is None:
            return None
        binding = active.binding
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            classes="-command-palette",
            disabled=not active.enabled,
            tooltip=binding.tooltip or binding.description,
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        if not self._bindings_ready:
            return
        palette = self._palette_key()
        room = self._room()
        if palette is not None:
            room -= self._width(palette_binding(palette), palette.description)
        offered = self._offered()
        labels = [footer_label(binding) for binding, _, _ in offered]
        widths = [self._width(b, label) for (b, _, _), label in zip(offered, labels, strict=True)]
        ranks = [footer_rank(binding) for binding, _, _ in offered]
        shown = keys_that_fit(widths, ranks, room)
        for position, (binding, enabled, tooltip) in enumerate(offered):
            if position in shown:
                key = FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    labels[position],
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip or binding.description,
                )
                key.set_reactive(FooterKey.compact, self.compact)
                yield key.data_bind(compact=Footer.compact)
        if palette is not None:
            yield palette

    def on_resize(self, event: events.Resize) -> None:
        """A new width may fit more keys, or fewer."""
        if self.is_attached and self._shown is not None:
            self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would come out as they are."""
        if self.is_attached and self._shown is not None and self._keys() == self._shown:
            return
        await super().recompose()  # which does nothing once the footer has left its screen


def palette_binding(key: FooterKey) -> Binding:
    """A binding standing for the palette's key, to measure it as the others are."""
    return Binding(key.key, key.action, key.description, key_display=key.key_display)
