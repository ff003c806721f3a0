"""On a server, listing the open cases works from the briefs kept per case version and
the roster's names and roles, without loading the models (a list is a whole process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.support.cli import Cli
from tests.support.postgres import Cluster, migrated, person_url
from tests.support.stores import roster_led_by

from cstui.errors import ConfigError
from cstui.models.roles import Role
from cstui.store.postgres.connection import Database, connect
from cstui.store.postgres.records import PostgresRoster

LIST_ON_A_SERVER = """
import sys
from cstui.cli import main
from cstui.cli.context import CliState
try:
    args = ["--data-dir", sys.argv[1], "--store", sys.argv[2], "case", "list", "--open", "--json"]
    main(args, obj=CliState(account="lena"))
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "pydantic")
print("LOADED", len(loaded), file=sys.stderr)
"""


def test_listing_open_cases_on_a_server_does_not_load_the_models(
    database_url: str, cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSTUI_USER", "lena")
    migrated(database_url)
    url = person_url(cluster, database_url, "lena")
    lena = Cli(tmp_path / "desk", "lena")
    case = lena.json(
        "--store", url, "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
        "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
    )  # fmt: skip
    assert [c["id"] for c in lena.json("--store", url, "case", "list")] == [case["id"]]
    run = subprocess.run(
        [sys.executable, "-c", LIST_ON_A_SERVER, str(tmp_path / "desk"), url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert [c["id"] for c in json.loads(run.stdout)] == [case["id"]]
    assert "LOADED 0" in run.stderr


def test_the_roles_of_a_store_with_no_roster_yet_are_refused(database_url: str) -> None:
    roster = PostgresRoster(Database(connect(migrated(database_url))))
    with pytest.raises(ConfigError, match="no team roster"):
        roster.roles()
    roster.write(roster_led_by("lena", "omar"))
    assert roster.roles() == {"lena": Role.TEAM_LEADER, "omar": Role.AGENT}
