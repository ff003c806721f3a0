"""Someone leaves the team: nothing of theirs is lost.

Their open cases go to a person a team leader names (else the removal is refused, listing
them); refund approvals they asked for stay in the queue for a team leader; their unsaved
drafts stay in the data folder, theirs again if they come back.
"""

from __future__ import annotations

from dataclasses import dataclass

from cstui.errors import InputError, NotFound
from cstui.models.team import Roster
from cstui.services.cases import CaseFilter, CaseService
from cstui.services.refunds import RefundService
from cstui.services.team import TeamService, keep_a_leader


@dataclass(frozen=True)
class Departure:
    """What happened to a leaver's work."""

    name: str
    reassigned: list[str]
    """Their open cases, now ``reassigned_to``'s."""
    reassigned_to: str | None
    pending_refunds: list[str]
    """Refund approvals they asked for, still waiting for a team leader."""

    def summary(self) -> str:
        """What happened, in one paragraph."""
        lines = [f"{self.name} is no longer on the team"]
        if self.reassigned:
            lines.append(
                f"{len(self.reassigned)} open case(s) now with {self.reassigned_to}: "
                + ", ".join(self.reassigned)
            )
        else:
            lines.append("they had no open cases")
        if self.pending_refunds:
            lines.append(
                f"{len(self.pending_refunds)} refund approval(s) they asked for stay in the "
                "approvals queue for a team leader: " + ", ".join(self.pending_refunds)
            )
        lines.append("any unsaved drafts of theirs stay in the data folder, kept for them")
        return "\n".join(lines)


def remove_member(
    team: TeamService,
    cases: CaseService,
    refunds: RefundService,
    name: str,
    reassign_to: str | None = None,
) -> Departure:
    """Take ``name`` off the roster (team leaders only), handing their open cases to
    ``reassign_to``; refused, listing the cases, if they have some and nobody is named.

    Everything is checked before anything changes."""
    team.require_leader("change the team roster")
    open_cases = [c.id for c in cases.find(CaseFilter(status="open", owner=name))]
    _check_hand_over(team.roster(), name, open_cases, reassign_to)
    for case_id in open_cases:
        cases.assign(case_id, reassign_to or "")
    team.remove(name)
    pending = [r.id for r in refunds.pending() if r.created_by == name]
    return Departure(name, open_cases, reassign_to if open_cases else None, pending)


def _check_hand_over(
    roster: Roster, name: str, open_cases: list[str], reassign_to: str | None
) -> None:
    """Refuse a removal that would lose cases, or the team's last leader."""
    if roster.get(name) is None:
        raise NotFound(f"{name} is not on the team roster")
    keep_a_leader(roster, name)
    if open_cases and reassign_to is None:
        raise InputError.single(
            "--reassign-to",
            f"{name} has {len(open_cases)} open case(s) ({', '.join(open_cases)}); "
            "name who takes them over",
        )
    if reassign_to is not None and (reassign_to == name or roster.get(reassign_to) is None):
        raise InputError.single("--reassign-to", "must name someone else on the roster")
