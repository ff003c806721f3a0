"""Every call from a customer, in its own file: ``<data folder>/contacts/contacts.json``.

Written like the case store (the folder's lock, re-read, temp file, fsync, rename, an
audit line per change, a daily copy), in a folder of its own so a call being recorded
never waits for a case being saved. Ids are taken under the lock from the highest one
stored. Opened the first time a contact is asked for: a start that shows the open cases
never reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cstui.errors import NotFound, StoreCorruptError
from cstui.models.base import STORED
from cstui.models.contact import (
    Contact,
    contact_number,
    format_contact_id,
    in_period,
    newest_first,
)
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.files import ensure_app_folder, ensure_private_dir
from cstui.store.records import AuditEvent

CONTACTS_DIR = "contacts"
CONTACTS_FILE = "contacts.json"
TABLE = "contacts"


def contacts_path(data_dir: Path) -> Path:
    """Where the contacts file of ``data_dir`` lives."""
    return data_dir / CONTACTS_DIR / CONTACTS_FILE


class FileContactStore:
    """The contacts file: one table of contact documents keyed by their number."""

    def __init__(self, data_dir: Path, user: str, lock_timeout: float = 10.0) -> None:
        path = contacts_path(data_dir)
        ensure_private_dir(data_dir)
        ensure_app_folder(path.parent)
        self.backend = JSONFileBackend(path, lock_timeout=lock_timeout, label=user)

    def _rows(self) -> dict[str, Any]:
        rows: dict[str, Any] = self.backend.snapshot().get(TABLE, {})
        return rows

    @staticmethod
    def _model(doc: Any) -> Contact:
        try:
            return Contact.model_validate(doc, context=STORED)
        except ValidationError:
            raise StoreCorruptError(
                "a contact in contacts/contacts.json is not readable; the file may have "
                "been edited by hand"
            ) from None

    def _all(self) -> Iterator[Contact]:
        for key, doc in sorted(self._rows().items(), key=lambda item: int(item[0])):
            del key
            yield self._model(doc)

    def add(self, build: Callable[[str], Contact]) -> Contact:
        """Give ``build`` the next contact id under the lock and store what it returns."""
        with self.backend.transaction() as buffer:
            rows = buffer.data.setdefault(TABLE, {})
            number = max((int(key) for key in rows), default=0) + 1
            contact = build(format_contact_id(number))
            rows[str(number)] = contact.model_dump(mode="json")
            buffer.dirty = True
            buffer.events.append(AuditEvent(contact.agent, contact.id, "created"))
        return contact

    def get(self, contact_id: str) -> Contact:
        """The stored contact, or NotFound."""
        doc = self._rows().get(str(_number(contact_id)))
        if doc is None:
            raise NotFound(f"there is no contact {contact_id}")
        return self._model(doc)

    def update(self, contact_id: str, actor: str, change: Callable[[Contact], Contact]) -> Contact:
        """Apply ``change`` to the contact as stored, under the lock; store the result."""
        key = str(_number(contact_id))
        with self.backend.transaction() as buffer:
            rows = buffer.data.setdefault(TABLE, {})
            if key not in rows:
                raise NotFound(f"there is no contact {contact_id}")
            changed = change(self._model(rows[key]))
            rows[key] = changed.model_dump(mode="json")
            buffer.dirty = True
            buffer.events.append(AuditEvent(actor, changed.id, "updated"))
        return changed

    def by_number(self, number: str) -> list[Contact]:
        """The contacts from this number, newest first."""
        docs = [doc for doc in self._rows().values() if doc.get("number") == number]
        return newest_first([self._model(doc) for doc in docs])

    def for_case(self, case_id: str) -> list[Contact]:
        """The contacts linked to a case, newest first."""
        docs = [doc for doc in self._rows().values() if doc.get("case_id") == case_id]
        return newest_first([self._model(doc) for doc in docs])

    def between(self, since: datetime | None, before: datetime | None) -> list[Contact]:
        """The contacts in the period, oldest first."""
        found = [c for c in self._all() if in_period(c.at, since, before)]
        return sorted(found, key=lambda c: (c.at, contact_number(c.id)))


def forget_calls_in_copies(
    data_dir: Path, user: str, traces: Collection[str], case_ids: Collection[str]
) -> int:
    """Put every call from a number with one of ``traces`` (see
    :meth:`cstui.store.erasures.Erasure.trace`), or linked to one of ``case_ids``, into
    every daily copy of the contacts file as the file holds it now (the caller removed by
    then, before the erasure reaches the copies); return the files rewritten."""
    if not contacts_path(data_dir).exists():
        return 0
    from cstui.store.erasures import Erasure
    from cstui.store.file.backup_erasure import rewrite_every_copy

    store = FileContactStore(data_dir, user)
    live = store._rows()

    def erased(doc: Any) -> bool:
        if not isinstance(doc, dict):
            return False
        number = doc.get("number")
        traced = isinstance(number, str) and Erasure.trace("phone", number) in traces
        return traced or doc.get("case_id") in case_ids

    def forget(data: dict[str, Any]) -> bool:
        rows = data.get(TABLE)
        if not isinstance(rows, dict):
            return False
        stale = [key for key, doc in rows.items() if erased(doc) and doc != live.get(key)]
        for key in stale:
            if key in live:
                rows[key] = live[key]
            else:
                del rows[key]
        return bool(stale)

    return rewrite_every_copy(store.backend.backups, forget, lambda data: False)


def _number(contact_id: str) -> int:
    try:
        return contact_number(contact_id)
    except ValueError:
        raise NotFound(f"there is no contact {contact_id}") from None
