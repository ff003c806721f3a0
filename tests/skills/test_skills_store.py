"""The skills repository over memory and a private file: drafts, ids, modes, damage."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from tests.support.clock import MONDAY_IN_MARCH

from cstui.errors import InputError, NotFound, StoreCorruptError
from cstui.models.skills import Action, Assessment, LearningEntry, LearningKind, Rating
from cstui.store.file.memory_backend import MemoryBackend
from cstui.store.file.tinydb_skills import TinyDBSkillsRepository, skills_path

NOW = MONDAY_IN_MARCH


@pytest.fixture(params=["memory", "file"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> TinyDBSkillsRepository:
    """A skills repository over each backend."""
    if request.param == "memory":
        return TinyDBSkillsRepository(MemoryBackend())
    return TinyDBSkillsRepository.for_owner(tmp_path / "data", "alice")


def fresh(number: int, **ratings: Rating) -> Assessment:
    return Assessment(id=number, started_at=NOW, updated_at=NOW, ratings=ratings)


def test_a_draft_is_made_changed_completed_and_then_gone(repo: TinyDBSkillsRepository) -> None:
    assert repo.draft() is None
    made = repo.update_draft(lambda current, next_id: current or fresh(next_id))
    assert made is not None and made.id == 1
    changed = repo.update_draft(
        lambda current, _id: (
            current.model_copy(update={"ratings": {"f1.01": Rating.WELL}}) if current else None
        )
    )
    assert changed is not None and changed.id == 1
    assert repo.draft() == changed
    assert repo.assessments() == []
    repo.update_draft(
        lambda current, _id: current.model_copy(update={"completed_at": NOW}) if current else None
    )
    assert repo.draft() is None
    [done] = repo.assessments()
    assert done.ratings == {"f1.01": Rating.WELL}
    again = repo.update_draft(lambda current, next_id: current or fresh(next_id))
    assert again is not None and again.id == 2


def test_a_draft_can_be_discarded(repo: TinyDBSkillsRepository) -> None:
    repo.update_draft(lambda current, next_id: fresh(next_id))
    assert repo.update_draft(lambda current, next_id: None) is None
    assert repo.draft() is None


def test_actions_and_learning_take_the_next_id(repo: TinyDBSkillsRepository) -> None:
    def action(number: int) -> Action:
        return Action(
            id=number,
            statement="f1.01",
            need="n",
            initiate="i",
            due=date(2026, 4, 1),
            created_at=NOW,
            updated_at=NOW,
        )

    assert [repo.add_action(action).id for _ in range(3)] == [1, 2, 3]
    repo.update_action(2, lambda a: a.model_copy(update={"need": "changed"}))
    assert [a.need for a in repo.actions()] == ["n", "changed", "n"]
    with pytest.raises(NotFound, match="there is no action 9"):
        repo.update_action(9, lambda a: a)
    entry = repo.add_learning(
        lambda n: LearningEntry(
            id=n, on=date(2026, 3, 1), kind=LearningKind.READING, what="Fish Tales", logged_at=NOW
        )
    )
    assert entry.id == 1
    assert repo.learning() == [entry]


def test_the_file_and_its_folder_are_private(tmp_path: Path) -> None:
    repo = TinyDBSkillsRepository.for_owner(tmp_path / "data", "alice")
    repo.update_draft(lambda current, next_id: fresh(next_id))
    path = tmp_path / "data" / "skills" / "alice" / "alice.json"
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("name", ["../bob", "bob/x", "a b", "..", ""])
def test_an_unsafe_user_name_never_reaches_a_file_name(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError) as caught:
        skills_path(tmp_path, name)
    assert caught.value.problems[0].field == "user"
    assert "letters, digits" in str(caught.value) or "letter or a digit" in str(caught.value)
    assert not (tmp_path / "skills").exists()


def test_a_hand_edited_entry_is_reported_not_guessed(tmp_path: Path) -> None:
    repo = TinyDBSkillsRepository.for_owner(tmp_path, "alice")
    repo.update_draft(lambda current, next_id: fresh(next_id))
    path = tmp_path / "skills" / "alice" / "alice.json"
    path.write_text(path.read_text().replace('"well"', '"great"').replace("{}", '{"f1.01": 7}'))
    with pytest.raises(StoreCorruptError, match=r"alice\.json"):
        repo.draft()
