"""Briefs and report facts on a real PostgreSQL server are worked out once per case version
and kept: a read after a save, or under another policy, never answers with what was kept
of the case before."""

from __future__ import annotations

import psycopg
from tests.contract.conftest import START, Clock
from tests.support.cases import CLOSING_STEPS
from tests.support.postgres import Cluster, migrated, person_url

from cstui.content.toml_files import default_policy
from cstui.domain import workflow
from cstui.domain.brief import brief_of
from cstui.domain.reports import complaint_facts
from cstui.models.brief import CaseBrief
from cstui.models.case import Case, NewCase
from cstui.store.postgres.cases import PostgresCaseStore
from cstui.store.postgres.connection import Database, connect


def _store(url: str, stamp: str = "policy-1", owner_shown: str | None = None) -> PostgresCaseStore:
    policy = default_policy()

    def brief(case: Case) -> CaseBrief:
        made = brief_of(case, policy)
        if owner_shown is None:
            return made
        return CaseBrief.from_document({**made.to_document(), "owner": owner_shown})

    return PostgresCaseStore(Database(connect(url)), brief, complaint_facts, lambda: stamp)


def _log(store: PostgresCaseStore, summary: str = "Charged twice") -> Case:
    form = NewCase.model_validate(
        {
            "customer": {"name": "Jo Citizen", "phone": "0412 345 678"},
            "channel": "phone",
            "category": "Billing",
            "summary": summary,
        }
    )
    return store.create(lambda case_id: workflow.new_case(case_id, form, "alice", START))


def test_a_saved_case_is_listed_and_counted_as_it_now_is(database_url: str) -> None:
    store = _store(migrated(database_url))
    case = _log(store)
    assert [b.step for b in store.open_briefs()] == [case.step]
    assert [f.step for f in store.report_facts()] == [case.step]
    advanced = store.save(workflow.advance(case, CLOSING_STEPS[0], "alice", Clock()()), 1)
    assert advanced.step != case.step
    assert store.open_briefs() == [brief_of(advanced, default_policy())]
    assert store.report_facts() == [complaint_facts(advanced)]
    again = _store(database_url)  # another terminal reads what this one kept
    assert again.open_briefs() == store.open_briefs()
    assert again.report_facts() == store.report_facts()


def test_briefs_kept_under_another_policy_are_worked_out_again(database_url: str) -> None:
    first = _store(migrated(database_url), "policy-1")
    _log(first)
    assert [b.owner for b in first.open_briefs()] == ["alice"]
    other = _store(database_url, "policy-2", owner_shown="under policy 2")
    assert [b.owner for b in other.open_briefs()] == ["under policy 2"]
    assert [b.owner for b in _store(database_url, "policy-2").open_briefs()] == [
        "under policy 2"
    ]  # kept under its stamp, used by the next read under the same one


def test_a_person_who_cannot_keep_what_was_worked_out_still_reads(
    cluster: Cluster, database_url: str
) -> None:
    _log(_store(migrated(database_url)))
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("REVOKE INSERT, UPDATE ON case_briefs, case_facts FROM cstui_staff")
    reader = _store(person_url(cluster, database_url, "derived_reader"), "policy-9")
    assert [b.summary for b in reader.open_briefs()] == ["Charged twice"]
    assert [f.complaint for f in reader.report_facts()] == ["Charged twice"]


def test_reading_the_briefs_again_decodes_only_the_cases_that_changed(database_url: str) -> None:
    store = _store(migrated(database_url))
    first, second = _log(store), _log(store, "Late delivery")
    decoded: list[str] = []
    real = store.briefs.decode

    def counted(doc: dict[str, object]) -> CaseBrief:
        decoded.append(str(doc["id"]))
        return real(doc)

    store.briefs.decode = counted
    before = store.open_briefs()
    assert sorted(decoded) == [first.id, second.id]
    decoded.clear()
    noted = store.save(workflow.add_note(second, "Rang back", "alice", START), second.version)
    after = store.open_briefs()
    assert decoded == [second.id]  # the other brief is the one already read
    assert after[0] is before[0] and after[1] == brief_of(noted, default_policy())
    again = _store(database_url, stamp="policy-2")  # another policy: all worked out anew
    assert [b.id for b in again.open_briefs()] == [first.id, second.id]
