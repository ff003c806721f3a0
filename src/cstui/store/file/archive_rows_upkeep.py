"""Keeping the report rows (:mod:`cstui.store.file.archive_rows`) whole: built once for a
store from before them, dropped when a restore puts back blocks without them, worked out
again in backups that lose personal data, and compared with their blocks by ``store
check``."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING

from cstui.errors import StoreError
from cstui.store.file.archive_rows import META, PREFIX, Document, ReportRows, rows_name
from cstui.store.file.backend import Backend, Tables
from cstui.store.query import ArchiveQuery

if TYPE_CHECKING:
    from cstui.store.file.case_archive import CaseArchive

BUILT = PREFIX + "built"
"""A part saying every block had rows of the current format when it was written, so a
start reads only that."""
BATCH = 20
"""Blocks whose rows are built per transaction at start (the lock is held for each)."""


def all_built(backend: Backend, rows: ReportRows) -> bool:
    """Whether every block had rows of the current format when last looked at."""
    try:
        return backend.part(BUILT).get(META) == rows.stamp()
    except StoreError:
        return False


def _missing(archive: CaseArchive, rows: ReportRows, blocks: list[str]) -> list[str]:
    """Those of ``blocks`` (oldest first) whose rows are missing; all of them if the
    newest one's are of another format (each is looked at again as it is built)."""
    have = set(archive.backend.part_names())
    try:
        newest = rows.current_rows(archive.backend.part(rows_name(blocks[-1])))
    except StoreError:
        newest = None
    if rows_name(blocks[-1]) in have and newest is None:
        return blocks
    return [block for block in blocks if rows_name(block) not in have]


def build_missing(archive: CaseArchive, rows: ReportRows) -> int:
    """Build the rows of every block that has none of the current format, ``BATCH``
    blocks per transaction, oldest first; return how many were built.

    Each transaction stores whole rows files, so a run cut short is finished by the next;
    a block another terminal gave rows meanwhile is left alone. Once all are there,
    :data:`BUILT` says so, and a start reads only that.
    """
    if all_built(archive.backend, rows):
        return 0
    blocks = [block for block, _ in archive.blocks(ArchiveQuery())]
    if not blocks:
        return 0
    from cstui.store.file.documents import bulk

    missing, built = _missing(archive, rows, blocks), 0
    with bulk():
        for first in range(0, len(missing), BATCH):
            with archive.backend.transaction() as buffer:
                for block in missing[first : first + BATCH]:
                    name = rows_name(block)
                    kept = buffer.part(name)
                    if rows.current_rows(kept) is not None:
                        continue
                    fresh = rows.rows_of(buffer.part(block))
                    kept.clear()
                    kept.update(fresh)
                    buffer.changed_part(name)
                    built += 1
    with archive.backend.transaction() as buffer:
        buffer.part(BUILT)[META] = rows.stamp()
        buffer.changed_part(BUILT)
    return built


def drop_unrestored(archive: CaseArchive, restored: Collection[str]) -> int:
    """After a restore put back the parts named in ``restored``: drop the rows of each
    restored block that were not restored with it (they say what a later block held); the
    next start builds them again. Return how many were dropped."""
    have = set(archive.backend.part_names())
    stale = [
        rows_name(block)
        for block, _ in archive.blocks(ArchiveQuery())
        if block in restored and rows_name(block) in have and rows_name(block) not in restored
    ]
    if stale:
        with archive.backend.transaction() as buffer:
            for name in [*stale, BUILT]:
                buffer.drop_part(name)
    return len(stale)


def rows_beside(rows: ReportRows) -> Callable[[str, Tables], tuple[str, Tables] | None]:
    """For a block part rewritten elsewhere (a backup's): its rows, to write beside it."""

    def beside(name: str, part: Tables) -> tuple[str, Tables] | None:
        if not isinstance(part.get("cases"), dict):
            return None
        return rows_name(name), rows.rows_of(part)

    return beside


def disagreements(
    parts: Mapping[str, Tables],
    rows: ReportRows,
    row_of: Callable[[Document], Document | None],
) -> list[str]:
    """A line for each rows part of the current format that does not say what its block
    does (``parts``: the archive's parts by name; ``row_of``: the row of a stored case
    document, worked out as it was validated, or None if it cannot be read)."""
    found = []
    for block, tables in sorted(parts.items()):
        kept = parts.get(rows_name(block)) if rows_name(block) != block else None
        table = rows.current_rows(kept) if kept is not None else None
        cases = tables.get("cases")
        if table is None or not isinstance(cases, dict):
            continue
        if {key: row_of(doc) for key, doc in cases.items()} != table:
            found.append(
                f"report rows {rows_name(block)} do not match the block {block}; "
                f"delete that file and {BUILT}: they are built again at the next start"
            )
    return found
