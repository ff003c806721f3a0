"""cstui team ... and cstui case assign: the roster and who may change what."""

from __future__ import annotations

import pytest


@pytest.fixture
def team(cli):
    """alice leads; bob and carol are agents."""
    assert cli("team", "add", "bob", "--role", "agent", "--limit", "250").exit_code == 0
    assert cli("team", "add", "carol", "--role", "agent", "--limit", "$99.5").exit_code == 0
    return cli


def test_team_list_json(team) -> None:
    assert team.json("team", "list") == [
        {"name": "alice", "role": "team_leader", "refund_limit": "1000.00"},
        {"name": "bob", "role": "agent", "refund_limit": "250.00"},
        {"name": "carol", "role": "agent", "refund_limit": "99.50"},
    ]


def test_team_list_table(team) -> None:
    lines = team("team", "list").stdout.splitlines()
    assert lines[0].split() == ["NAME", "ROLE", "REFUND", "LIMIT"]
    assert lines[1].split() == ["alice", "team_leader", "1000.00"]
    assert lines[2].split() == ["bob", "agent", "250.00"]


def test_add_prints_the_member(cli) -> None:
    result = cli("team", "add", "dave", "--role", "team_leader", "--limit", "500")
    assert result.exit_code == 0
    assert result.stdout == "dave is on the team: team_leader, refund limit 500.00\n"


def test_add_changes_an_existing_member(team) -> None:
    assert team("team", "add", "bob", "--role", "team_leader", "--limit", "300").exit_code == 0
    bob = [m for m in team.json("team", "list") if m["name"] == "bob"]
    assert bob == [{"name": "bob", "role": "team_leader", "refund_limit": "300.00"}]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--limit", "12.345"], "error: --limit: has more than two decimal places"),
        (["--limit", "lots"], "error: --limit: must be an amount such as 250 or 1,099.50"),
        (["--limit", "-5"], "error: --limit: must be zero or more"),
        (["--limit", "nan"], "error: --limit: must be an amount such as 250 or 1,099.50"),
        (["--limit", "-inf"], "error: --limit: must be an amount such as 250 or 1,099.50"),
        *(
            (["--limit", spelling], "error: --limit: must be an amount such as 250 or 1,099.50")
            for spelling in ("1_000", "1e3", "\uff11\uff12", "1,00", "1e400")
        ),
    ],
)
def test_add_bad_limit(team, stored, args, expected) -> None:
    before = stored()
    assert team.error("team", "add", "dave", "--role", "agent", *args) == expected
    assert stored() == before


def test_minus_zero_is_zero(team) -> None:
    added = team("team", "add", "dave", "--role", "agent", "--limit", "-0")
    assert added.exit_code == 0 and "-0" not in added.stdout, added.stdout
    dave = [m for m in team.json("team", "list") if m["name"] == "dave"]
    assert dave[0]["refund_limit"] == "0.00"


def test_add_bad_name(team) -> None:
    line = team.error("team", "add", "dave smith", "--role", "agent", "--limit", "1")
    assert line.startswith("error: NAME: ")


def test_add_bad_role_is_a_usage_error(team) -> None:
    result = team("team", "add", "dave", "--role", "boss", "--limit", "1")
    assert result.exit_code == 2
    assert "--role" in result.stderr


def test_non_leader_cannot_add(team, stored) -> None:
    before = stored()
    line = team.error("team", "add", "mallory", "--role", "team_leader", "--limit", "9", user="bob")
    assert line == "error: only a team leader can change the team roster; bob is not one"
    assert stored() == before


def test_stranger_is_warned_and_cannot_remove(team, data_dir, stored) -> None:
    before = stored()
    result = team("team", "remove", "bob", user="eve")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"cstui: warning: eve is not on the team roster ({data_dir / 'team.toml'}); "
        "working as an agent with no refund authority",
        "error: only a team leader can change the team roster; eve is not one",
    ]
    assert stored() == before


def test_remove(team) -> None:
    result = team("team", "remove", "carol")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "carol is no longer on the team",
        "they had no open cases",
        "any unsaved drafts of theirs stay in the data folder, kept for them",
    ]
    assert [m["name"] for m in team.json("team", "list")] == ["alice", "bob"]
    assert team.error("team", "remove", "carol") == "error: carol is not on the team roster"


def test_last_leader_stays(team) -> None:
    line = team.error("team", "remove", "alice")
    assert line == "error: alice is the only team leader; add another one first"
    assert "alice" in [m["name"] for m in team.json("team", "list")]


def test_owner_agent_assigns_own_case(team) -> None:
    case_id = team.new_case(user="bob")["id"]
    case = team.json("case", "assign", case_id, "carol", user="bob")
    assert case["owner"] == "carol"
    assert case["history"][-1]["detail"] == "owner bob -> carol"


def test_agent_cannot_assign_someone_elses_case(team, stored) -> None:
    case_id = team.new_case(user="carol")["id"]
    before = stored()
    line = team.error("case", "assign", case_id, "bob", user="bob")
    assert line == f"error: only a team leader can reassign {case_id}, which belongs to carol"
    assert stored() == before


def test_leader_reassigns_any_case(team) -> None:
    case_id = team.new_case(user="carol")["id"]
    result = team("case", "assign", case_id, "bob")
    assert result.exit_code == 0
    assert "owner carol -> bob" in result.stdout
    assert team.json("case", "show", case_id)["owner"] == "bob"


def test_assign_to_unknown_person(team) -> None:
    case_id = team.new_case()["id"]
    assert team.error("case", "assign", case_id, "zed") == "error: zed is not on the team roster"


def test_amounts_grouped_by_thousands_are_amounts(team) -> None:
    added = team("team", "add", "dave", "--role", "agent", "--limit", "$1,250.50")
    assert added.exit_code == 0, added.output
    dave = [m for m in team.json("team", "list") if m["name"] == "dave"]
    assert dave[0]["refund_limit"] == "1250.50"
