"""A shared OS account on a server: each person signs in with their own database role's
password, held in the process's memory only."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from click.testing import Result
from tests.support.cli import Cli, invoke
from tests.support.postgres import Cluster, migrated, person_url

KIOSK = "kiosk"


def test_each_person_signs_in_with_their_database_password(
    cluster: Cluster, database_url: str, tmp_path: Path
) -> None:
    migrated(database_url)
    urls = {name: person_url(cluster, database_url, name) for name in ("alice", "bob")}
    passwords = {name: urlsplit(url).password or "" for name, url in urls.items()}
    Cli(tmp_path / "alice-desk", "alice").json("--store", urls["alice"], "case", "list")
    added = Cli(tmp_path / "alice-desk", "alice")(
        "--store", urls["alice"], "team", "add", "bob", "--role", "agent", "--limit", "0"
    )
    assert added.exit_code == 0, added.output
    folder = tmp_path / "kiosk"
    Cli(folder, KIOSK).json("case", "list")  # the kiosk's own folder, made once
    no_role = urls["alice"].replace(f"alice:{passwords['alice']}@", "")
    (folder / "store.toml").write_text(f'[store]\nurl = "{no_role}"\n')
    policy = folder / "policy.toml"
    policy.write_text(policy.read_text() + f'\n[identity]\nshared_account = "{KIOSK}"\n')

    def as_bob(secret: str, *args: str) -> Result:
        return invoke(
            ["--data-dir", str(folder), "--user", "bob", "--passphrase-stdin", *args],
            account=KIOSK, input=secret + "\n",
        )  # fmt: skip

    made = as_bob(passwords["bob"], "case", "new", "--customer", "Sam", "--phone",
                  "0400 111 222", "--summary", "Late", "--category", "Delivery",
                  "--channel", "phone", "--json")  # fmt: skip
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["owner"] == "bob"
    wrong = as_bob(passwords["alice"], "case", "list")
    assert wrong.exit_code == 2 and "wrong passphrase for bob" in wrong.stderr
    assert passwords["alice"] not in wrong.output
    for path in folder.rglob("*"):
        if path.is_file():
            assert all(p.encode() not in path.read_bytes() for p in passwords.values()), path
