"""``privacy erase`` and ``privacy purge --apply`` on a PostgreSQL store, run through the
command line by a team leader: nothing of the customer is left in any table."""

from __future__ import annotations

from pathlib import Path

import psycopg
from tests.support.cli import Cli
from tests.support.postgres import Cluster, migrated, person_url

NAME, PHONE, EMAIL = "Zebedee Quartermaine", "0499 876 543", "zeb.q@example.org"


def _traces(url: str) -> list[str]:
    """Every table row that still names the customer."""
    found = []
    with psycopg.connect(url) as conn:
        for table in ("cases", "refunds", "audit", "erasures", "skills", "roster"):
            text = conn.execute(f"SELECT coalesce(string_agg(t::text, ' '), '') FROM {table} t")
            row = text.fetchone()
            blob = row[0] if row else ""
            found += [
                f"{table}: {n}" for n in (NAME, PHONE, PHONE.replace(" ", ""), EMAIL) if n in blob
            ]
    return found


def test_erase_on_a_server_leaves_nothing_of_the_customer(
    tmp_path: Path, database_url: str, cluster: Cluster
) -> None:
    migrated(database_url)
    alice = Cli(tmp_path / "desk", "alice", now="2026-03-02T10:00:00+00:00")
    url = person_url(cluster, database_url, "alice")
    for name, phone in ((NAME, PHONE), ("Other Person", "0411 222 333")):
        alice.json(
            "--store", url, "case", "new", "--customer", name, "--phone", phone, "--email",
            EMAIL if name == NAME else "o@example.org", "--summary", f"{name} charged twice",
            "--category", "Billing", "--channel", "phone",
        )  # fmt: skip
    assert _traces(database_url)
    done = alice("--store", url, "privacy", "erase", "--phone", PHONE, "--apply")
    assert done.exit_code == 0, done.output
    assert _traces(database_url) == []
    assert len(alice.json("--store", url, "case", "list", "--all")) == 2
    assert alice.json("--store", url, "store", "verify")["ok"]


def test_purge_on_a_server_removes_closed_cases_past_retention(
    tmp_path: Path, database_url: str, cluster: Cluster
) -> None:
    migrated(database_url)
    url = person_url(cluster, database_url, "alice")
    then = Cli(tmp_path / "desk", "alice", now="2019-03-04T10:00:00+00:00")
    case = then.json(
        "--store", url, "case", "new", "--customer", NAME, "--phone", PHONE, "--email", EMAIL,
        "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
    )  # fmt: skip
    for fields in (
        ["--findings", "Two charges"],
        ["--promise", "Refund", "--by", "2019-03-20"],
        ["--action", "Refunded", "--policy", "4.2"],
        ["--method", "phone", "--said", "Refunded"],
        ["--satisfied"],
    ):
        then.json("--store", url, "case", "advance", case["id"], *fields)
    now = Cli(tmp_path / "desk", "alice", now="2026-03-02T10:00:00+00:00")
    done = now("--store", url, "privacy", "purge", "--apply")
    assert done.exit_code == 0, done.output
    assert _traces(database_url) == []
