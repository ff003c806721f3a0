"""What the reliability tests run in child processes: writers, and a lock holder.

The children are started by a ``forkserver`` (see ``tests/reliability/conftest.py``) that
has already imported the store; each child imports this module by its full name (the
parent's ``sys.path`` has the project), so a writer is running a few milliseconds after
``start()``. A writer appends one whole line to an ``O_APPEND`` file for every write only
after the store call returned: those lines are the writes the user was told were saved.
Anything unexpected goes, with its traceback, to the ``errors`` file, and the child exits 3.
"""

from __future__ import annotations

import os
import random
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path

from cstui.domain import workflow
from cstui.errors import ConflictError
from cstui.models.case import Case, NewCase, case_number
from cstui.models.kinds import Step
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository

FORM = NewCase.model_validate(
    {
        "customer": {"name": "Jo Citizen", "phone": "0412 345 678"},
        "channel": "phone",
        "category": "Billing",
        "summary": "Charged twice for one order",
        "details": "Card statement shows two identical charges.",
    }
)
"""Every writer logs this complaint."""

PRELOAD = [
    "cstui.store.file.backend",
    "cstui.store.file.backups",
    "cstui.store.file.manifest",
    "cstui.store.file.tinydb_cases",
    "cstui.domain.workflow",
]
"""Modules the forkserver imports once, before it starts any child."""


def append_line(fd: int, line: str) -> None:
    """One whole line in one ``write`` on an ``O_APPEND`` file: never torn, never mixed."""
    os.write(fd, (line + "\n").encode())


def open_append(path: str) -> int:
    """An ``O_APPEND`` descriptor on ``path``."""
    return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)


def errors_of(path: Path) -> str:
    """What the children wrote to their errors file (empty when none failed)."""
    return path.read_text() if path.exists() else ""


def _guarded(errors: str, body: Callable[[], None]) -> None:
    try:
        body()
    except BaseException:
        append_line(open_append(errors), f"process {os.getpid()}: {traceback.format_exc()}")
        os._exit(3)


def log_case(repo: TinyDBCaseRepository, user: str) -> Case:
    """Create the standard case as ``user``."""
    return repo.create(lambda case_id: workflow.new_case(case_id, FORM, user, datetime.now(UTC)))


def crash_writer(store: str, acks: str, errors: str, seed: int, ready: Connection) -> None:
    """Create cases and add notes to random ones, forever (until the test kills it). One
    save in three also closes an open case (it moves into the archive) or reopens a closed
    one (it moves back).

    Ack lines: ``created C-000007 1`` and ``saved C-000003 4 <token> <open|closed>``, where
    the token is the text of the note that save added.
    """

    def run() -> None:
        rng = random.Random(seed)
        user = f"writer{os.getpid()}"
        backend = JSONFileBackend(Path(store), lock_timeout=30, label=user)
        repo = TinyDBCaseRepository(backend)
        ack = open_append(acks)
        ready.send_bytes(b"ready")
        ready.close()
        for n in range(1, 1_000_000):
            numbers = list(backend.snapshot().get("cases", {}))
            numbers += [str(case_number(c.id)) for c in repo.closed_cases()]
            if not numbers or rng.random() < 0.5:
                case = log_case(repo, user)
                append_line(ack, f"created {case.id} {case.version}")
                continue
            current = repo.get(f"C-{int(rng.choice(numbers)):06d}")
            token = f"note-{os.getpid()}-{n}"
            now = datetime.now(UTC)
            changed = workflow.add_note(current, token, user, now)
            if rng.random() < 1 / 3:  # into the archive, or out of it
                moved = {"step": Step.CLOSED, "closed_at": now} if current.is_open else None
                changed = changed.model_copy(
                    update=moved or {"step": Step.INVESTIGATE, "closed_at": None}
                )
            try:
                saved = repo.save(changed, current.version)
            except ConflictError:
                continue  # another writer saved it first: refused, nothing to acknowledge
            state = "open" if saved.is_open else "closed"
            append_line(ack, f"saved {saved.id} {saved.version} {token} {state}")

    _guarded(errors, run)


def bulk_writer(
    store: str, acks: str, errors: str, user: str, count: int, go: Event, ready: Connection
) -> None:
    """Wait for ``go``, then create ``count`` cases; ack line: ``<id> <nanoseconds>``."""

    def run() -> None:
        repo = TinyDBCaseRepository(JSONFileBackend(Path(store), lock_timeout=60, label=user))
        ack = open_append(acks)
        ready.send_bytes(b"ready")
        ready.close()
        go.wait(60)
        for _ in range(count):
            began = time.perf_counter_ns()
            case = log_case(repo, user)
            append_line(ack, f"{case.id} {time.perf_counter_ns() - began}")

    _guarded(errors, run)


def lock_holder(store: str, errors: str, label: str, ready: Connection) -> None:
    """Open a store transaction as ``label`` and keep it open until killed."""

    def run() -> None:
        backend = JSONFileBackend(Path(store), label=label)
        with backend.transaction():
            ready.send_bytes(b"locked")
            ready.close()
            time.sleep(600)

    _guarded(errors, run)


def restorer(store: str, errors: str, seed: int, ready: Connection) -> None:
    """Restore backups and restore points chosen at random, forever (until killed)."""

    def run() -> None:
        from tests.support.stores import REPORT_ROWS

        from cstui.store.file.admin import FileStoreAdmin

        rng = random.Random(seed)
        admin = FileStoreAdmin(JSONFileBackend(Path(store), lock_timeout=30), REPORT_ROWS)
        ready.send_bytes(b"ready")
        ready.close()
        while True:
            good = [b for b in admin.backups() if not admin.backend.backups.problem(b)]
            admin.restore(rng.choice(good).name, datetime.now(UTC))

    _guarded(errors, run)
