"""Cases in PostgreSQL, behind the :class:`~cstui.store.ports.CaseStore` port.

Each case is one row: the whole case as JSONB, its version (a save names the version it
read, ``UPDATE … WHERE version = %s``), and the columns the queries select on (open or
not, phone, email, the moments an :class:`ArchiveQuery` bounds). Case numbers come from a
counter row updated ``… RETURNING`` in the saving transaction, so they have no gaps. The
server audits each change and checks the signed-in role's authority (triggers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cstui.errors import ConflictError, NotFound
from cstui.store.postgres.connection import Database
from cstui.store.postgres.derived import DerivedRows
from cstui.store.postgres.start_read import Once
from cstui.store.query import ArchiveQuery
from cstui.store.records import Progress, Revision

if TYPE_CHECKING:  # the case models load only on the paths that read or write whole cases
    from cstui.models.brief import CaseBrief
    from cstui.models.case import Case
    from cstui.models.report_facts import ComplaintFacts

_COLUMNS = (
    "number, version, is_open, phone, email, import_key, created_at, updated_at, closed_at, doc"
)


_INSERT = f"INSERT INTO cases ({_COLUMNS}) VALUES ({', '.join(['%s'] * 10)})"


def _row(case: Case) -> tuple[Any, ...]:
    from psycopg.types.json import Jsonb

    from cstui.models.case import case_number

    customer = case.customer
    return (
        case_number(case.id),
        case.version,
        case.is_open,
        customer.phone or None,
        customer.email or None,
        case.import_key,
        case.created_at,
        case.updated_at,
        case.closed_at,
        Jsonb(case.model_dump(mode="json")),
    )


def _case(doc: dict[str, Any]) -> Case:
    from cstui.models.case import Case

    return Case.model_validate(doc)


def _where(query: ArchiveQuery) -> tuple[str, list[Any]]:
    """The SQL conditions (and their values) of ``query``."""
    parts, values = [], []
    for condition, value in (
        ("created_at >= %s", query.created_from),
        ("created_at <= %s", query.created_to),
        ("updated_at >= %s", query.updated_from),
        ("closed_at <= %s", query.closed_before),
    ):
        if value is not None:
            parts.append(condition)
            values.append(value)
    return " AND ".join(parts) or "TRUE", values


class PostgresCaseStore:
    """The ``cases`` table."""

    def __init__(
        self,
        db: Database,
        brief_of: Callable[[Case], CaseBrief],
        facts_of: Callable[[Case], ComplaintFacts],
        brief_stamp: Callable[[], str] = lambda: "",
        kept_at_start: Once[list[tuple[str | None, dict[str, Any] | None]]] | None = None,
    ) -> None:
        """``brief_stamp`` names the policy and rules briefs are worked out under;
        ``kept_at_start``: the open cases' kept briefs as the start read found them."""
        from cstui.models.brief import CaseBrief
        from cstui.models.report_facts import FACTS_FORMAT, ComplaintFacts

        self.db = db
        self.brief_of = brief_of
        self.facts_of = facts_of
        self.brief_stamp = brief_stamp
        self.facts_stamp = str(FACTS_FORMAT)
        self.briefs = DerivedRows(
            db,
            "case_briefs",
            lambda c: brief_of(c).to_document(),
            CaseBrief.from_document,
            keep_decoded=True,
        )
        self.facts = DerivedRows(
            db, "case_facts", lambda c: facts_of(c).to_document(), ComplaintFacts.from_document
        )
        self.kept_at_start = kept_at_start or Once()
        self._open: dict[int, Case] = {}
        """The open cases as last read, by number: a read fetches only those changed since."""

    def create(self, build: Callable[[str], Case]) -> Case:
        """Give ``build`` the next case id and store what it returns, in one transaction."""
        from cstui.models.case import format_case_id

        with self.db.transaction() as conn:
            number = self.db.take_number(conn, "case")
            case = build(format_case_id(number))
            self.db.acting(conn, case.created_by)
            conn.execute(_INSERT, _row(case))
        return case

    def create_many(
        self, builds: list[tuple[str | None, Callable[[str], Case]]], actor: str
    ) -> list[Case | None]:
        """Store every case ``builds`` make, all or none; skip ids and import keys stored.
        A case without an id of its own takes the counter's next number once it is known
        to be kept, so a skipped row leaves no gap; an id given is kept (the
        administrator's: the server refuses a number it did not give out to anyone else)."""
        from cstui.models.case import case_number

        results: list[Case | None] = []
        with self.db.transaction() as conn:
            self.db.acting(conn, actor)
            keys = {
                k
                for (k,) in conn.execute(
                    "SELECT import_key FROM cases WHERE import_key IS NOT NULL"
                )
            }
            given = [case_number(wanted) for wanted, _ in builds if wanted is not None]
            taken = self._taken(conn, given)
            for wanted, build in builds:
                case = self._one_of_many(conn, wanted, build, keys, taken)
                results.append(case)
                if case is not None:
                    conn.execute(_INSERT, _row(case))
                    keys.add(case.import_key or "")
            if given:
                conn.execute(
                    "UPDATE counters SET next = greatest(next, %s) WHERE name = 'case'",
                    (max(given) + 1,),
                )
        return results

    @staticmethod
    def _taken(conn: Any, numbers: list[int]) -> set[int]:
        """Which of ``numbers`` are stored already."""
        if not numbers:
            return set()
        rows = conn.execute("SELECT number FROM cases WHERE number = ANY(%s)", (numbers,))
        return {n for (n,) in rows}

    def _one_of_many(
        self,
        conn: Any,
        wanted: str | None,
        build: Callable[[str], Case],
        keys: set[str],
        taken: set[int],
    ) -> Case | None:
        """The case ``build`` makes, numbered, or None if it is skipped."""
        from cstui.models.case import case_number, format_case_id

        if wanted is not None:
            slot = case_number(wanted)
            case = None if slot in taken else build(format_case_id(slot))
            taken.add(slot)
        else:
            row = conn.execute("SELECT next FROM counters WHERE name = 'case'").fetchone()
            case = build(format_case_id(int(row[0])))
        if case is None or (case.import_key is not None and case.import_key in keys):
            return None
        if wanted is None:
            number = self.db.take_number(conn, "case")
            if format_case_id(number) != case.id:  # another terminal took it meanwhile
                case = build(format_case_id(number))
        return case

    def get(self, case_id: str) -> Case:
        """The stored case, or NotFound."""
        from cstui.models.case import case_number

        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT doc FROM cases WHERE number = %s", (case_number(case_id),)
            ).fetchone()
        if row is None:
            raise NotFound(f"there is no case {case_id}")
        return _case(row[0])

    def save(self, case: Case, expected_version: int) -> Case:
        """Keep ``case`` as version ``expected_version + 1`` unless someone got there first."""
        from cstui.models.case import case_number

        saved = case.model_copy(update={"version": expected_version + 1})
        with self.db.transaction() as conn:
            number = case_number(case.id)
            row = conn.execute(
                "SELECT doc FROM cases WHERE number = %s FOR UPDATE", (number,)
            ).fetchone()
            if row is None:
                raise NotFound(f"there is no case {case.id}")
            current = row[0]
            if current.get("version") != expected_version:
                by, at = _case(current).last_change()
                raise ConflictError(case.id, by, at)
            values = _row(saved)
            self.db.acting(conn, saved.updated_by)
            conn.execute(
                "UPDATE cases SET version=%s, is_open=%s, phone=%s, email=%s, import_key=%s, "
                "created_at=%s, updated_at=%s, closed_at=%s, doc=%s WHERE number=%s",
                (*values[1:], number),
            )
        return saved

    def _select(self, where: str, values: list[Any], order: str = "number") -> list[Case]:
        with self.db.reading() as conn:
            rows = conn.execute(
                f"SELECT doc FROM cases WHERE {where} ORDER BY {order}", values
            ).fetchall()
        return [_case(doc) for (doc,) in rows]

    def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first. The numbers and versions are read first;
        only the cases whose version changed since the last read are fetched and read in
        full (a team view re-reads after every save in the centre)."""
        with self.db.reading() as conn:
            versions = dict(
                conn.execute("SELECT number, version FROM cases WHERE is_open").fetchall()
            )
            known = self._open
            wanted = [n for n, v in versions.items() if n not in known or known[n].version != v]
            rows = (
                conn.execute(
                    "SELECT number, doc FROM cases WHERE number = ANY(%s)", (wanted,)
                ).fetchall()
                if wanted
                else []
            )
        fresh = {number: _case(doc) for number, doc in rows}
        kept = ((n, fresh.get(n) or known.get(n)) for n in sorted(versions))
        self._open = {n: case for n, case in kept if case is not None}
        return list(self._open.values())

    def open_briefs(self) -> list[CaseBrief]:
        """Every case not closed in brief, oldest first (the first time, as the start
        read found them if every one was kept under the policy in force)."""
        stamp = self.brief_stamp()
        kept = self.kept_at_start.take()
        if kept is not None and all(kept_stamp == stamp for kept_stamp, _ in kept):
            return [self.briefs.decode(doc) for _, doc in kept if doc is not None]
        return self.briefs.read("is_open", [], stamp)

    def closed_cases(self, query: ArchiveQuery | None = None) -> list[Case]:
        """Closed cases (all, or those ``query`` wants), oldest first."""
        where, values = _where(query or ArchiveQuery())
        return self._select(f"NOT is_open AND {where}", values)

    def customer_cases(self, phone: str | None, email: str | None) -> list[Case]:
        """Cases with this phone or this email, newest first."""
        from cstui.models.customer import normalise_email, normalise_phone

        want_phone = normalise_phone(phone) if phone else None
        want_email = normalise_email(email) if email else None
        if not want_phone and not want_email:
            return []
        return self._select("phone = %s OR email = %s", [want_phone, want_email], "number DESC")

    def report_facts(
        self, query: ArchiveQuery | None = None, progress: Progress | None = None
    ) -> list[ComplaintFacts]:
        """The report facts of every case ``query`` wants, open or closed."""
        where, values = _where(query or ArchiveQuery())
        found = self.facts.read(where, values, self.facts_stamp)
        if progress is not None:
            progress(len(found), len(found))
        return found

    def revision(self) -> Revision:
        """A token that changes with every write to cases or refunds."""
        with self.db.reading() as conn:
            row = conn.execute("SELECT max(seq) FROM audit").fetchone()
        return row[0] if row else None
