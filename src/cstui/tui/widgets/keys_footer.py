"""The footer of keys, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """Textual's ``Footer``, looking the same, at a fraction of the work.

    ``Footer`` rebuilds every key whenever focus or the screen stack changes (three
    times as a screen opens), even when the keys come out the same, and styles each new
    key three times (compact, then not). This one skips a rebuild that would show the
    same keys, and starts each key as compact as the footer, so it is styled once.
    """

    _shown: object = None
    """What the keys were last built from (None: not built yet)."""

    def _keys(self) -> object:
        """Everything the keys are built from: the bindings offered and how."""
        if not self._bindings_ready:
            return None
        offered = tuple(
            (active.binding, active.enabled, active.tooltip)
            for active in self.screen.active_bindings.values()
        )
        return (offered, self.show_command_palette)

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            # Each key but the palette's follows the footer's compact (Footer binds it).
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would come out as they are."""
        if self.is_attached and self._shown is not None and self._keys() == self._shown:
            return
        await super().recompose()  # which does nothing once the footer has left its screen
