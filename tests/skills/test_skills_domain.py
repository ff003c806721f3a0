"""Scores, proposals, persistent gaps, overdue actions and input checks: pure functions."""

from __future__ import annotations

from datetime import date

import pytest
from tests.support.clock import MONDAY_IN_MARCH

from cstui.content.development import load_development
from cstui.domain import skills as rules
from cstui.errors import InputError
from cstui.models import skill_scores
from cstui.models.skills import (
    Action,
    ActionStatus,
    Assessment,
    LearningKind,
    Rating,
    SelfAssessment,
    check_owner_name,
    parse_learning,
    parse_plan,
)
from cstui.models.team import Member

NOW = MONDAY_IN_MARCH
W, A, B, NA = Rating.WELL, Rating.ADEQUATE, Rating.BETTER, Rating.NA


def assessment(ratings: dict[str, Rating], number: int = 1) -> Assessment:
    return Assessment(id=number, started_at=NOW, updated_at=NOW, completed_at=NOW, ratings=ratings)


# -- scores -------------------------------------------------------------------------------


def test_scores_are_the_mean_of_100_50_0_ignoring_not_applicable(content) -> None:
    ratings = {"f1.01": W, "f1.02": A, "f1.03": B, "f1.04": NA, "f2.01": W}
    scores = skill_scores.factor_scores(content, ratings)
    assert scores == {"f1": 50, "f2": 100, "f3": None, "f4": None, "f5": None}


def test_a_factor_rated_only_not_applicable_has_no_score(content) -> None:
    assert skill_scores.factor_score(content, {"f3.01": NA, "f3.02": NA}, "f3") is None


def test_scores_round_half_up(content) -> None:
    # (100 + 0 + 50) / 3 = 50; (50 + 0 + 0 + 0) / 4 = 12.5, rounded up to 13
    assert skill_scores.factor_score(content, {"f2.01": W, "f2.02": B, "f2.03": A}, "f2") == 50
    assert (
        skill_scores.factor_score(content, {"f2.01": A, "f2.02": B, "f2.03": B, "f2.04": B}, "f2")
        == 13
    )


def test_progress_counts_rated_statements_per_factor(content) -> None:
    progress = skill_scores.factor_progress(content, {"f1.01": W, "f1.02": NA, "f5.21": B})
    assert progress["f1"] == (2, 22)
    assert progress["f5"] == (1, 21)
    assert progress["f2"] == (0, 11)
    assert skill_scores.rated(content, {"f1.01": W, "f1.02": NA, "zz": W}) == 2


def test_trend_and_sparkline(content) -> None:
    history = [
        assessment({"f1.01": B}, 1),
        assessment({"f1.01": A}, 2),
        assessment({"f1.01": W, "f2.01": B}, 3),
    ]
    trend = skill_scores.trend(content, history)
    assert trend["f1"] == [0, 50, 100]
    assert trend["f2"] == [None, None, 0]
    assert skill_scores.sparkline(trend["f1"]) == "▁▄█"
    assert skill_scores.sparkline(trend["f2"]) == "  ▁"


# -- checking ratings ---------------------------------------------------------------------


def test_check_ratings_keeps_known_ids_in_order_any_case(content) -> None:
    got = rules.check_ratings(content, {"f2.01": "WELL", "f1.01": " na "})
    assert got == {"f1.01": NA, "f2.01": W}


def test_check_ratings_names_every_unknown_id_and_bad_value(content) -> None:
    with pytest.raises(InputError) as caught:
        rules.check_ratings(content, {"f9.01": "well", "x": "well", "f1.01": "great", "f1.02": 3})
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "ratings: unknown statement ids: f9.01, x",
        "ratings: not a rating (use well, adequate, better, na) for: f1.01, f1.02",
    ]


# -- proposals and gaps -------------------------------------------------------------------


def test_proposals_rank_well_then_adequate_and_better_then_adequate(content) -> None:
    ratings = {
        "f1.01": W,
        "f1.02": B,
        "f2.01": W,
        "f2.02": W,
        "f3.01": A,
        "f3.02": B,
        "f3.03": B,
        "f4.01": A,
    }
    proposal = rules.propose(content, assessment(ratings))
    # f2 scores 100, f1 50: the strengths in the strongest factor come first.
    assert proposal.strengths == ["f2.01", "f2.02", "f1.01", "f4.01", "f3.01"]
    assert proposal.proposed_strengths == ["f2.01", "f2.02", "f1.01"]
    # f3 scores 17, f1 50: weaknesses in the weakest factor first; adequate ones after.
    assert proposal.improvements == ["f3.02", "f3.03", "f1.02", "f3.01", "f4.01"]
    assert proposal.proposed_improvements == ["f3.02", "f3.03", "f1.02"]


def test_persistent_gaps_come_first_among_the_weakest(content) -> None:
    ratings = {"f1.02": B, "f3.02": B, "f3.03": B}
    gaps = [rules.Gap("f1.02", 2, 3)]
    proposal = rules.propose(content, assessment(ratings), gaps)
    assert proposal.proposed_improvements == ["f1.02", "f3.02", "f3.03"]


def test_persistent_gaps_are_better_in_two_of_the_last_three(content) -> None:
    history = [
        assessment({"f1.01": B, "f1.02": B, "f1.03": B}, 1),  # falls out of the window
        assessment({"f1.01": B, "f1.02": W, "f1.03": B}, 2),
        assessment({"f1.01": B, "f1.02": B, "f1.03": A}, 3),
        assessment({"f1.01": B, "f1.02": A, "f1.03": B}, 4),
    ]
    gaps = rules.persistent_gaps(content, history)
    assert [(g.statement, g.times, g.of) for g in gaps] == [("f1.01", 3, 3), ("f1.03", 2, 3)]


def test_one_assessment_has_no_persistent_gap(content) -> None:
    assert rules.persistent_gaps(content, [assessment({"f1.01": B})]) == []


# -- picks, plans, actions ----------------------------------------------------------------


def test_picks_are_checked(content) -> None:
    done = assessment({"f1.01": W, "f1.02": W, "f1.03": W, "f1.04": W, "f1.05": B, "f1.06": NA})
    assert rules.check_picks(content, done, ["F1.01 ", "f1.02"], ["f1.05"]) == (
        ["f1.01", "f1.02"],
        ["f1.05"],
    )
    with pytest.raises(InputError) as caught:
        rules.check_picks(
            content, done, ["f1.01", "f1.02", "f1.03", "f1.04"], ["f1.06", "f1.07", "f1.01"]
        )
    assert [str(p) for p in caught.value.problems] == [
        "strengths: pick at most 3",
        "improvements: not rated in this assessment: f1.06, f1.07",
        "improvements: already picked as a strength: f1.01",
    ]


def test_a_plan_needs_both_answers_and_a_due_date_not_in_the_past() -> None:
    with pytest.raises(InputError) as caught:
        parse_plan({"statement": "f1.01", "need": " ", "due": "soon"}, date(2026, 3, 2))
    assert {p.field for p in caught.value.problems} == {"need", "initiate", "due"}
    with pytest.raises(InputError, match="due: is in the past"):
        parse_plan(
            {"statement": "f1.01", "need": "n", "initiate": "i", "due": "2026-03-01"},
            date(2026, 3, 2),
        )
    plan = parse_plan(
        {"statement": "f1.01", "need": "n\x1b[31m", "initiate": "i", "due": "2026-03-02"},
        date(2026, 3, 2),
    )
    assert plan.need == "n"


def test_links_must_name_known_activities_and_readings() -> None:
    development = load_development()
    plan = parse_plan(
        {
            "statement": "f1.21",
            "need": "n",
            "initiate": "i",
            "due": "2026-04-01",
            "activities": ["active-listening-1", "nope"],
            "readings": ["nothing"],
        },
        date(2026, 3, 2),
    )
    with pytest.raises(InputError) as caught:
        rules.check_links(plan, development)
    assert [str(p) for p in caught.value.problems] == [
        "activities: unknown activity ids: nope",
        "readings: unknown reading ids: nothing",
    ]


def test_suggestions_follow_the_statement_s_themes(content: SelfAssessment) -> None:
    development = load_development()
    found = rules.suggestions(content, development, "f1.21")
    assert found.themes[0] == "active-listening"
    assert found.activities[0].theme == "active-listening"
    listening = {a.id for a in development.activities_for("active-listening")}
    assert listening <= {a.id for a in found.activities}
    assert len({a.id for a in found.activities}) == len(found.activities)
    for reading in found.readings:
        assert set(reading.themes) & set(found.themes)


def test_an_action_is_overdue_after_its_due_date_unless_done() -> None:
    action = Action(
        id=1,
        statement="f1.01",
        need="n",
        initiate="i",
        due=date(2026, 3, 1),
        created_at=NOW,
        updated_at=NOW,
    )
    assert rules.is_overdue(action, date(2026, 3, 2))
    assert not rules.is_overdue(action, date(2026, 3, 1))
    done = action.model_copy(update={"status": ActionStatus.DONE})
    assert not rules.is_overdue(done, date(2026, 3, 2))
    assert [s.following() for s in ActionStatus] == [
        ActionStatus.DOING,
        ActionStatus.DONE,
        ActionStatus.OPEN,
    ]


def test_learning_entries_default_to_today_and_refuse_the_future() -> None:
    today = date(2026, 3, 2)
    entry = parse_learning({"kind": "observing", "what": " Watched Sam ", "on": ""}, today)
    assert (entry.on, entry.kind, entry.what) == (today, LearningKind.OBSERVING, "Watched Sam")
    assert entry.kind.label == "observing a colleague"
    with pytest.raises(InputError, match="on: is in the future"):
        parse_learning({"kind": "course", "what": "x", "on": "2026-03-03"}, today)
    with pytest.raises(InputError) as caught:
        parse_learning({"kind": "gossip", "what": ""}, today)
    assert {p.field for p in caught.value.problems} == {"kind", "what"}


@pytest.mark.parametrize("name", ["alice", "bob.smith", "j_o-e@site", "Zoë", "a1"])
def test_login_names_are_accepted_as_on_the_roster(name: str) -> None:
    assert check_owner_name(name) == name
    assert Member(name=name).name == name


@pytest.mark.parametrize("name", ["../alice", "a/b", "a b", "", "..", ".", "x" * 65, "a\\b"])
def test_names_unsafe_in_a_file_name_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        check_owner_name(name)
