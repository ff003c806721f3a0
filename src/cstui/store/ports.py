"""The store's ports: every read and write the services make, as interfaces.

They speak in intents (open cases, a customer's history, closed cases of a period, save
this case if nobody else has) and in models, never in documents, files or queries, so
each store (the file store, the in-memory store, a database server) slots in behind
them without touching the services or the faces. What makes one store fast (blocks,
briefs, lookups, indexes) stays behind them. :class:`Stores` bundles one store's ports;
the composition root opens a store and hands the services what they use.

A store works out derived data (a brief, a report's facts) with functions the
composition root hands it; it never imports the rules itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from cstui.store.erasures import Erasure, ErasureJournal
from cstui.store.ports_calls import ChangeFeed, ContactStore
from cstui.store.query import ArchiveQuery, Document, stored_moment
from cstui.store.records import AuditEvent, Draft, Health, Progress, Revision, Verdict

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.case import Case
    from cstui.models.refund_decisions import Decisions
    from cstui.models.refunds import RefundRecord
    from cstui.models.report_facts import ComplaintFacts
    from cstui.models.roles import Role
    from cstui.models.skills import Action, Assessment, LearningEntry
    from cstui.models.team import Roster


__all__ = [
    "ArchiveQuery",
    "AuditEvent",
    "AuditTrail",
    "CaseStore",
    "ChangeFeed",
    "ContactStore",
    "Document",
    "Draft",
    "DraftStore",
    "Erasure",
    "ErasureJournal",
    "Health",
    "Progress",
    "RefundStore",
    "Revision",
    "RosterStore",
    "SkillsLog",
    "SkillsLogs",
    "StoreAdmin",
    "Stores",
    "Verdict",
    "stored_moment",
]


class CaseStore(Protocol):
    """Where cases live, open and closed."""

    def create(self, build: Callable[[str], Case]) -> Case:
        """Give ``build`` a fresh case id, store what it returns, and return that."""
        ...

    def create_many(
        self, builds: list[tuple[str | None, Callable[[str], Case]]], actor: str
    ) -> list[Case | None]:
        """Store many new cases at once (an import), all or none.

        Each item is (the id the case must keep, or None for the next number; build). An
        item whose id is already stored, or whose built case has an ``import_key``
        already stored, is skipped: None in its place in the result.
        """
        ...

    def get(self, case_id: str) -> Case:
        """The case with ``case_id``; raises NotFound."""
        ...

    def save(self, case: Case, expected_version: int) -> Case:
        """Store ``case`` if the stored one is still at ``expected_version``.

        Returns the case as stored (its version one higher). Raises ConflictError,
        naming who changed it and when, if someone saved in between; NotFound if there
        is no such case.
        """
        ...

    def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first."""
        ...

    def open_briefs(self) -> list[CaseBrief]:
        """Every case not closed in brief, oldest first, as the brief function the store
        was handed works them out under the policy in force."""
        ...

    def closed_cases(self, query: ArchiveQuery | None = None) -> list[Case]:
        """Closed cases (all, or those ``query`` wants), oldest first."""
        ...

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """Cases whose customer has this phone or this email (normalised), newest first."""
        ...

    def report_facts(
        self, query: ArchiveQuery | None = None, progress: Progress | None = None
    ) -> list[ComplaintFacts]:
        """The report facts of every case ``query`` wants, open or closed, in no set
        order; ``progress`` is told (cases read, cases to read) as they are read."""
        ...

    def revision(self) -> Revision:
        """A cheap token, equal while the open cases and refunds are unchanged."""
        ...


class RefundStore(Protocol):
    """Refund records, numbered like cases."""

    def create(self, build: Callable[[str], RefundRecord]) -> RefundRecord:
        """Give ``build`` a fresh refund id, store what it returns, and return that."""
        ...

    def get(self, refund_id: str) -> RefundRecord:
        """The record with ``refund_id``; raises NotFound."""
        ...

    def update(
        self, refund_id: str, actor: str, change: Callable[[RefundRecord], RefundRecord]
    ) -> RefundRecord:
        """Apply ``change`` to the record as stored, atomically; store and return it.

        ``change`` may raise to refuse; then nothing is written. ``actor`` is audited.
        """
        ...

    def pending(self) -> list[RefundRecord]:
        """Requests waiting for a team leader, oldest first."""
        ...

    def for_case(self, case_id: str) -> list[RefundRecord]:
        """The records linked to a case, oldest first."""
        ...

    def all(self) -> list[RefundRecord]:
        """Every record, oldest first."""
        ...

    def decisions(self, requester: str) -> Decisions:
        """How many of ``requester``'s requests a team leader approved and declined
        (read without the records' models where the store can: home shows it at start)."""
        ...


class SkillsLog(Protocol):
    """One person's assessments, actions and learning entries, private to them."""

    def draft(self) -> Assessment | None:
        """The assessment not completed yet, if there is one."""
        ...

    def update_draft(
        self, change: Callable[[Assessment | None, int], Assessment | None]
    ) -> Assessment | None:
        """Read the draft (or None) atomically and store what ``change`` makes of it.

        ``change`` gets the draft and the id a new one would take; returning None deletes
        the draft.
        """
        ...

    def add_assessment(self, build: Callable[[int], Assessment]) -> Assessment:
        """Store a new assessment built with the next id."""
        ...

    def assessments(self) -> list[Assessment]:
        """The completed assessments, oldest first."""
        ...

    def update_assessment(
        self, number: int, change: Callable[[Assessment], Assessment]
    ) -> Assessment:
        """Change one assessment atomically; NotFound if there is none."""
        ...

    def actions(self) -> list[Action]:
        """Every improvement action, oldest first."""
        ...

    def add_action(self, build: Callable[[int], Action]) -> Action:
        """Store a new action built with the next id."""
        ...

    def update_action(self, number: int, change: Callable[[Action], Action]) -> Action:
        """Change one action atomically; NotFound if there is none."""
        ...

    def learning(self) -> list[LearningEntry]:
        """Every learning log entry, in the order logged."""
        ...

    def add_learning(self, build: Callable[[int], LearningEntry]) -> LearningEntry:
        """Store a new learning log entry built with the next id."""
        ...


class SkillsLogs(Protocol):
    """Every person's skills log, each apart from the others."""

    def log(self, owner: str) -> SkillsLog:
        """``owner``'s log (nobody else's entries are in it); InputError if the name
        cannot name a log."""
        ...


class RosterStore(Protocol):
    """The team roster."""

    def exists(self) -> bool:
        """Whether there is a roster yet."""
        ...

    def roles(self) -> dict[str, Role]:
        """Who is on the roster, with their role (name -> role), without building the
        roster's models where the store can; ConfigError if it cannot be read."""
        ...

    def load(self) -> Roster:
        """The roster as stored; ConfigError names what is wrong if it cannot be read."""
        ...

    def write(self, roster: Roster) -> None:
        """Replace the roster."""
        ...

    def update(self, change: Callable[[Roster], Roster]) -> Roster:
        """Apply ``change`` to the roster as it is now, atomically; return the result.

        ``change`` may raise to refuse; then nothing is written.
        """
        ...


class DraftStore(Protocol):
    """One person's unsaved form text, kept so an interrupted session can offer it back."""

    def save(self, name: str, values: dict[str, Any], at: datetime) -> None:
        """Keep ``values`` for the form ``name`` (replacing any earlier draft)."""
        ...

    def load(self, name: str) -> Draft | None:
        """The draft of form ``name``, if one is kept and readable."""
        ...

    def names(self) -> list[str]:
        """The name of every kept draft (``new-case``, ``case/C-000012/investigate``),
        sorted."""
        ...

    def drop(self, name: str) -> None:
        """Forget the draft of form ``name``."""
        ...


class AuditTrail(Protocol):
    """An append-only, tamper-evident record of every change to the store."""

    def append(self, events: Sequence[AuditEvent]) -> None:
        """Record ``events`` (the store records its own changes itself)."""
        ...

    def events(self) -> list[AuditEvent]:
        """Every event recorded, oldest first."""
        ...

    def verify(self) -> Verdict:
        """Check the trail end to end: an edited, deleted, reordered or cut entry is found."""
        ...


class StoreAdmin(Protocol):
    """Looking after a store: check, back up, restore, verify, forget in backups."""

    @property
    def location(self) -> Path:
        """Where the store is."""
        ...

    def check(self) -> Health:
        """Read the whole store and every case in it; report what cannot be read."""
        ...

    def backup(self, at: datetime) -> Path:
        """Copy the store now (it must be readable); return the copy."""
        ...

    def backups(self) -> list[Path]:
        """Every backup, newest first."""
        ...

    def restore(self, name: str, at: datetime) -> Path | None:
        """Put the named backup in place of the store; return where the replaced store
        was kept, if it was."""
        ...

    def verify(self) -> Verdict:
        """Check the audit trail end to end (see :meth:`AuditTrail.verify`)."""
        ...

    def forget_in_backups(self, cases: Sequence[Case]) -> int:
        """Put ``cases`` as they are now (their personal data removed) into every backup
        that holds them; return how many files were rewritten."""
        ...

    def on_wait(self, tell: Callable[[str], None]) -> None:
        """Call ``tell(holder)`` when a write has to wait for another writer."""
        ...

    def erasures(self) -> ErasureJournal:
        """The journal of erasures under way (see :class:`ErasureJournal`)."""
        ...


class Stores(Protocol):
    """One store's ports, opened for one user (a store may build each on first use)."""

    @property
    def cases(self) -> CaseStore:
        """The cases."""
        ...

    @property
    def refunds(self) -> RefundStore:
        """The refund records."""
        ...

    @property
    def skills(self) -> SkillsLogs:
        """Each person's skills log."""
        ...

    @property
    def roster(self) -> RosterStore:
        """Who works here."""
        ...

    @property
    def drafts(self) -> DraftStore:
        """This person's unsaved forms."""
        ...

    @property
    def audit(self) -> AuditTrail:
        """The audit trail."""
        ...

    @property
    def contacts(self) -> ContactStore:
        """Every call from a customer."""
        ...

    @property
    def admin(self) -> StoreAdmin:
        """Check, backup, restore, verify, purge and erase."""
        ...

    @property
    def notes(self) -> tuple[str, ...]:
        """What opening the store did once (an upgrade of its layout), to tell the user."""
        ...

    @property
    def changes(self) -> ChangeFeed:
        """Changes made by other terminals, as they are committed."""
        ...
