"""Pilot tests: tip of the day, the tips screen, the step guidance panel and message templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.guidance import advance_to, write_override
from tests.support.steps import case_fields
from tests.support.tui import cstui, notifications, plain, settle, type_text
from tests.support.workspaces import LEADER, open_utc_workspace
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea

from cstui.content.library import GUIDANCE, TIPS, load_default
from cstui.domain.guidance import tip_of_the_day
from cstui.models.kinds import PROCEDURE, Step
from cstui.tui.app import build_app
from cstui.tui.dialogs.template import TemplateDialog
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.tips import TipsScreen
from cstui.tui.widgets.form import Form
from cstui.tui.widgets.guidance_panel import GuidancePanel
from cstui.workspace import Workspace

WIDE = (120, 40)


async def test_home_shows_the_tip_of_the_day(gws: Workspace) -> None:
    expected = tip_of_the_day(load_default(TIPS).tips, MONDAY_IN_NOVEMBER.date())
    assert expected is not None
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        line = plain(app.screen.query_one("#tip-of-the-day", Static))
        assert line.startswith(f"Tip of the day: {expected.title} — ")
        assert expected.body[:30] in line


async def test_searching_listen_from_home_finds_active_listening(gws: Workspace) -> None:
    app = build_app(gws)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TipsScreen)
        search_box = app.focused
        assert isinstance(search_box, Input)
        await type_text(pilot, "listen")
        await pilot.pause()
        results = screen.query_one("#tips-results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert ids[0] == "tip:tip-12"
        assert {
            "activity:active-listening-1",
            "activity:active-listening-2",
            "activity:active-listening-3",
        } <= set(ids)
        detail = plain(screen.query_one("#tips-detail", Static))
        assert "Listen actively and take notes" in detail
        assert "Use active listening techniques" in detail
        assert plain(screen.query_one("#tips-count", Static)) == (
            "1 tip, 3 activities  matching listen"
        )
        # Down from the search box moves to the results; the detail follows the cursor.
        await pilot.press("down")
        assert app.focused is results
        await pilot.press("down")
        await pilot.pause()
        chosen = screen.shown[results.highlighted or 0]
        assert chosen.kind.value == "activity"
        assert chosen.title in plain(screen.query_one("#tips-detail", Static))
        assert "Suggested reading" in plain(screen.query_one("#tips-detail", Static))
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_search_needs_every_word_and_the_theme_filter_narrows(gws: Workspace) -> None:
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TipsScreen)
        assert len(screen.shown) == 14 + 30
        await type_text(pilot, "listen notes")
        await pilot.pause()
        assert [i.id for i in screen.shown] == ["tip-12"]
        await type_text(pilot, " zebra")
        await pilot.pause()
        assert screen.shown == []
        assert "Nothing matches" in plain(screen.query_one("#tips-detail", Static))
        screen.query_one("#tips-search", Input).value = ""
        screen.query_one("#tips-theme", Select).value = "conflicting-needs"
        await pilot.pause()
        assert screen.shown and all("conflicting-needs" in i.themes for i in screen.shown)
        assert {i.id for i in screen.shown} >= {"conflicting-needs-1", "conflicting-needs-2"}


async def _open_case(pilot: Pilot[Any], case_id: str) -> CaseScreen:
    app = cstui(pilot)
    screen = app.screens.case(case_id)
    app.push_screen(screen)
    await settle(pilot)
    return screen


@pytest.mark.parametrize("step", [s for s in PROCEDURE if s is not Step.RECEIVE], ids=str)
async def test_the_panel_shows_the_guidance_of_the_cases_step(gws: Workspace, step: Step) -> None:
    case = advance_to(gws, gws.cases.log(case_fields()), step.value)
    guide = load_default(GUIDANCE).steps[step]
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, case.id)
        panel = screen.query_one(GuidancePanel)
        assert panel.display
        text = panel.text
        assert text.startswith(f"Guidance: {step.label}\n")
        assert " ".join(guide.do.split()) in " ".join(text.split())
        assert guide.say[0] in text
        for line in guide.record.values():
            assert " ".join(line.split()) in " ".join(text.split())
        tips = load_default(TIPS)
        for tip_id in guide.tips:
            assert tips.get(tip_id).title in text  # type: ignore[union-attr]


async def test_the_panel_has_receive_guidance_and_a_closed_note(gws: Workspace) -> None:
    case = gws.cases.log(case_fields())
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, case.id)
        panel = screen.query_one(GuidancePanel)
        panel.show_step(Step.RECEIVE)
        assert panel.text.startswith("Guidance: Receive and log\n")
        assert "Record all details of the complaint" in panel.text
        panel.show_step(Step.CLOSED)
        assert "The case is closed" in panel.text


async def test_the_panel_follows_the_step_as_the_case_advances(gws: Workspace) -> None:
    case = gws.cases.log(case_fields())
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, case.id)
        panel = screen.query_one(GuidancePanel)
        assert panel.text.startswith("Guidance: Investigate")
        await type_text(pilot, "Two charges")
        await pilot.press("f5")
        await settle(pilot)
        assert screen.case is not None and screen.case.step is Step.DECLARE
        assert panel.text.startswith("Guidance: Declare")


async def test_the_panel_is_hidden_on_narrow_terminals_and_f2_toggles_it(gws: Workspace) -> None:
    case = gws.cases.log(case_fields())
    app = build_app(gws)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, case.id)
        panel = screen.query_one(GuidancePanel)
        assert not panel.display
        await pilot.press("f2")
        assert panel.display
        assert panel.text.startswith("Guidance: Investigate")
        # Typing in the step form is not disturbed by the key.
        assert isinstance(app.focused, TextArea)
        await pilot.press("f2")
        assert not panel.display
    async with build_app(gws).run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, case.id)
        assert screen.query_one(GuidancePanel).display
        await pilot.press("f2")
        assert not screen.query_one(GuidancePanel).display


async def test_an_acknowledgement_is_previewed_copied_and_saved_as_a_note(gws: Workspace) -> None:
    case = gws.cases.log(case_fields("Jo Citizen"))
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await _open_case(pilot, case.id)
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TemplateDialog)
        assert dialog.current == "acknowledgement"
        text = dialog.text
        assert f"case {case.id}" in text
        assert "contact you by Tuesday 24 November 2026" in text
        assert "Filled from the case" in plain(dialog.query_one("#template-missing", Static))
        await pilot.press("ctrl+y")
        assert app.clipboard == text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    saved = gws.cases.get(case.id)
    assert saved.notes[-1].text == f"Said to the customer (Acknowledgement): {text.strip()}"


async def test_at_notify_the_message_fills_what_was_said_and_is_saved_with_the_step(
    gws: Workspace,
) -> None:
    case = advance_to(gws, gws.cases.log(case_fields()), "notify")
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, case.id)
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TemplateDialog)
        assert dialog.current == "resolution"
        # Edit the preview before using it.
        area = dialog.query_one("#template-text", TextArea)
        area.load_text(area.text + "\nP.S. Sorry again.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        said = screen.query_one(Form).field("said").get()
        assert "Refund the second charge of $40" in said
        assert said.endswith("P.S. Sorry again.")
        await pilot.press("f5")
        await settle(pilot)
    record = gws.cases.get(case.id).completed(Step.NOTIFY)
    assert record is not None and record.data.said == said  # type: ignore[union-attr]


async def test_a_template_with_missing_fields_is_flagged_and_cannot_be_used(
    gws: Workspace,
) -> None:
    case = advance_to(gws, gws.cases.log(case_fields()), "follow-up")
    app = build_app(gws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, case.id)
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TemplateDialog)
        assert dialog.current == "follow_up"
        await pilot.press("down")
        await pilot.pause()
        assert dialog.current == "final_response"
        assert "⟨missing: referral_body⟩" in dialog.text
        missing = plain(dialog.query_one("#template-missing", Static))
        assert missing.startswith("Not in the case yet: referral_body, referral_contact")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert any("Replace the marked fields first" in m for m in notifications(app))
        await pilot.press("escape")
        await pilot.pause()
        # Typed in the follow-up form, the referral fills the message.
        form = screen.query_one(Form)
        form.fill(
            {"satisfied": "no", "referral_body": "Energy Ombudsman", "referral_contact": "1800"}
        )
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert isinstance(app.screen, TemplateDialog)
        assert "take your complaint to Energy Ombudsman" in app.screen.text
        assert "Filled from the case" in plain(app.screen.query_one("#template-missing", Static))


async def test_a_corrupt_content_file_gives_a_clear_message_and_a_running_app(
    gdata: Path, gclock: FixedClock
) -> None:
    path = write_override(gdata, "tips.toml", "[[tips]]\nid = 'tip-01'\ntitle = 5\n")
    ws = open_utc_workspace(gdata, LEADER, gclock)
    app = build_app(ws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = notifications(app)
        assert any(m.startswith(f"{path}: key tips[tip-01].title must be text") for m in shown)
        assert sum(1 for m in shown if str(path) in m) == 1
        assert plain(app.screen.query_one("#tip-of-the-day", Static)).startswith("Tip of the day")
        await pilot.press("t")
        await pilot.pause()
        assert len(app.screen.shown) == 44  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert sum(1 for m in notifications(app) if str(path) in m) == 1  # told once
    assert ws.warnings and ws.warnings[0].startswith(str(path))


async def test_content_is_shown_literally_never_as_markup(gdata: Path, gclock: FixedClock) -> None:
    write_override(
        gdata,
        "tips.toml",
        "[[tips]]\nid = 'tip-01'\ntitle = '[@click=app.quit]Quit[/]'\n"
        "body = \"[bold]not bold[/bold] \\u001b[31mred\"\nthemes = ['active-listening']\n",
    )
    ws = open_utc_workspace(gdata, LEADER, gclock)
    app = build_app(ws)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        line = plain(app.screen.query_one("#tip-of-the-day", Static))
        assert "[@click=app.quit]Quit[/]" in line
        assert "[bold]not bold[/bold] red" in line
        assert "\x1b" not in line
        await pilot.press("t")
        await pilot.pause()
        assert "[@click=app.quit]Quit[/]" in plain(app.screen.query_one("#tips-detail", Static))
        assert app.is_running
