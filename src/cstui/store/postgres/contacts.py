"""Every call from a customer in PostgreSQL: the ``contacts`` table, numbered by the
``contact`` counter, found by the caller's number and by case through indexes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from cstui.errors import NotFound
from cstui.models.base import STORED
from cstui.models.contact import Contact, contact_number, format_contact_id
from cstui.store.postgres.connection import Database

_NEWEST_FIRST = "ORDER BY at DESC, number DESC"
_OLDEST_FIRST = "ORDER BY at, number"


def contact_values(contact: Contact) -> tuple[Any, ...]:
    """The columns of ``contact`` after its number: time, phone, case, document."""
    return (contact.at, contact.number, contact.case_id, Jsonb(contact.model_dump(mode="json")))


def _number(contact_id: str) -> int:
    try:
        return contact_number(contact_id)
    except ValueError:
        raise NotFound(f"there is no contact {contact_id}") from None


class PostgresContactStore:
    """The ``contacts`` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, build: Callable[[str], Contact]) -> Contact:
        """Give ``build`` the next contact id and store what it returns."""
        with self.db.transaction() as conn:
            number = self.db.take_number(conn, "contact")
            contact = build(format_contact_id(number))
            self.db.acting(conn, contact.agent)
            conn.execute(
                "INSERT INTO contacts VALUES (%s,%s,%s,%s,%s)", (number, *contact_values(contact))
            )
        return contact

    def get(self, contact_id: str) -> Contact:
        """The stored contact, or NotFound."""
        found = self._select("number = %s", [_number(contact_id)], _OLDEST_FIRST)
        if not found:
            raise NotFound(f"there is no contact {contact_id}")
        return found[0]

    def update(self, contact_id: str, actor: str, change: Callable[[Contact], Contact]) -> Contact:
        """Apply ``change`` to the contact as stored, holding its row; store the result."""
        number = _number(contact_id)
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT doc FROM contacts WHERE number = %s FOR UPDATE", (number,)
            ).fetchone()
            if row is None:
                raise NotFound(f"there is no contact {contact_id}")
            changed = change(Contact.model_validate(row[0], context=STORED))
            self.db.acting(conn, actor)
            conn.execute(
                "UPDATE contacts SET at=%s, phone=%s, case_id=%s, doc=%s WHERE number = %s",
                (*contact_values(changed), number),
            )
        return changed

    def _select(self, where: str, values: list[Any], order: str) -> list[Contact]:
        with self.db.reading() as conn:
            rows = conn.execute(f"SELECT doc FROM contacts WHERE {where} {order}", values)
            docs = rows.fetchall()
        return [Contact.model_validate(doc, context=STORED) for (doc,) in docs]

    def by_number(self, number: str) -> list[Contact]:
        """The contacts from this number, newest first."""
        return self._select("phone = %s", [number], _NEWEST_FIRST)

    def for_case(self, case_id: str) -> list[Contact]:
        """The contacts linked to a case, newest first."""
        return self._select("case_id = %s", [case_id], _NEWEST_FIRST)

    def between(self, since: datetime | None, before: datetime | None) -> list[Contact]:
        """The contacts in the period, oldest first."""
        return self._select(
            "(%s::timestamptz IS NULL OR at >= %s) AND (%s::timestamptz IS NULL OR at < %s)",
            [since, since, before, before],
            _OLDEST_FIRST,
        )
