"""The database's tables, as numbered migrations applied once each, in order.

``cstui_schema`` holds the number of the last migration applied. ``cstui store migrate``
applies the rest, all or none; a client opening an older schema is told
which command upgrades it, and one opening a newer schema than it knows refuses to write.
"""

from __future__ import annotations

from typing import Any

from psycopg import Connection, sql

from cstui.errors import StoreError

MIGRATIONS: tuple[str, ...] = (
    # 1: cases, their counter and the audit trail
    """
    CREATE TABLE counters (name text PRIMARY KEY, next integer NOT NULL);
    INSERT INTO counters VALUES ('case', 1), ('refund', 1);
    CREATE TABLE cases (
        number integer PRIMARY KEY,
        version integer NOT NULL,
        is_open boolean NOT NULL,
        phone text,
        email text,
        import_key text UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz,
        doc jsonb NOT NULL
    );
    CREATE INDEX cases_open ON cases (number) WHERE is_open;
    CREATE INDEX cases_phone ON cases (phone) WHERE phone IS NOT NULL;
    CREATE INDEX cases_email ON cases (email) WHERE email IS NOT NULL;
    CREATE INDEX cases_created ON cases (created_at);
    CREATE TABLE audit (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        record text NOT NULL,
        action text NOT NULL,
        fields text[] NOT NULL DEFAULT '{}',
        hash text NOT NULL
    );
    CREATE TABLE refunds (
        number integer PRIMARY KEY,
        case_id text,
        created_by text NOT NULL,
        status text NOT NULL,
        decided boolean NOT NULL,
        doc jsonb NOT NULL
    );
    CREATE INDEX refunds_pending ON refunds (number) WHERE status = 'pending';
    CREATE INDEX refunds_case ON refunds (case_id);
    CREATE TABLE roster (id integer PRIMARY KEY CHECK (id = 1), doc jsonb NOT NULL);
    CREATE TABLE skills (
        owner text NOT NULL,
        kind text NOT NULL,
        number integer NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (owner, kind, number)
    );
    CREATE TABLE erasures (name text PRIMARY KEY, doc jsonb NOT NULL);
    """,
    # 2: the people's group role: each person logs in as their own role, a member of it
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cstui_staff') THEN
            CREATE ROLE cstui_staff NOLOGIN;
        END IF;
    END $$;
    GRANT USAGE ON SCHEMA public TO cstui_staff;
    GRANT SELECT ON cstui_schema TO cstui_staff;
    GRANT SELECT, INSERT, UPDATE ON cases, refunds, roster, counters TO cstui_staff;
    GRANT SELECT, INSERT, UPDATE, DELETE ON skills, erasures TO cstui_staff;
    GRANT SELECT, INSERT ON audit TO cstui_staff;
    GRANT USAGE ON SEQUENCE audit_seq_seq TO cstui_staff;
    """,
    # read paths: each case version's brief and report facts, worked out once and kept
    # (store/postgres/derived.py)
    """
    CREATE TABLE case_briefs (
        number integer PRIMARY KEY,
        version integer NOT NULL,
        stamp text NOT NULL,
        doc jsonb NOT NULL
    );
    CREATE TABLE case_facts (
        number integer PRIMARY KEY,
        version integer NOT NULL,
        stamp text NOT NULL,
        doc jsonb NOT NULL
    );
    GRANT SELECT, INSERT, UPDATE ON case_briefs, case_facts TO cstui_staff;
    """,
)
"""Each migration's SQL; its number is its place in this tuple, from 1."""

LATEST = len(MIGRATIONS)


def schema_version(conn: Connection[tuple[Any, ...]]) -> int:
    """The number of the last migration applied (0 on an empty database)."""
    found = conn.execute("SELECT to_regclass('cstui_schema') IS NOT NULL").fetchone()
    if not found or not found[0]:
        return 0
    row = conn.execute("SELECT version FROM cstui_schema").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Connection[tuple[Any, ...]]) -> list[int]:
    """Apply every migration not applied yet, in one transaction; return their numbers.
    Two clients migrating at once wait for each other (an advisory lock)."""
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('cstui_schema'))")
        conn.execute("CREATE TABLE IF NOT EXISTS cstui_schema (version integer NOT NULL)")
        if conn.execute("SELECT count(*) FROM cstui_schema").fetchone() == (0,):
            conn.execute("INSERT INTO cstui_schema VALUES (0)")
        current = schema_version(conn)
        for number in range(current + 1, LATEST + 1):
            conn.execute(sql.SQL(MIGRATIONS[number - 1]))
            conn.execute("UPDATE cstui_schema SET version = %s", (number,))
            applied.append(number)
    return applied


def check_schema(conn: Connection[tuple[Any, ...]]) -> None:
    """Raise StoreError unless the schema is the one this app writes."""
    found = schema_version(conn)
    if found < LATEST:
        raise StoreError(
            f"the database's schema is at version {found}, this cstui needs {LATEST}: "
            "run `cstui store migrate` to upgrade it"
        )
    if found > LATEST:
        raise StoreError(
            f"the database's schema is at version {found}, newer than this cstui knows "
            f"({LATEST}): upgrade cstui before using it"
        )
