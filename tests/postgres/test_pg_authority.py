"""Authority on a real server: each person signs in as their own role (a scram-sha-256
password) and runs SQL directly, as a modified client would; the server refuses what only
a team leader may do, the Solve gate, another's skills log, and any write to the audit
trail, which its triggers write and chain so that ``cstui store verify`` checks it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb
from tests.contract.conftest import INPUTS, START, Clock, refund_build
from tests.support.cases import CLOSING_STEPS
from tests.support.cli import Cli
from tests.support.postgres import Cluster, person_url, seeded
from tests.support.stores import roster_led_by

from cstui.content.toml_files import default_policy
from cstui.domain import workflow
from cstui.domain.brief import brief_of
from cstui.domain.refunds.approval import approve
from cstui.domain.refunds.engine import decide
from cstui.domain.refunds.records import new_record
from cstui.domain.reports import complaint_facts
from cstui.errors import InputError, PermissionDenied
from cstui.models.case import Case, NewCase
from cstui.models.refunds import RefundRecord
from cstui.models.roles import Role
from cstui.models.skills import LearningEntry, LearningKind
from cstui.models.team import Member
from cstui.store.file.drafts import DraftFolder
from cstui.store.postgres import PostgresStores, open_postgres_store

POLICY = default_policy()


@dataclass(frozen=True)
class Team:
    """A database with a roster of two team leaders and two agents, each a login role."""

    admin: str
    leader: str
    other_leader: str
    agent: str
    other_agent: str
    urls: dict[str, str]

    def sql(self, who: str) -> psycopg.Connection[tuple[Any, ...]]:
        """A direct connection as ``who`` (no app in between)."""
        return psycopg.connect(self.urls[who], autocommit=True)

    def stores(self, who: str, folder: Path) -> PostgresStores:
        """The app's store, signed in as ``who``."""
        return open_postgres_store(
            self.urls[who],
            brief_of=lambda case: brief_of(case, POLICY),
            facts_of=complaint_facts,
            drafts=DraftFolder(folder, who),
        )


@pytest.fixture
def team(cluster: Cluster, database_url: str) -> Team:
    tag = secrets.token_hex(4)
    leader, other_leader, agent, other_agent = (
        f"{n}_{tag}" for n in ("lead", "lead2", "agent", "agent2")
    )
    roster = roster_led_by(leader, agent, other_agent)
    second = Member(name=other_leader, role=Role.TEAM_LEADER, refund_limit="1000")
    seeded(database_url, roster.model_copy(update={"members": [*roster.members, second]}))
    urls = {n: person_url(cluster, database_url, n) for n in (leader, other_leader, agent)}
    urls[other_agent] = person_url(cluster, database_url, other_agent)
    return Team(database_url, leader, other_leader, agent, other_agent, urls)


def _log(stores: PostgresStores, who: str) -> Case:
    form = NewCase.model_validate(
        {
            "customer": {"name": "Jo Citizen", "phone": "0412 345 678"},
            "channel": "phone",
            "category": "Billing",
            "summary": "Charged twice",
        }
    )
    return stores.cases.create(lambda case_id: workflow.new_case(case_id, form, who, START))


def _refused(conn: psycopg.Connection[tuple[Any, ...]], statement: str, *values: Any) -> str:
    """Run ``statement``; it must be refused for want of privilege. The server's words."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        conn.execute(statement, values)
    return str(refused.value)


APPROVE = (
    "UPDATE refunds SET status = 'approved', decided = true, doc = doc "
    "|| jsonb_build_object('status', 'approved', 'approval', "
    "jsonb_build_object('approved', true, 'by', session_user::text, 'at', now())) "
    "WHERE number = %s"
)


def _request(team: Team, who: str, tmp_path: Path, case_id: str | None = None) -> str:
    """A pending request (450 checked) kept by ``who`` through the app."""
    stores = team.stores(who, tmp_path / who)
    record = stores.refunds.create(refund_build(POLICY, case_id, by=who))
    assert record.status.value == "pending"
    return record.id


def test_an_agent_cannot_approve_a_request_and_a_leader_approves_anothers(
    team: Team, tmp_path: Path
) -> None:
    mine = _request(team, team.agent, tmp_path)
    theirs = _request(team, team.other_agent, tmp_path)
    with team.sql(team.agent) as agent:
        for refund_id in (mine, theirs):
            said = _refused(agent, APPROVE, int(refund_id[2:]))
            assert f"only a team leader can approve or decline a refund; {team.agent}" in said
    with team.sql(team.leader) as leader:
        leader.execute(APPROVE, (int(mine[2:]),))
        row = leader.execute("SELECT status FROM refunds WHERE number = %s", (int(mine[2:]),))
        assert row.fetchone() == ("approved",)
    own = _request(team, team.leader, tmp_path)
    with team.sql(team.leader) as leader:
        assert "nobody approves their own request" in _refused(leader, APPROVE, int(own[2:]))


def test_nobody_keeps_a_request_above_their_limit_as_needing_no_approval(team: Team) -> None:
    forged = decide(INPUTS, POLICY, team.agent, Decimal(1000), START.date())  # the limit claimed
    record = new_record("R-000009", None, INPUTS, forged, team.agent, START)
    assert record.status.value == "not-needed"
    doc = Jsonb(record.model_dump(mode="json"))
    with team.sql(team.agent) as agent:
        said = _refused(
            agent,
            "INSERT INTO refunds VALUES (9, NULL, %s, 'not-needed', false, %s)",
            team.agent,
            doc,
        )
        assert f"above {team.agent}'s refund limit of 200" in said
        in_anothers_name = record.model_copy(update={"created_by": team.other_agent})
        said = _refused(
            agent,
            "INSERT INTO refunds VALUES (9, NULL, %s, 'not-needed', false, %s)",
            team.other_agent,
            Jsonb(in_anothers_name.model_dump(mode="json")),
        )
        assert "in your own name" in said


def test_only_a_leader_changes_the_roster_but_anyone_sets_their_own_passphrase(
    team: Team,
) -> None:
    promote = (
        "UPDATE roster SET doc = jsonb_set(doc, '{members}', (SELECT jsonb_agg(CASE WHEN "
        "m->>'name' = %s THEN m || '{\"role\": \"team_leader\"}' ELSE m END) "
        "FROM jsonb_array_elements(doc->'members') m))"
    )
    own_hash = (
        "UPDATE roster SET doc = jsonb_set(doc, '{members}', (SELECT jsonb_agg(CASE WHEN "
        "m->>'name' = %s THEN m || jsonb_build_object('passphrase', %s::text) ELSE m END "
        "ORDER BY i) FROM jsonb_array_elements(doc->'members') WITH ORDINALITY t(m, i)))"
    )
    hashed = "scrypt$16384$8$1$" + "ab" * 16 + "$" + "cd" * 32
    with team.sql(team.agent) as agent:
        said = _refused(agent, promote, team.agent)
        assert f"only a team leader can change the team roster; {team.agent}" in said
        _refused(agent, promote, team.other_agent)
        _refused(agent, own_hash, team.other_agent, hashed)
        _refused(agent, "DELETE FROM roster")
        agent.execute(own_hash, (team.agent, hashed))
    with team.sql(team.leader) as leader:
        leader.execute(promote, (team.agent,))
    stores = team.stores(team.agent, Path("/nonexistent"))
    roster = stores.roster.load()
    assert roster.is_team_leader(team.agent)
    assert (roster.get(team.agent) or Member(name="x")).passphrase == hashed


REASSIGN = "UPDATE cases SET doc = jsonb_set(doc, '{owner}', to_jsonb(%s::text)) WHERE number = 1"


def test_only_a_leader_reassigns_someone_elses_case(team: Team, tmp_path: Path) -> None:
    _log(team.stores(team.other_agent, tmp_path), team.other_agent)
    with team.sql(team.agent) as agent:
        said = _refused(agent, REASSIGN, team.agent)
        assert f"only a team leader can reassign C-000001, which belongs to {team.other_agent}" in (
            said
        )
    with team.sql(team.leader) as leader:
        leader.execute(REASSIGN, (team.agent,))
    with team.sql(team.agent) as agent:
        agent.execute(REASSIGN, (team.other_agent,))  # one's own case is one's own to give
        owner = agent.execute("SELECT doc->>'owner' FROM cases WHERE number = 1").fetchone()
        assert owner == (team.other_agent,)


def test_a_case_passes_solve_only_when_its_refunds_are_settled(team: Team, tmp_path: Path) -> None:
    stores = team.stores(team.agent, tmp_path)
    case = _log(stores, team.agent)
    clock = Clock()
    for data in CLOSING_STEPS[:2]:
        case = stores.cases.save(workflow.advance(case, data, team.agent, clock()), case.version)
    refund_id = _request(team, team.agent, tmp_path, case.id)
    past_solve = "UPDATE cases SET doc = jsonb_set(doc, '{step}', '\"notify\"') WHERE number = 1"
    with team.sql(team.agent) as agent:
        with pytest.raises(psycopg.Error) as refused:
            agent.execute(past_solve)
        assert refused.value.diag.sqlstate == "CSI01"
        assert refused.value.diag.column_name == "refund_decision"
        assert f"{refund_id} is waiting for a team leader's approval" in str(refused.value)
    solved = workflow.advance(case, CLOSING_STEPS[2], team.agent, clock())  # no refunds given
    with pytest.raises(InputError) as through_the_app:
        stores.cases.save(solved, case.version)
    assert through_the_app.value.problems[0].field == "refund_decision"
    with team.sql(team.leader) as leader:
        leader.execute(APPROVE, (int(refund_id[2:]),))
    assert stores.cases.save(solved, case.version).step.value == "notify"


def _learning(what: str):
    return lambda number: LearningEntry(
        id=number, on=START.date(), kind=LearningKind.COURSE, what=what, logged_at=START
    )


def test_a_skills_log_is_read_and_changed_by_its_owner_only(team: Team, tmp_path: Path) -> None:
    team.stores(team.agent, tmp_path).skills.log(team.agent).add_learning(_learning("Listening"))
    with team.sql(team.other_agent) as other:
        assert other.execute("SELECT count(*) FROM skills").fetchone() == (0,)
        changed = other.execute("UPDATE skills SET doc = '{}' WHERE owner = %s", (team.agent,))
        assert changed.rowcount == 0
        assert other.execute("DELETE FROM skills").rowcount == 0
        said = _refused(other, "INSERT INTO skills VALUES (%s, 'learning', 2, '{}')", team.agent)
        assert "row-level security" in said
    with team.sql(team.leader) as leader:  # a team leader neither
        assert leader.execute("SELECT count(*) FROM skills").fetchone() == (0,)
    with team.sql(team.agent) as agent:
        assert agent.execute("SELECT count(*) FROM skills").fetchone() == (1,)
    with pytest.raises(PermissionDenied, match="row-level security"):
        team.stores(team.other_agent, tmp_path).skills.log(team.agent).add_learning(
            _learning("Forged")
        )


def test_nobody_writes_the_audit_trail_but_the_server(team: Team, tmp_path: Path) -> None:
    _log(team.stores(team.agent, tmp_path), team.agent)
    with team.sql(team.agent) as agent:
        for statement in (
            "UPDATE audit SET actor = 'someone'",
            "DELETE FROM audit",
            "TRUNCATE audit",
            "INSERT INTO audit (actor, record, action, hash) VALUES ('x', 'y', 'z', 'h')",
            "SELECT cstui_chain('x', 'y', 'z', '{}')",
        ):
            assert "permission denied" in _refused(agent, statement)
        agent.execute("SELECT cstui_audit_append(%s, 'store', 'checked', '{}')", (team.leader,))
        actors = agent.execute("SELECT actor, record, action FROM audit ORDER BY seq").fetchall()
    assert actors == [(team.agent, "C-000001", "created"), (team.agent, "store", "checked")]


def test_numbers_come_from_the_servers_counters_only(team: Team, tmp_path: Path) -> None:
    logged = _log(team.stores(team.agent, tmp_path), team.agent)
    with team.sql(team.agent) as agent:
        assert "permission denied" in _refused(agent, "UPDATE counters SET next = 1")
        doc = agent.execute("SELECT doc FROM cases").fetchone()
        assert doc is not None
        for number, case_id in ((99, "C-000099"), (2, "C-000002"), (1, "C-000005")):
            forged = {**doc[0], "id": case_id}
            said = _refused(
                agent,
                "INSERT INTO cases SELECT %s, version, is_open, phone, email, NULL, "
                "created_at, updated_at, closed_at, %s FROM cases",
                number, Jsonb(forged),
            )  # fmt: skip
            assert f"{case_id} is not a number the server gave out" in said, said
        next_case = agent.execute("SELECT next FROM counters WHERE name = 'case'").fetchone()
    assert logged.id == "C-000001" and next_case == (2,)
    assert _log(team.stores(team.agent, tmp_path), team.agent).id == "C-000002"


def test_the_trail_the_triggers_write_verifies_until_the_superuser_edits_it(
    team: Team, tmp_path: Path
) -> None:
    stores = team.stores(team.agent, tmp_path)
    case = _log(stores, team.agent)
    stores.cases.save(workflow.add_note(case, "rang", team.agent, START), case.version)
    refund_id = _request(team, team.agent, tmp_path, case.id)
    with team.sql(team.leader) as leader:
        leader.execute(APPROVE, (int(refund_id[2:]),))
    events = [(e.actor, e.record, e.action) for e in stores.audit.events()]
    assert events == [
        (team.agent, case.id, "created"),
        (team.agent, case.id, "updated"),
        (team.agent, refund_id, "created"),
        (team.leader, refund_id, "updated"),
    ]
    assert "notes" in stores.audit.events()[1].fields
    desk = Cli(tmp_path / "desk", team.agent)
    verified = desk.json("--store", team.urls[team.agent], "store", "verify")
    assert verified["ok"] and verified["entries"] == 4
    with psycopg.connect(team.admin, autocommit=True) as admin:
        admin.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 4")
    damaged = desk("--store", team.urls[team.agent], "store", "verify")
    assert damaged.exit_code == 1 and "DAMAGED after entry 3" in damaged.stdout


def test_the_app_refuses_an_agents_approval_with_the_reason(team: Team, tmp_path: Path) -> None:
    refund_id = _request(team, team.other_agent, tmp_path)
    desk = Cli(tmp_path / "desk", team.agent)
    said = desk.error("--store", team.urls[team.agent], "refund", "approve", refund_id)
    assert f"only a team leader can approve or decline a refund; {team.agent} is not one" in said
    claimed = roster_led_by(team.agent)  # a client that believes its own roster

    def forged(record: RefundRecord) -> RefundRecord:
        return approve(record, team.agent, claimed, START)

    stores = team.stores(team.agent, tmp_path)
    with pytest.raises(PermissionDenied, match="only a team leader can approve"):
        stores.refunds.update(refund_id, team.agent, forged)
    assert stores.refunds.get(refund_id).status.value == "pending"


def test_only_a_leader_imports_and_erases_but_anyone_finishes_a_journalled_erasure(
    team: Team, tmp_path: Path
) -> None:
    case = _log(team.stores(team.agent, tmp_path), team.agent)
    imported = case.model_copy(update={"id": "C-000002", "import_key": "k1"})
    row = (Jsonb(imported.model_dump(mode="json")), imported.created_at)
    insert = (
        "INSERT INTO cases (number, version, is_open, import_key, created_at, updated_at, doc) "
        "VALUES (2, 1, true, 'k1', %s, %s, %s)"
    )
    redact = 'UPDATE cases SET doc = doc || \'{"redacted_at": "2026-03-02T00:00:00Z"}\''
    journal = "INSERT INTO erasures VALUES ('e1', %s)"
    begun = Jsonb({"name": "e1", "actor": team.agent, "case_ids": [case.id]})
    with team.sql(team.agent) as agent:
        said = _refused(agent, insert, row[1], row[1], row[0])
        assert f"only a team leader can import cases; {team.agent} is not one" in said
        assert "only a team leader can remove personal data" in _refused(agent, redact)
        assert "only a team leader can remove personal data" in _refused(agent, journal, begun)
    with team.sql(team.leader) as leader:
        assert leader.execute("SELECT cstui_take_number('case')").fetchone() == (2,)
        leader.execute(insert, (row[1], row[1], row[0]))
        _refused(leader, journal, begun)  # an erasure is begun in the leader's own name
        begun.obj["actor"] = team.leader
        leader.execute(journal, (begun,))
    with team.sql(team.agent) as agent:  # a start after a crash finishes what was journalled
        assert "end an erasure" in _refused(agent, "DELETE FROM erasures")
        agent.execute(redact + " WHERE number = 1")
        assert agent.execute("DELETE FROM erasures").rowcount == 1
