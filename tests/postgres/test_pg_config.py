"""The policy and content on a server: brought by the first person, read from there,
published by a team leader only (checked first), fetched back for editing."""

from __future__ import annotations

from pathlib import Path

import psycopg
from tests.postgres.centre import build_centre
from tests.support.cli import Cli
from tests.support.postgres import Cluster, migrated, person_url


def test_policy_and_content_live_on_the_server(
    tmp_path: Path, database_url: str, cluster: Cluster
) -> None:
    build_centre(tmp_path / "alice-desk")
    migrated(database_url)
    alice_url = person_url(cluster, database_url, "alice")
    alice = Cli(tmp_path / "alice-desk", "alice")
    assert alice.json("--store", alice_url, "case", "list") == []  # brings her files
    bob_url = person_url(cluster, database_url, "bob")
    bob = Cli(tmp_path / "bob-desk", "bob")
    tips = bob.json("--store", bob_url, "tips")
    assert tips[0]["title"] == "Know our customers"  # the server's copy, not bob's folder

    policy = tmp_path / "alice-desk" / "policy.toml"
    policy.write_text(policy.read_text().replace("[business_hours]", "[business_hours]\nx = 1"))
    said = alice.error("--store", alice_url, "store", "config", "push", code=1)
    assert "policy.toml" in said and "key business_hours.x" in said
    policy.write_text(policy.read_text().replace("\nx = 1", ""))
    tips_file = tmp_path / "alice-desk" / "content" / "tips.toml"
    tips_file.write_text(tips_file.read_text().replace("Know our", "Know all our"))
    pushed = alice.json("--store", alice_url, "store", "config", "push")
    assert pushed["published"] == ["content/tips.toml"]
    assert bob.json("--store", bob_url, "tips")[0]["title"] == "Know all our customers"

    refused = bob.error("--store", bob_url, "store", "config", "push")
    assert "only a team leader" in refused
    with psycopg.connect(bob_url) as conn:  # nor straight to the server
        try:
            conn.execute("SELECT cstui_publish_config('policy.toml', 'x = 1')")
        except psycopg.errors.InsufficientPrivilege as exc:
            assert "only a team leader" in str(exc)
        else:
            raise AssertionError("an agent published a file")
    pulled = bob.json("--store", bob_url, "store", "config", "pull")
    assert "content/tips.toml" in pulled["written"]
    assert (tmp_path / "bob-desk" / "content" / "tips.toml").read_text() == tips_file.read_text()


def test_a_broken_policy_on_the_server_is_named_with_its_key(
    tmp_path: Path, database_url: str, cluster: Cluster
) -> None:
    migrated(database_url)
    alice_url = person_url(cluster, database_url, "alice")
    alice = Cli(tmp_path / "desk", "alice")
    assert alice.json("--store", alice_url, "case", "list") == []
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "UPDATE config_files SET body = body || E'\\n[refunds]\\nleader_limit = \"lots\"\\n'"
            " WHERE name = 'policy.toml'"
        )
    said = alice.error("--store", alice_url, "case", "list", code=1)
    assert said.startswith("error: postgresql:/t_") and "policy.toml" in said
