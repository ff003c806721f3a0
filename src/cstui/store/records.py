"""The plain values the store ports speak in (beside the models): checks, verdicts, audit
events, drafts. Kept apart from the ports' interfaces so a store can use them without
loading every interface at start."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

Progress = Callable[[int, int], None]
"""Told (done, total) as long work goes on."""
Revision = Hashable
"""A token that is equal while a store's open cases and refunds are unchanged."""

__all__ = [
    "CHAIN_START",
    "AuditEvent",
    "Draft",
    "Health",
    "Progress",
    "Revision",
    "Verdict",
    "chain_digest",
    "verify_chain",
]


@dataclass(frozen=True)
class Health:
    """What a store's ``check`` found."""

    ok: bool
    store: Path
    cases: int
    problems: list[str]
    newest_backup: Path | None


@dataclass(frozen=True)
class Verdict:
    """What checking the audit trail found."""

    ok: bool
    entries: int
    problem: str = ""
    notes: tuple[str, ...] = ()
    """What is worth knowing but no damage (cases written before anchors)."""


@dataclass(frozen=True)
class AuditEvent:
    """One change: who made it, to which record, and which fields it touched (never the
    values, so no customer's personal data is copied into the trail)."""

    actor: str
    record: str
    action: str
    fields: tuple[str, ...] = ()
    at: datetime | None = None
    """When it was recorded (as read back from the trail; None when not known)."""


@dataclass(frozen=True)
class Draft:
    """What was typed into a form, and when it was last kept."""

    name: str
    saved_at: datetime
    values: dict[str, Any]


CHAIN_START = "0" * 64
"""What the first entry of a hash-chained audit trail is chained to."""


def chain_digest(previous: str, event: AuditEvent) -> str:
    """The hash of an audit entry chained to the one before (the in-memory and the
    PostgreSQL stores' trails; the file store's log has anchors of its own)."""
    text = "\x1f".join([previous, event.actor, event.record, event.action, *event.fields])
    return hashlib.sha256(text.encode()).hexdigest()


def verify_chain(entries: Sequence[tuple[AuditEvent, str]]) -> Verdict:
    """Walk (event, hash) pairs, oldest first: an entry changed in place no longer
    matches its hash."""
    previous = CHAIN_START
    for count, (event, digest) in enumerate(entries):
        if chain_digest(previous, event) != digest:
            return Verdict(False, count, f"entry {count + 1} was changed after writing")
        previous = digest
    return Verdict(True, len(entries))
