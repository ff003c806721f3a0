"""The PostgreSQL store: a database server shared by terminals on many machines.
:func:`open_postgres_store` is its one entry point; the tables stay behind the ports.

Each port is built the first time it is used (as the file store's are), so a start that
only lists the open cases imports only what listing them needs. An everyday start reads
what it needs in one round trip without psycopg (:mod:`.start_read`); psycopg connects
when a port first needs more.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cstui.store.postgres.connection import Database, connect
from cstui.store.postgres.start_read import Once, StartRead, read_at_start

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.case import Case
    from cstui.models.report_facts import ComplaintFacts
    from cstui.models.roles import Role
    from cstui.store.ports import DraftStore
    from cstui.store.postgres.admin import PostgresStoreAdmin
    from cstui.store.postgres.cases import PostgresCaseStore
    from cstui.store.postgres.config_files import PostgresConfigFiles
    from cstui.store.postgres.connection import Connection
    from cstui.store.postgres.contacts import PostgresContactStore
    from cstui.store.postgres.live import ServerChanges
    from cstui.store.postgres.records import PostgresAuditTrail, PostgresRefundStore, PostgresRoster
    from cstui.store.postgres.skills import PostgresSkillsLogs


class PostgresStores:
    """The PostgreSQL store's ports (see :class:`cstui.store.ports.Stores`), each built
    on first use; drafts stay in the person's own data folder."""

    def __init__(
        self,
        db: Database,
        url: str,
        open_connection: Callable[[], Connection],
        rules: _Rules,
        drafts: DraftStore,
        person: str,
        started: StartRead | None = None,
    ) -> None:
        self.db = db
        self.url = url
        self.open_connection = open_connection
        self.rules = rules
        self.drafts = drafts
        self.person = person
        """The database role this terminal signed in as: who is using the app."""
        self.notes: tuple[str, ...] = ()
        self.started = started
        """What the start read found, for each port's first answer (None: none made)."""

    @cached_property
    def cases(self) -> PostgresCaseStore:
        """The ``cases`` table, with the briefs and report facts kept per case version."""
        from cstui.store.postgres.cases import PostgresCaseStore

        rules = self.rules
        kept = Once(self.started.briefs if self.started else None)
        return PostgresCaseStore(self.db, rules.brief_of, rules.facts_of, rules.brief_stamp, kept)

    @cached_property
    def refunds(self) -> PostgresRefundStore:
        """The ``refunds`` table."""
        from cstui.models.refund_decisions import Decisions
        from cstui.store.postgres.records import PostgresRefundStore

        started = self.started
        decided = (started.person, Decisions(*started.decided)) if started else None
        return PostgresRefundStore(self.db, Once(decided))

    @cached_property
    def skills(self) -> PostgresSkillsLogs:
        """Each person's skills log, kept apart by row-level security."""
        from cstui.store.postgres.skills import PostgresSkillsLogs

        return PostgresSkillsLogs(self.db)

    @cached_property
    def roster(self) -> PostgresRoster:
        """The roster row."""
        from cstui.store.postgres.records import PostgresRoster

        return PostgresRoster(self.db, Once(self._roles()))

    @cached_property
    def audit(self) -> PostgresAuditTrail:
        """The ``audit`` table, written by the server."""
        from cstui.store.postgres.records import PostgresAuditTrail

        return PostgresAuditTrail(self.db)

    @cached_property
    def admin(self) -> PostgresStoreAdmin:
        """Checks and the audit trail; backups are the administrator's."""
        from cstui.store.postgres.admin import PostgresStoreAdmin

        return PostgresStoreAdmin(
            self.db, where(self.url), self.audit, none_unfinished=self.started is not None
        )

    @cached_property
    def contacts(self) -> PostgresContactStore:
        """The ``contacts`` table."""
        from cstui.store.postgres.contacts import PostgresContactStore

        return PostgresContactStore(self.db)

    @cached_property
    def changes(self) -> ServerChanges:
        """Other terminals' changes, heard as they commit (listening once started)."""
        from cstui.store.postgres.live import ServerChanges

        return ServerChanges(
            self.open_connection, heard_up_to=self.started.revision if self.started else None
        )

    @cached_property
    def config(self) -> PostgresConfigFiles:
        """The centre's policy and content files, as published on the server."""
        from cstui.store.postgres.config_files import PostgresConfigFiles

        return PostgresConfigFiles(self.db, Once(self.started.files if self.started else None))

    def _roles(self) -> dict[str, Role] | None:
        """The roster's roles as the start read found them (None: no start read)."""
        if self.started is None:
            return None
        from cstui.models.roles import Role

        return {name: Role(role) for name, role in self.started.roles if name is not None}


class _Rules:
    """What the cases port works briefs and report facts out with."""

    def __init__(
        self,
        brief_of: Callable[[Case], CaseBrief],
        facts_of: Callable[[Case], ComplaintFacts],
        brief_stamp: Callable[[], str],
    ) -> None:
        self.brief_of = brief_of
        self.facts_of = facts_of
        self.brief_stamp = brief_stamp


def where(url: str) -> Path:
    """The database a URL names, without host, user or password."""
    return Path(f"postgresql:/{urlsplit(url).path.lstrip('/') or 'postgres'}")


def open_postgres_store(
    url: str,
    *,
    brief_of: Callable[[Case], CaseBrief],
    facts_of: Callable[[Case], ComplaintFacts],
    drafts: DraftStore,
    brief_stamp: Callable[[], str] = lambda: "",
    **sign_in: str,
) -> PostgresStores:
    """Connect to ``url`` (as ``sign_in``'s user and password, if given) and check its
    schema. Raises StoreError (naming ``cstui store migrate`` when the schema is older
    than this app's). ``brief_stamp`` names the policy and rules ``brief_of`` works under
    (briefs worked out under another are not used)."""

    def reopen() -> Connection:
        return connect(url, **sign_in)

    rules = _Rules(brief_of, facts_of, brief_stamp)
    started = read_at_start(url, **sign_in)
    if started is not None:  # psycopg connects when a port first needs the server
        return PostgresStores(
            Database(None, reopen=reopen), url, reopen, rules, drafts, started.person, started
        )
    from cstui.store.postgres.schema import check_schema

    conn = connect(url, **sign_in)
    check_schema(conn)
    signed_in = conn.execute("SELECT session_user").fetchone()
    person = str(signed_in[0]) if signed_in else ""
    return PostgresStores(Database(conn, reopen=reopen), url, reopen, rules, drafts, person)


__all__ = ["PostgresStores", "open_postgres_store"]
