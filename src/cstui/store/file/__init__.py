"""The embedded file store: JSON files in the data folder, shared by the terminals of
one host. :func:`open_file_store` is its one entry point; everything else in this
package (blocks, report rows, lookups, briefs, snapshots, backups, audit, upgrades,
locks, drafts, the roster file, the TinyDB repositories) stays behind the ports.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cstui.store.file.stores import ROSTER_FILE, FileStores

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.case import Case
    from cstui.models.report_facts import ComplaintFacts

CASES_FILE = "cases.json"
CLOSED_BATCH = 50
"""Closed cases wait in the main document until this many, then move to the archive
together (see :class:`cstui.store.file.tinydb_cases.TinyDBCaseRepository`)."""


def open_file_store(
    data_dir: Path,
    user: str,
    *,
    brief_of: Callable[[Case], CaseBrief],
    brief_stamp: Callable[[], str],
    facts_of: Callable[[Case], ComplaintFacts],
    facts_format: int,
    clock: Callable[[], datetime],
    lock_timeout: float = 10.0,
    closed_batch: int = CLOSED_BATCH,
    phone_region: Callable[[], str] = lambda: "AU",
) -> FileStores:
    """Open (and, once, upgrade) the file store in ``data_dir`` for ``user``.

    ``brief_of`` works out an open case's brief and ``brief_stamp`` names what it works
    them out under; ``facts_of`` works out a case's report facts, in ``facts_format``.
    The store keeps both beside the cases and works them out again when their stamp
    changes. Raises StoreError if the folder cannot be used.
    """
    from cstui.store.file.archive_rows import ReportRows
    from cstui.store.file.backend import JSONFileBackend
    from cstui.store.file.cases import FileCaseStore
    from cstui.store.file.files import ensure_private_dir
    from cstui.store.file.upgrades import guard, upgrade

    ensure_private_dir(data_dir)
    backend = JSONFileBackend(
        data_dir / CASES_FILE, lock_timeout=lock_timeout, label=user, guard=guard
    )
    rows = ReportRows(facts_of, facts_format)
    cases = FileCaseStore(backend, brief_of, brief_stamp, rows, closed_batch)
    notes = upgrade(
        backend,
        lambda: cases.repository.move_closed_to_archive(),
        closed_batch,
        rows,
        phone_region,
    )
    return FileStores(data_dir, user, backend, rows, cases, clock, lock_timeout, tuple(notes))


__all__ = ["CASES_FILE", "CLOSED_BATCH", "ROSTER_FILE", "FileStores", "open_file_store"]
