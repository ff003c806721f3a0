"""Once, on upgrading to format 2: every stored phone number into E.164.

``0400 111 222``, ``0400111222`` and ``+61 400 111 222`` were kept as typed (digits);
from format 2 they are one number, ``+61400111222``. Open cases, their briefs and the
archive (its lookups moved with each case) are converted in one transaction. A number
that cannot be read as a phone number is kept exactly as it was: nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cstui.store.file.audit import CaseEvent
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.buffer import Buffer
from cstui.store.file.case_archive import BLOCK, CaseArchive, block_name
from cstui.store.file.hot import BRIEFS, CASES

Document = dict[str, Any]


def _converted(document: Document, region: str) -> Document | None:
    """``document`` with its phone in E.164, or None if nothing changes."""
    from cstui.models.phone import e164_or_same  # loads the phone metadata: upgrades only

    customer = document.get("customer")
    if not isinstance(customer, dict):
        return None
    phone = customer.get("phone")
    if not isinstance(phone, str) or not phone:
        return None
    number = e164_or_same(phone, region)
    if number == phone:
        return None
    return {**document, "customer": {**customer, "phone": number}}


def _audited(buffer: Buffer, record: str, locate: Callable[[], Document | None]) -> None:
    """Record the change in the audit trail (anchored), so ``store verify`` accepts it."""
    buffer.events.append(CaseEvent("cstui", record, "upgraded", ("customer",), locate=locate))


def _main_document(buffer: Buffer, region: str) -> int:
    cases, briefs = dict(buffer.data.get(CASES, {})), dict(buffer.data.get(BRIEFS, {}))
    changed = 0
    for key, document in list(cases.items()):
        new = _converted(document, region)
        if new is None:
            continue
        cases[key], changed = new, changed + 1
        _audited(buffer, str(new.get("id", key)), _in_main(buffer, key))
        if isinstance(briefs.get(key), dict):
            briefs[key] = {**briefs[key], "phone": new["customer"]["phone"]}
    if changed:
        buffer.data[CASES] = cases
        if BRIEFS in buffer.data:
            buffer.data[BRIEFS] = briefs
        buffer.dirty = True
    return changed


def _archive(buffer: Buffer, archive: CaseArchive, region: str) -> int:
    changed = 0
    for block in sorted(archive.summaries(buffer)):
        stored = buffer.part(block_name(block * BLOCK)).get("cases", {})
        for number, document in list(stored.items()):
            new = _converted(document, region)
            if new is not None:
                archive.put(buffer, int(number), new, document)
                changed += 1
                _audited(buffer, str(new.get("id", number)), _in_archive(buffer, int(number)))
    return changed


def _in_main(buffer: Buffer, key: str) -> Callable[[], Document | None]:
    """Finds open case ``key``'s document in the main document as the commit stores it."""

    def locate() -> Document | None:
        found: Document | None = buffer.data[CASES].get(key)
        return found

    return locate


def _in_archive(buffer: Buffer, number: int) -> Callable[[], Document | None]:
    """Finds case ``number``'s document in its archive block as the commit stores it."""

    def locate() -> Document | None:
        found: Document | None = buffer.part(block_name(number)).get("cases", {}).get(str(number))
        return found

    return locate


def phones_to_e164(backend: JSONFileBackend, archive: CaseArchive, region: str) -> list[str]:
    """Convert every stored phone number; a line saying how many, if any."""
    with backend.transaction() as buffer:
        changed = _main_document(buffer, region) + _archive(buffer, archive, region)
    if not changed:
        return []
    return [f"stored the phone numbers of {changed} cases in E.164, like +61400111222 (done once)"]
