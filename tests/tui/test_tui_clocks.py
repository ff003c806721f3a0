"""The case screen says when DISP's summary resolution communication is the response due."""

from __future__ import annotations

from pathlib import Path

from tests.support.clock import FixedClock
from tests.support.steps import case_fields
from tests.support.tui import plain, settle
from tests.support.workspaces import LEADER, open_utc_workspace, utc_policy

from cstui.tui.app import build_app


async def test_the_details_name_a_summary_resolution_under_disp(
    data_dir: Path, tui_clock: FixedClock
) -> None:
    policy = utc_policy(data_dir)
    text = policy.read_text(encoding="utf-8")
    policy.write_text(
        text.replace('complaints_standard = "custom"', 'complaints_standard = "fca-disp"'),
        encoding="utf-8",
    )
    workspace = open_utc_workspace(data_dir, LEADER, tui_clock)
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(app.screens.case(case.id))
        await settle(pilot)
        details = plain(app.screen.query_one("#details"))
        assert "Summary resolution: resolve by 2026-11-26 17:00" in details
