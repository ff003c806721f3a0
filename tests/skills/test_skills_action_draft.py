"""The action dialog keeps the activities and readings ticked, not only the typed text:
a closed terminal loses neither, and both are offered back together."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.support.skills import ratings_for
from tests.support.tui import settle, type_text
from tests.support.workspaces import LEADER
from textual.pilot import Pilot
from textual.widgets import SelectionList

from cstui.models.skills import Rating
from cstui.tui.app import build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.skills_action import LINKED_MARK, SkillsActionDialog
from cstui.tui.drafting import KEEP_EVERY
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace

DRAFT = "skills/action/f1.21"


async def open_action(pilot: Pilot[Any]) -> SkillsActionDialog:
    """Skills (s), the three tab (2), the improvements list, then plan an action (e)."""
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    await pilot.press("2")
    await pilot.press("tab", "e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, SkillsActionDialog), dialog
    return dialog


def ticked(dialog: SkillsActionDialog) -> list[str]:
    return list(dialog.query_one("#skills-links", SelectionList).selected)


async def test_ticked_links_are_kept_and_offered_back(
    alice: Workspace, as_user: Callable[[str], Workspace]
) -> None:
    alice.skills.assess(ratings_for({"f1.21": Rating.BETTER}))
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_action(pilot)
        await type_text(pilot, "Listen first")
        await pilot.press("tab", "tab", "tab", "space")  # past initiate and the due date
        await asyncio.sleep(KEEP_EVERY + 0.3)
        await settle(pilot)
        first = ticked(dialog)
        assert len(first) == 1
        kept = alice.drafts.load(DRAFT)
        assert kept is not None, alice.drafts.names()
        assert kept.values["need"] == "Listen first"
        assert kept.values["skills-links"] == first

    again = build_app(as_user(LEADER))  # the next start
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("2")
        await pilot.press("tab", "e")
        await settle(pilot)
        assert isinstance(again.screen, ConfirmDialog), again.screen
        await pilot.press("y")
        await settle(pilot)
        restored = again.screen
        assert isinstance(restored, SkillsActionDialog)
        assert restored.query_one(Form).raw()["need"] == "Listen first"
        assert ticked(restored) == first
        links = restored.query_one("#skills-links", SelectionList)
        assert str(links.get_option_at_index(0).prompt).startswith(LINKED_MARK)
        restored.query_one(Form).field("initiate").control.focus()
        await type_text(pilot, "Ask my leader")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [action] = alice.skills.actions()
    assert [f"activity:{a}" for a in action.activities] == first
    assert alice.drafts.load(DRAFT) is None


async def test_ticks_alone_are_worth_keeping(alice: Workspace) -> None:
    alice.skills.assess(ratings_for({"f1.21": Rating.BETTER}))
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_action(pilot)
        await pilot.press("tab", "tab", "tab", "space")  # nothing typed, one link ticked
        await settle(pilot)
        assert ticked(dialog)
        assert dialog.draft_values() is not None
        await pilot.press("space")  # unticked again: nothing left to keep
        await settle(pilot)
        assert dialog.draft_values() is None
