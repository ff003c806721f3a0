"""Columns widen to the rows just added, even when the table was drawn before it measured
them (as a busy machine often does): nothing stays cut off until the cursor moves."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from cstui.tui.widgets.row_table import RowTable

ROWS = [("C-000002", "2 Investigate"), ("C-000013", "7 Closed")]


class OneTable(App[None]):
    """Just a table."""

    def compose(self) -> ComposeResult:
        yield RowTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.add_column("Case", key="case")
        table.add_column("Step", key="step")


def drawn(table: RowTable, y: int) -> str:
    return table.render_line(y).text


async def test_rows_drawn_before_measuring_are_drawn_again_at_full_width() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(RowTable)
        for case, step in ROWS:
            table.add_row(Text(case), Text(step), key=case)
        # Drawn at once, before the table is idle and has measured the new rows: cut off.
        assert drawn(table, 1).split() == ["C-00", "2", "In"]
        await pilot.pause()
        assert [drawn(table, y).split() for y in (0, 1, 2)] == [
            ["Case", "Step"],
            ["C-000002", "2", "Investigate"],
            ["C-000013", "7", "Closed"],
        ]


async def test_a_cell_changed_to_a_longer_one_widens_its_column() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(RowTable)
        table.add_row(Text("C-1"), Text("1 Log"), key="C-1")
        await pilot.pause()
        table.update_cell("C-1", "step", Text("3 Declare it will be resolved"), update_width=True)
        assert drawn(table, 1).split() == ["C-1", "3", "Dec"]  # drawn before measuring
        await pilot.pause()
        assert drawn(table, 1).split() == ["C-1", "3", "Declare", "it", "will", "be", "resolved"]
