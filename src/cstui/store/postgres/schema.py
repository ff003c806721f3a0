"""The database's tables, as numbered migrations applied once each, in order.

``cstui_schema`` holds the number of the last migration applied. ``cstui store migrate``
applies the rest, all or none; a client opening an older schema is told
which command upgrades it, and one opening a newer schema than it knows refuses to write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cstui.errors import StoreError
from cstui.store.postgres.authority_audit_sql import AUTHORITY

if TYPE_CHECKING:  # psycopg loads with the first connection (see .start_read)
    from psycopg import Connection

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
    # 3: the centre's policy and content files (policy.toml, content/*.toml), read by every
    # person and published by a team leader (or brought by the first to open an empty store)
    """
    CREATE TABLE config_files (
        name text PRIMARY KEY,
        body text NOT NULL,
        published_by text NOT NULL DEFAULT session_user,
        published_at timestamptz NOT NULL DEFAULT now()
    );
    GRANT SELECT ON config_files TO cstui_staff;
    CREATE FUNCTION cstui_publish_config(file_name text, file_body text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    BEGIN
        -- files published before this transaction (now() is its start) are a team
        -- leader's to change; the first to open an empty store brings their folder's
        IF EXISTS (SELECT 1 FROM config_files WHERE published_at < now()) AND NOT EXISTS (
            SELECT 1 FROM roster, jsonb_array_elements(roster.doc -> 'members') AS member
            WHERE member ->> 'name' = session_user AND member ->> 'role' = 'team_leader'
        ) THEN
            RAISE EXCEPTION 'only a team leader publishes the centre''s files'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF file_body IS NULL THEN
            DELETE FROM config_files WHERE name = file_name;
        ELSE
            INSERT INTO config_files (name, body) VALUES (file_name, file_body)
            ON CONFLICT (name) DO UPDATE
            SET body = EXCLUDED.body, published_by = session_user, published_at = now();
        END IF;
    END
    $fn$;
    REVOKE ALL ON FUNCTION cstui_publish_config(text, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION cstui_publish_config(text, text) TO cstui_staff;
    """,
    # 4: contacts: every call from a customer, by the caller's E.164 number and by case
    """
    CREATE TABLE contacts (
        number integer PRIMARY KEY,
        at timestamptz NOT NULL,
        phone text NOT NULL,
        case_id text,
        doc jsonb NOT NULL
    );
    CREATE INDEX contacts_phone ON contacts (phone);
    CREATE INDEX contacts_case ON contacts (case_id) WHERE case_id IS NOT NULL;
    CREATE INDEX contacts_at ON contacts (at);
    INSERT INTO counters VALUES ('contact', 1) ON CONFLICT (name) DO NOTHING;
    GRANT SELECT, INSERT, UPDATE ON contacts TO cstui_staff;
    """,
    # 5: authority enforced by the server: who leads the team (read from the roster), what
    # only leaders do, the Solve gate, private skills logs, an audit trail written by
    # triggers only (see authority_sql.py and authority_audit_sql.py)
    AUTHORITY,
    # 6: live updates: each change to a case, a refund or the roster tells the terminals
    # listening on 'cstui_changes' which row it was ("cases:12"), when it commits (a
    # rolled-back change tells nobody)
    """
    CREATE FUNCTION cstui_tell_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    BEGIN
        PERFORM pg_notify('cstui_changes', TG_TABLE_NAME || ':' || (changed ->> TG_ARGV[0]));
        RETURN NULL;
    END $$;
    CREATE TRIGGER cases_tell_change AFTER INSERT OR UPDATE OR DELETE ON cases
        FOR EACH ROW EXECUTE FUNCTION cstui_tell_change('number');
    CREATE TRIGGER refunds_tell_change AFTER INSERT OR UPDATE OR DELETE ON refunds
        FOR EACH ROW EXECUTE FUNCTION cstui_tell_change('number');
    CREATE TRIGGER roster_tell_change AFTER INSERT OR UPDATE OR DELETE ON roster
        FOR EACH ROW EXECUTE FUNCTION cstui_tell_change('id');
    """,
    # 7: read paths: each case version's brief and report facts, worked out once and kept
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
    from psycopg import sql

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
