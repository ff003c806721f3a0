"""Every roster change is audited; someone leaving loses nothing."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.identity.conftest import Folder

from cstui.config import Settings
from cstui.store.ports import AuditEvent
from cstui.workspace import open_workspace

SECRET = "correct horse battery"


def roster_events(folder: Folder) -> list[AuditEvent]:
    events = open_workspace(Settings(folder.path, "alice")).stores.audit.events()
    return [replace(e, at=None) for e in events if e.record.startswith("team:")]


def test_every_roster_change_is_audited_never_a_passphrase(folder: Folder) -> None:
    folder.ok("team", "add", "bob", "--role", "agent", "--limit", "80", account="alice")
    folder.ok("team", "passphrase", "bob", "--new-from-stdin", account="alice", stdin=SECRET)
    folder.ok("team", "remove", "bob", account="alice")
    assert roster_events(folder) == [
        AuditEvent("alice", "team:bob", "team add", ("role", "limit")),
        AuditEvent("alice", "team:bob", "team change", ("limit",)),
        AuditEvent("alice", "team:bob", "team passphrase", ("passphrase",)),
        AuditEvent("alice", "team:bob", "team remove"),
    ]
    for name in ("cases.audit.log", "team.toml"):
        path = folder.path / name
        if path.exists():
            assert SECRET.encode() not in path.read_bytes()


def test_a_refused_roster_change_is_not_audited(folder: Folder) -> None:
    before = roster_events(folder)
    assert folder.run("team", "remove", "alice", account="bob").exit_code == 2
    assert folder.run("team", "passphrase", "alice", "--new-from-stdin", account="bob",
                      stdin=SECRET).exit_code == 2  # fmt: skip
    assert roster_events(folder) == before


def _case_for_bob(folder: Folder) -> str:
    made = folder.ok(
        "case", "new", "--customer", "Jo", "--phone", "0412345678", "--summary", "Late",
        "--category", "Billing", "--channel", "phone", "--json", account="alice",
    )  # fmt: skip
    case_id = str(json.loads(made.stdout)["id"])
    folder.ok("case", "assign", case_id, "bob", account="alice")
    return case_id


def test_leaving_with_open_cases_needs_someone_to_take_them(folder: Folder) -> None:
    case_id = _case_for_bob(folder)
    refused = folder.run("team", "remove", "bob", account="alice")
    assert refused.exit_code == 2
    assert f"--reassign-to: bob has 1 open case(s) ({case_id})" in refused.stderr
    nobody = folder.run("team", "remove", "bob", "--reassign-to", "carol", account="alice")
    assert nobody.exit_code == 2 and "--reassign-to" in nobody.stderr
    assert "bob" in folder.ok("team", "list", account="alice").stdout
    done = folder.ok("team", "remove", "bob", "--reassign-to", "alice", account="alice")
    assert f"1 open case(s) now with alice: {case_id}" in done.stdout
    assert "drafts" in done.stdout
    shown = folder.ok("case", "show", case_id, "--json", account="alice")
    assert json.loads(shown.stdout)["owner"] == "alice"
    assert "bob" not in folder.ok("team", "list", account="alice").stdout


def test_the_last_leader_keeps_their_cases_when_refused(folder: Folder) -> None:
    case_id = _case_for_bob(folder)
    folder.ok("case", "assign", case_id, "alice", account="alice")
    refused = folder.run("team", "remove", "alice", "--reassign-to", "bob", account="alice")
    assert refused.exit_code == 2
    assert "alice is the only team leader" in refused.stderr
    shown = folder.ok("case", "show", case_id, "--json", account="alice")
    assert json.loads(shown.stdout)["owner"] == "alice"


def test_a_leavers_pending_refund_approval_stays_in_the_queue(folder: Folder) -> None:
    case_id = _case_for_bob(folder)
    checked = folder.ok(
        "refund", "check", "--case", case_id, "--purchased", "2026-02-20", "--price", "450",
        "--paid-by", "card", "--proof", "receipt", "--reason", "major-failure",
        "--failure-kind", "unsafe", "--json", account="bob",
    )  # fmt: skip
    refund_id = json.loads(checked.stdout)["refund_id"]
    assert json.loads(checked.stdout)["status"] == "pending"
    done = folder.ok("team", "remove", "bob", "--reassign-to", "alice", account="alice")
    assert "1 refund approval(s) they asked for stay in the approvals queue" in done.stdout
    assert refund_id in done.stdout
    queue = folder.ok("refund", "list", "--pending", "--json", account="alice")
    assert [r["id"] for r in json.loads(queue.stdout)] == [refund_id]
