"""My skills in the TUI, driven by real key presses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.clock import FixedClock
from tests.support.skills import ratings_for
from tests.support.tui import notifications, settle, type_text
from textual.pilot import Pilot
from textual.widgets import SelectionList, Static, TabbedContent

from cstui.content.self_assessment import load_self_assessment
from cstui.models.skills import ActionStatus, Rating
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.skills_action import SkillsActionDialog
from cstui.tui.dialogs.skills_learning import SkillsLearningDialog
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.skills import SkillsScreen
from cstui.tui.widgets.form import Form
from cstui.tui.widgets.skills_assess import StatementList
from cstui.workspace import Workspace

KEYS = {Rating.WELL: "w", Rating.ADEQUATE: "a", Rating.BETTER: "b", Rating.NA: "n"}
PATTERN = [Rating.WELL, Rating.ADEQUATE, Rating.BETTER, Rating.ADEQUATE, Rating.NA]


def plain(app: CstuiApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    rendered = widget.render()
    return str(getattr(rendered, "plain", rendered)).replace("\u00a0", " ")


async def open_skills(pilot: Pilot[Any]) -> SkillsScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SkillsScreen), screen
    return screen


def expected(statement_ids: list[str]) -> dict[str, Rating]:
    return {sid: PATTERN[i % len(PATTERN)] for i, sid in enumerate(statement_ids)}


async def test_a_whole_factor_is_rated_with_single_keys(alice: Workspace) -> None:
    leadership = load_self_assessment().statements_of("f1")
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        assert isinstance(app.focused, StatementList)
        assert "Leadership 0/22" in plain(app, "#assess-progress")
        want = expected([s.id for s in leadership])
        for statement in leadership:
            assert screen.current.id == statement.id
            await pilot.press(KEYS[want[statement.id]])
        await settle(pilot)
        assert "Leadership 22/22" in plain(app, "#assess-progress")
        # The last rating moved on to the first statement of the next factor.
        assert screen.current.id == "f2.01"
        assert "Policy and standards · statement 1 of 11" in plain(app, "#assess-statement")
        draft = alice.skills.draft()
        assert draft is not None
        assert draft.ratings == want
        assert draft.position is not None


async def test_moving_clearing_and_jumping_between_factors(alice: Workspace) -> None:
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        await pilot.press("right", "right_square_bracket", "left")
        assert screen.current.id == "f1.02"
        await pilot.press("b", "left", "left_square_bracket", "left")  # stays at the first
        assert screen.current.id == "f1.01"
        await pilot.press("down", "down")
        assert screen.current.id == "f1.03"
        await pilot.press("pagedown")
        assert screen.current.id == "f2.01"
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        assert screen.current.id == "f5.01"
        await pilot.press("pageup")
        assert screen.current.id == "f4.01"
        await pilot.press("pageup", "pageup", "pageup", "down")
        assert screen.current.id == "f1.02"
        assert "Rating: could do better" in plain(app, "#assess-statement")
        await pilot.press("backspace")
        await settle(pilot)
        assert "Rating: not rated yet" in plain(app, "#assess-statement")
        draft = alice.skills.draft()
        assert draft is not None and draft.ratings == {}


async def test_leaving_keeps_a_draft_and_coming_back_resumes_it(
    alice: Workspace, as_user: Callable[[str], Workspace]
) -> None:
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_skills(pilot)
        await pilot.press("w", "a", "b")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        screen = await open_skills(pilot)
        assert screen.current.id == "f1.04"
        assert "Leadership 3/22" in plain(app, "#assess-progress")
    # Another day, another terminal: the draft is still there.
    again = build_app(as_user("alice"))
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        assert screen.current.id == "f1.04"
        assert screen.ratings == {
            "f1.01": Rating.WELL,
            "f1.02": Rating.ADEQUATE,
            "f1.03": Rating.BETTER,
        }


async def test_rating_keys_do_nothing_away_from_the_statement_list(alice: Workspace) -> None:
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        await pilot.press("3")  # the Actions tab
        await pilot.press("w", "a", "b", "n")
        await pilot.press("1")
        await settle(pilot)
        assert screen.active_tab == "tab-assess"
        assert alice.skills.draft() is None
        assert screen.current.id == "f1.01"


async def test_one_sitting_by_keyboard_alone(alice: Workspace) -> None:
    """Rate all 86, complete, keep three and three, plan three actions linked to activities."""
    statements = load_self_assessment().statements
    want = expected([s.id for s in statements])
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        for statement in statements:
            await pilot.press(KEYS[want[statement.id]])
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog)
        assert "86 of 86 statements rated" in confirm.question
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert screen.active_tab == "tab-three"
        [done] = alice.skills.assessments()
        assert done.ratings == want
        assert len(done.strengths) == 3 and len(done.improvements) == 3
        assert all(want[s] is Rating.WELL for s in done.strengths)
        assert all(want[s] is Rating.BETTER for s in done.improvements)
        assert "Three things we do well (3 of 3 picked)" in plain(app, "#three-strengths-title")

        # Swap the third strength for the fourth candidate.
        strengths = screen.query_one("#three-strengths", SelectionList)
        assert app.focused is strengths
        await pilot.press("down", "down", "space", "down", "space")
        await settle(pilot)
        kept = list(strengths.selected)
        latest = alice.skills.latest()
        assert latest is not None and latest.strengths == kept
        assert kept == [*done.strengths[:2], strengths.get_option_at_index(3).value]

        # Plan an action for each of the three to improve.
        await pilot.press("tab")
        improvements = screen.query_one("#three-improvements", SelectionList)
        assert app.focused is improvements
        for index in range(3):
            await pilot.press("e")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, SkillsActionDialog)
            assert dialog.statement.id == done.improvements[index]
            await type_text(pilot, f"Need {index}")
            await pilot.press("tab")
            await type_text(pilot, f"Initiate {index}")
            await pilot.press("tab", "tab", "space")  # past the due date, link the first one
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is screen
            await pilot.press("down")
        actions = alice.skills.actions()
        assert [a.statement for a in actions] == done.improvements
        assert all(len(a.activities) == 1 for a in actions)
        assert [a.need for a in actions] == ["Need 0", "Need 1", "Need 2"]
        assert {a.due.isoformat() for a in actions} == {"2026-04-01"}
        assert "#1 open" in str(improvements.get_option_at_index(0).prompt)


async def test_three_at_most_and_never_in_both_lists(alice: Workspace) -> None:
    alice.skills.assess(ratings_for({"f1.01": Rating.WELL, "f1.02": Rating.WELL}))
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        await pilot.press("2")
        strengths = screen.query_one("#three-strengths", SelectionList)
        assert list(strengths.selected) == ["f1.01", "f1.02", "f1.03"]
        await pilot.press("down", "down", "down", "space")
        await settle(pilot)
        assert len(strengths.selected) == 3
        assert "Pick 3 at most" in " ".join(notifications(app))
        await pilot.press("down", "space")  # still three: refused again
        assert len(strengths.selected) == 3
        await pilot.press("home", "space")  # unpick the first
        await settle(pilot)
        assert "f1.01" not in strengths.selected
        # Adequate statements are candidates in both lists: one picked to improve is refused
        # as a strength.
        improvements = screen.query_one("#three-improvements", SelectionList)
        picked_elsewhere = improvements.selected[0]
        index = [strengths.get_option_at_index(i).value for i in range(strengths.option_count)]
        await pilot.press(*["down"] * index.index(picked_elsewhere))
        await pilot.press("space")
        await settle(pilot)
        assert picked_elsewhere not in strengths.selected
        assert "already picked in the other list" in " ".join(notifications(app))
        latest = alice.skills.latest()
        assert latest is not None and latest.strengths == list(strengths.selected)


async def test_action_form_errors_land_under_fields(alice: Workspace) -> None:
    alice.skills.assess(ratings_for({"f1.21": Rating.BETTER}))
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_skills(pilot)
        await pilot.press("2")
        await pilot.press("tab", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SkillsActionDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = dialog.query_one(Form)
        assert form.field("need").error == "must not be empty"
        assert form.field("initiate").error == "must not be empty"
        assert app.focused is form.field("need").control
        await pilot.press("escape")
        await pilot.pause()
        assert alice.skills.actions() == []


async def test_actions_status_cycles_and_overdue_is_marked(
    alice: Workspace, skills_clock: FixedClock
) -> None:
    alice.skills.add_action(
        {
            "statement": "f1.01",
            "need": "[@click=app.quit]x[/]",
            "initiate": "i",
            "due": "2026-03-05",
        }
    )
    skills_clock.advance(days=7)
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        await pilot.press("3")
        await settle(pilot)
        detail = plain(app, "#actions-detail")
        assert "! 2026-03-05 overdue" in detail
        assert "What needs to happen: [@click=app.quit]x[/]" in detail
        await pilot.press("t")
        await settle(pilot)
        assert alice.skills.actions()[0].status is ActionStatus.DOING
        await pilot.press("t", "t")
        await settle(pilot)
        assert alice.skills.actions()[0].status is ActionStatus.OPEN
        await pilot.press("t", "t")
        await settle(pilot)
        assert alice.skills.actions()[0].status is ActionStatus.DONE
        assert "overdue" not in plain(app, "#actions-detail")
        assert screen.is_current


async def test_learning_log_by_keyboard(alice: Workspace) -> None:
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_skills(pilot)
        await pilot.press("l")  # only on the Learning log tab
        await pilot.pause()
        assert not isinstance(app.screen, SkillsLearningDialog)
        await pilot.press("5", "l")
        await pilot.pause()
        assert isinstance(app.screen, SkillsLearningDialog)
        await type_text(pilot, "Watched Sam calm an angry caller")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Let them finish first")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = alice.skills.learning()
        assert (entry.kind.value, entry.what) == ("course", "Watched Sam calm an angry caller")
        assert entry.reflection == "Let them finish first"
        assert "Let them finish first" in plain(app, "#learning-detail")


async def test_progress_shows_each_factor_moving_and_persistent_gaps(
    alice: Workspace, skills_clock: FixedClock
) -> None:
    for default in (Rating.BETTER, Rating.ADEQUATE, Rating.WELL):
        alice.skills.assess(ratings_for({"f4.11": Rating.BETTER}, default=default))
        skills_clock.advance(days=30)
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_skills(pilot)
        await pilot.press("4")
        text = plain(app, "#progress-view")
        assert "3 assessments · 2026-03-02 to 2026-05-01" in text
        assert "Policy      ▁▄█" in text
        assert "0   50  100  ▲ +50" in text
        assert "! f4.11 3 of 3  The records and statistics" in text


async def test_another_user_sees_only_their_own_log(
    alice: Workspace, as_user: Callable[[str], Workspace]
) -> None:
    alice.team.add("bob", "team_leader", "500")
    alice.skills.assess(ratings_for({}))
    alice.skills.log_learning({"kind": "course", "what": "Alice's course"})
    bob = as_user("bob")
    app = build_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_skills(pilot)
        assert screen.service.owner == "bob"
        assert screen.sub_title == "bob · my skills (private)"
        assert screen.ratings == {}
        await pilot.press("4")
        assert "No assessment completed yet" in plain(app, "#progress-view")
        await pilot.press("5")
        assert "Nothing logged yet" in plain(app, "#learning-detail")
        assert screen.query_one(TabbedContent).active == "tab-learning"


async def test_performance_tab_shows_my_cases_against_the_targets(alice: Workspace) -> None:
    case = alice.cases.log(
        {
            "customer": {"name": "Jo", "phone": "0412 345 678"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Late",
        }
    )
    alice.cases.advance(case.id, {"findings": "f"})
    alice.cases.advance(case.id, {"promise": "p", "by": "2026-03-20"})
    app = build_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_skills(pilot)
        await pilot.press("6")
        assert "My cases (alice) against the charter" in plain(app, "#performance-title")
        view = app.screen.query_one("#performance-view", Static).render()
        assert view is not None
