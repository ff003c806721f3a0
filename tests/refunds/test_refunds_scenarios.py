"""The scenario table: what is due, who chooses, how it goes back, approval and referral.

Every row runs through the engine (with the shipped policy), and through the command
line. The TUI runs the same rows in test_refunds_tui_checklist.py. Today is 2 March 2026.
bob is an agent with a refund limit of 100; alice is a team leader with 1000.
"""

from __future__ import annotations

import pytest
from tests.support.cli import Cli
from tests.support.refund_scenarios import LIMITS, RULE, SCENARIOS, S
from tests.support.refunds import TODAY

from cstui.domain.refunds.engine import decide
from cstui.models.policy import Policy


def test_the_table_is_large_and_covers_both_laws() -> None:
    assert len(SCENARIOS) >= 30
    assert {s.law for s in SCENARIOS} == {"au", "uk"}
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)


@pytest.mark.parametrize("s", SCENARIOS, ids=lambda s: s.name)
def test_engine(s: S, shipped: Policy) -> None:
    decision = decide(s.inputs(), shipped, s.agent, LIMITS[s.agent], TODAY)
    assert [r.value for r in decision.remedies] == s.remedies
    assert decision.chooser == s.chooser
    assert decision.refund_method == s.method
    assert decision.needs_approval is s.approval
    assert decision.refer_to_supervisor is s.refer
    assert decision.jurisdiction.value == s.law
    assert decision.reasons, "a decision always says why"
    for reason in decision.reasons:
        assert RULE.match(reason.rule), reason.rule
        assert reason.text.strip()
    rules = [r.rule for r in decision.reasons]
    for rule in s.cites:
        assert rule in rules, (rule, rules)
    assert (decision.undecided.value if decision.undecided else None) == s.undecided
    assert s.says in " ".join(r.text for r in decision.reasons)


@pytest.mark.parametrize("s", SCENARIOS, ids=lambda s: s.name)
def test_cli(s: S, cli: Cli) -> None:
    got = cli.json("refund", "check", *s.options(), user=s.agent)
    assert got["remedies"] == s.remedies
    assert got["chooser"] == s.chooser
    assert got["refund_method"] == s.method
    assert got["needs_approval"] is s.approval
    assert got["refer_to_supervisor"] is s.refer
    assert all(RULE.match(r["rule"]) and r["text"] for r in got["reasons"])
    assert {r for r in s.cites} <= {r["rule"] for r in got["reasons"]}
    assert got["refund_id"] is None  # no --case, no --save: nothing kept
    assert got["undecided"] == s.undecided


def test_every_new_option_in_both_laws() -> None:
    """Each input of the check appears in the table under each law that has rules for it."""
    both = ("supply", "life", "gift", "damaged", "visible", "unsolicited")
    uk_only = ("vehicle", "perishable", "made_to_order", "unsealed")
    for law, names in (("au", both), ("uk", both + uk_only)):
        rows = [s for s in SCENARIOS if s.law == law]
        for name in names:
            assert any(getattr(s, name) not in (None, False, "goods") for s in rows), (law, name)
        assert {s.supply for s in rows} == {"goods", "service", "digital-content"}, law
