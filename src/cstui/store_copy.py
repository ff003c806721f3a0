"""Moving a whole centre between stores (``cstui store copy --from SRC --to DST``): a data
folder and a PostgreSQL server, either way round.

Everything moves: cases open and archived, refunds, calls kept, the roster, the policy and content
files, every person's skills log, the audit trail's events (in order, chained onto the
destination's own trail) and the counters. A destination that already holds other data
is refused, naming it; what it already holds of the source is skipped, so a copy cut
short is finished by running it again. Cases move a batch per transaction. The end
compares counts per kind and each case's hash (sha256 of its canonical JSON) on both sides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from cstui.config import STORE_SCHEMES, _store_url
from cstui.errors import InputError, StoreError
from cstui.models.case import Case
from cstui.models.contact import Contact
from cstui.models.refunds import RefundRecord
from cstui.models.team import Roster
from cstui.store.records import AuditEvent

BATCH = 1000
"""Cases per transaction."""
Tell = Callable[[str, int, int], None]
"""Told (what, done, total) as the copy goes on."""
SkillRow = tuple[str, str, int, dict[str, Any]]


class Centre(Protocol):
    """One side of a copy: a whole centre, read and written in bulk."""

    def case_batches(self, size: int) -> Iterator[list[Case]]: ...
    def case_hashes(self, digest: Callable[[Any], str]) -> dict[str, str]: ...
    def refunds(self) -> list[RefundRecord]: ...
    def contacts(self) -> list[Contact]: ...
    def roster(self) -> Roster | None: ...
    def files(self) -> dict[str, bytes]: ...
    def skills(self) -> list[SkillRow]: ...
    def audit(self) -> list[AuditEvent]: ...
    def counters(self) -> tuple[int, int]: ...
    def put_cases(self, cases: Sequence[Case]) -> None: ...
    def put_refunds(self, records: Sequence[RefundRecord]) -> None: ...
    def put_contacts(self, contacts: Sequence[Contact]) -> None: ...
    def put_roster(self, roster: Roster) -> None: ...
    def put_files(self, files: dict[str, bytes]) -> None: ...
    def put_skills(self, rows: Sequence[SkillRow]) -> None: ...
    def put_audit(self, events: Sequence[AuditEvent]) -> None: ...
    def put_counters(self, next_case: int, next_refund: int) -> None: ...
    def close(self) -> None: ...


def place(text: str, option: str) -> str:
    """``text`` as a copy's side: a ``postgresql://`` URL, or a data folder's path;
    InputError naming ``option`` otherwise."""
    text = text.strip()
    if text.startswith(STORE_SCHEMES):
        return _store_url(text, option)
    if not text or "://" in text or any(ord(c) < 32 for c in text):
        raise InputError.single(option, "must be a data folder or a postgresql:// URL")
    return text


def open_centre(where: str, actor: str, option: str) -> Centre:
    """The centre at ``where`` (see :func:`place`)."""
    if where.startswith(STORE_SCHEMES):
        from cstui.store.postgres.transfer import ServerCentre

        return ServerCentre(where)
    from cstui.store_copy_folder import FolderCentre

    folder = Path(where)
    if option == "--from" and not folder.is_dir():
        raise InputError.single(option, "names no data folder")
    if folder.exists() and not folder.is_dir():
        raise InputError.single(option, "is a file, not a data folder")
    return FolderCentre(folder, actor)


def _json_hash(value: Any) -> str:
    """sha256 of ``value``'s canonical JSON (keys sorted)."""
    return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).hexdigest()


def all_hashes(centre: Centre) -> dict[str, str]:
    """Each case's hash (of its JSON, keys sorted), by id."""
    return centre.case_hashes(_json_hash)


def digest_of(hashes: dict[str, str]) -> str:
    """One hash of every case's hash (ids in order)."""
    lines = "".join(f"{key} {hashes[key]}\n" for key in sorted(hashes))
    return hashlib.sha256(lines.encode()).hexdigest()


def _event_key(event: AuditEvent) -> tuple[str, str, str, tuple[str, ...]]:
    return (event.actor, event.record, event.action, tuple(event.fields))


@dataclass
class Copied:
    """What a copy found at its end, both sides counted."""

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per kind: (in the source, in the destination)."""
    source_digest: str = ""
    destination_digest: str = ""
    different: list[str] = field(default_factory=list)
    """Cases whose hashes differ between the sides (or are missing from one)."""

    @property
    def ok(self) -> bool:
        """Every count and every case hash match."""
        return not self.different and all(s == d for s, d in self.counts.values())

    def as_json(self) -> dict[str, Any]:
        """The figures, for ``--json``."""
        return {
            "ok": self.ok,
            "counts": {k: {"source": s, "destination": d} for k, (s, d) in self.counts.items()},
            "case_hashes": {
                "source": self.source_digest,
                "destination": self.destination_digest,
                "different": self.different,
            },
        }


class Copy:
    """One copy from ``source`` to ``destination``."""

    def __init__(self, source: Centre, destination: Centre, tell: Tell) -> None:
        self.source, self.destination, self.tell = source, destination, tell

    def refuse_other_data(self, hashes: dict[str, str], held: dict[str, str]) -> None:
        """StoreError naming what the destination holds that the source does not."""
        src, dst = self.source, self.destination
        other = [key for key, digest in held.items() if hashes.get(key) != digest]
        if other:
            raise StoreError(f"the destination already holds other data: case {other[0]}")
        theirs = {r.id: _json_hash(r.model_dump(mode="json")) for r in src.refunds()}
        for record in dst.refunds():
            if theirs.get(record.id) != _json_hash(record.model_dump(mode="json")):
                raise StoreError(f"the destination already holds other data: refund {record.id}")
        calls = {c.id: _json_hash(c.model_dump(mode="json")) for c in src.contacts()}
        for call in dst.contacts():
            if calls.get(call.id) != _json_hash(call.model_dump(mode="json")):
                raise StoreError(f"the destination already holds other data: call {call.id}")
        self._refuse_other_records()

    def _refuse_other_records(self) -> None:
        """StoreError naming a roster, file, skills log or audit trail the source lacks."""
        src, dst = self.source, self.destination
        roster = dst.roster()
        if roster is not None and roster != src.roster():
            raise StoreError("the destination already holds other data: a different roster")
        files = src.files()
        for name, raw in dst.files().items():
            if files.get(name) != raw:
                raise StoreError(f"the destination already holds other data: {name}")
        mine = {row[:3]: row[3] for row in src.skills()}
        for owner, kind, number, doc in dst.skills():
            if mine.get((owner, kind, number)) != doc:
                raise StoreError(
                    f"the destination already holds other data: {owner}'s skills log ({kind})"
                )
        events = [_event_key(e) for e in src.audit()]
        held_events = [_event_key(e) for e in dst.audit()]
        if held_events[: len(events)] != events[: len(held_events)]:
            raise StoreError("the destination already holds other data: its audit trail")

    def run(self) -> Copied:
        """Copy what the destination lacks, then compare both sides."""
        src, dst = self.source, self.destination
        hashes = all_hashes(src)
        held = all_hashes(dst)
        self.refuse_other_data(hashes, held)
        self._config_and_people()
        events = src.audit()
        chained = len(dst.audit())
        if chained < len(events):
            dst.put_audit(events[chained:])
        self._cases(hashes, held)
        have = {r.id for r in dst.refunds()}
        dst.put_refunds([r for r in src.refunds() if r.id not in have])
        kept = {c.id for c in dst.contacts()}
        calls = [c for c in src.contacts() if c.id not in kept]
        if calls:
            dst.put_contacts(calls)
        dst.put_counters(*src.counters())
        return self.compare(hashes, events)

    def _config_and_people(self) -> None:
        src, dst = self.source, self.destination
        files = dst.files()
        missing = {name: raw for name, raw in src.files().items() if name not in files}
        if missing:
            dst.put_files(missing)
        roster = src.roster()
        if roster is not None and dst.roster() is None:
            dst.put_roster(roster)
        have = {row[:3] for row in dst.skills()}
        rows = [row for row in src.skills() if row[:3] not in have]
        if rows:
            dst.put_skills(rows)

    def _cases(self, hashes: dict[str, str], held: dict[str, str]) -> None:
        done, total = len(held), len(hashes)
        self.tell("cases", done, total)
        for batch in self.source.case_batches(BATCH):
            wanted = [case for case in batch if case.id not in held]
            if wanted:
                self.destination.put_cases(wanted)
                done += len(wanted)
                self.tell("cases", done, total)

    def compare(self, hashes: dict[str, str], events: list[AuditEvent]) -> Copied:
        """Count both sides and compare every case's hash."""
        src, dst = self.source, self.destination
        landed = all_hashes(dst)
        different = sorted(
            k for k in hashes.keys() | landed.keys() if hashes.get(k) != landed.get(k)
        )
        audit = [_event_key(e) for e in dst.audit()][: len(events)]
        kept = len(events) if audit == [_event_key(e) for e in events] else len(audit) - 1
        return Copied(
            counts={
                "cases": (len(hashes), len(landed)),
                "refunds": (len(src.refunds()), len(dst.refunds())),
                "calls": (len(src.contacts()), len(dst.contacts())),
                "roster members": (_members(src.roster()), _members(dst.roster())),
                "policy and content files": (len(src.files()), len(dst.files())),
                "skills log entries": (len(src.skills()), len(dst.skills())),
                "audit events": (len(events), kept),
                "next case number": (src.counters()[0], dst.counters()[0]),
                "next refund number": (src.counters()[1], dst.counters()[1]),
            },
            source_digest=digest_of(hashes),
            destination_digest=digest_of(landed),
            different=different,
        )


def _members(roster: Roster | None) -> int:
    return 0 if roster is None else len(roster.members)


def copy_centre(source: str, destination: str, actor: str, tell: Tell) -> Copied:
    """Copy the centre at ``source`` to ``destination`` (see the module's notes)."""
    src = open_centre(place(source, "--from"), actor, "--from")
    if place(source, "--from") == place(destination, "--to"):
        raise InputError.single("--to", "must not be the same as --from")
    dst = open_centre(place(destination, "--to"), actor, "--to")
    try:
        return Copy(src, dst, tell).run()
    finally:
        src.close()
        dst.close()
