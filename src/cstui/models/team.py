"""The team roster: who works here, their role and their refund authority."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from cstui.models.base import Model
from cstui.models.roles import Role
from cstui.models.text import RequiredLine

_LOGIN_NAME = re.compile(r"[\w.@-]+")
_HASH = r"^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[0-9a-f]+\$[0-9a-f]+$"


def _login_name(value: str) -> str:
    if not _LOGIN_NAME.fullmatch(value):
        raise ValueError("may only contain letters, digits and . _ - @ (no spaces)")
    return value


class Member(Model):
    """One person on the roster."""

    name: Annotated[RequiredLine, AfterValidator(_login_name)] = Field(max_length=64)
    """The person's OS login name, or on a shared account the name they sign in with
    (letters, digits, . _ - @)."""
    role: Role = Role.AGENT
    refund_limit: Decimal = Field(default=Decimal("0"), ge=0, max_digits=12, decimal_places=2)
    """The largest refund this person may give without approval."""

    passphrase: str | None = Field(default=None, max_length=256, pattern=_HASH)
    """The salted scrypt hash of this person's passphrase, for a shared OS account (never
    the passphrase itself)."""

    @field_validator("refund_limit", mode="before")
    @classmethod
    def _from_number(cls, value: object) -> object:
        return str(value) if isinstance(value, float) else value


class Roster(Model):
    """Everyone on the team."""

    members: list[Member] = Field(default_factory=list)

    def get(self, name: str) -> Member | None:
        """The member called ``name``, if on the roster."""
        return next((m for m in self.members if m.name == name), None)

    def is_team_leader(self, name: str) -> bool:
        """Whether ``name`` is on the roster as a team leader."""
        member = self.get(name)
        return member is not None and member.role is Role.TEAM_LEADER

    def names(self) -> list[str]:
        """Everyone's name, in roster order."""
        return [m.name for m in self.members]


class Identity(Model):
    """Who the app takes the user to be (the ``[identity]`` table of policy.toml)."""

    shared_account: list[str] = Field(default_factory=list)
    """OS accounts several people share (a kiosk): there each person signs in with their
    own passphrase. Every other account is one person, who is the account."""
    browser_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    """Minutes without a key or a click after which a browser session (``cstui serve``)
    ends, with its app."""

    @field_validator("shared_account", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value
