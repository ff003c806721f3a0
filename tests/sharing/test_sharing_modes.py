"""Modes in a folder a team shares (set-group-id, 2770) and in a private one: every file
and folder the app makes has its place's mode whatever the umask, a person's own state is
theirs alone, and modes an older version left are put right when the app writes again."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.support.sharing import wrong_modes
from tests.support.workspaces import open_utc_workspace

from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.drafts import DraftFolder
from cstui.store.file.tinydb_skills import TinyDBSkillsRepository

UMASKS = [0o022, 0o002, 0o077]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_of_test() -> Iterator[Callable[[int], int]]:
    """Set this process's umask for the test; the old one comes back afterwards."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def data_folder(tmp_path: Path, shared: bool) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o2770 if shared else 0o700)  # the README's set-up, or a private folder
    return data


def use_every_part(data: Path, fields: dict[str, Any]) -> None:
    """Make every kind of file and folder the app makes: policy, roster, store, archive,
    lookups, audit log and head, lock note, backups (daily and on request), a person's
    drafts and skills log with its daily copy."""
    now = datetime.now(UTC)
    ws = open_utc_workspace(data, "alice", lambda: now)
    case = ws.cases.log(fields)
    with JSONFileBackend(data / "cases.json").transaction() as buffer:
        buffer.part("modes-probe")["probe"] = {case.id: {"written": True}}
        buffer.changed_part("modes-probe")  # a part in the archive, as every block is written
    ws.cases.note(case.id, "second write of the day: the daily copy is made first")
    ws.stores.admin.backup(now)
    ws.drafts.save("new-case", {"summary": "half typed"}, now)
    ws.skills.log_learning({"kind": "reading", "what": "Fish Tales"})
    ws.skills.log_learning({"kind": "reading", "what": "Second book"})


@pytest.mark.parametrize("umask", UMASKS, ids=lambda u: f"umask-{u:03o}")
@pytest.mark.parametrize("shared", [True, False], ids=["shared", "private"])
def test_every_file_and_folder_has_its_places_mode(
    tmp_path: Path, new_case_fields, umask_of_test, umask: int, shared: bool
) -> None:
    data = data_folder(tmp_path, shared)
    umask_of_test(umask)
    use_every_part(data, new_case_fields())
    made = {p.relative_to(data).as_posix() for p in data.rglob("*")}
    for expected in (
        "policy.toml",
        "team.toml",
        "cases.json",
        "cases.json.lock",
        "cases.audit.log",
        "archive",
        "archive/modes-probe.json",
        "backups",
        "drafts/alice/new-case.json",
        "skills/alice/alice.json",
        "skills/alice/backups",
    ):
        assert expected in made, sorted(made)
    assert any(name.startswith("backups/cases-") for name in made)
    assert wrong_modes(data, shared) == []


def test_modes_an_older_version_left_are_put_right_on_the_next_write(
    tmp_path: Path, new_case_fields
) -> None:
    data = data_folder(tmp_path, shared=True)
    use_every_part(data, new_case_fields())
    for folder, older in [("drafts/alice", 0o2755), ("skills", 0o2700), ("archive", 0o2700)]:
        (data / folder).chmod(older)
    for name, older in [("cases.json.lock", 0o640), ("cases.audit.log", 0o640)]:
        (data / name).chmod(older)
    (data / "policy.toml").chmod(0o600)
    use_every_part(data, new_case_fields())
    assert mode(data / "policy.toml") == 0o640  # readable by the team; writing is not granted
    (data / "policy.toml").chmod(0o660)
    assert wrong_modes(data, shared=True) == []


def test_a_skills_log_an_older_version_kept_moves_into_its_owners_folder(tmp_path: Path) -> None:
    data = data_folder(tmp_path, shared=True)
    first = TinyDBSkillsRepository.for_owner(data, "alice")
    entry = first.add_learning(lambda number: learning(number))
    older = data / "skills" / "alice.json"
    os.replace(data / "skills" / "alice" / "alice.json", older)
    older.chmod(0o660)
    copies = data / "skills" / "backups"
    copies.mkdir()
    (copies / "alice-2026-03-01.json").write_bytes(older.read_bytes())
    (copies / "alice-b-2026-03-01.json").write_bytes(b"{}")  # another person's copy

    again = TinyDBSkillsRepository.for_owner(data, "alice")
    assert again.learning() == [entry]
    assert not older.exists()
    assert (data / "skills" / "alice" / "backups" / "alice-2026-03-01.json").exists()
    assert (copies / "alice-b-2026-03-01.json").exists()
    again.add_learning(lambda number: learning(number))
    assert mode(data / "skills" / "alice" / "alice.json") == 0o600


def learning(number: int) -> Any:
    from cstui.models.skills import LearningEntry

    return LearningEntry.model_validate(
        {
            "id": number,
            "kind": "reading",
            "what": "Fish Tales",
            "on": "2026-03-01",
            "logged_at": "2026-03-01T09:00:00+00:00",
        }
    )


def test_a_persons_drafts_are_theirs_alone_in_a_shared_folder(tmp_path: Path) -> None:
    data = data_folder(tmp_path, shared=True)
    DraftFolder(data, "alice").save("new-case", {"summary": "x"}, datetime.now(UTC))
    assert mode(data / "drafts") == 0o2770
    assert mode(data / "drafts" / "alice") == 0o700
    assert mode(data / "drafts" / "alice" / "new-case.json") == 0o600
