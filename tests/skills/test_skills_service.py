"""The skills service on real workspaces: assess, three and three, actions, progress, privacy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from tests.support.clock import FixedClock
from tests.support.skills import ratings_for
from tests.support.steps import STEP_INPUTS, case_fields
from tests.support.stores import SharedMemoryStore
from tests.support.workspaces import open_utc_workspace

from cstui.errors import InputError, NotFound, PermissionDenied, WorkflowError
from cstui.models.skills import ActionStatus, Rating
from cstui.workspace import Workspace

W, A, B, NA = Rating.WELL, Rating.ADEQUATE, Rating.BETTER, Rating.NA


@pytest.fixture
def alice(skills_dir: Path, skills_clock: FixedClock, memory_store: SharedMemoryStore) -> Workspace:
    """alice's workspace (the team leader) over an in-memory store."""
    return open_utc_workspace(skills_dir, "alice", skills_clock, stores=memory_store)


@pytest.fixture
def as_user(
    skills_dir: Path, skills_clock: FixedClock, memory_store: SharedMemoryStore, alice: Workspace
) -> Callable[[str], Workspace]:
    """The same store opened as someone else, as from another terminal."""
    return lambda user: open_utc_workspace(skills_dir, user, skills_clock, stores=memory_store)


def test_each_user_gets_their_own_log(alice: Workspace, as_user) -> None:
    bob = as_user("bob")
    alice.skills.rate({"f1.01": W})
    bob.skills.rate({"f1.01": B})
    assert alice.skills.owner == "alice" and bob.skills.owner == "bob"
    draft = alice.skills.draft()
    assert draft is not None and draft.ratings == {"f1.01": W}
    assert bob.skills.draft().ratings == {"f1.01": B}


def test_each_user_gets_their_own_log_file(skills_dir: Path, skills_clock: FixedClock) -> None:
    for user in ("alice", "bob"):
        open_utc_workspace(skills_dir, user, skills_clock).skills.rate({"f1.01": W})
    assert sorted(p.name for p in (skills_dir / "skills").glob("*/*.json")) == [
        "alice.json",
        "bob.json",
    ]


def test_no_other_owner_can_be_named(alice: Workspace) -> None:
    alice.skills.check_owner(None)
    alice.skills.check_owner("alice")
    for other in ("bob", "../alice", "alice/../bob", "ALICE"):
        with pytest.raises(PermissionDenied, match="a skills log is private to its owner"):
            alice.skills.check_owner(other)


def test_an_unsafe_user_name_is_refused(skills_dir: Path, skills_clock: FixedClock, alice) -> None:
    sneaky = open_utc_workspace(skills_dir, "../alice", skills_clock, stores=SharedMemoryStore())
    with pytest.raises(InputError, match="user: may only contain"):
        _ = sneaky.skills


def test_rating_resumes_where_it_was_left(alice: Workspace) -> None:
    skills = alice.skills
    skills.rate({"f1.01": W, "f1.02": A}, position="f1.03")
    skills.rate({"f1.02": None, "f1.03": B}, position="f1.04")
    draft = skills.draft()
    assert draft is not None
    assert draft.ratings == {"f1.01": W, "f1.03": B}
    assert draft.position == "f1.04"
    with pytest.raises(InputError, match="statement: is not a statement id"):
        skills.rate({"f9.99": W})


def test_completing_needs_a_draft_with_a_rating(alice: Workspace) -> None:
    with pytest.raises(WorkflowError, match="no assessment in progress"):
        alice.skills.complete_draft()
    alice.skills.rate({"f1.01": W})
    alice.skills.rate({"f1.01": None})
    with pytest.raises(WorkflowError, match="rate at least one"):
        alice.skills.complete_draft()


def test_completing_proposes_three_and_three(alice: Workspace, skills_clock: FixedClock) -> None:
    skills = alice.skills
    skills.rate({"f1.01": W, "f1.02": W, "f2.01": W, "f2.02": W, "f3.01": B, "f3.02": B})
    skills.rate({"f4.01": B, "f4.02": A, "f5.01": NA})
    done = skills.complete_draft()
    assert done.completed_at == skills_clock.now
    assert done.strengths == ["f1.01", "f1.02", "f2.01"]
    assert done.improvements == ["f3.01", "f3.02", "f4.01"]
    assert skills.draft() is None
    summary = skills.summary(done)
    assert summary.rated == 9 and summary.total == 86
    assert summary.scores == {"f1": 100, "f2": 100, "f3": 0, "f4": 25, "f5": None}


def test_picking_three_and_three(alice: Workspace) -> None:
    skills = alice.skills
    skills.assess(ratings_for({"f1.01": W, "f1.02": W, "f3.01": B}, default=A))
    picked = skills.pick(["f1.02", "f2.01"], ["f3.01", "f4.04", "f5.05"])
    assert picked.strengths == ["f1.02", "f2.01"]
    latest = skills.latest()
    assert latest is not None and latest.improvements == ["f3.01", "f4.04", "f5.05"]
    with pytest.raises(InputError, match="already picked as a strength"):
        skills.pick(["f1.01"], ["f1.01"])


def test_assess_refuses_an_empty_or_unknown_set(alice: Workspace) -> None:
    with pytest.raises(InputError, match="rates no statement"):
        alice.skills.assess({})
    with pytest.raises(InputError, match=r"unknown statement ids: f0\.00"):
        alice.skills.assess({"f0.00": "well"})


def test_actions_link_development_and_cycle_through_statuses(
    alice: Workspace, skills_clock: FixedClock
) -> None:
    skills = alice.skills
    skills.assess(ratings_for({"f1.21": B}))
    action = skills.add_action(
        {
            "statement": " F1.21 ",
            "need": "Listen before answering",
            "initiate": "Ask Sam to observe two calls",
            "due": "2026-03-09",
            "activities": ["active-listening-1"],
        }
    )
    assert (action.id, action.statement, action.status) == (1, "f1.21", ActionStatus.OPEN)
    latest = skills.latest()
    assert latest is not None and action.assessment == latest.id
    assert not skills.is_overdue(action)
    skills_clock.advance(days=8)
    assert skills.is_overdue(action)
    assert skills.set_status(1).status is ActionStatus.DOING
    done = skills.set_status(1)
    assert done.status is ActionStatus.DONE and done.done_at == skills_clock.now
    assert not skills.is_overdue(done)
    assert skills.set_status(1).done_at is None
    with pytest.raises(InputError, match="activities: unknown activity ids: made-up"):
        skills.add_action(
            {
                "statement": "f1.21",
                "need": "n",
                "initiate": "i",
                "due": "2026-04-30",
                "activities": ["made-up"],
            }
        )
    with pytest.raises(NotFound):
        skills.set_status(42, ActionStatus.DONE)


def test_open_actions_are_sorted_by_due_date(alice: Workspace) -> None:
    skills = alice.skills
    for due in ("2026-05-01", "2026-04-01", "2026-06-01"):
        skills.add_action({"statement": "f1.01", "need": "n", "initiate": "i", "due": due})
    skills.set_status(2, ActionStatus.DONE)
    assert [a.id for a in skills.actions()] == [1, 3, 2]
    assert [a.id for a in skills.report().open_actions] == [1, 3]


def test_trend_and_persistent_gaps_across_three_assessments(
    alice: Workspace, skills_clock: FixedClock
) -> None:
    skills = alice.skills
    skills.assess(ratings_for({"f4.11": B, "f4.12": B}, default=B))
    skills_clock.advance(days=30)
    skills.assess(ratings_for({"f4.11": B, "f4.12": W}, default=A))
    skills_clock.advance(days=30)
    skills.assess(ratings_for({"f4.11": B, "f1.01": B}, default=W))
    report = skills.report()
    assert [s.assessment.id for s in report.assessments] == [1, 2, 3]
    assert report.trend["f2"] == [0, 50, 100]
    assert report.trend["f4"][2] == 95  # 18 do well, 1 could do better, of 19
    gaps = {g.statement: g.times for g in report.gaps}
    assert gaps["f4.11"] == 3
    assert "f4.12" not in gaps  # better once in the last three: 1, then do well
    assert "f1.01" in gaps  # better in the first and the third
    assert "f2.01" not in gaps  # better only in the first
    # A persistent gap is proposed first among the things to improve.
    latest = skills.latest()
    assert latest is not None and latest.improvements[0] == "f4.11"


def test_learning_log_newest_first(alice: Workspace) -> None:
    skills = alice.skills
    skills.log_learning({"kind": "course", "what": "Complaints workshop", "on": "2026-02-10"})
    skills.log_learning({"kind": "observing", "what": "Watched Sam", "reflection": "Pauses"})
    assert [(e.on, e.what) for e in skills.learning()] == [
        (date(2026, 3, 2), "Watched Sam"),
        (date(2026, 2, 10), "Complaints workshop"),
    ]


def test_performance_counts_only_my_cases(alice: Workspace, as_user) -> None:
    alice.team.add("bob", "agent", "0")
    bob = as_user("bob")
    mine = alice.cases.log(case_fields())
    alice.cases.advance(mine.id, STEP_INPUTS["investigate"])
    alice.cases.advance(mine.id, STEP_INPUTS["declare"])
    bob.cases.log(case_fields())
    four, twelve = alice.skills.performance()
    assert (four.cycles, four.acknowledge.done, four.acknowledge.on_time) == (1, 1, 1)
    assert twelve.cycles == 1
    [bob_four, _] = bob.skills.performance()
    assert (bob_four.cycles, bob_four.acknowledge.done) == (1, 0)


def test_export_is_markdown_with_typed_text_made_inert(
    alice: Workspace, as_user: Callable[[str], Workspace]
) -> None:
    skills = alice.skills
    skills.assess(ratings_for({"f1.21": B}, default=W))
    skills.add_action(
        {
            "statement": "f1.21",
            "need": "Stop | breaking *tables* <script>x</script>\n# heading",
            "initiate": "[link](http://evil.example)",
            "due": "2026-04-01",
            "activities": ["active-listening-1"],
        }
    )
    skills.log_learning({"kind": "reading", "what": "Fish Tales", "reflection": "private words"})
    text = skills.export_markdown()
    assert text.startswith("# Skills summary: alice\n")
    assert "| Leadership and customer service | 95 |" in text
    assert "## Three things I could do better" in text
    assert "- **f1.21** We actively listen when discussing issues" in text
    assert "Stop \\| breaking \\*tables\\* \\<script\\>x\\</script\\> \\# heading" in text
    assert "\\[link\\](http://evil.example)" in text
    assert "<script>" not in text
    assert (
        "Development: A cornerstone of successful customer service is active listening.\n" in text
    )
    assert "Fish Tales" in text and "private words" not in text
    assert "## My performance against the charter" in text
    assert "Bob" not in text and "bob" not in text
