"""Opening a data folder: first-run set-up, config errors, and the team roster's rules."""

from __future__ import annotations

import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from cstui.config import Settings, resolve
from cstui.config_files import CHECKED_FILE
from cstui.errors import ConfigError, InputError, NotFound, PermissionDenied
from cstui.models.roles import Role
from cstui.resources import data_file
from cstui.services.team import TeamService, parse_amount
from cstui.store.file.roster_file import RosterFile
from cstui.workspace import first_run, open_workspace


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def team(data_dir: Path):
    """The roster of a fresh data folder led by ``tester``, seen as ``user``."""
    first_run(data_dir, "tester")

    def as_user(user: str) -> TeamService:
        return TeamService(RosterFile(data_dir / "team.toml"), user)

    return as_user


def test_settings_come_from_the_isolated_environment(isolated_home) -> None:
    settings = resolve(None, None, account="tester")
    assert settings == Settings(isolated_home / "cstui-data", "tester", "tester")
    assert resolve("/elsewhere", " bob ", account="bob").data_dir == Path("/elsewhere")
    assert resolve(None, " bob ", account="bob").user == "bob"
    with pytest.raises(InputError, match="--user: you are logged in as tester"):
        resolve(None, " bob ", account="tester")
    fallback = resolve(None, None, {"HOME": str(isolated_home)}, account="tester")
    assert fallback.data_dir == isolated_home / ".local" / "share" / "cstui"


def test_first_run_creates_a_private_folder_policy_and_roster(data_dir, clock) -> None:
    ws = open_workspace(Settings(data_dir, "tester"), clock=clock)
    assert ws.created
    assert ws.user == "tester"
    assert ws.warnings == []
    assert mode(data_dir) == 0o700
    policy, team = data_dir / "policy.toml", data_dir / "team.toml"
    assert policy.read_bytes() == data_file("policy.toml").read_bytes()
    assert mode(policy) == 0o600
    assert mode(team) == 0o600
    members = ws.team.roster().members
    assert [(m.name, m.role, m.refund_limit) for m in members] == [
        ("tester", Role.TEAM_LEADER, Decimal("1000"))
    ]
    assert ws.policy.targets.resolve_calendar_days == 30


def test_second_open_keeps_edited_files(data_dir, clock, new_case_fields) -> None:
    first = open_workspace(Settings(data_dir, "tester"), clock=clock)
    first.team.add("alice", "agent", "250")
    policy = data_dir / "policy.toml"
    policy.write_text(policy.read_text().replace("follow_up_days = 7", "follow_up_days = 5"))
    case = first.cases.log(new_case_fields())
    # The note of which file contents were validated may change; nothing else may.
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.name != CHECKED_FILE}

    again = open_workspace(Settings(data_dir, "alice"), clock=clock)
    assert not again.created
    assert again.warnings == []
    assert again.policy.targets.follow_up_days == 5
    assert again.team.roster().names() == ["tester", "alice"]
    assert again.cases.get(case.id) == case
    assert {p.name: p.read_bytes() for p in data_dir.iterdir() if p.name != CHECKED_FILE} == before


def test_a_user_missing_from_the_roster_is_warned(data_dir, clock) -> None:
    open_workspace(Settings(data_dir, "tester"), clock=clock)
    ws = open_workspace(Settings(data_dir, "mallory"), clock=clock)
    assert len(ws.warnings) == 1
    assert "mallory is not on the team roster" in ws.warnings[0]


@pytest.mark.parametrize(
    ("find", "replace", "words"),
    [
        (
            "resolve_calendar_days = 30",
            'resolve_calendar_days = "soon"',
            "key targets.resolve_calendar_days",
        ),
        (
            "follow_up_days = 7",
            "follow_up_days = -1",
            "key targets.follow_up_days must be at least 0",
        ),
        ('days = ["mon",', 'days = ["monday",', "key business_hours.days"),
        ("closes = 17:00:00", "closes = 08:00:00", "key business_hours.closes must be later"),
        ('timezone = ""', 'timezone = "Mars/Olympus"', "key business_hours.timezone"),
        ("holidays = []", "holidays = [2026-02-30]", "not valid TOML"),
        ("[targets]", "colour = 1\n[targets]", "key colour is not a known field"),
        ("[targets]", "[targets", "not valid TOML"),
    ],
)
def test_broken_policy_names_file_and_key(data_dir, clock, find, replace, words) -> None:
    first_run(data_dir, "tester")
    policy = data_dir / "policy.toml"
    text = policy.read_text()
    assert find in text
    policy.write_text(text.replace(find, replace, 1))
    with pytest.raises(ConfigError) as info:
        open_workspace(Settings(data_dir, "tester"), clock=clock)
    message = str(info.value)
    assert message.startswith(f"{policy}: ")
    assert words in message


def test_missing_categories_are_reported(data_dir, clock) -> None:
    first_run(data_dir, "tester")
    policy = data_dir / "policy.toml"
    policy.write_text(policy.read_text().replace("categories = [", "kinds = ["))
    with pytest.raises(ConfigError, match="key categories is required"):
        open_workspace(Settings(data_dir, "tester"), clock=clock)


def test_broken_roster_names_file_and_key(data_dir, clock) -> None:
    first_run(data_dir, "tester")
    roster = data_dir / "team.toml"
    roster.write_text(roster.read_text().replace('"team_leader"', '"boss"'))
    with pytest.raises(ConfigError) as info:
        open_workspace(Settings(data_dir, "tester"), clock=clock)
    assert str(roster) in str(info.value)
    assert "members.role" in str(info.value)


# -- the team roster -------------------------------------------------------------------


def test_team_leader_adds_and_removes_people(team) -> None:
    lead = team("tester")
    member = lead.add("alice", "agent", "$99.5")
    assert (member.name, member.role, member.refund_limit) == (
        "alice",
        Role.AGENT,
        Decimal("99.50"),
    )
    lead.add("bob", "team_leader", "500")
    assert team("bob").roster().names() == ["tester", "alice", "bob"]
    lead.add("alice", "agent", "120")  # changing someone replaces their entry
    assert team("tester").roster().get("alice").refund_limit == Decimal("120")
    lead.remove("alice")
    assert lead.roster().names() == ["tester", "bob"]
    with pytest.raises(NotFound, match="alice is not on the team roster"):
        lead.remove("alice")


def test_roster_file_stays_private_and_readable_after_changes(team, data_dir) -> None:
    team("tester").add("zoe", "agent", "0")
    path = data_dir / "team.toml"
    assert mode(path) == 0o600
    assert path.read_text().startswith("# cstui team roster.")
    assert not [p for p in data_dir.iterdir() if ".tmp-" in p.name]


def test_agents_cannot_change_the_roster(team) -> None:
    team("tester").add("alice", "agent", "100")
    alice = team("alice")
    with pytest.raises(PermissionDenied, match="only a team leader can change the team roster"):
        alice.add("alice", "team_leader", "100000")
    with pytest.raises(PermissionDenied):
        alice.remove("tester")
    with pytest.raises(PermissionDenied, match="mallory is not one"):
        team("mallory").add("mallory", "team_leader", "0")
    assert team("tester").roster().names() == ["tester", "alice"]
    assert not team("tester").roster().is_team_leader("alice")


def test_the_last_team_leader_cannot_be_removed(team) -> None:
    lead = team("tester")
    lead.add("alice", "agent", "0")
    with pytest.raises(PermissionDenied, match="tester is the only team leader"):
        lead.remove("tester")
    assert lead.roster().is_team_leader("tester")
    lead.add("bob", "team_leader", "0")
    lead.remove("tester")
    assert team("bob").roster().names() == ["alice", "bob"]


def test_the_last_team_leader_cannot_be_demoted(team) -> None:
    lead = team("tester")
    with pytest.raises(PermissionDenied, match="tester is the only team leader"):
        lead.add("tester", "agent", "0")
    assert lead.roster().is_team_leader("tester")
    lead.add("bob", "team_leader", "0")
    lead.add("tester", "agent", "0")
    assert not lead.roster().is_team_leader("tester")


@pytest.mark.parametrize(
    ("name", "role", "limit", "field"),
    [
        ("alice", "boss", "0", "role"),
        ("al ice", "agent", "0", "name"),
        ("", "agent", "0", "name"),
        ("alice", "agent", "-1", "limit"),
    ],
)
def test_bad_member_details_name_the_field(team, name, role, limit, field) -> None:
    with pytest.raises(InputError) as info:
        team("tester").add(name, role, limit)
    assert [p.field for p in info.value.problems] == [field]
    assert team("tester").roster().names() == ["tester"]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("0", Decimal("0.00")),
        (" 250 ", Decimal("250.00")),
        ("$12.5", Decimal("12.50")),
        ("1,000", Decimal("1000.00")),
    ],
)
def test_parse_amount_accepts(text, amount) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "limit: must be zero or more"),
        ("-0.01", "limit: must be zero or more"),
        ("abc", "limit: must be an amount such as 250 or 1,099.50"),
        ("", "limit: must be an amount such as 250 or 1,099.50"),
        ("1.234", "limit: has more than two decimal places"),
        ("NaN", "limit: must be an amount such as 250 or 1,099.50"),
        ("Infinity", "limit: must be an amount such as 250 or 1,099.50"),
    ],
)
def test_parse_amount_rejects(text, message) -> None:
    with pytest.raises(InputError) as info:
        parse_amount(text)
    assert str(info.value) == message


def test_environment_is_isolated(isolated_home) -> None:
    assert os.environ["HOME"] == str(isolated_home)
    assert os.environ["CSTUI_USER"] == "tester"
    assert Path(os.environ["CSTUI_DATA_DIR"]).is_relative_to(isolated_home)
