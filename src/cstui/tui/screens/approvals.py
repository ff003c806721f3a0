"""The approvals queue: refunds above an agent's limit, waiting for a team leader.

Team leaders approve (``a``) or decline (``d``, with a reason, and a legal ground when the
law requires a remedy) the request under the cursor; nobody approves their own. Agents see
the queue read only. Below it, checks that are approved or within the limit and still to
be recorded: ``r`` opens the record form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static
from textual.worker import Worker

from cstui.errors import CstuiError
from cstui.models.refund_text import decision_line, listing, money, summary
from cstui.models.refunds import DeclineGround, RefundRecord, RefundStatus, label
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.dialogs.refund_record import RefundRecordDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import literal
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.row_table import RowTable
from cstui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cstui.services.refunds import Authority, RefundService
    from cstui.tui.screens.factory import Screens

REFRESH_SECONDS = 2.0
STATUS_SHOWN = {RefundStatus.NOT_NEEDED: "within limit"}


class RefundTable(RowTable):
    """Refund records, one row each, keeping the cursor on the same record."""

    def __init__(self, columns: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns_shown = columns
        self.records: list[RefundRecord] = []

    def on_mount(self) -> None:
        for column in self.columns_shown:
            self.add_column(column, key=column)

    def show(self, records: list[RefundRecord], rows: list[list[Text]]) -> None:
        """Replace the rows; the cursor stays on the record it was on."""
        keep = self.current()
        self.clear()
        self.records = records
        for record, row in zip(records, rows, strict=True):
            self.add_row(*row, key=record.id)
        ids = [r.id for r in records]
        if keep is not None and keep.id in ids:
            self.move_cursor(row=ids.index(keep.id), animate=False)

    def current(self) -> RefundRecord | None:
        """The record under the cursor, if any."""
        if not self.records or not 0 <= self.cursor_row < len(self.records):
            return None
        return self.records[self.cursor_row]


@dataclass(frozen=True)
class Queue:
    """What one read of the store found: the two lists, and what the user may do."""

    authority: Authority
    pending: list[RefundRecord]
    to_record: list[RefundRecord]


def pending_row(record: RefundRecord) -> list[Text]:
    """A request waiting for approval, as the queue's cells."""
    return [
        Text(record.id),
        Text(record.case_id or "-"),
        literal(record.created_by),
        Text(money(record.decision.amount)),
        Text(money(record.decision.agent_limit)),
        Text(listing(record.decision.remedies)),
    ]


def to_record_row(record: RefundRecord) -> list[Text]:
    """A check still to record, as the lower table's cells."""
    return [
        Text(record.id),
        Text(record.case_id or "-"),
        literal(record.created_by),
        Text(money(record.decision.amount)),
        Text(STATUS_SHOWN.get(record.status, record.status.value)),
    ]


class ApprovalsScreen(CstuiScreen):
    """Pending refund requests, and approved ones still to record."""

    BINDINGS = [
        Binding("a", "approve", "Approve", id="approvals.approve"),
        Binding("d", "decline", "Decline", id="approvals.decline"),
        Binding("r", "record", "Record given", id="approvals.record"),
        Binding("o", "open_case", "Open case", id="approvals.open"),
        Binding("escape", "back", "Back", id="approvals.back"),
    ]

    def __init__(self, screens: Screens, refunds: RefundService) -> None:
        super().__init__()
        self.screens = screens
        self.refunds = refunds
        self.authority: Authority | None = None
        """What the user may do, as the last read found (none before it)."""
        self._note_for: bool | None = None
        self._reader: Worker[None] | None = None
        """The read of the queue under way, if any."""
        self._read_again = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="approvals-note")
        yield Static(id="pending-title", classes="table-title")
        yield RefundTable(("Refund", "Case", "Asked by", "Amount", "Limit", "Due"), id="pending")
        yield Static(id="to-record-title", classes="table-title")
        yield RefundTable(("Refund", "Case", "Asked by", "Amount", "Status"), id="to-record")
        yield Static(id="approvals-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Approvals"
        self.refresh_lists()
        self.set_interval(REFRESH_SECONDS, self.refresh_lists)

    def on_screen_resume(self) -> None:
        self.refresh_lists()

    def refresh_lists(self) -> None:
        """Re-read the store in a worker (cheap when nothing changed); redraw both tables.

        One read at a time: asked again meanwhile, it reads once more when that one is done.
        """
        if not self.is_active:
            return
        if self._reader is not None and not self._reader.is_finished:
            self._read_again = True
            return
        self._read_again = False
        refunds = self.refunds

        def read() -> Queue:
            return Queue(refunds.authority(), refunds.pending(), refunds.to_record())

        self._reader = self.load(read, self._lists_read, group="lists", failed=self._unreadable)

    def changed_elsewhere(self) -> None:
        """Another terminal saved: read the queue now (not at the next tick)."""
        self.refresh_lists()

    def _lists_read(self, queue: Queue) -> None:
        self._show_queue(queue)
        self._read_done()

    def _read_done(self) -> None:
        self._reader = None
        if self._read_again:
            self.refresh_lists()

    def _unreadable(self, exc: CstuiError) -> None:
        self.query_one("#approvals-detail", Static).update(literal(str(exc), "red"))
        self._read_done()

    @property
    def leader(self) -> bool:
        """Whether the user leads the team, as the last read found."""
        return self.authority is not None and self.authority.leader

    def _show_note(self, leader: bool) -> None:
        if leader == self._note_for:
            return
        self._note_for = leader
        self.refresh_bindings()
        note = (
            "a approves, d declines the request under the cursor (never your own)."
            if leader
            else "Read only: only team leaders approve or decline refunds above an agent's "
            "limit. Your requests wait here; the answer shows on the case."
        )
        self.query_one("#approvals-note", Static).update(
            Text(note, style="dim" if leader else "yellow")
        )

    def _show_queue(self, queue: Queue) -> None:
        self.authority = queue.authority
        self._show_note(queue.authority.leader)
        pending, to_record = queue.pending, queue.to_record
        self.query_one("#pending-title", Static).update(
            Text(f"Waiting for approval ({len(pending)})", style="bold")
        )
        self.query_one("#to-record-title", Static).update(
            Text(f"To record: approved or within the limit ({len(to_record)})", style="bold")
        )
        self.query_one("#pending", RefundTable).show(pending, [pending_row(r) for r in pending])
        self.query_one("#to-record", RefundTable).show(
            to_record, [to_record_row(r) for r in to_record]
        )
        self._show_detail()

    def _focused_record(self) -> RefundRecord | None:
        table = self.focused if isinstance(self.focused, RefundTable) else None
        return table.current() if table is not None else None

    def _show_detail(self) -> None:
        record = self._focused_record()
        detail = self.query_one("#approvals-detail", Static)
        detail.update(literal(summary(record)) if record else Text())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Say more about the highlighted request."""
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Approve and decline are for team leaders only."""
        if action in ("approve", "decline"):
            return self.leader
        return True

    def _pending(self) -> RefundRecord | None:
        record = self.query_one("#pending", RefundTable).current()
        if record is None:
            self.notify("Nothing is waiting for approval.", severity="warning")
            return None
        if self.authority is None:  # not read yet: a and d are not offered until it is
            return None
        problem = self.refunds.why_not_decide(record, self.authority)
        if problem is not None:
            self.notify(problem[0].upper() + problem[1:], severity="warning", markup=False)
            return None
        return record

    def _decided(self, record: RefundRecord) -> None:
        state = "approved" if record.approval and record.approval.approved else "declined"
        self.notify(f"{record.id} {state}", markup=False)
        self.refresh_lists()

    def action_approve(self) -> None:
        """Approve the request under the cursor of the queue."""
        record = self._pending()
        if record is None:
            return
        refunds = self.refunds

        def answered(yes: bool | None) -> None:
            if yes:
                self.save(lambda: refunds.approve(record.id), self._decided)

        question = (
            f"Approve {record.id} for {record.created_by}: "
            f"{decision_line(record.decision)}, {money(record.decision.amount)}?"
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_decline(self) -> None:
        """Decline the request under the cursor, asking why."""
        record = self._pending()
        if record is None:
            return
        refunds = self.refunds

        def answered(reason: str | None) -> None:
            if not reason:
                return
            if refunds.needs_ground(record):
                self._ask_ground(record, reason)
            else:
                self.save(lambda: refunds.decline(record.id, reason), self._decided)

        self.app.push_screen(PromptDialog(f"Why is {record.id} declined?"), answered)

    def _ask_ground(self, record: RefundRecord, reason: str) -> None:
        """The law requires a remedy: a decline names its legal ground, or nothing is saved."""
        refunds = self.refunds

        def chosen(ground: str | None) -> None:
            if ground is None:
                self.notify(
                    f"{record.id} is not declined: the law requires a remedy, so a decline "
                    "must name a legal ground.",
                    severity="warning",
                    markup=False,
                )
                return
            self.save(lambda: refunds.decline(record.id, reason, ground), self._decided)

        grounds = [(label(g), g.value) for g in DeclineGround]
        title = f"The law requires a remedy for {record.id}: on what legal ground is it declined?"
        self.app.push_screen(ChooseDialog(title, grounds), chosen)

    def action_record(self) -> None:
        """Record what was given under the check under the cursor of the lower table."""
        record = self.query_one("#to-record", RefundTable).current()
        if record is None:
            self.notify("Nothing is waiting to be recorded.", severity="warning")
            return
        refunds = self.refunds

        def recorded(result: RefundRecord | None) -> None:
            if result is not None:
                self.notify(f"Recorded what was given under {result.id}", markup=False)
                self.refresh_lists()

        dialog = RefundRecordDialog(
            record, lambda values: refunds.record(record.id, values), refunds.today()
        )
        self.app.push_screen(dialog, recorded)

    def action_open_case(self) -> None:
        """Open the case of the highlighted record."""
        record = self._focused_record()
        if record is None or record.case_id is None:
            self.notify("This record has no case.", severity="warning")
            return
        self.app.push_screen(self.screens.case(record.case_id))

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
