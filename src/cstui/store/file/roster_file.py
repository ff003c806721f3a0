"""The team roster file (``team.toml``): read it, and rewrite it safely."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from cstui.store.file.files import atomic_write
from cstui.store.file.lock import FileLock

if TYPE_CHECKING:  # the models load only when the roster is read in full
    from cstui.models.roles import Role
    from cstui.models.team import Member, Roster

HEADER = """\
# cstui team roster. One [[members]] block per person.
#   name          the person's OS login name (or, on a shared account, the name they sign in with)
#   role          "agent" or "team_leader" (team leaders manage this roster and reassign cases)
#   refund_limit  the largest refund this person may give without approval
#   passphrase    where one OS account is shared: a salted hash (set with `cstui team passphrase`)
"""


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_amount(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"


def _block(member: Member) -> str:
    passphrase = member.passphrase
    return (
        "[[members]]\n"
        f"name = {_toml_string(member.name)}\n"
        f"role = {_toml_string(member.role.value)}\n"
        f"refund_limit = {_toml_amount(member.refund_limit)}\n"
        + (f"passphrase = {_toml_string(passphrase)}\n" if passphrase else "")
    )


def render_roster(roster: Roster) -> str:
    """The roster as TOML text, comments included."""
    blocks = [_block(m) for m in roster.members]
    return HEADER + "\n" + "\n".join(blocks)


class RosterFile:
    """``team.toml`` in the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = FileLock(path.with_name("cases.json.lock"))  # the folder's lock and note

    def exists(self) -> bool:
        """Whether the file is there."""
        return self.path.exists()

    def roles(self) -> dict[str, Role]:
        """Who is on the roster, with their role, as the file says (validated in full);
        ConfigError names key and reason if it cannot be read."""
        return {member.name: member.role for member in self.load().members}

    def load(self) -> Roster:
        """The roster as the file says it; ConfigError names key and reason if not."""
        from cstui.content.toml_files import load_model
        from cstui.models.team import Roster

        return load_model(self.path, Roster)

    def write(self, roster: Roster) -> None:
        """Replace the file with ``roster``."""
        atomic_write(self.path, render_roster(roster).encode("utf-8"))

    def update(self, change: Callable[[Roster], Roster]) -> Roster:
        """Apply ``change`` to the roster as it is now, under the lock; return the result.

        ``change`` may raise to refuse; then nothing is written.
        """
        with self.lock.hold():
            updated = change(self.load())
            self.write(updated)
        return updated
