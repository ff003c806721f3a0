"""The audit trail written by the server, and skills logs only their owner reads, as SQL.

The app's roles may read the ``audit`` table and nothing more: every entry is written by
triggers on cases, refunds and the roster, in the changing transaction, or by
``cstui_audit_append`` (app events: roster details, privacy actions), which stamps the
role that signed in as the actor. Entries are chained as
:func:`cstui.store.records.chain_digest` chains them (SHA-256 of the previous hash, the
actor, the record, the action and the changed fields' names, joined by U+001F), writers
taking turns by an advisory transaction lock, so ``cstui store verify`` checks them.
The administrator's own writes name the actor the app passes in the transaction's
``cstui.actor`` setting (``store copy`` and tests writing on others' behalf).
"""

from __future__ import annotations

from cstui.store.postgres.authority_sql import CASES, DEFINER, IDENTITY, REFUNDS, TEAM

AUDIT = f"""
-- the audit trail: written by the server only, hash-chained in turn
CREATE FUNCTION cstui_actor() RETURNS text
LANGUAGE sql STABLE {DEFINER} AS $$
    SELECT CASE WHEN cstui_is_administrator()
                THEN coalesce(nullif(current_setting('cstui.actor', true), ''), session_user::text)
                ELSE session_user::text END
$$;

CREATE FUNCTION cstui_chain(who text, what text, act text, changed text[]) RETURNS void
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    previous text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('cstui_audit'));
    SELECT hash INTO previous FROM public.audit ORDER BY seq DESC LIMIT 1;
    previous := encode(sha256(convert_to(array_to_string(
        ARRAY[coalesce(previous, repeat('0', 64)), who, what, act] || changed, chr(31)),
        'UTF8')), 'hex');
    INSERT INTO public.audit (actor, record, action, fields, hash)
    VALUES (who, what, act, changed, previous);
END $$;

CREATE FUNCTION cstui_changed_keys(before jsonb, after jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE {DEFINER} AS $$
    SELECT coalesce(array_agg(key ORDER BY key), '{{}}')
    FROM jsonb_each(after) AS e(key, value)
    WHERE before -> key IS DISTINCT FROM value
$$;

CREATE FUNCTION cstui_audit_append(who text, what text, act text, changed text[])
RETURNS void LANGUAGE plpgsql {DEFINER} AS $$
BEGIN
    PERFORM cstui_chain(CASE WHEN cstui_is_administrator() THEN who ELSE session_user::text END,
                        what, act, coalesce(changed, '{{}}'));
END $$;

CREATE FUNCTION cstui_audit_change() RETURNS trigger
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    written jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    what text := CASE TG_TABLE_NAME WHEN 'roster' THEN 'roster' ELSE written -> 'doc' ->> 'id' END;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM cstui_chain(cstui_actor(), what,
            CASE WHEN written ->> 'import_key' IS NOT NULL
                 THEN 'imported' ELSE 'created' END, '{{}}');
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM cstui_chain(cstui_actor(), what, 'updated',
                            cstui_changed_keys(OLD.doc, NEW.doc));
    ELSE
        PERFORM cstui_chain(cstui_actor(), what, 'deleted', '{{}}');
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cases_audit AFTER INSERT OR UPDATE OR DELETE ON cases
    FOR EACH ROW EXECUTE FUNCTION cstui_audit_change();
CREATE TRIGGER refunds_audit AFTER INSERT OR UPDATE OR DELETE ON refunds
    FOR EACH ROW EXECUTE FUNCTION cstui_audit_change();
CREATE TRIGGER roster_audit AFTER INSERT OR UPDATE OR DELETE ON roster
    FOR EACH ROW EXECUTE FUNCTION cstui_audit_change();
CREATE TRIGGER contacts_audit AFTER INSERT OR UPDATE OR DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION cstui_audit_change();

REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit FROM cstui_staff;
REVOKE USAGE ON SEQUENCE audit_seq_seq FROM cstui_staff;
"""

SKILLS = """
-- skills logs: each row read and changed by its owner's role only
ALTER TABLE skills ENABLE ROW LEVEL SECURITY;
ALTER TABLE skills FORCE ROW LEVEL SECURITY;
CREATE POLICY skills_owner ON skills TO cstui_staff
    USING (owner = session_user::text) WITH CHECK (owner = session_user::text);
DO $$ BEGIN
    EXECUTE format('CREATE POLICY skills_administrator ON skills TO %I '
                   'USING (true) WITH CHECK (true)', current_user);
END $$;
"""

NUMBERS = f"""
-- numbers: taken from the server's counters only, one at a time, and a record's id is its
-- number (an app role cannot move a counter or take a number of its own choosing)
CREATE FUNCTION cstui_take_number(counter text) RETURNS integer
LANGUAGE sql {DEFINER} AS $$
    UPDATE public.counters SET next = next + 1 WHERE name = counter RETURNING next - 1
$$;
REVOKE UPDATE ON counters FROM cstui_staff;

CREATE FUNCTION cstui_check_number() RETURNS trigger
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    given text := substr(NEW.doc ->> 'id', 3);
BEGIN
    IF cstui_is_administrator() THEN
        RETURN NEW;
    END IF;
    IF given !~ '^[0-9]{{1,9}}$' OR given::integer <> NEW.number OR NEW.number >=
       (SELECT next FROM public.counters WHERE name = TG_ARGV[0]) THEN
        PERFORM cstui_refuse(format('%s is not a number the server gave out',
                                    coalesce(NEW.doc ->> 'id', 'a record without an id')));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_number BEFORE INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION cstui_check_number('case');
CREATE TRIGGER refunds_number BEFORE INSERT ON refunds
    FOR EACH ROW EXECUTE FUNCTION cstui_check_number('refund');
CREATE TRIGGER contacts_number BEFORE INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION cstui_check_number('contact');
"""

GRANTS = """
-- nobody runs cstui's functions but the triggers, except the one that appends app events
DO $$
DECLARE
    each_function regprocedure;
BEGIN
    FOR each_function IN
        SELECT p.oid::regprocedure FROM pg_proc AS p
        JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname LIKE 'cstui\\_%'
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', each_function);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION cstui_audit_append(text, text, text, text[]) TO cstui_staff;
GRANT EXECUTE ON FUNCTION cstui_take_number(text) TO cstui_staff;
"""

AUTHORITY = IDENTITY + REFUNDS + CASES + TEAM + AUDIT + SKILLS + NUMBERS + GRANTS
"""The migration that has the server enforce authority (see :mod:`.authority_sql`)."""
