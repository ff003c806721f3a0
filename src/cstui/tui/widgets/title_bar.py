"""The line at the top of every screen: the app's name and what the screen says of itself."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

SEPARATOR = " — "


class TitleBar(Widget):
    """``cstui — You are bob — team leader``, centred, in one widget.

    Where the line does not fit, the app's name gives way to the screen's sub title,
    which is then cut with an ellipsis: what the screen says matters more. While the
    app's ``server_note`` says something (the database server is lost), it comes first.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._retitled, init=False)
            self.watch(owner, "sub_title", self._retitled, init=False)
        if hasattr(self.app, "server_note"):
            self.watch(self.app, "server_note", self._retitled, init=False)

    def _retitled(self) -> None:
        self.refresh()

    def render(self) -> Text:
        screen, app = self.screen, self.app
        title = screen.title or app.title
        sub_title = screen.sub_title or app.sub_title
        width = self.size.width or app.size.width
        note = str(getattr(app, "server_note", ""))
        if note:
            line = Text.assemble((f" {note} ", "bold white on red"), " ")
            line.append_text(self._fitted(title, sub_title, width - line.cell_len))
            line.truncate(width, overflow="ellipsis")
            return line
        return self._fitted(title, sub_title, width)

    @staticmethod
    def _fitted(title: str, sub_title: str, width: int) -> Text:
        """The title and sub title in ``width`` cells."""
        if not sub_title:
            line = Text(title)
        elif cell_len(title + SEPARATOR + sub_title) <= width:
            line = Text.assemble(title, (SEPARATOR, "dim"), (sub_title, "dim"))
        else:
            line = Text(sub_title, style="dim")
        line.truncate(max(width, 0), overflow="ellipsis")
        return line
