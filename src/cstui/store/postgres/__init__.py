"""The PostgreSQL store: a database server shared by terminals on many machines.
:func:`open_postgres_store` is its one entry point; the tables stay behind the ports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cstui.store.postgres.admin import PostgresStoreAdmin
from cstui.store.postgres.cases import PostgresCaseStore
from cstui.store.postgres.config_files import PostgresConfigFiles
from cstui.store.postgres.connection import Database, connect
from cstui.store.postgres.contacts import PostgresContactStore
from cstui.store.postgres.live import ServerChanges
from cstui.store.postgres.records import PostgresAuditTrail, PostgresRefundStore, PostgresRoster
from cstui.store.postgres.schema import check_schema
from cstui.store.postgres.skills import PostgresSkillsLogs

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.case import Case
    from cstui.models.report_facts import ComplaintFacts
    from cstui.store.ports import DraftStore


@dataclass(frozen=True)
class PostgresStores:
    """The PostgreSQL store's ports (see :class:`cstui.store.ports.Stores`); drafts stay
    in the person's own data folder."""

    cases: PostgresCaseStore
    refunds: PostgresRefundStore
    skills: PostgresSkillsLogs
    roster: PostgresRoster
    drafts: DraftStore
    audit: PostgresAuditTrail
    admin: PostgresStoreAdmin
    contacts: PostgresContactStore
    changes: ServerChanges
    """Other terminals' changes, heard as they commit (listening once started)."""
    person: str
    """The database role this terminal signed in as: who is using the app."""
    config: PostgresConfigFiles
    """The centre's policy and content files, as published on the server."""
    notes: tuple[str, ...] = field(default=())


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
    conn = connect(url, **sign_in)
    check_schema(conn)
    signed_in = conn.execute("SELECT session_user").fetchone()
    db = Database(conn, reopen=lambda: connect(url, **sign_in))
    audit = PostgresAuditTrail(db)
    return PostgresStores(
        cases=PostgresCaseStore(db, brief_of, facts_of, brief_stamp),
        refunds=PostgresRefundStore(db),
        skills=PostgresSkillsLogs(db),
        roster=PostgresRoster(db),
        drafts=drafts,
        audit=audit,
        admin=PostgresStoreAdmin(db, where(url), audit),
        contacts=PostgresContactStore(db),
        changes=ServerChanges(lambda: connect(url, **sign_in)),
        person=str(signed_in[0]) if signed_in else "",
        config=PostgresConfigFiles(db),
    )


__all__ = ["PostgresStores", "open_postgres_store"]
