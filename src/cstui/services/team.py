"""The team roster as the faces use it: list, add and remove people, set passphrases.

Every change to the roster is recorded in the store's audit trail: who made it, when
(the trail's own clock), to whom, and what changed (never a passphrase).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from cstui.domain.passphrase import hash_passphrase, passphrase_matches
from cstui.errors import InputError, NotFound, PermissionDenied
from cstui.models.errors import input_error
from cstui.models.refunds import amount_text
from cstui.models.roles import Role
from cstui.models.team import Member, Roster
from cstui.store.ports import AuditEvent, AuditTrail, RosterStore

CENT = Decimal("0.01")
AMOUNT_CEILING = Decimal("10000000000")
"""Amounts are below this (twelve digits, two after the point, as the models keep them)."""
AUDITED_FIELDS = {"role": "role", "refund_limit": "limit"}
"""What a roster change records as changed, by member field: the names the options use."""


def parse_amount(text: str, field: str = "limit") -> Decimal:
    """A non-negative amount with at most two decimal places."""
    try:
        amount = Decimal(amount_text(text))
    except (ValueError, InvalidOperation, AttributeError) as exc:
        raise InputError.single(field, "must be an amount such as 250 or 1,099.50") from exc
    if amount < 0:
        raise InputError.single(field, "must be zero or more")
    if amount >= AMOUNT_CEILING:
        raise InputError.single(field, f"is too large (at most {AMOUNT_CEILING - CENT})")
    if amount != amount.quantize(CENT):
        raise InputError.single(field, "has more than two decimal places")
    return amount.copy_abs().quantize(CENT) if amount.is_zero() else amount.quantize(CENT)


class TeamService:
    """Reads the roster fresh each time, so a change in another terminal is seen at once."""

    def __init__(
        self, roster_file: RosterStore, user: str, audit: AuditTrail | None = None
    ) -> None:
        self.file = roster_file
        self.user = user
        self.audit = audit
        """Where roster changes are recorded (None: a roster with no store beside it)."""

    def roster(self) -> Roster:
        """Everyone on the team now."""
        return self.file.load()

    def require_leader(self, doing: str) -> None:
        """PermissionDenied unless this user leads the team."""
        if not self.roster().is_team_leader(self.user):
            raise PermissionDenied(f"only a team leader can {doing}; {self.user} is not one")

    def _record(self, name: str, action: str, fields: tuple[str, ...] = ()) -> None:
        """Audit a roster change to ``name`` made by this user."""
        if self.audit is not None:
            self.audit.append([AuditEvent(self.user, f"team:{name}", action, fields)])

    def add(self, name: str, role: str, limit: str) -> Member:
        """Add someone (or change their role and limit). Team leaders only."""
        self.require_leader("change the team roster")
        amount = parse_amount(limit)
        try:
            member = Member(name=name, role=Role(role), refund_limit=amount)
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                raise input_error(exc) from None
            raise InputError.single("role", "must be agent or team_leader") from None

        before: list[Member] = []

        def put(roster: Roster) -> Roster:
            if member.role is not Role.TEAM_LEADER:
                keep_a_leader(roster, member.name)
            before.extend(m for m in roster.members if m.name == member.name)
            kept = before[0].passphrase if before else None
            others = [m for m in roster.members if m.name != member.name]
            return Roster(members=[*others, member.model_copy(update={"passphrase": kept})])

        self.file.update(put)
        if not before:
            self._record(member.name, "team add", tuple(AUDITED_FIELDS.values()))
        else:
            changed = tuple(
                label
                for field, label in AUDITED_FIELDS.items()
                if getattr(before[0], field) != getattr(member, field)
            )
            self._record(member.name, "team change", changed)
        return member

    def remove(self, name: str) -> None:
        """Take someone off the roster. Team leaders only; the last leader stays."""
        self.require_leader("change the team roster")

        def drop(roster: Roster) -> Roster:
            if roster.get(name) is None:
                raise NotFound(f"{name} is not on the team roster")
            keep_a_leader(roster, name)
            return Roster(members=[m for m in roster.members if m.name != name])

        self.file.update(drop)
        self._record(name, "team remove")

    def set_passphrase(self, name: str | None, passphrase: str) -> str:
        """Keep a new passphrase for ``name`` (default: this user), as a salted hash.

        A person sets their own; a team leader may set anyone's. Returns whose was set.
        """
        whose = name or self.user
        if whose != self.user:
            self.require_leader(f"set {whose}'s passphrase")
        kept = hash_passphrase(passphrase)

        def put(roster: Roster) -> Roster:
            if roster.get(whose) is None:
                raise NotFound(f"{whose} is not on the team roster")
            return Roster(
                members=[
                    m.model_copy(update={"passphrase": kept}) if m.name == whose else m
                    for m in roster.members
                ]
            )

        self.file.update(put)
        self._record(whose, "team passphrase", ("passphrase",))
        return whose

    def passphrase_matches(self, name: str, passphrase: str) -> bool:
        """Whether ``passphrase`` is the one ``name`` set (False if off the roster or unset)."""
        member = self.roster().get(name)
        return member is not None and passphrase_matches(passphrase, member.passphrase)


def keep_a_leader(roster: Roster, name: str) -> None:
    """Refuse to take away ``name``'s leadership if nobody else would have it."""
    leaders = [m.name for m in roster.members if m.role is Role.TEAM_LEADER]
    if leaders == [name]:
        raise PermissionDenied(f"{name} is the only team leader; add another one first")
