"""The app in a real browser: sign in, log a case, see it live on the team view and the
wall board; refusals; nothing fetched from another host."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from tests.browser.conftest import (
    AGENT,
    AGENT_SECRET,
    LEADER,
    LEADER_SECRET,
    Screen,
    Served,
)

REPO = Path(__file__).resolve().parents[2]
CUSTOMER, PHONE, EMAIL = "Jo Wallwatcher", "0412 345 678", "jo@example.com"


def log_a_case(agent: Screen) -> str:
    """As the signed-in agent: a new case through the form; its id."""
    agent.wait_for("New case")
    agent.keys("n")
    agent.wait_for("Customer name")
    agent.type(CUSTOMER)
    agent.keys("Tab")
    agent.type(PHONE)
    agent.keys("Tab")
    agent.type(EMAIL)
    agent.keys("Tab")
    agent.type("Charged twice for one order")
    agent.keys("Tab", "Tab", "Tab", "Tab")  # past details, remedy, directed at
    agent.keys("Enter")
    agent.type("bill")
    agent.keys("Enter")
    agent.keys("Control+s")
    shown = agent.wait_for(lambda text: re.search(r"C-\d{6}", text) is not None)
    found = re.search(r"C-\d{6}", shown)
    assert found is not None
    return found.group(0)


def hosts(screen: Screen) -> set[str]:
    """Every host:port the page sent a request or opened a websocket to."""
    return {urlsplit(url).netloc for url in screen.requests if not url.startswith("data:")}


def test_an_agent_logs_a_case_a_leader_sees_it_live(
    screens: Callable[[], Screen], served: Served
) -> None:
    leader = screens()
    leader.sign_in(LEADER, LEADER_SECRET)
    leader.wait_for("You are lena")
    leader.keys("v")
    leader.wait_for("Team view")
    wall = Screen(leader.page.context.new_page(), served)
    wall.page.goto(served.base + "/wall")
    wall.wait_for("Team board")

    agent = screens()
    agent.sign_in(AGENT, AGENT_SECRET)
    agent.wait_for("You are amir")
    case_id = log_a_case(agent)
    saved = time.monotonic()

    leader.wait_for(case_id, seconds=2.0)
    board = wall.wait_for(case_id, seconds=2.0)
    assert time.monotonic() - saved < 2.5
    assert AGENT in board
    for personal in (CUSTOMER, "Wallwatcher", PHONE, "345 678", EMAIL, "example.com"):
        assert personal not in board
    leader.page.screenshot(path=str(REPO / "docs" / "browser.png"))
    for screen in (leader, wall, agent):
        assert hosts(screen) == {served.host}, screen.requests
