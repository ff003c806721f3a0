"""The team view by keys: filter, sort, overdue only, open, reassign, roles, live updates."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.cli import command, process_env
from tests.support.team import fields
from tests.support.tui import notifications
from tests.support.workspaces import AGENT, advance_to
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey

from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.screens.approvals import ApprovalsScreen
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.help import HelpScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.team import FILTER_DELAY, Loaded, Order, TeamScreen, arrange
from cstui.tui.screens.trends import TrendsScreen
from cstui.tui.widgets.team_table import TeamTable
from cstui.workspace import Workspace

SIZE = (100, 30)


async def settle(pilot: Pilot[Any]) -> None:
    """Let the store workers finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_team(pilot: Pilot[Any]) -> TeamScreen:
    """From home, press v; wait until the first read has been drawn."""
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TeamScreen)
    return screen


async def type_filter(pilot: Pilot[Any], text: str) -> None:
    """Press / and type ``text``; wait for the filter to apply."""
    await pilot.press("slash", *["space" if c == " " else c for c in text])
    await pilot.pause(FILTER_DELAY + 0.1)
    await settle(pilot)


def ids(screen: TeamScreen) -> list[str]:
    return list(screen.query_one(TeamTable).case_ids)


def text_of(screen: TeamScreen, selector: str) -> str:
    rendered = screen.query_one(selector, Static).render()
    return str(getattr(rendered, "plain", rendered))


def footer_keys(app: CstuiApp) -> set[str]:
    return {k for k, b in app.screen.active_bindings.items() if b.binding.show}


async def test_counters_and_flags(leader_ws: Workspace, as_user, team_clock) -> None:
    old = leader_ws.cases.log(fields("Old"))
    team_clock.advance(days=2)
    waiting = as_user(AGENT).cases.log(fields("Waiting"))
    as_user(AGENT).cases.wait(waiting.id)
    advance_to(leader_ws, leader_ws.cases.log(fields("Declared")), "solve")
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        counters = text_of(screen, "#team-counters")
        assert counters.startswith("Open 3: Investigate 2 · Solve 1\n! Overdue 1 · Due today 0")
        table = screen.query_one(TeamTable)
        flags = {cid: str(table.get_cell(cid, "Flags")).strip() for cid in ids(screen)}
        assert flags[old.id] == "!" and flags[waiting.id] == "⏸"
        assert ids(screen)[0] == old.id  # default order: next due, most overdue first
        assert "Showing 3 of 3" in text_of(screen, "#team-status")


async def test_filter_as_you_type_and_escape(leader_ws: Workspace, as_user) -> None:
    mine = leader_ws.cases.log(fields("Amy", category="Delivery"))
    bobs = as_user(AGENT).cases.log(fields("Zed"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        await type_filter(pilot, "owner:bob")
        assert ids(screen) == [bobs.id]
        assert isinstance(app.focused, Input)
        await pilot.press("enter")  # back to the table, the filter stays
        assert isinstance(app.focused, TeamTable)
        assert ids(screen) == [bobs.id]
        assert "filter owner:bob" in text_of(screen, "#team-status")
        await type_filter(pilot, " nobody")
        assert ids(screen) == []
        await pilot.press("escape")  # clears the filter, back to the table
        await pilot.pause(FILTER_DELAY + 0.1)
        assert isinstance(app.focused, TeamTable)
        assert screen.query_one("#team-filter", Input).value == ""
        assert sorted(ids(screen)) == [mine.id, bobs.id]
        await pilot.press("escape")  # on the table: back home
        assert isinstance(app.screen, HomeScreen)


async def test_digits_sort_and_reverse(leader_ws: Workspace, as_user) -> None:
    a = leader_ws.cases.log(fields("Zed"))
    b = as_user(AGENT).cases.log(fields("Amy"))
    c = leader_ws.cases.log(fields("Max"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        await pilot.press("2")
        assert ids(screen) == [b.id, c.id, a.id]
        customer = screen.query_one(TeamTable).columns[ColumnKey("Customer")]
        assert str(customer.label).strip() == "Customer↑"
        await pilot.press("2")
        assert ids(screen) == [a.id, c.id, b.id]
        await pilot.press("1")
        assert ids(screen) == [a.id, b.id, c.id]
        await pilot.press("5")  # owner: alice, alice, bob
        assert ids(screen)[-1] == b.id


async def test_overdue_only(leader_ws: Workspace, team_clock) -> None:
    late = leader_ws.cases.log(fields("Late"))
    team_clock.advance(days=3)
    leader_ws.cases.log(fields("New"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        assert len(ids(screen)) == 2
        await pilot.press("o")
        assert ids(screen) == [late.id]
        assert "overdue only" in text_of(screen, "#team-status")
        await pilot.press("o")
        assert len(ids(screen)) == 2


async def test_enter_opens_the_case(leader_ws: Workspace) -> None:
    first = leader_ws.cases.log(fields("First"))
    second = leader_ws.cases.log(fields("Second"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        await pilot.press("1", "down", "enter")
        await settle(pilot)
        opened = app.screen
        assert isinstance(opened, CaseScreen) and opened.case_id == second.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(TeamTable).current_case_id() == second.id
        assert first.id in ids(screen)


async def test_team_leader_reassigns(leader_ws: Workspace) -> None:
    case = leader_ws.cases.log(fields())
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        assert {"g", "a"} <= footer_keys(app)
        await pilot.press("g")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ChooseDialog)
        await pilot.press("down", "enter")  # alice, then bob
        await settle(pilot)
        await settle(pilot)
        assert leader_ws.cases.get(case.id).owner == AGENT
        assert app.screen is screen
        assert str(screen.query_one(TeamTable).get_cell(case.id, "Owner")).strip() == AGENT
        assert f"{case.id} now belongs to bob" in notifications(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ApprovalsScreen)


async def test_an_agent_sees_the_list_read_only(leader_ws: Workspace, as_user) -> None:
    case = leader_ws.cases.log(fields())
    bob = as_user(AGENT)
    app = build_app(bob)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        assert ids(screen) == [case.id]
        assert "g" not in footer_keys(app) and "a" not in footer_keys(app)
        assert "read only" in text_of(screen, "#team-status")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        assert "Only a team leader can reassign cases." in notifications(app)
        await pilot.press("a")
        await pilot.pause()
        assert "Only a team leader can approve refunds." in notifications(app)
        assert leader_ws.cases.get(case.id).owner == "alice"


async def test_trends_screen(leader_ws: Workspace) -> None:
    leader_ws.cases.log(fields(directed_at="Call centre"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert screen.trends is not None and screen.trends.received == 1
        assert "1 complaint received" in text_of(screen, "#trends-title")  # type: ignore[arg-type]
        assert "Call centre (1)" in text_of(screen, "#trends-figures")  # type: ignore[arg-type]
        await pilot.press("escape")
        assert isinstance(app.screen, TeamScreen)


def _cstui(data_dir: Path, *args: str) -> None:
    """Run cstui as bob in another process on the same data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    env.update(CSTUI_DATA_DIR=str(data_dir), CSTUI_USER=AGENT)
    done = subprocess.run(
        [*command("2026-11-23T11:00:00"), *args],
        env=process_env(env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


async def wait_for(pilot: Pilot[Any], ready: Callable[[], bool], seconds: float = 2.0) -> float:
    """Pause until ``ready()``; return how long it took (fails after ``seconds``)."""
    waited = 0.0
    while not ready():
        assert waited < seconds, "the team view did not update in time"
        await pilot.pause(0.05)
        waited += 0.05
    return waited


async def test_a_case_saved_in_another_process_appears_moves_and_goes(
    leader_ws: Workspace, as_user, team_dir: Path
) -> None:
    kept = leader_ws.cases.log(fields("Kept"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        await pilot.press("1")  # by case id: a new case goes to the end
        table = screen.query_one(TeamTable)
        assert table.current_case_id() == kept.id

        _cstui(
            team_dir, "case", "new", "--customer", "Live Caller", "--phone", "0400 111 222",
            "--summary", "Logged elsewhere", "--category", "Billing", "--channel", "phone",
        )  # fmt: skip
        await wait_for(pilot, lambda: "C-000002" in ids(screen))
        assert table.current_case_id() == kept.id  # the cursor did not move
        assert "Open 2" in text_of(screen, "#team-counters")

        bob = as_user(AGENT)  # another terminal
        bob.cases.advance("C-000002", {"findings": "Checked"})
        await wait_for(pilot, lambda: str(table.get_cell("C-000002", "Step")).strip() == "Declare")
        bob.cases.wait("C-000002")
        await wait_for(pilot, lambda: "⏸" in str(table.get_cell("C-000002", "Flags")))

        await pilot.press("2")  # by customer: Kept, Live Caller
        await pilot.press("down")
        assert table.current_case_id() == "C-000002"
        case = bob.cases.get("C-000002")
        advance_to(bob, case, "closed")
        await wait_for(pilot, lambda: ids(screen) == [kept.id])  # closed: gone
        assert table.current_case_id() == kept.id


def help_and_palette(app: CstuiApp) -> tuple[str, set[str]]:
    """The help list (``?``) and the palette's commands for the current screen."""
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    text = str(screen.query_one(".help Static", Static).render())
    commands = {c.title for c in app.get_system_commands(screen.under)}
    return text, commands


async def test_help_and_palette_offer_leader_keys_to_leaders_only(
    leader_ws: Workspace, as_user
) -> None:
    leader_ws.cases.log(fields())
    for ws, leader in ((as_user(AGENT), False), (leader_ws, True)):
        app = build_app(ws)
        async with app.run_test(size=SIZE) as pilot:
            await open_team(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            text, commands = help_and_palette(app)
            assert "Filter" in text and "Trends" in text and "Filter" in commands
            for what in ("Reassign", "Approvals"):
                assert (what in text) is leader, (ws.user, what, text)
                assert (what in commands) is leader, (ws.user, what, commands)


def drawn(table: TeamTable) -> list[Strip]:
    """The table's lines as the screen would get them now: the very lines DataTable
    itself draws, though mostly kept from before."""
    region = Region(0, 0, table.size.width, table.size.height)
    lines = table.render_lines(region)
    assert [list(line) for line in lines] == [
        list(line) for line in DataTable.render_lines(table, region)
    ]
    return lines


def drawn_ids(table: TeamTable) -> list[str]:
    """The case id on each drawn line below the header."""
    return [strip.text.split()[0] for strip in drawn(table)[1:] if strip.text.strip()]


def cursor_lines(table: TeamTable) -> list[int]:
    """The drawn lines (below the header) in the cursor's colour."""
    cursor = table.get_component_rich_style("datatable--cursor").bgcolor
    return [
        n
        for n, strip in enumerate(drawn(table)[1:])
        if any(seg.style is not None and seg.style.bgcolor == cursor for seg in strip)
    ]


async def test_sort_mark_moves_even_when_the_order_stays(leader_ws: Workspace) -> None:
    for name in ("Amy", "Bea", "Cat"):
        leader_ws.cases.log(fields(name))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        table = screen.query_one(TeamTable)
        await pilot.press("1")
        before = ids(screen)
        await pilot.press("2")  # by customer: the same order as by case id
        await pilot.pause()
        assert ids(screen) == before
        header = drawn(table)[0].text
        assert "Customer↑" in header and "Case↑" not in header


async def test_lines_kept_for_paging_follow_the_cursor_and_the_store(
    leader_ws: Workspace, as_user
) -> None:
    for n in range(60):
        leader_ws.cases.log(fields(f"Customer {n:02}"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        table = screen.query_one(TeamTable)
        await pilot.press("1")
        seen: list[tuple[int, int]] = []
        for key in ("pagedown", "pagedown", "up", "up", "pageup", "pagedown", "down", "pageup"):
            await pilot.press(key)
            await pilot.pause()
            top = round(table.scroll_y)
            shown = drawn_ids(table)
            assert shown == ids(screen)[top : top + len(shown)], key
            assert cursor_lines(table) == [table.cursor_row - top], key
            seen.append((top, table.cursor_row))
        assert len(set(seen)) > 4  # pages drawn again, with the cursor elsewhere

        case_id = shown[3]  # on screen, and drawn (and kept) before
        as_user(AGENT).cases.advance(case_id, {"findings": "Checked"})
        line = 1 + shown.index(case_id)
        await wait_for(pilot, lambda: "Declare" in drawn(table)[line].text)
        assert drawn_ids(table) == shown

        # A new look draws every line again (drawn() compares them with DataTable's).
        cursor = cursor_lines(table)
        await pilot.press("slash")  # the table loses focus (and its tint)
        assert cursor_lines(table) == cursor  # in the unfocused cursor's colour
        await pilot.press("escape")
        for row in (line + 2, line + 4, line + 2):  # the mouse's highlight, moving
            await pilot.hover(TeamTable, offset=(3, row))
            assert drawn_ids(table) == shown
        await pilot.press("down", "up")  # keys hide the mouse's highlight
        assert drawn_ids(table) == shown
        app.theme = "textual-light"
        await pilot.pause()
        assert drawn_ids(table) == shown and cursor_lines(table) == cursor


async def test_a_read_sorted_for_an_order_since_changed_is_sorted_again(
    leader_ws: Workspace, as_user
) -> None:
    a = leader_ws.cases.log(fields("Zed"))
    b = as_user(AGENT).cases.log(fields("Amy"))
    c = leader_ws.cases.log(fields("Max"))
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        await pilot.press("2")  # by customer
        assert ids(screen) == [b.id, c.id, a.id]
        board = screen.board
        assert board is not None
        # The worker sorts what it reads for the order of the moment it started; the
        # sort key pressed meanwhile wins.
        stale = arrange(board.rows, Order("", False, 0, True))
        screen._apply(Loaded(board, screen.leader, 0.0, stale))
        assert ids(screen) == [b.id, c.id, a.id]
        assert [r.case.id for r in stale.rows] == [c.id, b.id, a.id]


async def test_next_due_marks_a_delay_notice_due_until_one_is_sent(
    leader_ws: Workspace, team_clock
) -> None:
    from cstui.services.clocks import record_delay_notice

    late = leader_ws.cases.log(fields("Late"))
    sent = leader_ws.cases.log(fields("Sent"))
    team_clock.advance(days=25)  # five business days or fewer before the final response
    record_delay_notice(leader_ws.cases, sent.id, "waiting on the supplier")
    app = build_app(leader_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_team(pilot)
        table = screen.query_one(TeamTable)
        due = {cid: str(table.get_cell(cid, "Next due")) for cid in ids(screen)}
        assert due[late.id].endswith("✉")
        assert "✉" not in due[sent.id]
