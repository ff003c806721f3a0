"""Realistic case stores for the benchmarks, built through cstui's own services.

A store of N cases holds about 500 open cases (spread over the steps a case can wait at)
and N - 500 closed ones, logged over the four years before now, with case ids ascending
with the time each case was logged. 50 people are on the roster: ``bench`` (the team
leader, created by the first start) and 49 agents added through the team service.

How a store is made:

1. A few dozen *template* cases are worked through the real services in a scratch data
   folder (log, notes, waiting on the customer, reassignment, every step, reopening),
   on a clock that moves one minute per call.
2. Each stored case is a clone of one template (``model_copy``): new customer, texts,
   owner and timestamps. The template's moments are mapped in order onto a new timeline
   whose gaps follow what each event was (an Investigate takes hours, a Solve days, the
   follow-up a week), so that created < step records < closed always holds and every
   datetime is timezone-aware.
3. Clones are stored in batches with the repository's ``create_many``.

Stores are kept under ``WORK/stores/cases-SIZE`` and reused while the store code is the
same (a fingerprint of ``cstui/store``, ``cstui/models`` and ``cstui/workspace.py`` is
kept beside each store); ``--fresh`` rebuilds them.

Usage: python bench/generate.py [--sizes 1000,10000,100000] [--work DIR] [--fresh]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import corpus
from common import ACCOUNT, say

from cstui.config import Settings
from cstui.models.case import Case, HistoryEntry, Pause, StepRecord, format_case_id
from cstui.models.customer import Customer
from cstui.models.kinds import CustomerType, NotifyMethod, Severity, Step
from cstui.models.steps import DeclareData, FollowUpData, InvestigateData, NotifyData, SolveData
from cstui.workspace import Workspace, open_workspace

LEADER = ACCOUNT
"""The user every benchmark runs as (the OS account): the first on the roster, so the team
leader."""
USERS = 50
OPEN_CASES = 500
YEARS = 4
BATCH = 2_000
"""Cases per ``create_many`` transaction, at least; a tenth of the store if more."""
SEED = 20261130
DEFAULT_WORK = Path("/tmp/cstui-bench")
GENERATOR_VERSION = 2
"""Bumped when this file changes what it generates."""

OPEN_STEPS = (Step.INVESTIGATE, Step.DECLARE, Step.SOLVE, Step.NOTIFY, Step.FOLLOW_UP)
"""Where an open case can stand. Logging a case completes Receive and log at once, so no
case ever waits at Receive."""
OPEN_STEP_SHARE = {
    Step.INVESTIGATE: 0.30,
    Step.DECLARE: 0.12,
    Step.SOLVE: 0.26,
    Step.NOTIFY: 0.10,
    Step.FOLLOW_UP: 0.22,
}
CATEGORY_WEIGHT = {
    "Delivery": 22,
    "Product quality": 18,
    "Billing": 15,
    "Refund or exchange": 14,
    "Waiting time": 10,
    "Information": 8,
    "Staff conduct": 8,
    "Other": 5,
}
CHANNEL_WEIGHT = {"phone": 45, "email": 25, "web": 12, "in-person": 10, "letter": 3, "social": 5}
NOTIFY_BY_CHANNEL = {
    "phone": NotifyMethod.PHONE,
    "email": NotifyMethod.EMAIL,
    "web": NotifyMethod.EMAIL,
    "social": NotifyMethod.EMAIL,
    "letter": NotifyMethod.LETTER,
    "in-person": NotifyMethod.IN_PERSON,
}
HOUR = 3600.0
GAP_HOURS: dict[str, tuple[float, float, float, float]] = {
    # kind: (median hours, spread (lognormal sigma), shortest, longest)
    "adv-investigate": (4.0, 1.0, 0.2, 96.0),
    "adv-declare": (5.0, 0.8, 0.2, 60.0),
    "adv-solve": (40.0, 0.9, 1.0, 400.0),
    "adv-notify": (8.0, 0.9, 0.3, 120.0),
    "adv-follow-up": (168.0, 0.15, 100.0, 300.0),
    "note": (3.0, 1.2, 0.05, 72.0),
    "wait": (6.0, 1.0, 0.2, 72.0),
    "resume": (50.0, 0.8, 2.0, 400.0),
    "reopen": (240.0, 0.7, 24.0, 1500.0),
    "assign": (2.0, 1.0, 0.05, 48.0),
}
IDLE_HOURS = (20.0, 1.1, 0.2, 480.0)
"""How long an open case has sat since its last change."""


class Progress:
    """``label: done/total (pct), elapsed, time left``, redrawn in place on a terminal."""

    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = total
        self.started = time.perf_counter()
        self.tty = sys.stderr.isatty()
        self.shown = -1

    def __call__(self, done: int) -> None:
        """Show that ``done`` of ``total`` are done."""
        tenth = done * 10 // max(self.total, 1)
        if not self.tty and tenth == self.shown and done < self.total:
            return
        self.shown = tenth
        elapsed = time.perf_counter() - self.started
        left = elapsed / done * (self.total - done) if done else 0.0
        line = (
            f"{self.label}: {done:,}/{self.total:,} ({100 * done / max(self.total, 1):.0f}%), "
            f"{elapsed:.0f} s, about {left:.0f} s left"
        )
        end = "\n" if not self.tty or done >= self.total else ""
        print(("\r" if self.tty else "") + line + "\033[K" * self.tty, end=end, file=sys.stderr)
        sys.stderr.flush()


def agent_names() -> list[str]:
    """The 49 agents' login names."""
    names: list[str] = []
    for first in corpus.FIRST_NAMES:
        login = first.lower()
        if login not in names and login != LEADER:
            names.append(login)
        if len(names) == USERS - 1:
            break
    return names


def fingerprint() -> str:
    """What the stored files depend on: the store code, the models, the workspace."""
    import cstui

    root = Path(cstui.__file__).parent
    digest = hashlib.sha256(f"generator {GENERATOR_VERSION}".encode())
    files = [*root.glob("store/**/*.py"), *root.glob("models/**/*.py"), root / "workspace.py"]
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# -- templates, made through the services -------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """What happens to a template case."""

    final: Step
    """Where it ends: an open step, or closed."""
    notes: int = 0
    waiting: bool = False
    """Open and waiting on the customer now."""
    waited: bool = False
    """Waited on the customer once on the way."""
    assigned: bool = False
    """The team leader gave it to another agent on the way."""
    outcome: str = "satisfied"
    """Closed: satisfied, referral (to an outside body) or review (internal)."""
    reopened: bool = False
    """Closed, reopened, and closed again."""

    @property
    def weight(self) -> float:
        """How common a case of this shape is, among the open or the closed."""
        share = {0: 0.35, 1: 0.30, 2: 0.20, 3: 0.15}[self.notes]
        share *= 0.15 if self.assigned else 0.85
        if self.final is Step.CLOSED:
            share *= {"satisfied": 0.85, "referral": 0.08, "review": 0.07}[self.outcome]
            share *= 0.03 if self.reopened else 0.97
            share *= 0.2 if self.waited else 0.8
        else:
            share *= OPEN_STEP_SHARE[self.final]
            share *= 0.1 if self.waiting else 0.9
        return share


def shapes() -> list[Shape]:
    """The few dozen shapes the templates take."""
    out: list[Shape] = []
    for step in OPEN_STEPS:
        out += [
            Shape(step),
            Shape(step, notes=1),
            Shape(step, notes=2, assigned=True),
            Shape(step, notes=3),
            Shape(step, notes=1, waiting=True),
            Shape(step, notes=0, assigned=True, waiting=True),
        ]
    for notes in range(4):
        out += [
            Shape(Step.CLOSED, notes=notes),
            Shape(Step.CLOSED, notes=notes, waited=True),
            Shape(Step.CLOSED, notes=notes, assigned=True),
        ]
    out += [
        Shape(Step.CLOSED, notes=1, outcome="referral"),
        Shape(Step.CLOSED, notes=2, outcome="referral", waited=True, assigned=True),
        Shape(Step.CLOSED, notes=0, outcome="review"),
        Shape(Step.CLOSED, notes=3, outcome="review", waited=True),
        Shape(Step.CLOSED, notes=1, reopened=True),
        Shape(Step.CLOSED, notes=2, reopened=True, outcome="referral"),
    ]
    return out


@dataclass
class Template:
    """A case worked through the services, and the kind of each of its moments."""

    shape: Shape
    case: Case
    moments: list[datetime]
    """Every distinct moment of the case, in order (the first is its logging)."""
    kinds: list[str]
    """What happened at each moment (``adv-solve``, ``note``, ``wait``...)."""


class MinuteClock:
    """A clock that moves on one minute each time it is read."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        """The time now: one minute on from the last reading."""
        self.now += timedelta(minutes=1)
        return self.now


def step_fields(step: Step, shape: Shape, rng: random.Random, today: date) -> dict[str, Any]:
    """What the agent types to complete ``step``."""
    values = corpus.slots(rng, today)
    if step is Step.INVESTIGATE:
        return {"findings": corpus.findings(rng, values)}
    if step is Step.DECLARE:
        by = today + timedelta(days=7)
        return {"promise": corpus.promise(rng, "Jo", by), "by": by.isoformat()}
    if step is Step.SOLVE:
        return {"action": corpus.action(rng, values), "policy_clause": "Refunds 4.2"}
    if step is Step.NOTIFY:
        return {"method": "phone", "said": corpus.said(rng, "Jo", corpus.action(rng, values))}
    if shape.outcome == "referral":
        body, contact = corpus.REFERRALS[0]
        return {"satisfied": False, "referral_body": body, "referral_contact": contact}
    if shape.outcome == "review":
        return {"satisfied": False, "internal_review": True}
    return {"satisfied": True}


def new_case_fields(rng: random.Random, category: str, today: date) -> dict[str, Any]:
    """What is typed while the customer is on the line."""
    values = corpus.slots(rng, today)
    first, last = corpus.person(rng)
    remedy = corpus.pick(rng, corpus.REMEDIES)
    return {
        "customer": {"name": f"{first} {last}", "phone": corpus.phone(rng), "type": "public"},
        "channel": "phone",
        "category": category,
        "summary": corpus.summary(rng, category, values),
        "details": corpus.details(rng, category, values, remedy),
        "remedy_sought": remedy,
        "directed_at": "Dispatch team",
        "severity": "medium",
    }


def work_template(
    users: dict[str, Workspace], shape: Shape, rng: random.Random, category: str
) -> Case:
    """Log a case and work it, as ``tpl-a`` (then ``tpl-b`` if reassigned), to its shape."""
    leader, first, second = users[LEADER], users["tpl-a"], users["tpl-b"]
    today = first.cases.clock().date()
    case = first.cases.log(new_case_fields(rng, category, today))
    steps = list(
        OPEN_STEPS[: OPEN_STEPS.index(shape.final)] if shape.final in OPEN_STEPS else OPEN_STEPS
    )
    places = len(steps) + 1
    note_at = Counter(rng.randrange(places) for _ in range(shape.notes))
    wait_at = rng.randrange(len(steps)) if shape.waited and steps else -1
    assign_at = rng.randrange(len(steps) + 1) if shape.assigned else -1
    agent = first

    def notes_at(place: int) -> None:
        for _ in range(note_at[place]):
            agent.cases.note(case.id, corpus.note(rng, corpus.slots(rng, today)))

    rounds = 2 if shape.reopened else 1
    for round_ in range(rounds):
        for place, step in enumerate(steps):
            if place == assign_at and round_ == 0:
                leader.cases.assign(case.id, "tpl-b")
                agent = second
            if round_ == 0:
                notes_at(place)
            if place == wait_at and round_ == 0:
                agent.cases.wait(case.id)
                agent.cases.resume(case.id)
            last_round = round_ == rounds - 1
            outcome = shape if last_round else Shape(Step.CLOSED, outcome="satisfied")
            agent.cases.advance(case.id, step_fields(step, outcome, rng, today))
        if round_ < rounds - 1:
            agent.cases.reopen(case.id, "Customer called back: the replacement has the same fault")
    if assign_at == len(steps):
        leader.cases.assign(case.id, "tpl-b")
        agent = second
    notes_at(len(steps))
    if shape.waiting:
        agent.cases.wait(case.id)
    return agent.cases.get(case.id)


def moments_of(case: Case) -> tuple[list[datetime], list[str]]:
    """Every distinct moment of ``case`` in order, and what happened at each."""
    advanced = {r.at: f"adv-{r.step.value}" for r in case.records}
    kinds: dict[datetime, str] = {}
    named = {
        "created": "created",
        "note": "note",
        "waiting": "wait",
        "resumed": "resume",
        "reopened": "reopen",
        "assigned": "assign",
    }
    for entry in case.history:
        kind = advanced.get(entry.at) if entry.action == "advanced" else named[entry.action]
        kinds.setdefault(entry.at, kind or "note")
    moments = sorted(kinds)
    return moments, [kinds[m] for m in moments]


def make_templates(policy_categories: list[str]) -> list[Template]:
    """Work one case per shape through the services in a scratch data folder."""
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="cstui-templates-") as scratch:
        folder = Path(scratch) / "data"
        clock = MinuteClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
        users: dict[str, Workspace] = {LEADER: open_workspace(Settings(folder, LEADER), clock)}
        for name in ("tpl-a", "tpl-b"):
            users[LEADER].team.add(name, "agent", "200")
            users[name] = open_workspace(Settings(folder, name), clock)
        templates = []
        for shape in shapes():
            case = work_template(users, shape, rng, corpus.pick(rng, policy_categories))
            moments, kinds = moments_of(case)
            templates.append(Template(shape, case, moments, kinds))
    return templates


# -- plans: when each case was logged and what it went through ----------------------------


@dataclass(frozen=True)
class Plan:
    """One case to store: its template, timeline and the seed of its texts."""

    created: datetime
    template: int
    offsets: tuple[float, ...]
    """Seconds from logging to each of the template's moments."""
    seed: int
    customer: int


def lognormal_hours(rng: random.Random, spec: tuple[float, float, float, float]) -> float:
    """Hours drawn around a median, within bounds."""
    median, sigma, low, high = spec
    return min(max(rng.lognormvariate(math.log(median), sigma), low), high)


def offsets_for(template: Template, rng: random.Random) -> tuple[float, ...]:
    """A new timeline for the template's moments, as seconds after logging."""
    total, out = 0.0, [0.0]
    for kind in template.kinds[1:]:
        total += lognormal_hours(rng, GAP_HOURS.get(kind, GAP_HOURS["note"])) * HOUR
        out.append(total)
    return tuple(out)


def make_plans(size: int, templates: list[Template], now: datetime) -> list[Plan]:
    """``size`` plans, about 500 open, logged over the last four years, oldest first."""
    rng = random.Random(SEED + size)
    open_ids = [i for i, t in enumerate(templates) if t.shape.final is not Step.CLOSED]
    closed_ids = [i for i, t in enumerate(templates) if t.shape.final is Step.CLOSED]
    open_weights = [templates[i].shape.weight for i in open_ids]
    closed_weights = [templates[i].shape.weight for i in closed_ids]
    n_open = min(OPEN_CASES, size // 2)
    customers = max(int(size * 0.8), 10)
    start = now - timedelta(days=365.25 * YEARS)
    plans: list[Plan] = []
    for n in range(size):
        is_open = n < n_open
        choice = rng.choices(
            open_ids if is_open else closed_ids, open_weights if is_open else closed_weights
        )[0]
        offsets = offsets_for(templates[choice], rng)
        if is_open:
            idle = lognormal_hours(rng, IDLE_HOURS) * HOUR
            created = now - timedelta(seconds=offsets[-1] + idle)
        else:
            latest = (now - start).total_seconds() - offsets[-1] - 2 * HOUR
            created = start + timedelta(seconds=rng.uniform(0, max(latest, 0.0)))
        created = created.replace(microsecond=0)
        plans.append(Plan(created, choice, offsets, rng.getrandbits(48), rng.randrange(customers)))
    plans.sort(key=lambda p: p.created)
    return plans


# -- cloning ------------------------------------------------------------------------------


@dataclass
class People:
    """The roster's agents, with how busy each is."""

    agents: list[str]
    weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Give each agent a workload weight (the same every time)."""
        rng = random.Random(SEED)
        self.weights = [rng.uniform(0.5, 1.5) for _ in self.agents]

    def pick(self, rng: random.Random) -> str:
        """Someone to own a case (the team leader owns a few too)."""
        if rng.random() < 0.03:
            return LEADER
        return rng.choices(self.agents, self.weights)[0]


def customer_for(index: int) -> Customer:
    """The same customer for the same index: repeat customers come back."""
    rng = random.Random(index * 1_000_003 + SEED)
    kind = rng.choices(list(CustomerType), [60, 25, 10, 5])[0]
    first, last = corpus.person(rng)
    if kind is CustomerType.CORPORATE:
        name = f"{corpus.company(rng)} ({first} {last})"
    elif kind is CustomerType.COLLEAGUE:
        name = f"{first} {last} ({corpus.pick(rng, corpus.DEPARTMENTS)})"
    else:
        name = f"{first} {last}"
    contact = rng.random()
    phone = corpus.phone(rng) if contact < 0.92 else None
    email = corpus.email(rng, first, last) if contact > 0.6 else None
    return Customer(name=name, phone=phone, email=email, type=kind)


def first_name(customer: Customer) -> str:
    """How an agent would address the customer."""
    name = (
        customer.name.split(" (")[-1] if customer.type is CustomerType.CORPORATE else customer.name
    )
    return name.split()[0]


class Cloner:
    """Makes a stored case out of a plan: the template's shape, everything else new."""

    def __init__(
        self, templates: list[Template], people: People, categories: list[str], channels: list[str]
    ) -> None:
        self.templates = templates
        self.people = people
        self.categories = categories
        self.category_weights = [CATEGORY_WEIGHT.get(c, 5) for c in categories]
        self.channels = channels
        self.channel_weights = [CHANNEL_WEIGHT.get(c, 5) for c in channels]

    def build(self, plan: Plan, case_id: str) -> Case:
        """The case ``plan`` describes, with id ``case_id``."""
        rng = random.Random(plan.seed)
        template = self.templates[plan.template]
        base = template.case
        when = {
            m: plan.created + timedelta(seconds=s)
            for m, s in zip(template.moments, plan.offsets, strict=True)
        }
        first_owner = self.people.pick(rng)
        second_owner = self.people.pick(rng)
        while second_owner == first_owner:
            second_owner = self.people.pick(rng)
        who = {"tpl-a": first_owner, "tpl-b": second_owner, LEADER: LEADER}
        category = rng.choices(self.categories, self.category_weights)[0]
        channel = rng.choices(self.channels, self.channel_weights)[0]
        customer = customer_for(plan.customer)
        addressed = first_name(customer)
        values = corpus.slots(rng, plan.created.date())
        remedy = corpus.pick(rng, corpus.REMEDIES)
        decided = corpus.action(rng, values)
        method = NOTIFY_BY_CHANNEL.get(channel, NotifyMethod.PHONE)
        if rng.random() < 0.2:
            method = rng.choice(list(NotifyMethod))
        body, contact = corpus.REFERRALS[rng.randrange(len(corpus.REFERRALS))]

        def step_data(record: StepRecord) -> Any:
            data = record.data
            at = when[record.at]
            if isinstance(data, InvestigateData):
                return data.model_copy(update={"findings": corpus.findings(rng, values)})
            if isinstance(data, DeclareData):
                by = (at + timedelta(days=rng.randrange(3, 15))).date()
                return data.model_copy(
                    update={"promise": corpus.promise(rng, addressed, by), "by": by}
                )
            if isinstance(data, SolveData):
                clause = corpus.pick(rng, corpus.POLICY_CLAUSES)
                return data.model_copy(update={"action": decided, "policy_clause": clause})
            if isinstance(data, NotifyData):
                said = corpus.said(rng, addressed, decided)
                return data.model_copy(update={"method": method, "said": said, "when": at})
            if isinstance(data, FollowUpData) and data.referral_body:
                return data.model_copy(update={"referral_body": body, "referral_contact": contact})
            return data

        records = [
            r.model_copy(update={"actor": who[r.actor], "at": when[r.at], "data": step_data(r)})
            for r in base.records
        ]
        notes = [
            n.model_copy(
                update={"author": who[n.author], "at": when[n.at], "text": corpus.note(rng, values)}
            )
            for n in base.notes
        ]
        history = [self._entry(h, who, when) for h in base.history]
        pauses = [
            Pause(start=when[p.start], end=when[p.end] if p.end is not None else None)
            for p in base.pauses
        ]
        return base.model_copy(
            update={
                "id": case_id,
                "customer": customer,
                "channel": channel,
                "category": category,
                "summary": corpus.summary(rng, category, values),
                "details": corpus.details(rng, category, values, remedy),
                "remedy_sought": remedy,
                "directed_at": self._directed_at(rng, category, values),
                "severity": rng.choices(list(Severity), [30, 55, 15])[0],
                "created_at": when[base.created_at],
                "created_by": who[base.created_by],
                "updated_at": when[base.updated_at],
                "updated_by": who[base.updated_by],
                "owner": who[base.owner],
                "cycle_started_at": when[base.cycle_started_at],
                "records": records,
                "notes": notes,
                "history": history,
                "pauses": pauses,
                "closed_at": when[base.closed_at] if base.closed_at is not None else None,
            }
        )

    @staticmethod
    def _entry(
        entry: HistoryEntry, who: dict[str, str], when: dict[datetime, datetime]
    ) -> HistoryEntry:
        detail = entry.detail
        if entry.action == "assigned":
            detail = f"owner {who['tpl-a']} -> {who['tpl-b']}"
        return entry.model_copy(
            update={"actor": who[entry.actor], "at": when[entry.at], "detail": detail}
        )

    @staticmethod
    def _directed_at(rng: random.Random, category: str, values: dict[str, str]) -> str:
        options = {
            "Delivery": (f"Courier: {values['courier']}", "Dispatch team", "Warehouse"),
            "Billing": ("Billing team", "Payments", "Accounts receivable"),
            "Staff conduct": (f"{values['store']} store", "Call centre", "Delivery driver"),
            "Product quality": ("Supplier", f"{values['store']} store", "Repairs team"),
        }.get(category, ("Call centre", f"{values['store']} store", "Online store", ""))
        return corpus.pick(rng, options)


def check_case(case: Case) -> None:
    """Raise if the clone is not a valid, consistent case."""
    stored = Case.model_validate(case.model_dump(mode="json"))
    moments = [stored.created_at, *(r.at for r in stored.records)]
    if moments != sorted(moments):
        raise AssertionError(f"{case.id}: step records out of order")
    if stored.closed_at is not None and stored.closed_at != stored.records[-1].at:
        raise AssertionError(f"{case.id}: closed_at is not the last record")
    if any(m.tzinfo is None for m in moments):
        raise AssertionError(f"{case.id}: a naive datetime")


# -- stores -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreInfo:
    """A generated store and what is in it."""

    path: Path
    size: int
    open: int
    per_year: dict[int, int]
    fingerprint: str
    seconds: float
    """How long generating it took."""

    def to_json(self) -> dict[str, Any]:
        """For the marker file beside the store."""
        return {
            "size": self.size,
            "open": self.open,
            "per_year": {str(k): v for k, v in self.per_year.items()},
            "fingerprint": self.fingerprint,
            "seconds": self.seconds,
        }

    @classmethod
    def from_json(cls, path: Path, data: dict[str, Any]) -> StoreInfo:
        """Read back what :meth:`to_json` wrote."""
        return cls(
            path,
            int(data["size"]),
            int(data["open"]),
            {int(k): int(v) for k, v in data["per_year"].items()},
            str(data["fingerprint"]),
            float(data["seconds"]),
        )


def store_path(work: Path, size: int) -> Path:
    """The data folder of the store of ``size`` cases."""
    return work / "stores" / f"cases-{size}"


def marker_path(work: Path, size: int) -> Path:
    """The file saying the store of ``size`` cases is complete, and what is in it."""
    return work / "stores" / f"cases-{size}.json"


def cached(work: Path, size: int) -> StoreInfo | None:
    """The complete store of ``size`` cases made by the current store code, if any."""
    marker = marker_path(work, size)
    if not marker.exists() or not store_path(work, size).is_dir():
        return None
    info = StoreInfo.from_json(store_path(work, size), json.loads(marker.read_text()))
    if info.fingerprint != fingerprint():
        say(f"store of {size:,} cases was made by other store code; making it again")
        return None
    return info


def batches(items: list[Plan], size: int) -> Iterator[tuple[int, list[Plan]]]:
    """``(index of the first, chunk)`` for chunks of ``size``."""
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


def build_store(
    work: Path, size: int, batch: int | None = None, now: datetime | None = None
) -> StoreInfo:
    """Make the store of ``size`` cases from nothing (any old one is removed)."""
    batch = batch or max(BATCH, size // 10)
    started = time.perf_counter()
    folder = store_path(work, size)
    marker_path(work, size).unlink(missing_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    ws = open_workspace(Settings(folder, LEADER))
    agents = agent_names()
    for n, name in enumerate(agents):
        ws.team.add(name, "agent", "500" if n % 10 == 0 else "200")
    say(f"store of {size:,} cases: roster of {len(agents) + 1}; making templates")
    templates = make_templates(list(ws.policy.categories))
    cloner = Cloner(templates, People(agents), list(ws.policy.categories), list(ws.policy.channels))
    plans = make_plans(size, templates, now)
    repo = ws.cases.repo
    progress = Progress(f"store of {size:,} cases", size)
    progress(0)
    for start, chunk in batches(plans, batch):
        builds: list[tuple[str | None, Callable[[str], Case]]] = [
            (format_case_id(start + n + 1), partial(cloner.build, plan))
            for n, plan in enumerate(chunk)
        ]
        made = [case for case in repo.create_many(builds, LEADER) if case is not None]
        if len(made) != len(builds):
            raise RuntimeError(f"the store of {size} cases already held some of these ids")
        check_case(made[0])
        check_case(made[-1])
        progress(start + len(chunk))
    open_count = sum(
        1 for t in (templates[p.template] for p in plans) if t.shape.final is not Step.CLOSED
    )
    per_year = Counter(p.created.year for p in plans)
    info = StoreInfo(
        folder,
        size,
        open_count,
        dict(sorted(per_year.items())),
        fingerprint(),
        time.perf_counter() - started,
    )
    marker_path(work, size).write_text(json.dumps(info.to_json(), indent=2))
    return info


def ensure_store(work: Path, size: int, fresh: bool = False, batch: int | None = None) -> StoreInfo:
    """The store of ``size`` cases: the cached one, or a new one."""
    if not fresh and (info := cached(work, size)) is not None:
        say(f"store of {size:,} cases: reusing {info.path}")
        return info
    info = build_store(work, size, batch)
    say(f"store of {size:,} cases: made in {info.seconds:.0f} s ({info.open} open)")
    return info


def parse_sizes(text: str) -> list[int]:
    """``1000,10000`` (``k`` allowed: ``1k,10k``) as numbers."""
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        out.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    return out


def main() -> None:
    """Make (or reuse) the stores and say what is in them."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=parse_sizes, default=[1_000, 10_000, 100_000])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--fresh", action="store_true", help="make the stores again")
    parser.add_argument(
        "--batch", type=int, help=f"cases per create_many (default: {BATCH:,} or a tenth)"
    )
    args = parser.parse_args()
    for size in args.sizes:
        info = ensure_store(args.work, size, args.fresh, args.batch)
        print(json.dumps({"path": str(info.path), **info.to_json()}))


if __name__ == "__main__":
    main()
