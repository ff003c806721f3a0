"""The server's door: checks a sign-in, tells a team leader, and audits both.

The server opens the workspace as its own identity (the OS account it runs as; on a
PostgreSQL server, the role its store URL signs in as) to read the roster and keep the
audit trail. A person's passphrase is checked through the composition root, as the
terminal's sign-in does: the roster's salted hash, or on a PostgreSQL server the
person's own database role and password.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from cstui.config import Settings, check_user_name
from cstui.errors import InputError
from cstui.services.sign_ins import UNNAMED, SignInLog
from cstui.web.handover import Identity
from cstui.workspace import Workspace, open_workspace, signed_in


class Gate:
    """Checks and records sign-ins for the server (store work is one at a time)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = replace(settings, user=settings.user or settings.account, shared=False)
        self.workspace: Workspace = open_workspace(self.settings)
        self.log = SignInLog(self.workspace.stores.audit, self.settings.user)
        self._store = threading.Lock()

    @property
    def idle_seconds(self) -> float:
        """How long a browser session may stay idle (the policy's)."""
        return 60.0 * self.workspace.policy.identity.browser_idle_minutes

    def check(self, name: str, passphrase: str) -> Identity | None:
        """The identity ``passphrase`` signs ``name`` in as, else None (run in a thread:
        hashing is slow on purpose). A name that cannot be one is refused."""
        try:
            check_user_name(name, "name")
        except InputError:
            return None
        person = signed_in(replace(self.settings, user=name, shared=True), passphrase)
        return None if person is None else Identity.of(person)

    def is_team_leader(self, name: str) -> bool:
        """Whether ``name`` leads the team (the roster as it is now)."""
        with self._store:
            return self.workspace.team.roster().is_team_leader(name)

    def record(self, name: str, action: str) -> None:
        """Audit ``action`` for the typed ``name`` (``?`` if it cannot be a name)."""
        try:
            person = check_user_name(name, "name")
        except InputError:
            person = UNNAMED
        with self._store:
            self.log.record(person, action)

    def wall_identity(self) -> Identity:
        """The server's own identity, for an unattended wall board."""
        return replace(Identity.of(self.settings, wall=True), signed_in=False)
