"""The file store's contacts file: its own folder, audited, crash-safe, and not read
when the store opens."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.support.clock import MONDAY_IN_MARCH
from tests.support.stores import file_stores

from cstui.content.toml_files import default_policy
from cstui.models.contact import Contact
from cstui.store.file.contacts import contacts_path


def _clock():
    return MONDAY_IN_MARCH


def test_contacts_live_in_a_file_of_their_own_opened_on_first_use(tmp_path: Path) -> None:
    stores = file_stores(tmp_path, default_policy(), _clock)
    assert not contacts_path(tmp_path).exists()
    contact = stores.contacts.add(
        lambda cid: Contact(id=cid, at=MONDAY_IN_MARCH, number="+61412345678", agent="bob")
    )
    path = contacts_path(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.glob("*.tmp-*")] == []
    again = file_stores(tmp_path, default_policy(), _clock)
    assert again.contacts.get(contact.id) == contact
    log = path.with_suffix(".audit.log").read_text()
    assert contact.id in log and "bob" in log and "+61412345678" not in log
