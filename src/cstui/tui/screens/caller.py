"""The returning caller: everything they complained about, their open cases first.

Opened by ``cstui --caller NUMBER``, by ``f`` on home, and on top of whatever is open when
the telephony pops a call (``cstui pop``). The history is read in a worker; Enter opens
the case under the cursor, ``n`` starts a new case with the caller's name, phone and
email from their latest case, Esc goes back (to the next caller waiting, if any). For a
popped call, ``l`` links it to the case under the cursor and ``o`` notes its outcome.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from cstui.errors import CstuiError
from cstui.models.case import case_number
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import due_text, literal, step_text, when
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.row_table import RowTable
from cstui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cstui.models.case import Case
    from cstui.models.contact import Contact
    from cstui.models.deadline import Due
    from cstui.pop_channel import Pop
    from cstui.services.cases import CaseService
    from cstui.services.contacts import ContactService
    from cstui.tui.screens.factory import Screens

COLUMNS = ("Case", "Step", "What is due", "Received", "Complaint")
"""The history table's columns."""


def split_contact(contact: str) -> tuple[str, str]:
    """(phone, email) from whatever was typed to find a caller."""
    contact = contact.strip()
    return ("", contact) if "@" in contact else (contact, "")


@dataclass(frozen=True)
class CallerHistory:
    """A caller's cases, open ones first (most urgent at the top), then closed ones
    (newest first), each with its next deadline."""

    cases: list[tuple[Case, Due | None]]
    contacts: list[Contact] = field(default_factory=list)
    """The caller's calls, newest first."""

    @property
    def open_count(self) -> int:
        """How many of the cases are open."""
        return sum(1 for case, _ in self.cases if case.is_open)

    def prefill(self) -> dict[str, str]:
        """The new-case fields known from the latest case: name, phone and email."""
        latest = max(
            (case for case, _ in self.cases), key=lambda c: (c.created_at, case_number(c.id))
        )
        customer = latest.customer
        return {
            "customer.name": customer.name,
            "customer.phone": customer.phone or "",
            "customer.email": customer.email or "",
        }


def read_history(
    cases: CaseService, contact: str, contacts: ContactService | None = None
) -> CallerHistory:
    """In a worker: the caller's cases in the order the screen lists them, and their
    calls."""
    phone, email = split_contact(contact)
    found = cases.customer_history(phone or None, email or None)
    dues = [(case, cases.due(case) if case.is_open else None) for case in found]

    def order(item: tuple[Case, Due | None]) -> tuple[int, float]:
        case, due = item
        if not case.is_open:
            return (2, -case.created_at.timestamp())
        return (0, due.at.timestamp()) if due is not None else (1, case.created_at.timestamp())

    oldest_first = sorted(dues, key=lambda item: case_number(item[0].id))
    calls = contacts.of_customer(found, phone or None) if contacts is not None else []
    return CallerHistory(sorted(oldest_first, key=order), calls)


class CallerScreen(CstuiScreen):
    """One caller's history: open cases to pick up, closed ones for context."""

    DEFAULT_CSS = """
    CallerScreen #caller-title { padding: 0 1; text-style: bold; }
    CallerScreen #caller-status { padding: 0 1; height: auto; }
    CallerScreen #caller-call { padding: 0 1; height: auto; color: $warning; }
    CallerScreen #caller-calls { padding: 0 1; height: auto; max-height: 4; }
    CallerScreen #caller-cases { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "open_case", "Open case", show=False, id="caller.open"),
        Binding("n", "new_case", "New case for caller", id="caller.new"),
        Binding("l", "link_call", "Link call to case", id="caller.link"),
        Binding("o", "note_outcome", "Note outcome", id="caller.outcome"),
        Binding("escape", "back", "Back", id="caller.back"),
    ]

    def __init__(
        self,
        screens: Screens,
        *,
        contact: str,
        history: Callable[[str], CallerHistory],
        zone: tzinfo,
        call: Pop | None = None,
        contacts: Callable[[], ContactService] | None = None,
    ) -> None:
        """``contact``: the caller's phone number or email; ``history`` reads their
        cases (in a worker); ``call``: the popped call this screen was opened for, kept
        by the service ``contacts`` gives (in a worker)."""
        super().__init__()
        self.call = call
        self.contacts = contacts
        self.screens = screens
        self.contact = contact.strip()
        self.history_of = history
        self.zone = zone
        self.history: CallerHistory | None = None
        self.case_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(literal(f"Caller {self.contact}"), id="caller-title")
        yield Static(Text("Looking up the caller's cases…", style="dim"), id="caller-status")
        call_line = Static(self._call_line(), id="caller-call")
        call_line.display = self.call is not None
        yield call_line
        calls = Static("", id="caller-calls")
        calls.display = False
        yield calls
        yield RowTable(id="caller-cases")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Caller"
        table = self.query_one("#caller-cases", DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label)
        table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.query_one("#caller-call", Static).update(self._call_line())
        if self.history is not None:  # back from a case: it may have moved on
            self.reload()

    def reload(self) -> None:
        """Read the caller's cases again, in a worker."""
        contact = self.contact
        self.load(lambda: self.history_of(contact), self._read, group="caller", failed=self._failed)

    def _failed(self, exc: CstuiError) -> None:
        self.query_one("#caller-status", Static).update(literal(str(exc), "bold red"))

    def _read(self, history: CallerHistory) -> None:
        self.history = history
        table = self.query_one("#caller-cases", DataTable)
        keep = self.current_case_id()
        table.clear()
        self.case_ids = [case.id for case, _ in history.cases]
        for case, due in history.cases:
            table.add_row(*self._row(case, due), key=case.id)
        if keep in self.case_ids:
            table.move_cursor(row=self.case_ids.index(keep), animate=False)
        self.query_one("#caller-title", Static).update(self._title(history))
        self.query_one("#caller-status", Static).update(self._status(history))
        calls = self.query_one("#caller-calls", Static)
        calls.update(self._calls(history))
        calls.display = bool(history.contacts)

    def _row(self, case: Case, due: Due | None) -> tuple[Text, ...]:
        due_cell = due_text(due, self.zone) if case.is_open else Text("closed", style="dim")
        if due is not None:
            due_cell = Text(f"{due.kind.value}: ").append_text(due_cell)
        return (
            Text(case.id),
            step_text(case.step, case.waiting),
            due_cell,
            Text(when(case.created_at, self.zone, with_time=False)),
            literal(case.summary),
        )

    def _title(self, history: CallerHistory) -> Text:
        if not history.cases:
            return literal(f"Caller {self.contact}")
        known = history.prefill()
        title = literal(known["customer.name"], "bold")
        for contact in (known["customer.phone"], known["customer.email"]):
            if contact:
                title.append(" · ").append_text(literal(contact))
        return title

    def _status(self, history: CallerHistory) -> Text:
        if not history.cases:
            return Text("No cases for this caller. Press n to start a new case.", style="yellow")
        total, still_open = len(history.cases), history.open_count
        status = Text(f"{total} case{'s' if total != 1 else ''}, {still_open} open")
        status.append(" · Enter opens a case · n new case for this caller", style="dim")
        return status

    def waiting(self) -> int:
        """How many popped callers wait under this screen, not yet read."""
        return sum(
            1
            for screen in self.app.screen_stack
            if isinstance(screen, CallerScreen) and screen.call is not None and screen is not self
        )

    def _call_line(self) -> Text:
        line = Text()
        if self.call is not None:
            line.append("Calling now")
            for label, value in (("call", self.call.call_id), ("queue", self.call.queue)):
                if value:
                    line.append(f" · {label} ").append_text(literal(value))
            if self.call.contact_id:
                line.append(f" · kept as {self.call.contact_id}")
                line.append(" · l links it to the case · o notes its outcome", style="dim")
        if self.is_mounted and (count := self.waiting()):
            line.append(f"  {count} more caller{'s' if count != 1 else ''} waiting", "bold")
        return line

    def _calls(self, history: CallerHistory) -> Text:
        calls = Text()
        count = len(history.contacts)
        if count:
            calls.append(f"{count} call{'s' if count != 1 else ''}, latest first:", "dim")
        for contact in history.contacts[:3]:
            calls.append("\n" + when(contact.at, self.zone)).append(f" · {contact.agent}")
            for value in (contact.queue, contact.case_id, contact.outcome):
                if value:
                    calls.append(" · ").append_text(literal(value))
        return calls

    def kept(self, contact_id: str) -> None:
        """The popped call is now kept as ``contact_id``: say so, and list it."""
        if self.call is None:
            return
        self.call = dataclasses.replace(self.call, contact_id=contact_id)
        self.query_one("#caller-call", Static).update(self._call_line())
        self.refresh_bindings()
        if self.history is not None:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Link and note only for a popped call that was kept."""
        if action in ("link_call", "note_outcome"):
            return self.call is not None and bool(self.call.contact_id)
        return True

    def action_link_call(self) -> None:
        """Link this call to the case under the cursor."""
        case_id = self.current_case_id()
        if self.call is None or self.contacts is None or case_id is None:
            self.notify("Put the cursor on the caller's case first.", severity="warning")
            return
        contact_id, contacts = self.call.contact_id, self.contacts
        self.save(lambda: contacts().link(contact_id, case_id), self._call_kept)

    def action_note_outcome(self) -> None:
        """Ask for the call's outcome in one line, and keep it."""
        from cstui.tui.dialogs.prompt import PromptDialog

        def noted(outcome: str | None) -> None:
            if outcome is None or self.call is None or self.contacts is None:
                return
            contact_id, contacts = self.call.contact_id, self.contacts
            self.save(lambda: contacts().note(contact_id, outcome), self._call_kept)

        self.app.push_screen(PromptDialog("What came of this call?", "one line"), noted)

    def _call_kept(self, contact: Contact) -> None:
        what = f"linked to {contact.case_id}" if contact.case_id else "kept"
        if contact.outcome:
            what += ", outcome noted"
        self.notify(f"Call {contact.id} {what}.", markup=False)
        self.reload()

    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        row = self.query_one("#caller-cases", DataTable).cursor_row
        return self.case_ids[row] if 0 <= row < len(self.case_ids) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens that case."""
        if event.row_key.value:
            self.app.push_screen(self.screens.case(event.row_key.value))

    def action_open_case(self) -> None:
        """Open the case under the cursor."""
        if (case_id := self.current_case_id()) is not None:
            self.app.push_screen(self.screens.case(case_id))

    def action_new_case(self) -> None:
        """Start a new case for this caller: name, phone and email from their latest case."""
        if self.history is not None and self.history.cases:
            prefill = self.history.prefill()
        else:
            phone, email = split_contact(self.contact)
            prefill = {"customer.phone": phone, "customer.email": email}
        self.app.push_screen(self.screens.new_case(draft=prefill))

    def action_back(self) -> None:
        """Back to where the caller was looked up."""
        self.app.pop_screen()
