"""The file store's layout, versioned: each one-time upgrade runs once, keyed by the
format stamped in the main document's meta row, never re-detected at every start.

A store stamped with a format newer than :data:`STORE_FORMAT` was upgraded by a newer
cstui: this one reads it but refuses to write to it (it would write the old shape into
the new layout), saying which format it would need.

Formats:

1. the archive's index and lookups split into small files (from one index and 32
   lookup files); closed cases moved out of the main document into the archive.
2. phone numbers stored in E.164 (``+61400111222``), however they were typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cstui.errors import StoreCorruptError, StoreError
from cstui.store.file.backend import ARCHIVE, JSONFileBackend, Tables
from cstui.store.file.hot import (
    JOURNAL_FORMAT,
    META,
    META_ID,
    STORE_FORMAT,
    closed_in_main,
    store_format,
)

if TYPE_CHECKING:  # what an upgrade needs loads only when there is one to do
    from cstui.store.file.archive_rows import ReportRows

STORE_FORMAT_VERSION = JOURNAL_FORMAT
"""The layout this cstui reads and writes (3: everyday saves go to a journal)."""


class StoreTooNewError(StoreError):
    """The store's layout is newer than this cstui writes."""


def guard(tables: Tables) -> None:
    """Given the main document at the start of a transaction: raise StoreTooNewError if it
    is in a newer format than this app's; stamp a new (empty) store with this app's
    format, written with the transaction's first change."""
    if not tables:
        tables[META] = {str(META_ID): {STORE_FORMAT: STORE_FORMAT_VERSION}}
        return
    found = store_format(tables)
    if found > STORE_FORMAT_VERSION:
        raise StoreTooNewError(
            f"this store was upgraded to format {found} by a newer cstui; this cstui writes "
            f"format {STORE_FORMAT_VERSION} and will not change it. Upgrade cstui to one "
            f"that writes format {found} (nothing was changed)"
        )


def _split_archive_index(backend: JSONFileBackend) -> list[str]:
    """Split an archive's one index and 32 lookup files into small ones."""
    from cstui.store.file.case_archive import CaseArchive

    archive = CaseArchive(backend)
    try:
        if not archive.in_first_layout():
            return []
    except StoreError:  # a damaged store is reported by the first read that needs it
        return []
    archive.split_first_layout()
    return [f"split the index and lookup files of {ARCHIVE}/ into smaller ones (done once)"]


def _archive_closed_cases(
    backend: JSONFileBackend, move: Callable[[], int], batch: int
) -> list[str]:
    """Move more closed cases than a batch out of the main document into the archive."""
    if closed_in_main(backend.snapshot()) <= batch:
        return []
    moved = move()
    name = backend.path.name
    return [f"moved {moved} closed cases into {ARCHIVE}/ beside {name} (done once)"]


def _stamp(backend: JSONFileBackend) -> None:
    """Record that the store is in this app's format."""
    with backend.transaction() as buffer:
        meta = dict(buffer.data.get(META, {}))
        meta[str(META_ID)] = {**meta.get(str(META_ID), {}), STORE_FORMAT: STORE_FORMAT_VERSION}
        buffer.data[META] = meta
        buffer.dirty = True


def _phones_to_e164(backend: JSONFileBackend, rows: ReportRows, region: str) -> list[str]:
    """Store every customer's phone number in E.164 (numbers that cannot be read stay)."""
    from cstui.store.file.case_archive import CaseArchive
    from cstui.store.file.phone_upgrade import phones_to_e164

    return phones_to_e164(backend, CaseArchive(backend, rows), region)


def upgrade(
    backend: JSONFileBackend,
    move_closed: Callable[[], int],
    batch: int,
    rows: ReportRows,
    phone_region: Callable[[], str] = lambda: "AU",
) -> list[str]:
    """Bring the store up to this app's format once, and its report rows up to date;
    return a line for each thing done (or a line saying the store is too new to write).

    A damaged or busy store is left as it is: the first read that needs it reports it,
    and the next start tries again. An upgrade that cannot write raises StoreError; it
    is done again, from where it stopped, at the next start.
    """
    try:
        found = store_format(backend.snapshot())
    except StoreError:
        return []
    if found > STORE_FORMAT_VERSION:
        return [
            f"this store is in format {found}, newer than this cstui writes "
            f"({STORE_FORMAT_VERSION}): it can be read but not changed until cstui is upgraded"
        ]
    notes: list[str] = []
    if found < STORE_FORMAT_VERSION:
        try:
            notes += _split_archive_index(backend)  # the layout first, then what goes in
            notes += _archive_closed_cases(backend, move_closed, batch)
            if found < 2:
                notes += _phones_to_e164(backend, rows, phone_region())
            if backend.path.exists():
                _stamp(backend)
        except StoreCorruptError:  # a file changed outside cstui: left for check and restore
            return notes
    from cstui.store.file import archive_rows_upkeep

    if archive_rows_upkeep.all_built(backend, rows):
        return notes
    from cstui.store.file.case_archive import CaseArchive

    try:
        built = archive_rows_upkeep.build_missing(CaseArchive(backend), rows)
    except StoreError:  # a damaged or busy store: reports read the blocks until next time
        return notes
    return [*notes, f"built report rows for {built} archive blocks (done once)"] if built else notes
