"""The main document's tables, and what can be read from them without the models.

The main document (``cases.json``) holds the open cases (``cases``), one row of
counters and stamps (``meta``), the refund records (``refunds``) and a brief of each
open case (``briefs``, see :mod:`cstui.models.brief`), each table keyed by number.
"""

from __future__ import annotations

from typing import Any

from cstui.models.brief import CaseBrief

CASES = "cases"
META = "meta"
REFUNDS = "refunds"
"""Refund records (see :mod:`cstui.store.file.tinydb_refunds`)."""
META_ID = 1
BRIEFS = "briefs"
BRIEF_STAMP = "brief_stamp"
"""The key of the meta row naming the policy the stored briefs were worked out with."""
STORE_FORMAT = "store_format"
"""The key of the meta row naming the layout the store is in (see :mod:`.upgrades`)."""
JOURNAL_FORMAT = 3
"""The first layout whose saves may go to the main document's journal: a cstui that
writes an older one would not read the journal, so it refuses to write this one."""

Tables = dict[str, Any]


def meta_row(tables: Tables) -> dict[str, Any]:
    """The meta row (empty when there is none)."""
    row: dict[str, Any] = tables.get(META, {}).get(str(META_ID), {})
    return row


def store_format(tables: Tables) -> int:
    """The layout the main document says the store is in (0: from before formats)."""
    found = meta_row(tables).get(STORE_FORMAT, 0)
    return found if isinstance(found, int) else 0


def closed_in_main(tables: Tables) -> int:
    """How many closed cases the main document still holds (a store from before the
    archive)."""
    return sum(1 for doc in tables.get(CASES, {}).values() if doc.get("step") == "closed")


def briefs_current(tables: Tables, stamp: str) -> bool:
    """Whether every open case has a brief of its current version, worked out under
    the policy stamped ``stamp`` (checked without reading the briefs themselves)."""
    if meta_row(tables).get(BRIEF_STAMP) != stamp:
        return False
    briefs = tables.get(BRIEFS, {})
    for key, doc in tables.get(CASES, {}).items():
        if doc.get("step") == "closed":
            continue
        brief = briefs.get(key)
        if not isinstance(brief, dict) or brief.get("version") != doc.get("version"):
            return False
    return True


def stored_briefs(tables: Tables, stamp: str) -> list[CaseBrief] | None:
    """The briefs of every open case, oldest first, if all are stored, current and
    worked out under the policy stamped ``stamp``; otherwise None."""
    if not briefs_current(tables, stamp):
        return None
    hot = tables.get(CASES, {})
    briefs = tables.get(BRIEFS, {})
    try:
        return [
            CaseBrief.from_document(briefs[key])
            for key in sorted(hot, key=int)
            if hot[key].get("step") != "closed"
        ]
    except (KeyError, TypeError, ValueError):
        return None
