"""A removed multi-line field paints blank instead of stopping the app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from cstui.tui.widgets.text_area import FieldTextArea


class _OneField(App[None]):
    def compose(self) -> ComposeResult:
        yield FieldTextArea("typed text", id="field", compact=True)


async def test_a_removed_field_paints_blank() -> None:
    app = _OneField()
    async with app.run_test() as pilot:
        field = app.query_one(FieldTextArea)
        drawn = field.render_lines(Region(0, 0, 20, 1))
        assert "typed text" in drawn[0].text
        await field.remove()
        await pilot.pause()
        assert [strip.text for strip in field.render_lines(Region(0, 0, 20, 2))] == [" " * 20] * 2
