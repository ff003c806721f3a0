"""What the server refuses: a wrong passphrase, an agent at a team leader's pages and
keys, a websocket from another origin or without a session, an ended session."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import pytest
import yarl
from tests.browser.conftest import (
    AGENT,
    AGENT_SECRET,
    LEADER,
    LEADER_SECRET,
    Screen,
    Served,
    start_server,
    stop_server,
)

from cstui.config import Settings
from cstui.services.sign_ins import REFUSED, SIGNED_IN, SIGNED_OUT, SignInLog
from cstui.workspace import open_workspace


def run_apart(scenario: Callable[[], Coroutine[object, object, None]]) -> None:
    """Run ``scenario`` on an event loop of its own thread (the browser's loop runs here)."""
    with ThreadPoolExecutor(1) as apart:
        apart.submit(asyncio.run, scenario()).result()


def test_a_wrong_passphrase_is_refused(screens: Callable[[], Screen], served: Served) -> None:
    page = screens()
    page.sign_in(AGENT, "not amir's passphrase")
    page.page.wait_for_selector(".problem")
    assert "do not match" in page.page.inner_text(".problem")
    assert page.page.url.endswith("/sign-in")
    assert page.page.context.cookies() == []
    page.page.goto(served.base + "/")
    assert page.page.url.endswith("/sign-in")  # still nobody


def test_an_agent_cannot_reach_a_team_leaders_actions(
    screens: Callable[[], Screen], served: Served
) -> None:
    agent = screens()
    agent.sign_in(AGENT, AGENT_SECRET)
    agent.wait_for("You are amir")
    assert "Wall board" not in agent.page.inner_text(".bar")
    wall = agent.page.goto(served.base + "/wall")
    assert wall is not None and wall.status == 403
    agent.page.goto(served.base + "/")
    agent.wait_for("You are amir")
    agent.keys("v")
    agent.wait_for("read only")
    agent.keys("a")
    agent.wait_for("Only a team leader can approve refunds")


async def _signed_in(served: Served, name: str, secret: str) -> str:
    """A session cookie, from the sign-in form as a browser on this server posts it."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with (
        aiohttp.ClientSession(cookie_jar=jar) as client,
        client.post(
            served.base + "/sign-in",
            data={"name": name, "passphrase": secret},
            headers={"Origin": served.base},
            allow_redirects=False,
        ) as answer,
    ):
        assert answer.status == 303
        return answer.cookies["cstui_session"].value


async def _open_socket(served: Served, origin: str, cookie: str | None, path: str = "/ws") -> int:
    """The status a websocket handshake gets (101: opened, then closed again)."""
    headers = {"Origin": origin}
    if cookie is not None:
        headers["Cookie"] = f"cstui_session={cookie}"
    async with aiohttp.ClientSession() as client:
        try:
            socket = await client.ws_connect(
                served.base.replace("http", "ws") + path, headers=headers
            )
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status
        await socket.close()
        return 101


def test_websockets_need_this_origin_and_a_live_session(served: Served) -> None:
    async def scenario() -> None:
        cookie = await _signed_in(served, AGENT, AGENT_SECRET)
        assert await _open_socket(served, served.base, cookie) == 101
        assert await _open_socket(served, "http://evil.example", cookie) == 403
        assert await _open_socket(served, served.base, None) == 403
        assert await _open_socket(served, served.base, "made-up-token") == 403
        assert await _open_socket(served, "http://evil.example", None, "/ws/wall") == 403
        async with aiohttp.ClientSession() as client:  # a form post from elsewhere
            async with client.post(
                served.base + "/sign-in",
                data={"name": AGENT, "passphrase": AGENT_SECRET},
                headers={"Origin": "http://evil.example"},
                allow_redirects=False,
            ) as answer:
                assert answer.status == 403
            async with client.post(  # signing out ends the session and its token
                served.base + "/sign-out",
                headers={"Origin": served.base, "Cookie": f"cstui_session={cookie}"},
                allow_redirects=False,
            ) as answer:
                assert answer.status == 303
        assert await _open_socket(served, served.base, cookie) == 403

    run_apart(scenario)


def test_static_files_are_not_listed(served: Served) -> None:
    async def scenario() -> None:
        async with aiohttp.ClientSession() as client:
            for path in ("/static/", "/static/js/", "/static/%2e%2e/%2e%2e/", "/assets/"):
                url = yarl.URL(served.base + path, encoded=True)
                async with client.get(url, allow_redirects=False) as answer:
                    assert answer.status in (403, 404), path
                    assert "textual.js" not in await answer.text()
            async with client.get(served.base + "/static/js/textual.js") as answer:
                assert answer.status == 200

    run_apart(scenario)


def test_sign_ins_are_audited(served: Served) -> None:
    async def scenario() -> None:
        cookie = await _signed_in(served, LEADER, LEADER_SECRET)
        async with aiohttp.ClientSession() as client:
            async with client.post(
                served.base + "/sign-out",
                headers={"Origin": served.base, "Cookie": f"cstui_session={cookie}"},
                allow_redirects=False,
            ) as answer:
                assert answer.status == 303
            async with client.post(
                served.base + "/sign-in",
                data={"name": LEADER, "passphrase": "a guess"},
                headers={"Origin": served.base},
            ) as answer:
                assert answer.status == 401

    run_apart(scenario)
    ws = open_workspace(Settings(served.data_dir, "cstui", "cstui"))
    events = SignInLog(ws.stores.audit, "cstui").sign_ins()
    about_lena = [(e.actor, e.action) for e in events if e.record == f"sign-in:{LEADER}"]
    for action in (SIGNED_IN, SIGNED_OUT, REFUSED):
        assert ("cstui", action) in about_lena
    assert all("a guess" not in str(e) and LEADER_SECRET not in str(e) for e in events)


def test_an_unattended_wall_takes_its_token_only(served: Served) -> None:
    behind = start_server(served.data_dir, "--wall", "--behind-proxy")  # loopback not trusted
    token = behind.wall_link.rsplit("token=", 1)[1]
    origin = "https://" + behind.host

    async def scenario() -> None:
        async with aiohttp.ClientSession() as client:
            for asked in ("/wall", "/wall?token=guess", "/wall?token=" + token[:-1]):
                async with client.get(behind.base + asked, allow_redirects=False) as answer:
                    assert answer.status == 403, asked
            async with client.get(
                behind.base + "/wall?token=" + token, allow_redirects=False
            ) as answer:
                assert answer.status == 303
                cookie = answer.headers["Set-Cookie"]
                assert all(flag in cookie for flag in ("HttpOnly", "SameSite=Strict", "Secure"))
            wall_cookie = {"Cookie": cookie.split(";", 1)[0]}
            async with client.get(behind.base + "/wall", headers=wall_cookie) as answer:
                assert answer.status == 200
            url = behind.base.replace("http", "ws") + "/ws/wall"
            socket = await client.ws_connect(url, headers={**wall_cookie, "Origin": origin})
            await socket.close()
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await client.ws_connect(
                    url, headers={**wall_cookie, "Origin": "http://evil.example"}
                )
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await client.ws_connect(
                    url.replace("/ws/wall", "/ws"), headers={**wall_cookie, "Origin": origin}
                )

    try:
        run_apart(scenario)
    finally:
        stop_server(behind)


def test_a_rebound_host_name_is_refused(served: Served) -> None:
    async def scenario() -> None:
        port = served.host.rsplit(":", 1)[1]
        async with aiohttp.ClientSession() as client:
            for host in (f"evil.example:{port}", "evil.example", f"localhost:{port}"):
                async with client.get(
                    served.base + "/sign-in", headers={"Host": host}, allow_redirects=False
                ) as answer:
                    assert answer.status == (200 if host.startswith("localhost") else 421)

    run_apart(scenario)


def test_the_sign_in_page_shows_a_typed_name_as_text(served: Served) -> None:
    async def scenario() -> None:
        async with (
            aiohttp.ClientSession() as client,
            client.post(
                served.base + "/sign-in",
                data={"name": "<script>alert(1)</script>", "passphrase": "x"},
                headers={"Origin": served.base},
            ) as answer,
        ):
            page = await answer.text()
            assert answer.status == 401
            assert "<script>alert" not in page and "&lt;script&gt;" in page
            assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]

    run_apart(scenario)
