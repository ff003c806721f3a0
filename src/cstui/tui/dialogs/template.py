"""Pick a message template, preview it filled from the case, edit it, copy it or use it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from cstui.errors import CstuiError
from cstui.models.case import Case
from cstui.models.content import Template
from cstui.models.guide import Rendered
from cstui.services.guidance import GuidanceService
from cstui.tui.drafting import Drafting
from cstui.tui.text import literal
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.text_area import FieldTextArea

MARK = re.compile(r"⟨missing: ([a-z_]+)⟩")
"""A field the case did not have, as it shows in the text until the agent replaces it."""


@dataclass(frozen=True)
class UsedMessage:
    """The message the agent chose to use: which template, and the final text."""

    template_id: str
    title: str
    text: str

    def note(self) -> str:
        """The note recorded on the case when the message is not part of a step form."""
        return f"Said to the customer ({self.title}): {self.text}"


def still_missing(text: str) -> list[str]:
    """The names still marked missing in ``text``, each once, in order."""
    return list(dict.fromkeys(MARK.findall(text)))


class TemplateDialog(Drafting, ModalScreen[UsedMessage | None]):
    """Templates on the left; the chosen one filled from the case, editable, on the right."""

    BINDINGS = [
        Binding("ctrl+y", "copy", "Copy", priority=True, id="template.copy"),
        Binding("ctrl+s", "use", "Use", priority=True, id="template.use"),
        Binding("escape", "cancel", "Cancel", id="template.cancel"),
    ]

    def __init__(
        self, service: GuidanceService, case: Case, typed: Mapping[str, object] | None = None
    ) -> None:
        """``typed``: the step form's unsaved values, used where the case has none yet."""
        super().__init__()
        self.service = service
        self.case = case
        self.templates: list[Template] = service.templates()
        self.rendered: dict[str, Rendered] = {}
        self.problems: dict[str, str] = {}
        for template in self.templates:
            try:
                self.rendered[template.id] = service.render(template.id, case, typed)
            except (CstuiError, ValueError) as exc:
                self.problems[template.id] = str(exc)
        self.edits: dict[str, str] = {}
        self.current: str | None = None

    def _preselected(self) -> int:
        suits = self.service.template_for_case(self.case)
        ids = [t.id for t in self.templates]
        return ids.index(suits.id) if suits is not None and suits.id in ids else 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog template-dialog"):
            title = Text("Message to ", style="bold")
            title.append_text(literal(self.case.customer.name, "bold"))
            title.append(f" ({self.case.id})", style="bold")
            yield Static(title, classes="dialog-title")
            with Horizontal(id="template-body"):
                yield OptionList(
                    *[Option(literal(t.title), id=t.id) for t in self.templates],
                    id="template-list",
                )
                with Vertical(id="template-preview"):
                    yield Static(id="template-missing")
                    yield FieldTextArea(id="template-text", soft_wrap=True, compact=True)
            yield Static(
                "↑↓ template · tab edit · ctrl+y copy · ctrl+s use · Esc cancel",
                classes="dialog-hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        options = self.query_one("#template-list", OptionList)
        if self.templates:
            options.highlighted = self._preselected()
            self._load(self.templates[options.highlighted].id)
        options.focus()

    @property
    def text(self) -> str:
        """The message as it stands in the editor."""
        return self.query_one("#template-text", TextArea).text

    def _load(self, template_id: str) -> None:
        if self.current is not None:
            self.edits[self.current] = self.text
        self.current = template_id
        rendered = self.rendered.get(template_id)
        text = self.edits.get(template_id, rendered.text if rendered else "")
        area = self.query_one("#template-text", TextArea)
        area.load_text(text)
        self._show_missing()

    def _show_missing(self) -> None:
        label = self.query_one("#template-missing", Static)
        if self.current in self.problems:
            label.update(literal(f"This template cannot be used: {self.problems[self.current]}"))
            label.set_class(True, "-missing")
            return
        missing = still_missing(self.text)
        label.set_class(bool(missing), "-missing")
        if missing:
            message = Text.assemble(("Not in the case yet: ", "bold"))
            message.append(", ".join(missing))
            message.append(" (replace each ⟨missing: …⟩)")
            label.update(message)
        else:
            label.update(Text("Filled from the case. Edit it as you need.", style="dim"))

    @on(OptionList.OptionHighlighted, "#template-list")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and event.option.id != self.current:
            self._load(event.option.id)

    @on(OptionList.OptionSelected, "#template-list")
    def _chosen(self) -> None:
        self.query_one("#template-text", TextArea).focus()

    @on(TextArea.Changed, "#template-text")
    def _edited(self) -> None:
        self._show_missing()

    def draft_values(self) -> dict[str, Any] | None:
        """The message as edited; None while it is the template as filled in."""
        rendered = self.rendered.get(self.current or "")
        if self.current is None or self.text == (rendered.text if rendered else ""):
            return None
        return {"template": self.current, "text": self.text}

    def restore_draft(self, values: dict[str, Any]) -> None:
        """Show the kept message in its template."""
        ids = [t.id for t in self.templates]
        if values.get("template") not in ids:
            return
        template_id = str(values["template"])
        self.edits[template_id], self.current = str(values.get("text", "")), None
        self._load(template_id)
        self.query_one("#template-list", OptionList).highlighted = ids.index(template_id)

    def _chosen_template(self) -> Template | None:
        return next((t for t in self.templates if t.id == self.current), None)

    def action_copy(self) -> None:
        """Copy the message to the clipboard."""
        if not self.text.strip():
            self.notify("There is nothing to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(self.text)
        missing = still_missing(self.text)
        if missing:
            self.notify(
                f"Copied, but it still marks missing: {', '.join(missing)}",
                severity="warning",
                markup=False,
            )
        else:
            self.notify("Copied to the clipboard", markup=False)

    def action_use(self) -> None:
        """Use the message on the case (refused while a field is still marked missing)."""
        template = self._chosen_template()
        if template is None or template.id in self.problems or not self.text.strip():
            self.notify("Pick a template that can be used first.", severity="warning")
            return
        missing = still_missing(self.text)
        if missing:
            self.notify(
                f"Replace the marked fields first: {', '.join(missing)}",
                severity="error",
                markup=False,
            )
            return
        self.draft_done()
        self.dismiss(UsedMessage(template.id, template.title, self.text.strip()))

    def action_cancel(self) -> None:
        """Close without using anything."""
        self.draft_done()
        self.dismiss(None)
