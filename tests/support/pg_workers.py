"""Client processes of the PostgreSQL concurrency and crash tests: each is a real process
signed in as one person's own database role, writing through the store's ports.

``python -m tests.support.pg_workers MODE URL FOLDER [ARGS]``:

- ``burst URL FOLDER GO COUNT``: says ``ready``, waits until the file ``GO`` exists, then
  logs ``COUNT`` cases, each with a refund check; prints ``case ID`` and ``refund ID``
  after each call returned, then ``done``.
- ``stream URL FOLDER SEED``: says ``ready``, then logs cases and adds notes to random
  ones until it is killed or the server goes away; prints ``created ID VERSION`` and
  ``saved ID VERSION TOKEN`` after each call returned (a save refused because another
  terminal got there first is not acknowledged).

Every line is flushed as it is printed: a printed line is a write the person was told
was saved. Anything unexpected ends the process with its traceback on stderr.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from cstui.content.toml_files import default_policy
from cstui.domain import workflow
from cstui.domain.brief import brief_of
from cstui.domain.refunds.engine import decide
from cstui.domain.refunds.records import new_record
from cstui.domain.reports import complaint_facts
from cstui.errors import ConflictError
from cstui.models.case import Case, NewCase
from cstui.models.refunds import CheckInputs, RefundRecord
from cstui.store.file.drafts import DraftFolder
from cstui.store.postgres import PostgresStores, open_postgres_store

FORM = NewCase.model_validate(
    {
        "customer": {"name": "Jo Citizen", "phone": "0412 345 678"},
        "channel": "phone",
        "category": "Billing",
        "summary": "Charged twice for one order",
    }
)
"""Every worker logs this complaint."""

CHECK = CheckInputs(
    purchased=date(2026, 2, 20),
    price=Decimal("45"),
    paid_by="card",
    proof="receipt",
    reason="minor-failure",
)
"""Every worker's refund check."""

POLICY = default_policy()


def say(line: str) -> None:
    """One acknowledged line, on its way out before the next call starts."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def open_as_person(url: str, folder: str) -> PostgresStores:
    """The store as the person ``url`` signs in as, drafts in ``folder``."""
    person_folder = Path(folder)
    person_folder.mkdir(parents=True, exist_ok=True)
    return open_postgres_store(
        url,
        brief_of=lambda case: brief_of(case, POLICY),
        facts_of=complaint_facts,
        drafts=DraftFolder(person_folder, "worker"),
    )


def log_case(stores: PostgresStores) -> Case:
    """Log the standard complaint as the signed-in person."""
    person = stores.person
    return stores.cases.create(
        lambda case_id: workflow.new_case(case_id, FORM, person, datetime.now(UTC))
    )


def check_refund(stores: PostgresStores, case_id: str) -> RefundRecord:
    """Keep a refund check of ``case_id`` as the signed-in person."""
    person = stores.person
    decision = decide(CHECK, POLICY, person, Decimal("100"), date(2026, 3, 2))
    return stores.refunds.create(
        lambda refund_id: new_record(refund_id, case_id, CHECK, decision, person, datetime.now(UTC))
    )


def burst(url: str, folder: str, go: str, count: str) -> None:
    """Wait for ``go``, then log ``count`` cases, each with a refund check."""
    stores = open_as_person(url, folder)
    say("ready")
    while not Path(go).exists():
        time.sleep(0.002)
    for _ in range(int(count)):
        case = log_case(stores)
        say(f"case {case.id}")
        say(f"refund {check_refund(stores, case.id).id}")
    say("done")


def stream(url: str, folder: str, seed: str) -> None:
    """Log cases and note random ones until killed."""
    rng = random.Random(int(seed))
    stores = open_as_person(url, folder)
    known: list[str] = []
    say("ready")
    for n in range(1, 1_000_000):
        if not known or rng.random() < 0.4:
            case = log_case(stores)
            known.append(case.id)
            say(f"created {case.id} {case.version}")
            continue
        current = stores.cases.get(rng.choice(known))
        token = f"note-{seed}-{n}"
        changed = workflow.add_note(current, token, stores.person, datetime.now(UTC))
        try:
            saved = stores.cases.save(changed, current.version)
        except ConflictError:
            continue
        say(f"saved {saved.id} {saved.version} {token}")


MODES: dict[str, Callable[..., None]] = {"burst": burst, "stream": stream}


if __name__ == "__main__":
    MODES[sys.argv[1]](*sys.argv[2:])
