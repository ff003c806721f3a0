"""At Notify under DISP, within three business days of receipt, the message offered is the
summary resolution communication; after that, or under another standard, the resolution."""

from __future__ import annotations

from pathlib import Path

from tests.support.clock import FixedClock
from tests.support.guidance import advance_to
from tests.support.steps import case_fields
from tests.support.workspaces import LEADER, open_utc_workspace, utc_policy

from cstui.services.guidance import SUMMARY_RESOLUTION_TEMPLATE
from cstui.workspace import Workspace


def _workspace(data: Path, clock: FixedClock, standard: str) -> Workspace:
    policy = utc_policy(data)
    text = policy.read_text(encoding="utf-8")
    policy.write_text(
        text.replace('complaints_standard = "custom"', f'complaints_standard = "{standard}"'),
        encoding="utf-8",
    )
    return open_utc_workspace(data, LEADER, clock)


def test_notify_offers_the_summary_resolution_within_the_window(
    tmp_path: Path, gclock: FixedClock
) -> None:
    ws = _workspace(tmp_path / "disp", gclock, "fca-disp")
    case = advance_to(ws, ws.cases.log(case_fields()), "notify")
    suits = ws.guidance.template_for_case(case)
    assert suits is not None and suits.id == SUMMARY_RESOLUTION_TEMPLATE
    rendered = ws.guidance.render(SUMMARY_RESOLUTION_TEMPLATE, case)
    assert case.id in rendered.text
    gclock.advance(days=4)  # past the third business day: a final response is due
    late = ws.guidance.template_for_case(case)
    assert late is not None and late.id == "resolution"


def test_other_standards_offer_the_resolution(tmp_path: Path, gclock: FixedClock) -> None:
    ws = _workspace(tmp_path / "custom", gclock, "custom")
    case = advance_to(ws, ws.cases.log(case_fields()), "notify")
    suits = ws.guidance.template_for_case(case)
    assert suits is not None and suits.id == "resolution"
