"""The keys a screen offers, for the help list and the command palette."""

from __future__ import annotations

from textual.actions import parse
from textual.binding import Binding
from textual.screen import Screen


def screen_keys(screen: Screen[object]) -> list[Binding]:
    """The described bindings a screen declares, in declaration order.

    A binding whose action the screen's ``check_action`` turns off (returns False) is
    left out, as the footer leaves it out: an agent is not offered a team leader's keys.
    """
    return [
        b
        for b in screen.BINDINGS
        if isinstance(b, Binding) and b.description and offered(screen, b.action)
    ]


def offered(screen: Screen[object], action: str) -> bool:
    """Whether ``screen`` (or the app, for ``app.`` actions) allows ``action`` now."""
    namespace, name, parameters = parse(action)
    target = screen.app if namespace == "app" else screen
    return target.check_action(name, parameters) is not False


def key_label(binding: Binding) -> str:
    """How the key is written for people: ``ctrl+s``, ``? / f1``."""
    names = [k.strip() for k in binding.key.split(",")]
    nicer = {"question_mark": "?", "enter": "Enter", "escape": "Esc"}
    return " / ".join(nicer.get(name, name) for name in names)


ALWAYS = 0
"""The footer's rank for Quit and help: shown at every width."""
MAIN = 1
"""The rank of a screen's main actions: shown at every width the app supports."""
LESSER = 4
"""The rank of a key missing from :data:`FOOTER_RANKS`: among the first to drop."""

FOOTER_RANKS: dict[str, int] = {
    "app.help": ALWAYS,
    "app.quit": ALWAYS,
    "help.close": MAIN,
    # home
    "home.new": MAIN,
    "home.find": MAIN,
    "home.approvals": 2,
    "home.team": 2,
    "home.refund": 3,
    "home.roster": 3,
    "home.tips": 4,
    "home.skills": 4,
    "home.refresh": 5,
    # a case
    "case.complete": MAIN,
    "case.note": MAIN,
    "case.guidance": 2,
    "case.message": 2,
    "case.back": 3,
    "case.wait": 3,
    "case.refund": 3,
    "case.reopen": 3,
    "case.assign": 4,
    # a new case
    "new.save": MAIN,
    "new.back": MAIN,
    # the refund check and approvals
    "refund.choose": MAIN,
    "refund.yes": MAIN,
    "refund.no": MAIN,
    "refund.save": MAIN,
    "refund.back": MAIN,
    "refund.previous": 2,
    "refund.restart": 3,
    "refund.law": 3,
    "approvals.approve": MAIN,
    "approvals.decline": MAIN,
    "approvals.back": MAIN,
    "approvals.record": 2,
    "approvals.open": 2,
    # the team view, its trends and the roster
    "team.filter": MAIN,
    "team.back": MAIN,
    "team.overdue": 2,
    "team.approvals": 2,
    "team.reassign": 2,
    "team.trends": 3,
    "trends.back": MAIN,
    "trends.refresh": 2,
    "roster.add": MAIN,
    "roster.limit": MAIN,
    "roster.back": MAIN,
    # tips and the skills log
    "tips.back": MAIN,
    "skills.well": MAIN,
    "skills.adequate": MAIN,
    "skills.better": MAIN,
    "skills.na": MAIN,
    "skills.back": MAIN,
    "skills.complete": 2,
    "skills.plan": 2,
    "skills.log": 2,
    "skills.status": 3,
}
"""How much each key matters in the footer, by binding id: the lower, the longer it
stays as the footer narrows. A key declared ``show=False`` is in the footer only if it
is ranked here (F2 and F3 on a case are); every key is in ``?`` and the palette."""

SHORT_LABELS: dict[str, str] = {
    "home.find": "Caller",
    "home.refund": "Refund",
    "home.team": "Team",
    "home.skills": "Skills",
    "case.guidance": "Guide",
    "case.message": "Message",
    "case.refund": "Refund",
    "new.save": "Save",
    "refund.previous": "Prev",
    "refund.law": "AU/UK",
    "refund.restart": "Restart",
    "refund.save": "Record",
    "approvals.record": "Record",
    "approvals.open": "Open",
    "skills.plan": "Plan",
    "skills.log": "Learning",
    "team.reassign": "Assign",
}
"""The footer's label of a key, where the one in ``?`` and the palette is long."""


def footer_rank(binding: Binding) -> int:
    """Where ``binding`` stands in the footer's order of importance (0 first)."""
    return FOOTER_RANKS.get(binding.id or "", LESSER)


def in_footer(binding: Binding) -> bool:
    """Whether the footer may show ``binding``: shown, or ranked though not shown."""
    return bool(binding.description) and (binding.show or binding.id in FOOTER_RANKS)


def footer_label(binding: Binding) -> str:
    """The footer's short label of ``binding``."""
    return SHORT_LABELS.get(binding.id or "", binding.description)


def keys_that_fit(widths: list[int], ranks: list[int], room: int) -> set[int]:
    """The positions of the keys the footer shows in ``room`` columns.

    Keys are taken most important first (ties in the order given) until one does not
    fit: a lesser key never shows while a more important one is left out.
    """
    shown: set[int] = set()
    used = 0
    for position in sorted(range(len(widths)), key=lambda p: (ranks[p], p)):
        if used + widths[position] > room:
            break
        shown.add(position)
        used += widths[position]
    return shown
