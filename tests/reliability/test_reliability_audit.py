"""The audit trail: one entry per change, no personal data, and tampering is found."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
from tests.support.cli import Cli
from tests.support.clock import FixedClock
from tests.support.reliability.cli import NOW
from tests.support.reliability.workers import log_case

from cstui.config import Settings
from cstui.errors import StoreError
from cstui.models.case import Case
from cstui.store.file import audit
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.store.file.upgrades import guard
from cstui.workspace import first_run, open_workspace

UTC = ZoneInfo("UTC")

PERSONAL = {
    "name": "Zebedee Quartermaine",
    "phone": "0499 876 543",
    "email": "zeb.quartermaine@example.org",
    "summary": "Frobnicated invoice never arrived",
    "details": "Says the courier xyzzy left it at number 42",
    "remedy": "Plugh refund in full",
    "directed at": "Depot manager Thaddeus",
    "note": "Wilhelmina rang twice about it",
    "findings": "Courier scan shows gribbledy depot",
}
"""What the customer said or who they are: none of it may reach the audit log."""


def read_log(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_every_change_is_audited_without_personal_data(tmp_path, figures) -> None:
    data = tmp_path / "data"
    first_run(data, "alice")
    ws = open_workspace(
        Settings(data, "alice"), clock=FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    )
    ws.team.add("bob", "agent", "100")
    case = ws.cases.log(
        {
            "customer": {
                "name": PERSONAL["name"],
                "phone": PERSONAL["phone"],
                "email": PERSONAL["email"],
            },
            "channel": "phone",
            "category": "Billing",
            "summary": PERSONAL["summary"],
            "details": PERSONAL["details"],
            "remedy_sought": PERSONAL["remedy"],
            "directed_at": PERSONAL["directed at"],
        }
    )
    changes: list[tuple[str, Case]] = [("created", case)]
    for change in (
        lambda c: ws.cases.note(c.id, PERSONAL["note"], c.version),
        lambda c: ws.cases.advance(c.id, {"findings": PERSONAL["findings"]}, c.version),
        lambda c: ws.cases.wait(c.id, c.version),
        lambda c: ws.cases.resume(c.id, c.version),
        lambda c: ws.cases.assign(c.id, "bob", c.version),
    ):
        changes.append(("updated", change(changes[-1][1])))

    log_path = ws.settings.data_dir / "cases.audit.log"
    team_entry, *entries = read_log(log_path)  # bob joining the roster comes first
    assert (team_entry["actor"], team_entry["record"]) == ("alice", "team:bob")
    assert len(entries) == len(changes)
    case_fields = set(Case.model_fields)
    for entry, (action, after) in zip(entries, changes, strict=True):
        assert entry["actor"] == after.updated_by == "alice"
        assert datetime.fromisoformat(entry["at"]).tzinfo is not None
        assert entry["record"] == case.id
        assert entry["action"] == action
        assert entry["fields"] and set(entry["fields"]) <= case_fields
    assert entries[1]["fields"] and "notes" in entries[1]["fields"]
    assert "owner" in entries[-1]["fields"]

    raw = log_path.read_bytes() + log_path.with_name(log_path.name + ".head").read_bytes()
    needles = {**PERSONAL, "phone digits": PERSONAL["phone"].replace(" ", "")}
    words = {w for value in needles.values() for w in value.split() if len(w) > 4}
    found = sorted(v for v in [*needles.values(), *words] if v.lower().encode() in raw.lower())
    figures.add(
        f"audit trail: {len(entries)} entries for {len(changes)} changes, each with who, when, "
        f"record and fields; {len(found)} of {len(needles) + len(words)} personal values and "
        "words found in the log"
    )
    assert found == []


# -- tampering ------------------------------------------------------------------------


def _lines(log: Path) -> list[bytes]:
    return log.read_bytes().splitlines(keepends=True)


def _rehash(line: bytes, change: Callable[[dict[str, Any]], None]) -> bytes:
    entry = orjson.loads(line)
    change(entry)
    body = {k: v for k, v in entry.items() if k != "hash"}
    entry["hash"] = hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return orjson.dumps(entry) + b"\n"


def edited(log: Path) -> None:
    lines = _lines(log)
    lines[1] = lines[1].replace(b'"actor":"alice"', b'"actor":"mallory"')
    log.write_bytes(b"".join(lines))


def edited_and_rehashed(log: Path) -> None:
    lines = _lines(log)
    lines[1] = _rehash(lines[1], lambda e: e.update(actor="mallory"))
    log.write_bytes(b"".join(lines))


def last_edited_and_rehashed(log: Path) -> None:
    lines = _lines(log)
    lines[-1] = _rehash(lines[-1], lambda e: e.update(actor="mallory"))
    log.write_bytes(b"".join(lines))


def deleted(log: Path) -> None:
    lines = _lines(log)
    del lines[2]
    log.write_bytes(b"".join(lines))


def swapped(log: Path) -> None:
    lines = _lines(log)
    lines[1], lines[2] = lines[2], lines[1]
    log.write_bytes(b"".join(lines))


def cut_off(log: Path) -> None:
    log.write_bytes(b"".join(_lines(log)[:-2]))


def head_hash_changed(log: Path) -> None:
    head = log.with_name(log.name + ".head")
    data = orjson.loads(head.read_bytes())
    head.write_bytes(orjson.dumps({**data, "hash": "f" * 64}))


def head_count_raised(log: Path) -> None:
    head = log.with_name(log.name + ".head")
    data = orjson.loads(head.read_bytes())
    head.write_bytes(orjson.dumps({**data, "seq": data["seq"] + 1}))


def head_garbled(log: Path) -> None:
    log.with_name(log.name + ".head").write_bytes(b"{not json")


TAMPERING = [
    edited,
    edited_and_rehashed,
    last_edited_and_rehashed,
    deleted,
    swapped,
    cut_off,
    head_hash_changed,
    head_count_raised,
    head_garbled,
]


@pytest.fixture(scope="module")
def audited_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with six audited changes, made once for every tampering test."""
    data = tmp_path_factory.mktemp("audited") / "data"
    first_run(data, "alice")
    repo = TinyDBCaseRepository(JSONFileBackend(data / "cases.json", guard=guard))
    for _ in range(6):
        log_case(repo, "alice")
    return data


def test_verify_finds_every_tampering(audited_folder, tmp_path, figures) -> None:
    intact = Cli(audited_folder, now=NOW)("store", "verify")
    assert intact.exit_code == 0, intact.output
    assert intact.stdout == "audit log intact: 6 entries\n"
    missed: dict[str, str] = {}
    for tamper in TAMPERING:
        cli = Cli(tmp_path / tamper.__name__, now=NOW)
        shutil.copytree(audited_folder, cli.data_dir)
        tamper(cli.data_dir / "cases.audit.log")
        found = cli("store", "verify")
        report = json.loads(cli("store", "verify", "--json").stdout)
        if found.exit_code != 1 or not found.stdout.startswith("audit log DAMAGED"):
            missed[tamper.__name__] = found.output
        elif report["ok"] is not False or not report["problem"]:
            missed[tamper.__name__] = f"--json said {report}"
    names = ", ".join(t.__name__.replace("_", " ") for t in TAMPERING)
    figures.add(
        f"audit verify: exit 0 on the intact log; exit 1 on {len(TAMPERING) - len(missed)} "
        f"of {len(TAMPERING)} tamperings ({names})"
    )
    assert missed == {}


# -- known bugs -------------------------------------------------------------------------


class CrashBeforeHead(BaseException):
    """The process 'dies' here: nothing after this point runs (no except clause catches it)."""


def test_crash_between_log_and_head(tmp_path, monkeypatch) -> None:
    store = tmp_path / "cases.json"
    repo = TinyDBCaseRepository(JSONFileBackend(store))
    log_case(repo, "alice")

    def crash(*args: object) -> None:
        raise CrashBeforeHead

    with monkeypatch.context() as patch, pytest.raises(CrashBeforeHead):
        patch.setattr(audit, "atomic_write", crash)  # the log line is written, the head is not
        log_case(repo, "alice")
    backend = JSONFileBackend(store)  # the next terminal
    assert backend.audit.verify().ok  # entries past the head are accepted, as documented
    log_case(TinyDBCaseRepository(backend), "bob")
    verdict = backend.audit.verify()
    assert verdict.ok, verdict.problem
    assert verdict.entries == 3


def test_a_failed_audit_append_is_not_a_stored_change_reported_as_failed(
    tmp_path, monkeypatch
) -> None:
    store = tmp_path / "cases.json"
    repo = TinyDBCaseRepository(JSONFileBackend(store))
    log_case(repo, "alice")
    before = store.read_bytes()

    class FullDisk:
        def __getattr__(self, name: str) -> Any:
            if name == "write":

                def fail(*args: object) -> None:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

                return fail
            return getattr(os, name)

    with monkeypatch.context() as patch:
        patch.setattr(audit, "os", FullDisk())
        try:
            log_case(repo, "alice")
        except StoreError:
            # A StoreError promises "nothing was changed" (cstui.errors.StoreError).
            assert store.read_bytes() == before


def test_the_phone_upgrade_of_an_older_store_is_audited_and_verify_accepts_it(
    tmp_path: Path,
) -> None:
    """An older store (no format stamp, phones as typed) is upgraded once at the next
    start; each converted case gets its own anchored entry, so the trail stays intact."""
    data = tmp_path / "data"
    first_run(data, "alice")
    repo = TinyDBCaseRepository(JSONFileBackend(data / "cases.json"))  # as an older cstui
    for _ in range(3):
        log_case(repo, "alice")
    verified = Cli(data, now=NOW)("store", "verify")
    assert verified.exit_code == 0, verified.output
    assert "E.164" in verified.output
    assert "audit log intact: 6 entries" in verified.output  # 3 created, 3 upgraded
    entries = [orjson.loads(line) for line in (data / "cases.audit.log").read_bytes().splitlines()]
    assert [e["action"] for e in entries].count("upgraded") == 3
