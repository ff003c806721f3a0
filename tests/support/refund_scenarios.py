"""The refund scenario table: what is due, who chooses, how it goes back, approval, referral.

The engine, the command line and the TUI tests run every row. Today is 2 March 2026; bob
is an agent with a refund limit of 100; alice is a team leader with 1000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from tests.support.refunds import ago
from tests.support.workspaces import AGENT, LEADER

from cstui.models.refunds import CheckInputs

LIMITS = {AGENT: Decimal("100"), LEADER: Decimal("1000")}
RULE = re.compile(
    r"^(ACL (s\d|ss\d|proof of purchase)|CRA 2015 (s\d|ss\d|proof of purchase)|CCR 2013 reg \d"
    r"|policy refunds\.[a-z_.]+$|roster refund_limit$)"
)
"""What a reason's rule looks like: a section of the law, or a clause of the policy/roster."""

R, RP, CO = "refund", "replace", "compensation"
MAJOR = [R, RP, CO]
MINOR = ["repair", "replace", R]
UK_30 = [R, RP, "repair"]
UK_REPAIR = ["repair", RP]
UK_FINAL = [R, CO]
STORE = [R, "exchange", "voucher"]


@dataclass(frozen=True)
class S:
    """One scenario: the facts, then what the decision must be."""

    name: str
    law: str
    reason: str
    remedies: list[str]
    chooser: str | None
    method: str | None
    approval: bool = False
    refer: bool = False
    kind: str | None = None
    bought: int = 20
    """Days ago."""
    delivered: int | None = None
    price: str = "80"
    paid_by: str = "card"
    proof: str = "receipt"
    used: bool = False
    distance: bool = False
    failed: bool = False
    disputed: bool = False
    agent: str = AGENT
    cites: tuple[str, ...] = field(default=())
    """Rules that must be among the reasons."""
    supply: str = "goods"
    life: str | None = None
    """Expected life in years."""
    category: str | None = None
    gift: bool = False
    damaged: bool = False
    visible: bool = False
    unsolicited: bool = False
    vehicle: bool = False
    perishable: bool = False
    made_to_order: bool = False
    unsealed: bool = False
    undecided: str | None = None
    """Why no remedy is given yet (proof, person), when that is the answer."""
    says: str = ""
    """Words one of the reasons must contain."""

    FLAGS = (
        ("--used", "used"), ("--distance-sale", "distance"), ("--remedy-failed", "failed"),
        ("--disputed", "disputed"), ("--gift", "gift"), ("--damaged-after-delivery", "damaged"),
        ("--visible-on-examination", "visible"), ("--unsolicited", "unsolicited"),
        ("--vehicle", "vehicle"), ("--perishable", "perishable"),
        ("--made-to-order", "made_to_order"), ("--unsealed", "unsealed"),
    )  # fmt: skip

    def inputs(self) -> CheckInputs:
        return CheckInputs(
            purchased=ago(self.bought),
            delivered=ago(self.delivered) if self.delivered is not None else None,
            price=Decimal(self.price),
            paid_by=self.paid_by,
            proof=self.proof,
            reason=self.reason,
            failure_kind=self.kind,
            used=self.used,
            distance_sale=self.distance,
            remedy_failed=self.failed,
            disputed=self.disputed,
            jurisdiction=self.law,
            supply=self.supply,
            expected_life=self.life,
            category=self.category,
            gift=self.gift,
            damaged_after_delivery=self.damaged,
            visible_on_examination=self.visible,
            unsolicited=self.unsolicited,
            vehicle=self.vehicle,
            perishable=self.perishable,
            made_to_order=self.made_to_order,
            unsealed=self.unsealed,
        )

    def options(self) -> list[str]:
        args = [
            "--purchased", ago(self.bought).isoformat(), "--price", self.price,
            "--paid-by", self.paid_by, "--proof", self.proof, "--reason", self.reason,
            "--jurisdiction", self.law,
        ]  # fmt: skip
        if self.delivered is not None:
            args += ["--delivered", ago(self.delivered).isoformat()]
        if self.kind:
            args += ["--failure-kind", self.kind]
        if self.supply != "goods":
            args += ["--supply", self.supply]
        if self.life is not None:
            args += ["--expected-life", self.life]
        if self.category is not None:
            args += ["--category", self.category]
        args += [flag for flag, name in self.FLAGS if getattr(self, name)]
        return args


# fmt: off
SCENARIOS = [
    # -- Australia: major failures, each kind: the customer chooses -------------------
    S("au major unsafe, over bob's limit", "au", "major-failure", MAJOR, "customer", "card",
      approval=True, refer=True, kind="unsafe", price="450", cites=("ACL s260(e)", "ACL s259(3)")),
    S("au major different from description", "au", "major-failure", MAJOR, "customer", "cash",
      kind="different-from-description", paid_by="cash", cites=("ACL s260(b)",)),
    S("au major unfit for purpose, 200 days", "au", "major-failure", MAJOR, "customer", "card",
      kind="unfit-for-purpose", bought=200, proof="card-statement", cites=("ACL s260(c)-(d)",)),
    S("au major would not have bought", "au", "major-failure", MAJOR, "customer",
      "bank-transfer", kind="would-not-have-bought", paid_by="bank-transfer",
      proof="order-number", price="99.99", cites=("ACL s260(a)",)),
    S("au major, no proof at all: nothing due yet", "au", "major-failure", [], None, None,
      kind="unfit-for-purpose", proof="none", undecided="proof",
      cites=("ACL proof of purchase (ACCC)",), says="bank or card statement"),
    S("au major paid by gift card: back to the gift card", "au", "major-failure", MAJOR,
      "customer", "gift-card", kind="would-not-have-bought", paid_by="gift-card"),
    S("au major 1500 by alice: approval and referral", "au", "major-failure", MAJOR, "customer",
      "card", approval=True, refer=True, kind="unsafe", price="1500", agent=LEADER,
      cites=("roster refund_limit", "policy refunds.refer_over_amount")),
    # -- Australia: minor failures: the business chooses ------------------------------
    S("au minor", "au", "minor-failure", MINOR, "business", "card", bought=60, price="50",
      cites=("ACL s259(2)", "ACL s259(2)(b)")),
    S("au minor treated as major after refusal", "au", "minor-failure", MAJOR, "customer",
      "card", failed=True, bought=90, price="50", cites=("ACL s259(2)(b)",)),
    S("au minor disputed: refer", "au", "minor-failure", MINOR, "business", "card",
      refer=True, disputed=True, cites=("policy refunds.refer_on_disputed_failure",)),
    S("au minor, no proof at all: nothing due yet", "au", "minor-failure", [], None, None,
      proof="none", paid_by="cash", undecided="proof", says="order confirmation"),
    S("au minor 900 by alice: within her limit", "au", "minor-failure", MINOR, "business",
      "card", price="900", agent=LEADER),
    S("au wrong item, over bob's limit", "au", "wrong-item", [RP, R], "customer", "card",
      approval=True, bought=3, price="120", proof="order-number", cites=("ACL s56",)),
    S("au not as described", "au", "not-as-described", MINOR, "business", "cash", bought=3,
      price="40", paid_by="cash", cites=("ACL s56",)),
    # -- Australia: change of mind: the store's policy --------------------------------
    S("au change of mind inside window, unused, cash", "au", "change-of-mind", STORE,
      "customer", "cash", bought=10, paid_by="cash", cites=("policy refunds.change_of_mind",)),
    S("au change of mind outside window", "au", "change-of-mind", [], None, None, refer=True,
      bought=45, cites=("policy refunds.change_of_mind.window_days",
                        "policy refunds.refer_on_refusal")),
    S("au change of mind, used", "au", "change-of-mind", [], None, None, refer=True, bought=5,
      used=True, cites=("policy refunds.change_of_mind.unused_only",)),
    S("au change of mind, no proof", "au", "change-of-mind", [], None, None, refer=True,
      bought=5, proof="none", cites=("policy refunds.change_of_mind.proof_required",)),
    S("au change of mind, distance sale: no special right", "au", "change-of-mind", STORE,
      "customer", "card", bought=5, distance=True, cites=("ACL ss82-86",),
      says="changes nothing here"),
    S("au change of mind, over bob's limit", "au", "change-of-mind", STORE, "customer", "card",
      approval=True, bought=5, price="100.01"),
    # -- Australia: not covered --------------------------------------------------------
    S("au misuse", "au", "misuse", [], None, None, refer=True, cites=("ACL s54(6)",)),
    S("au fault pointed out before sale", "au", "disclosed-fault", [], None, None, refer=True,
      cites=("ACL s54(4)",)),
    # -- UK: faulty goods by time since delivery --------------------------------------
    S("uk minor fault within 30 days", "uk", "minor-failure", UK_30, "customer", "card",
      bought=10, cites=("CRA 2015 s22", "CRA 2015 s20(15)-(16)")),
    S("uk minor fault after 30 days: repair or replace", "uk", "minor-failure", UK_REPAIR,
      "customer", None, bought=45, cites=("CRA 2015 s23", "CRA 2015 s19(14)")),
    S("uk fault after a failed repair: refund, no deduction", "uk", "minor-failure", UK_FINAL,
      "customer", "card", bought=45, failed=True, cites=("CRA 2015 s24(5)", "CRA 2015 s24(10)")),
    S("uk failed repair after 6 months: deduction allowed", "uk", "minor-failure", UK_FINAL,
      "customer", "card", bought=300, failed=True, cites=("CRA 2015 s24(8)",)),
    S("uk major unsafe within 30 days: refer", "uk", "major-failure", UK_30, "customer",
      "card", refer=True, kind="unsafe", bought=20, cites=("CRA 2015 s9(3)(d)",)),
    S("uk wrong item after 30 days", "uk", "wrong-item", UK_REPAIR, "customer", None,
      bought=40, cites=("CRA 2015 s11",)),
    S("uk not as described within 30 days", "uk", "not-as-described", UK_30, "customer",
      "cash", bought=25, paid_by="cash"),
    S("uk bought 40 days ago, delivered 20 days ago", "uk", "minor-failure", UK_30,
      "customer", "card", bought=40, delivered=20),
    S("uk faulty paid by gift card", "uk", "minor-failure", UK_30, "customer", "gift-card",
      bought=10, paid_by="gift-card"),
    S("uk faulty over bob's limit", "uk", "minor-failure", UK_30, "customer", "card",
      approval=True, bought=10, price="250"),
    # -- UK: change of mind, distance sales --------------------------------------------
    S("uk distance sale within 14 days, used: refund only", "uk", "change-of-mind", [R],
      "customer", "card", bought=12, delivered=10, distance=True, used=True,
      cites=("CCR 2013 reg 29-30", "CCR 2013 reg 34(9)", "CCR 2013 reg 34")),
    S("uk distance sale within 14 days, unused", "uk", "change-of-mind", STORE, "customer",
      "card", bought=10, distance=True),
    S("uk distance sale after 14 days, inside store window", "uk", "change-of-mind", STORE,
      "customer", "card", bought=20, distance=True, cites=("CCR 2013 reg 30",)),
    S("uk distance sale after 40 days", "uk", "change-of-mind", [], None, None, refer=True,
      bought=40, distance=True),
    S("uk change of mind in a shop", "uk", "change-of-mind", STORE, "customer", "cash",
      bought=10, paid_by="cash", cites=("CRA 2015 ss9-17",)),
    S("uk misuse", "uk", "misuse", [], None, None, refer=True, cites=("CRA 2015 s9",)),
    S("uk fault pointed out before sale", "uk", "disclosed-fault", [], None, None, refer=True,
      cites=("CRA 2015 s9(4)(a)",)),
    # -- Australia: the guarantee's limits --------------------------------------------
    S("au 8-year-old 49 kettle past its expected life: a person decides", "au",
      "major-failure", [], None, None, refer=True, kind="unfit-for-purpose", bought=2922,
      price="49", life="5", undecided="person", cites=("ACL s262(2)",),
      says="Do not tell the customer nothing is due"),
    S("au kettle past the policy's life for small appliances", "au", "major-failure", [],
      None, None, refer=True, kind="unfit-for-purpose", bought=2922, price="49",
      category="small-appliance", undecided="person", cites=("ACL s262(2)",)),
    S("au major within its expected life", "au", "major-failure", MAJOR, "customer", "card",
      kind="unfit-for-purpose", bought=800, life="5"),
    S("au major, damaged after delivery: no rejection", "au", "major-failure", [CO],
      "customer", None, kind="unfit-for-purpose", damaged=True,
      cites=("ACL s262(1)(b)-(c)",)),
    S("au minor the examination ought to have revealed", "au", "minor-failure", [], None,
      None, refer=True, visible=True, cites=("ACL s54(7)",)),
    S("au examined, but not as described: still covered", "au", "major-failure", MAJOR,
      "customer", "card", kind="different-from-description", visible=True),
    S("au gift recipient is a consumer", "au", "major-failure", MAJOR, "customer", "card",
      kind="unsafe", refer=True, gift=True, cites=("ACL s266",)),
    S("au digital content is goods", "au", "major-failure", MAJOR, "customer", "card",
      kind="would-not-have-bought", supply="digital-content", cites=("ACL s2",)),
    # -- Australia: services ------------------------------------------------------------
    S("au service minor: the supplier remedies", "au", "minor-failure",
      ["repeat-performance"], "business", None, supply="service",
      cites=("ACL ss60-62", "ACL s267(2)")),
    S("au service minor not remedied: cancel or cost elsewhere", "au", "minor-failure",
      ["cancel", CO], "customer", "card", supply="service", failed=True,
      cites=("ACL s267(2)(b)",)),
    S("au service major: cancel or compensation", "au", "major-failure", ["cancel", CO],
      "customer", "card", kind="would-not-have-bought", supply="service",
      cites=("ACL s268", "ACL s267(3)", "ACL s269")),
    # -- Australia: unsolicited sales ---------------------------------------------------
    S("au unsolicited sale within 10 business days", "au", "change-of-mind",
      ["cancel", *STORE], "customer", "card", bought=10, unsolicited=True,
      cites=("ACL s82", "ACL s84")),
    S("au unsolicited sale after 10 business days", "au", "change-of-mind", STORE,
      "customer", "card", bought=20, unsolicited=True, cites=("ACL s82(3)",)),
    S("au unsolicited service, minor failure, within cooling-off", "au", "minor-failure",
      ["repeat-performance", "cancel"], "customer", "card", bought=3, supply="service",
      unsolicited=True, cites=("ACL s82", "ACL s267(2)")),
    # -- UK: the guarantee's limits -----------------------------------------------------
    S("uk kettle past its expected life: a person decides", "uk", "major-failure", [], None,
      None, refer=True, kind="unfit-for-purpose", bought=2922, price="49", life="5",
      undecided="person", cites=("CRA 2015 s9(3)(e)",)),
    S("uk no proof at all: nothing due yet", "uk", "minor-failure", [], None, None,
      proof="none", undecided="proof", cites=("CRA 2015 proof of purchase",)),
    S("uk damaged after delivery: a person decides", "uk", "minor-failure", [], None, None,
      refer=True, damaged=True, undecided="person", cites=("CRA 2015 s19(14)",)),
    S("uk minor the examination ought to have revealed", "uk", "minor-failure", [], None,
      None, refer=True, visible=True, cites=("CRA 2015 s9(4)(b)",)),
    S("uk gift: the buyer's rights", "uk", "minor-failure", UK_30, "customer", "card",
      bought=10, gift=True, cites=("CRA 2015 s2(3)",)),
    S("uk vehicle, failed repair within 6 months: deduction allowed", "uk", "minor-failure",
      UK_FINAL, "customer", "card", bought=45, failed=True, vehicle=True, price="90",
      cites=("CRA 2015 s24(10)",), says="motor vehicle"),
    S("uk perishable within its life: short-term right", "uk", "minor-failure", UK_30,
      "customer", "card", bought=2, perishable=True, life="0.02", cites=("CRA 2015 s22(4)",)),
    S("uk perishable past its life: the short-term right has ended", "uk", "minor-failure",
      [], None, None, refer=True, bought=10, perishable=True, life="0.02",
      undecided="person", cites=("CRA 2015 s22(4)",)),
    # -- UK: services and digital content -----------------------------------------------
    S("uk service: repeat performance", "uk", "minor-failure", ["repeat-performance"],
      "customer", None, supply="service", cites=("CRA 2015 ss49-52", "CRA 2015 s55")),
    S("uk service repeat failed: price reduction", "uk", "minor-failure",
      ["price-reduction"], "customer", "card", supply="service", failed=True,
      cites=("CRA 2015 s56",)),
    S("uk digital content: repair or replacement, no short-term reject", "uk",
      "minor-failure", ["repair", RP], "customer", None, bought=5, supply="digital-content",
      cites=("CRA 2015 ss34-36", "CRA 2015 s43")),
    S("uk digital content repair failed: price reduction", "uk", "major-failure",
      ["price-reduction"], "customer", "card", kind="unfit-for-purpose",
      supply="digital-content", failed=True, cites=("CRA 2015 s44", "CRA 2015 s45")),
    # -- UK: cancellation rights and their exceptions -----------------------------------
    S("uk made to order, bought online: no cancellation", "uk", "change-of-mind", STORE,
      "customer", "card", bought=5, distance=True, made_to_order=True,
      cites=("CCR 2013 reg 28",), says="specification"),
    S("uk unsealed hygiene goods, bought online, used: no cancellation", "uk",
      "change-of-mind", [], None, None, refer=True, bought=5, distance=True, used=True,
      unsealed=True, cites=("CCR 2013 reg 28",), says="unsealed"),
    S("uk perishable, bought online: no cancellation", "uk", "change-of-mind", STORE,
      "customer", "card", bought=3, distance=True, perishable=True,
      cites=("CCR 2013 reg 28",), says="deteriorate"),
    S("uk unsolicited (off-premises) sale within 14 days, used", "uk", "change-of-mind", [R],
      "customer", "card", bought=7, used=True, unsolicited=True,
      cites=("CCR 2013 reg 29-30",)),
    S("uk service bought by phone, cancelled within 14 days", "uk", "change-of-mind", STORE,
      "customer", "card", bought=6, distance=True, supply="service",
      cites=("CCR 2013 reg 29-30", "CCR 2013 reg 36")),
    S("uk digital content bought online within 14 days", "uk", "change-of-mind", STORE,
      "customer", "card", bought=6, distance=True, supply="digital-content",
      cites=("CCR 2013 reg 37",)),
]
# fmt: on
