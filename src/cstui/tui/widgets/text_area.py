"""The multi-line text field of the forms and dialogs."""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea


class FieldTextArea(TextArea):
    """Textual's ``TextArea``, safe to paint once removed.

    When a form is rebuilt (a case reloaded after a refund check), Textual 8.2 can paint
    a removed text area once more, after its styles were dropped, which raised
    ``KeyError: 'text-area--gutter'`` and stopped the app. A removed one paints blank.
    """

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)
