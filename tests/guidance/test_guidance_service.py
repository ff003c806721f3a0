"""The guidance service: step help, search over real content, and messages filled from cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.clock import FixedClock
from tests.support.guidance import advance_to
from tests.support.steps import case_fields
from tests.support.stores import SharedMemoryStore
from tests.support.workspaces import LEADER, open_utc_workspace

from cstui.errors import InputError, NotFound
from cstui.models.guide import ItemKind
from cstui.models.kinds import PROCEDURE, Step
from cstui.workspace import Workspace


@pytest.fixture
def gws(gdata: Path, gclock: FixedClock, memory_store: SharedMemoryStore) -> Workspace:
    """alice's workspace (team leader), policy in UTC, over an in-memory store."""
    return open_utc_workspace(gdata, LEADER, gclock, stores=memory_store)


def test_searching_listen_finds_tip_12_first_and_the_listening_activities(gws: Workspace) -> None:
    found = gws.guidance.search("listen")
    assert (found[0].kind, found[0].id) == (ItemKind.TIP, "tip-12")
    ids = {i.id for i in found}
    assert {"active-listening-1", "active-listening-2", "active-listening-3"} <= ids


def test_search_within_a_theme_and_unknown_themes(gws: Workspace) -> None:
    found = gws.guidance.search("customer", theme="adding-value")
    assert found and all("adding-value" in i.themes for i in found)
    with pytest.raises(InputError) as caught:
        gws.guidance.search("x", theme="juggling")
    assert caught.value.problems[0].field == "theme"


def test_tips_filtered_by_theme_and_step(gws: Workspace) -> None:
    notify = gws.guidance.tips(step=Step.NOTIFY)
    assert {t.id for t in notify} == {"tip-05", "tip-08", "tip-12"}
    assert [t.id for t in gws.guidance.tips(theme="setting-priorities", step=Step.SOLVE)] == [
        "tip-09",
        "tip-13",
    ]


@pytest.mark.parametrize("step", PROCEDURE, ids=lambda s: s.value)
def test_every_step_has_help_with_its_tips(gws: Workspace, step: Step) -> None:
    help_ = gws.guidance.step_help(step)
    assert help_ is not None and help_.step is step
    assert [t.id for t in help_.tips] == help_.guidance.tips
    assert gws.guidance.step_help(Step.CLOSED) is None


def test_an_acknowledgement_for_a_real_case_names_its_id_and_due_date(gws: Workspace) -> None:
    case = gws.cases.log(case_fields("Jo Citizen"))
    rendered = gws.guidance.render("acknowledgement", case)
    assert rendered.missing == []
    assert "Dear Jo Citizen," in rendered.text
    assert f"case {case.id}" in rendered.text
    # Logged Monday 23 November; acknowledge by close of business the next business day.
    assert "on Monday 23 November 2026" in rendered.text
    assert "contact you by Tuesday 24 November 2026" in rendered.text
    assert "resolved by Wednesday 23 December 2026" in rendered.text
    assert rendered.text.endswith("Kind regards,\nalice")
    due = gws.cases.due(case)
    assert due is not None and due.at.date().isoformat() == "2026-11-24"


def test_values_follow_the_case_through_its_steps(gws: Workspace) -> None:
    case = gws.cases.log(case_fields())
    values = gws.guidance.case_values(case)
    assert values["promise"] is None and values["action"] is None
    assert values["referral_body"] is None
    case = advance_to(gws, case, "notify")
    values = gws.guidance.case_values(case)
    assert values["promise"] == "We will refund the second charge"
    assert values["promised_by"] == "Tuesday 1 December 2026"
    assert values["action"] == "Refund the second charge of $40"
    case = advance_to(gws, case, "closed")
    final = gws.guidance.render("final_response", case)
    assert final.missing == []
    assert "take your complaint to Energy Ombudsman" in final.text
    assert "reach them at: 1800 000 000." in final.text


def test_a_missing_field_is_flagged_and_typed_values_fill_gaps(gws: Workspace) -> None:
    case = advance_to(gws, gws.cases.log(case_fields()), "follow-up")
    final = gws.guidance.render("final_response", case)
    assert final.missing == ["referral_body", "referral_contact"]
    assert "⟨missing: referral_body⟩" in final.text
    typed = {"referral_body": " Telco\x1b[31m Ombudsman ", "referral_contact": "tio.example"}
    filled = gws.guidance.render("final_response", case, typed)
    assert filled.missing == []
    assert "to Telco Ombudsman," in filled.text  # the escape sequence is stripped


def test_typed_declare_values_fill_promise_and_date(gws: Workspace) -> None:
    case = advance_to(gws, gws.cases.log(case_fields()), "declare")
    values = gws.guidance.case_values(case, {"promise": "A new kettle", "by": "2026-12-04"})
    assert (values["promise"], values["promised_by"]) == ("A new kettle", "Friday 4 December 2026")
    assert gws.guidance.case_values(case, {"by": "soon"})["promised_by"] is None


def test_unknown_template_and_case(gws: Workspace) -> None:
    case = gws.cases.log(case_fields())
    with pytest.raises(NotFound, match="no template called 'thanks'"):
        gws.guidance.render_case("thanks", case.id)
    with pytest.raises(NotFound):
        gws.guidance.render_case("acknowledgement", "C-000999")
    found, rendered = gws.guidance.render_case("acknowledgement", case.id)
    assert found.id == case.id and case.id in rendered.text


def test_template_for_step(gws: Workspace) -> None:
    pick = gws.guidance.template_for_step
    assert [
        (t.id if t else None)
        for t in (pick(Step.INVESTIGATE), pick(Step.DECLARE), pick(Step.NOTIFY))
    ] == ["acknowledgement", "declaration", "resolution"]
    assert pick(Step.FOLLOW_UP).id == "follow_up"  # type: ignore[union-attr]
    assert pick(Step.RECEIVE) is None
