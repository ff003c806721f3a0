"""The same commands give the same answers on the file store and on a PostgreSQL server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.cli import Cli
from tests.support.postgres import Cluster, migrated
from tests.support.steps import STEP_OPTIONS
from tests.support.stores import ServerSignIn

MONDAY = "2026-01-05T10:00:00+00:00"
LATER = "2026-01-20T10:00:00+00:00"
QUERIES = (
    ("case", "list"),
    ("case", "list", "--all"),
    ("case", "show", "C-000002"),
    ("customer", "history", "--phone", "0412 345 678"),
    ("report", "complaints", "--from", "2026-01-01", "--to", "2026-01-31"),
    ("report", "trends"),
    ("report", "returns"),
    ("team", "list"),
)
"""What is asked of each store, as JSON."""


def a_day_of_work(cli: Cli) -> dict[str, Any]:
    """Three cases logged by two people, one closed, one noted; every query's answer."""
    assert cli("team", "add", "bob", "--role", "agent", "--limit", "50", now=MONDAY).exit_code == 0
    first = cli.new_case(now=MONDAY)
    cli.new_case("--email", "jo@example.com", user="bob", now=MONDAY)
    cli.new_case(now=MONDAY)
    case = first
    while case["step"] != "closed":
        case = cli.json("case", "advance", first["id"], *STEP_OPTIONS[case["step"]], now=MONDAY)
    cli.json("case", "note", "C-000002", "called back", user="bob", now=MONDAY)
    answers = {" ".join(query): cli.json(*query, now=LATER) for query in QUERIES}
    check = cli.json("store", "check", now=LATER)
    answers["store check"] = {k: check[k] for k in ("ok", "cases", "problems")}
    answers["store verify"] = cli.json("store", "verify", now=LATER)["ok"]
    return answers


def test_both_stores_answer_alike(tmp_path: Path, cluster: Cluster, database_url: str) -> None:
    on_files = a_day_of_work(Cli(tmp_path / "files"))
    assert len(on_files["case list --all"]) == 3 and on_files["store check"]["cases"] == 3
    assert on_files["store verify"] is True
    server = ServerSignIn(cluster, migrated(database_url))
    on_server = a_day_of_work(Cli(tmp_path / "desk", server=server))
    for query, answer in on_files.items():
        assert on_server[query] == answer, query
