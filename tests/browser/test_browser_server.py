"""The app in a real browser on the PostgreSQL store: each person signs in with their own
database role's password (the server's sign-in is that role's); an agent logs a case and a
team leader sees it live on the team view and on the wall board (LISTEN/NOTIFY)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from tests.browser.conftest import (
    AGENT,
    LEADER,
    SERVER_ACCOUNT,
    Screen,
    Served,
    start_server,
    stop_server,
)
from tests.browser.test_browser import log_a_case
from tests.support.postgres import Cluster, person_url, seeded
from tests.support.stores import roster_led_by


@pytest.fixture
def on_server(
    cluster: Cluster, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Served, dict[str, str]]]:
    """``cstui serve`` on a folder whose store is a server; the people's passwords. The
    server signs in as a role of its own, named as its OS account (its password in a
    ``.pgpass`` file, as an administrator would set it up); each person as theirs."""
    seeded(database_url, roster_led_by(LEADER, AGENT))
    passwords = {
        name: urlsplit(person_url(cluster, database_url, name)).password or ""
        for name in (LEADER, AGENT, SERVER_ACCOUNT)
    }
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{SERVER_ACCOUNT}:{passwords.pop(SERVER_ACCOUNT)}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    no_role = database_url.replace(f"postgres:{cluster.password}@", f"{SERVER_ACCOUNT}@")
    (data / "store.toml").write_text(f'[store]\nurl = "{no_role}"\n')
    served = start_server(data, "--wall")
    yield served, passwords
    stop_server(served)


def test_on_a_server_each_person_signs_in_as_their_role_and_the_wall_is_live(
    browser: Any, on_server: tuple[Served, dict[str, str]]
) -> None:
    served, passwords = on_server
    contexts = [browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(3)]
    try:

        def screen(i: int) -> Screen:
            return Screen(contexts[i].new_page(), served)

        wrong = screen(0)
        wrong.sign_in(AGENT, passwords[LEADER])
        wrong.page.wait_for_selector(".problem", timeout=10_000)
        assert "do not match" in wrong.page.inner_text(".problem")
        assert wrong.page.context.cookies() == []
        leader = screen(1)
        leader.sign_in(LEADER, passwords[LEADER])
        leader.wait_for(f"You are {LEADER}")
        leader.keys("v")
        leader.wait_for("Team view")
        wall = screen(2)
        wall.page.goto(served.wall_link)
        wall.wait_for("Team board")
        agent = Screen(contexts[0].new_page(), served)
        agent.sign_in(AGENT, passwords[AGENT])
        agent.wait_for(f"You are {AGENT}")
        case_id = log_a_case(agent)
        saved = time.monotonic()
        leader.wait_for(case_id, seconds=2.0)
        wall.wait_for(case_id, seconds=2.0)
        assert time.monotonic() - saved < 2.5
    finally:
        for context in contexts:
            context.close()
