"""Sign-ins to the app in a browser, recorded in the store's audit trail.

Every sign-in, every refused one, every sign-out and every session ended for being idle
is one audit event: who (the name typed, once it can be a name), what happened and
where (``browser``); never a passphrase. The event's actor is the server's own identity,
the one that keeps the trail for these (on a PostgreSQL server, the role it signed in as).
"""

from __future__ import annotations

from cstui.store.ports import AuditEvent, AuditTrail

SIGNED_IN = "signed in"
REFUSED = "sign-in refused"
SIGNED_OUT = "signed out"
TIMED_OUT = "session timed out"
UNNAMED = "?"
"""Stands for a typed name that cannot be a person's name (it is not recorded)."""


class SignInLog:
    """Records browser sign-ins in the audit trail."""

    def __init__(self, audit: AuditTrail, actor: str, where: str = "browser") -> None:
        self.audit = audit
        self.actor = actor
        self.where = where

    def record(self, person: str, action: str) -> None:
        """Record ``action`` (one of this module's constants) for ``person``."""
        self.audit.append([AuditEvent(self.actor, f"sign-in:{person}", action, (self.where,))])

    def sign_ins(self) -> list[AuditEvent]:
        """Every browser sign-in event recorded, oldest first."""
        return [e for e in self.audit.events() if e.record.startswith("sign-in:")]
