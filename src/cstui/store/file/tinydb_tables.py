"""How the repositories hand TinyDB a transaction's documents, and change them safely.

A transaction starts from the document the backend already has in memory (a shallow
copy), so saving does not parse the file again. That is safe because TinyDB builds a
new table on every change and documents are only ever *replaced*, never changed in
place: :func:`replace` is used instead of TinyDB's ``upsert``/``update``, which would
change the shared document itself.
"""

from __future__ import annotations

from typing import Any

from tinydb.storages import Storage
from tinydb.table import Document, Table

from cstui.errors import StoreError
from cstui.store.file.backend import Buffer, Tables


class BufferStorage(Storage):
    """Hands TinyDB a transaction's buffer instead of a file."""

    def __init__(self, buffer: Buffer, writable: bool) -> None:
        self.buffer = buffer
        self.writable = writable

    def read(self) -> Tables:
        """The buffer's document."""
        return self.buffer.data

    def write(self, data: Tables) -> None:
        """Keep TinyDB's new document in the buffer (refused for reads)."""
        if not self.writable:
            raise StoreError("internal error: a read tried to write the store")
        self.buffer.data = data
        self.buffer.dirty = True


def replace(table: Table, doc_id: int, document: dict[str, Any]) -> None:
    """Store ``document`` under ``doc_id`` in place of any document there, without
    changing the old document object (others may still be reading it)."""
    if table.contains(doc_id=doc_id):
        table.remove(doc_ids=[doc_id])
    table.insert(Document(document, doc_id=doc_id))


def merge(table: Table, doc_id: int, fields: dict[str, Any]) -> None:
    """Set ``fields`` on the document ``doc_id`` (created if missing), keeping its others."""
    current = table.get(doc_id=doc_id)
    replace(table, doc_id, {**(dict(current) if isinstance(current, dict) else {}), **fields})
