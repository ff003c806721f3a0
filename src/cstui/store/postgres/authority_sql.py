"""The server's own checks of authority, as SQL (the migration of :mod:`.schema` that
applies them is :data:`AUTHORITY`).

Every check binds the app's login roles (members of ``cstui_staff``) and is keyed by
``session_user``, the role that signed in (``current_user`` changes with ``SET ROLE``).
The database administrator (a superuser, or the role owning the tables) passes them all.
Who leads the team and each person's refund limit are read from the ``roster`` table by
``SECURITY DEFINER`` functions whose ``search_path`` is pinned; EXECUTE on every cstui
function is revoked from PUBLIC. A refusal is raised with SQLSTATE 42501
(insufficient_privilege), or ``CSI01`` naming the field (the Solve gate), and a plain
sentence the app shows as it is.

The audit trail's triggers and the skills logs' row-level security are in
:mod:`.authority_audit_sql`.
"""

from __future__ import annotations

DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"
"""How every function here runs: as its owner (the administrator), with a pinned path."""

IDENTITY = f"""
-- who signed in, what the roster says of them
CREATE FUNCTION cstui_is_administrator() RETURNS boolean
LANGUAGE sql STABLE {DEFINER} AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
        OR EXISTS (SELECT 1 FROM pg_class WHERE oid = 'public.cases'::regclass
                   AND pg_get_userbyid(relowner) = session_user)
$$;

CREATE FUNCTION cstui_member(who text) RETURNS jsonb
LANGUAGE sql STABLE {DEFINER} AS $$
    SELECT m FROM public.roster AS r, jsonb_array_elements(r.doc -> 'members') AS m
    WHERE m ->> 'name' = who LIMIT 1
$$;

CREATE FUNCTION cstui_is_team_leader() RETURNS boolean
LANGUAGE sql STABLE {DEFINER} AS $$
    SELECT coalesce(cstui_member(session_user::text) ->> 'role' = 'team_leader', false)
$$;

CREATE FUNCTION cstui_refund_limit() RETURNS numeric
LANGUAGE sql STABLE {DEFINER} AS $$
    SELECT coalesce((cstui_member(session_user::text) ->> 'refund_limit')::numeric, 0)
$$;

CREATE FUNCTION cstui_refuse(message text) RETURNS void
LANGUAGE plpgsql {DEFINER} AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = message;
END $$;

CREATE FUNCTION cstui_require_leader(doing text) RETURNS void
LANGUAGE plpgsql {DEFINER} AS $$
BEGIN
    IF NOT cstui_is_team_leader() THEN
        PERFORM cstui_refuse(format('only a team leader can %s; %s is not one',
                                    doing, session_user));
    END IF;
END $$;
"""

REFUNDS = f"""
-- refund records: made in one's own name, within one's limit; decided by another leader
CREATE FUNCTION cstui_check_new_refund(doc jsonb) RETURNS void
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    who text := session_user;
    price numeric := (doc -> 'inputs' ->> 'price')::numeric;
BEGIN
    IF doc ->> 'created_by' IS DISTINCT FROM who THEN
        PERFORM cstui_refuse(format('a refund check is kept in your own name (%s), not %s',
                                    who, doc ->> 'created_by'));
    END IF;
    IF doc ->> 'status' NOT IN ('pending', 'not-needed')
       OR jsonb_typeof(doc -> 'approval') = 'object'
       OR jsonb_typeof(doc -> 'outcome') = 'object' THEN
        PERFORM cstui_refuse(format('%s must start pending or needing no approval, '
                                    'undecided and unrecorded', doc ->> 'id'));
    END IF;
    IF doc ->> 'status' = 'not-needed'
       AND jsonb_array_length(doc -> 'decision' -> 'remedies') > 0
       AND price > cstui_refund_limit() THEN
        PERFORM cstui_refuse(format('%s is above %s''s refund limit of %s: it waits for a '
                                    'team leader''s approval', price, who,
                                    cstui_refund_limit()));
    END IF;
END $$;

CREATE FUNCTION cstui_check_decision(before jsonb, after jsonb) RETURNS void
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    who text := session_user;
    was text := before ->> 'status';
    now_is text := after ->> 'status';
BEGIN
    IF was = 'pending' AND now_is IN ('approved', 'declined') THEN
        PERFORM cstui_require_leader('approve or decline a refund');
        IF before ->> 'created_by' = who THEN
            PERFORM cstui_refuse(format('nobody approves their own request: %s was asked '
                                        'for by %s', before ->> 'id', who));
        END IF;
        IF after -> 'approval' ->> 'by' IS DISTINCT FROM who
           OR (after -> 'approval' ->> 'approved')::boolean IS DISTINCT FROM
              (now_is = 'approved') THEN
            PERFORM cstui_refuse(format('a decision on %s is recorded as %s''s own',
                                        before ->> 'id', who));
        END IF;
    ELSIF was IN ('pending', 'declined') AND now_is = 'withdrawn'
          AND before -> 'approval' IS NOT DISTINCT FROM after -> 'approval' THEN
        IF before ->> 'created_by' IS DISTINCT FROM who THEN
            PERFORM cstui_refuse(format('only %s, who asked for %s, can withdraw it',
                                        before ->> 'created_by', before ->> 'id'));
        END IF;
    ELSE
        PERFORM cstui_refuse(format('%s cannot go from %s to %s', before ->> 'id', was,
                                    now_is));
    END IF;
END $$;

CREATE FUNCTION cstui_check_outcome(before jsonb, after jsonb) RETURNS void
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    who text := session_user;
    amount numeric := (after -> 'outcome' ->> 'amount')::numeric;
BEGIN
    IF jsonb_typeof(before -> 'outcome') = 'object'
       OR after ->> 'status' NOT IN ('approved', 'not-needed')
       OR after -> 'outcome' ->> 'by' IS DISTINCT FROM who THEN
        PERFORM cstui_refuse(format('%s''s outcome is recorded once, once it may be given, '
                                    'in the recorder''s own name', before ->> 'id'));
    END IF;
    IF after ->> 'status' <> 'approved' AND amount > cstui_refund_limit() THEN
        PERFORM cstui_refuse(format('%s is above %s''s refund limit of %s; run a new check '
                                    'so a team leader can approve it', amount, who,
                                    cstui_refund_limit()));
    END IF;
END $$;

CREATE FUNCTION cstui_check_refund() RETURNS trigger
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    kept constant text[] := ARRAY['status', 'approval', 'outcome'];
BEGIN
    IF cstui_is_administrator() THEN
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM NEW.doc ->> 'status'
       OR NEW.created_by IS DISTINCT FROM NEW.doc ->> 'created_by'
       OR NEW.case_id IS DISTINCT FROM NEW.doc ->> 'case_id'
       OR NEW.number IS DISTINCT FROM substr(NEW.doc ->> 'id', 3)::integer
       OR NEW.decided IS DISTINCT FROM (NEW.status IN ('approved', 'declined')
                                        AND jsonb_typeof(NEW.doc -> 'approval') = 'object') THEN
        PERFORM cstui_refuse('a refund record''s columns must say what its document says');
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM cstui_check_new_refund(NEW.doc);
        RETURN NEW;
    END IF;
    IF (OLD.doc - kept) IS DISTINCT FROM (NEW.doc - kept) THEN
        PERFORM cstui_refuse(format('%s: only its status, approval and outcome change',
                                    OLD.doc ->> 'id'));
    END IF;
    IF OLD.status IS DISTINCT FROM NEW.status
       OR OLD.doc -> 'approval' IS DISTINCT FROM NEW.doc -> 'approval' THEN
        PERFORM cstui_check_decision(OLD.doc, NEW.doc);
    END IF;
    IF OLD.doc -> 'outcome' IS DISTINCT FROM NEW.doc -> 'outcome' THEN
        PERFORM cstui_check_outcome(OLD.doc, NEW.doc);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER refunds_authority BEFORE INSERT OR UPDATE ON refunds
    FOR EACH ROW EXECUTE FUNCTION cstui_check_refund();
"""

CASES = f"""
-- cases: logged in one's own name (imports by leaders), reassigned by their owner or a
-- leader, past Solve only with every refund settled, redacted by leaders (or journalled)
CREATE FUNCTION cstui_step_rank(step text) RETURNS integer
LANGUAGE sql IMMUTABLE {DEFINER} AS $$
    SELECT array_position(ARRAY['receive', 'investigate', 'declare', 'solve', 'notify',
                                'follow-up', 'closed'], step)
$$;

CREATE FUNCTION cstui_check_solve(wanted text) RETURNS void
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    holding record;
    advice text;
BEGIN
    SELECT number, doc INTO holding FROM public.refunds
    WHERE refunds.case_id = wanted AND status IN ('pending', 'declined')
    ORDER BY number LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    advice := format('withdraw it (refund withdraw %s) and decide another action',
                     holding.doc ->> 'id');
    RAISE EXCEPTION USING ERRCODE = 'CSI01', COLUMN = 'refund_decision', MESSAGE =
        CASE WHEN holding.doc ->> 'status' = 'pending'
             THEN format('%s is waiting for a team leader''s approval: ask a team leader '
                         'to decide it, or %s', holding.doc ->> 'id', advice)
             ELSE format('%s was declined%s: %s', holding.doc ->> 'id',
                         coalesce(' by ' || (holding.doc -> 'approval' ->> 'by'), ''), advice)
        END;
END $$;

CREATE FUNCTION cstui_check_case() RETURNS trigger
LANGUAGE plpgsql {DEFINER} AS $$
DECLARE
    who text := session_user;
    this_case text := NEW.doc ->> 'id';
BEGIN
    IF cstui_is_administrator() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.import_key IS NOT NULL THEN
            PERFORM cstui_require_leader('import cases');
        ELSIF NEW.doc ->> 'created_by' IS DISTINCT FROM who THEN
            PERFORM cstui_require_leader('log a case in another''s name');
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.doc ->> 'owner' IS DISTINCT FROM NEW.doc ->> 'owner'
       AND OLD.doc ->> 'owner' IS DISTINCT FROM who AND NOT cstui_is_team_leader() THEN
        PERFORM cstui_refuse(format('only a team leader can reassign %s, which belongs to %s',
                                    this_case, OLD.doc ->> 'owner'));
    END IF;
    IF cstui_step_rank(NEW.doc ->> 'step') > cstui_step_rank('solve')
       AND cstui_step_rank(OLD.doc ->> 'step') <= cstui_step_rank('solve') THEN
        PERFORM cstui_check_solve(this_case);
    END IF;
    IF OLD.doc ->> 'redacted_at' IS NULL AND NEW.doc ->> 'redacted_at' IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM public.erasures AS e
                       WHERE e.doc -> 'case_ids' ? this_case) THEN
        PERFORM cstui_require_leader('remove personal data');
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER cases_authority BEFORE INSERT OR UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION cstui_check_case();
"""

TEAM = f"""
-- the roster: changed by team leaders; anyone may change their own passphrase hash; an
-- empty roster is written once, naming its writer a team leader
CREATE FUNCTION cstui_without_own_passphrase(doc jsonb) RETURNS jsonb
LANGUAGE sql STABLE {DEFINER} AS $$
    SELECT jsonb_set(doc, '{{members}}', coalesce(jsonb_agg(
        CASE WHEN m ->> 'name' = session_user::text THEN m - 'passphrase' ELSE m END
        ORDER BY place), '[]'))
    FROM jsonb_array_elements(doc -> 'members') WITH ORDINALITY AS t(m, place)
$$;

CREATE FUNCTION cstui_check_roster() RETURNS trigger
LANGUAGE plpgsql {DEFINER} AS $$
BEGIN
    IF cstui_is_administrator() OR cstui_is_team_leader() THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM public.roster) THEN
            RETURN NEW;  -- an upsert: its UPDATE is checked
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(NEW.doc -> 'members') AS m
                   WHERE m ->> 'name' = session_user::text AND m ->> 'role' = 'team_leader') THEN
            RETURN NEW;
        END IF;
        PERFORM cstui_refuse(format('the first roster on a server names whoever writes it '
                                    '(%s) a team leader; ask a team leader to open it first',
                                    session_user));
    END IF;
    IF TG_OP = 'UPDATE' AND cstui_without_own_passphrase(OLD.doc)
                            = cstui_without_own_passphrase(NEW.doc) THEN
        RETURN NEW;
    END IF;
    PERFORM cstui_require_leader('change the team roster');
    RETURN NULL;
END $$;

CREATE TRIGGER roster_authority BEFORE INSERT OR UPDATE OR DELETE ON roster
    FOR EACH ROW EXECUTE FUNCTION cstui_check_roster();

-- the erasure journal: begun by a team leader in their own name; ended by a leader, or by
-- anyone once every case it names is redacted (a start finishing it after a crash)
CREATE FUNCTION cstui_check_erasure() RETURNS trigger
LANGUAGE plpgsql {DEFINER} AS $$
BEGIN
    IF cstui_is_administrator() THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM cstui_require_leader('remove personal data');
        IF NEW.doc ->> 'actor' IS DISTINCT FROM session_user::text THEN
            PERFORM cstui_refuse('an erasure is begun in your own name');
        END IF;
        RETURN NEW;
    END IF;
    IF cstui_is_team_leader() OR NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements_text(OLD.doc -> 'case_ids') AS named(id)
        JOIN public.cases AS c ON c.number = substr(named.id, 3)::integer
        WHERE c.doc ->> 'redacted_at' IS NULL) THEN
        RETURN OLD;
    END IF;
    PERFORM cstui_require_leader('end an erasure before it is done');
    RETURN NULL;
END $$;

CREATE TRIGGER erasures_authority BEFORE INSERT OR UPDATE OR DELETE ON erasures
    FOR EACH ROW EXECUTE FUNCTION cstui_check_erasure();
"""
