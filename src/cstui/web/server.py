"""The web server behind ``cstui serve``: sign-in, sessions, the app's websocket, the wall.

Written on aiohttp, with textual-serve's page script and packet protocol but not its
Server, which has no sign-in, no Origin check, lists ``/static/`` and runs its command
with whatever the browser asks. Here:

* every page needs a session (the sign-in page and the static assets aside); the session
  cookie is HttpOnly, SameSite=Strict, and Secure under TLS or behind a TLS proxy;
* a form post and a websocket are refused unless their ``Origin`` is this server;
* a websocket runs the app as the session's person, told through an inherited pipe;
* sessions end on sign-out and after the policy's idle time, and their processes with
  them; every sign-in, refusal, sign-out and time-out is audited;
* the wall board is open to a team leader's session, a read-only wall token (printed at
  start by ``--wall``) or, with ``--wall`` and no proxy, a browser on this machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

import textual_serve
from aiohttp import WSMsgType, web

from cstui.services.sign_ins import REFUSED, SIGNED_IN, SIGNED_OUT, TIMED_OUT
from cstui.web.gate import Gate
from cstui.web.handover import Identity
from cstui.web.pages import SECURITY_HEADERS, app_page, sign_in_page, wall_page
from cstui.web.process import SessionProcess
from cstui.web.sessions import FIRST_DELAY, MAX_PROCESSES, Ending, Session, SessionBook, Throttle

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SESSION_COOKIE = "cstui_session"
WALL_COOKIE = "cstui_wall"
MAX_FIELD = 1024
"""The longest name or passphrase taken from the sign-in form."""
MAX_MESSAGE = 64 * 1024
"""The largest websocket message taken from a browser."""
STATIC = Path(textual_serve.__file__).parent / "static"
ASSETS = Path(__file__).parent / "assets"


@dataclass(frozen=True)
class ServeOptions:
    """How ``cstui serve`` listens."""

    host: str = "127.0.0.1"
    port: int = 8000
    tls: bool = False
    behind_proxy: bool = False
    wall: bool = False


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@web.middleware
async def secured(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Add the security headers to every response."""
    response: web.StreamResponse
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
    if not isinstance(response, web.WebSocketResponse):
        response.headers.update(SECURITY_HEADERS)
    return response


class WebServer:
    """The routes, the sessions and the door of one ``cstui serve``."""

    def __init__(self, gate: Gate, options: ServeOptions) -> None:
        self.gate = gate
        self.options = options
        self.sessions = SessionBook(gate.idle_seconds)
        self.throttle = Throttle()
        self.wall_token = secrets.token_urlsafe(24) if options.wall else ""
        self._reaper: asyncio.Task[None] | None = None

    def application(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application(middlewares=[secured, self.addressed_here], client_max_size=16 * 1024)
        app.add_routes(
            [
                web.get("/", self.index),
                web.get("/sign-in", self.sign_in_form),
                web.post("/sign-in", self.sign_in),
                web.post("/sign-out", self.sign_out),
                web.get("/wall", self.wall),
                web.get("/ws", self.app_socket),
                web.get("/ws/wall", self.wall_socket),
                web.get("/assets/page.css", self.stylesheet),
                web.get("/favicon.ico", self.no_icon),
                web.static("/static", STATIC, show_index=False, follow_symlinks=False),
            ]
        )
        app.on_startup.append(self._start_reaper)
        app.on_shutdown.append(self._end_all)
        return app

    # -- who is asking ---------------------------------------------------------------
    def known_hosts(self) -> frozenset[str]:
        """The ``Host`` headers a browser sends to this server (any, behind a proxy)."""
        port, host = self.options.port, self.options.host
        names = {host, f"[{host}]"}
        if is_loopback(host):
            names |= {"localhost", "127.0.0.1", "[::1]"}
        return frozenset(f"{name}:{port}" for name in names) | (
            frozenset(names) if port in (80, 443) else frozenset()
        )

    @web.middleware
    async def addressed_here(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a request for another host name (DNS rebinding: a page of another site
        whose name was pointed at this machine), unless a proxy forwards the requests."""
        if not self.options.behind_proxy and request.host not in self.known_hosts():
            raise web.HTTPMisdirectedRequest(text="this server does not serve that host name")
        return await handler(request)

    @property
    def secure(self) -> bool:
        """Whether browsers reach this server over TLS (its own, or the proxy's)."""
        return self.options.tls or self.options.behind_proxy

    def origin(self, request: web.Request) -> str:
        """This server's origin as the browser sees it."""
        return f"{'https' if self.secure else 'http'}://{request.host}"

    def same_origin(self, request: web.Request) -> bool:
        """Whether the request comes from a page of this server."""
        sent = request.headers.get("Origin", "")
        return bool(sent) and hmac.compare_digest(sent, self.origin(request))

    def session_of(self, request: web.Request) -> Session | None:
        """The request's live session, if any."""
        return self.sessions.find(request.cookies.get(SESSION_COOKIE))

    def _set_cookie(self, response: web.StreamResponse, name: str, value: str) -> None:
        response.set_cookie(
            name, value, httponly=True, samesite="Strict", secure=self.secure, path="/"
        )

    # -- pages -----------------------------------------------------------------------
    async def index(self, request: web.Request) -> web.StreamResponse:
        """The app for a signed-in person; else the sign-in page."""
        session = self.session_of(request)
        if session is None:
            raise web.HTTPSeeOther("/sign-in")
        session.touch(self.sessions.clock())
        url = self.origin(request).replace("http", "ws", 1) + "/ws"
        return web.Response(
            text=app_page(session.person, url, session.leader), content_type="text/html"
        )

    async def sign_in_form(self, request: web.Request) -> web.StreamResponse:
        """The sign-in page."""
        return web.Response(text=sign_in_page(), content_type="text/html")

    async def stylesheet(self, request: web.Request) -> web.StreamResponse:
        """The pages' own stylesheet."""
        return web.FileResponse(ASSETS / "page.css")

    async def no_icon(self, request: web.Request) -> web.StreamResponse:
        """No icon (and no error in the browser's console)."""
        return web.Response(status=204)

    async def sign_in(self, request: web.Request) -> web.StreamResponse:
        """Check a name and passphrase: a session and the app, or the form again."""
        if not self.same_origin(request):
            raise web.HTTPForbidden(text="sign-in refused: not from this server's page")
        form = await request.post()
        name = str(form.get("name", ""))[:MAX_FIELD].strip()
        passphrase = str(form.get("passphrase", ""))[:MAX_FIELD]
        keys = (f"name:{name.casefold()}", f"address:{request.remote}")
        loop = asyncio.get_running_loop()

        async def check() -> Identity | None:
            return await loop.run_in_executor(None, self.gate.check, name, passphrase)

        identity = await self.throttle.attempt(keys, check)
        if identity is None:
            self.throttle.failed(keys)
            await loop.run_in_executor(None, self.gate.record, name, REFUSED)
            await asyncio.sleep(FIRST_DELAY)
            page = sign_in_page("That name and passphrase do not match.", name)
            return web.Response(text=page, content_type="text/html", status=401)
        self.throttle.succeeded(keys)
        leader = await loop.run_in_executor(None, self.gate.is_team_leader, identity.user)
        await loop.run_in_executor(None, self.gate.record, identity.user, SIGNED_IN)
        session = self.sessions.open(identity, leader)
        response = web.HTTPSeeOther("/")
        self._set_cookie(response, SESSION_COOKIE, session.token)
        return response

    async def sign_out(self, request: web.Request) -> web.StreamResponse:
        """End the session and its app processes."""
        if not self.same_origin(request):
            raise web.HTTPForbidden(text="sign-out refused: not from this server's page")
        session = self.session_of(request)
        if session is not None:
            person = session.person
            self.sessions.close(session)
            await asyncio.get_running_loop().run_in_executor(
                None, self.gate.record, person, SIGNED_OUT
            )
        response = web.HTTPSeeOther("/sign-in")
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    async def wall(self, request: web.Request) -> web.StreamResponse:
        """The wall board, for those it is open to (a token is swapped for a cookie)."""
        token = request.query.get("token", "")
        if token and self._wall_token_works(token):
            response = web.HTTPSeeOther("/wall")
            self._set_cookie(response, WALL_COOKIE, token)
            return response
        if await self.wall_identity(request) is None:
            raise web.HTTPForbidden(text="the wall board is for team leaders and wall screens")
        url = self.origin(request).replace("http", "ws", 1) + "/ws/wall"
        return web.Response(text=wall_page(url), content_type="text/html")

    def _wall_token_works(self, token: str) -> bool:
        return bool(self.wall_token) and hmac.compare_digest(token, self.wall_token)

    async def wall_identity(self, request: web.Request) -> Identity | None:
        """Who the wall board is read as: a team leader's session, else the server's own
        identity for a wall token or (``--wall``, no proxy) a browser on this machine."""
        session = self.session_of(request)
        if session is not None:
            loop = asyncio.get_running_loop()
            if await loop.run_in_executor(None, self.gate.is_team_leader, session.person):
                return replace(session.identity, wall=True)
        if self._wall_token_works(request.cookies.get(WALL_COOKIE, "")):
            return self.gate.wall_identity()
        local = not self.options.behind_proxy and is_loopback(request.remote or "")
        if self.options.wall and local:
            return self.gate.wall_identity()
        return None

    # -- websockets ------------------------------------------------------------------
    async def app_socket(self, request: web.Request) -> web.StreamResponse:
        """The app, as the session's person."""
        session = self.session_of(request)
        if not self.same_origin(request) or session is None:
            raise web.HTTPForbidden(text="no session, or not from this server's page")
        if len(session.processes) >= MAX_PROCESSES:
            raise web.HTTPTooManyRequests(text="too many tabs open for this session")
        return await self.run_app(request, session.identity, session)

    async def wall_socket(self, request: web.Request) -> web.StreamResponse:
        """The wall board."""
        identity = await self.wall_identity(request) if self.same_origin(request) else None
        if identity is None:
            raise web.HTTPForbidden(text="the wall board is for team leaders and wall screens")
        return await self.run_app(request, identity, self.session_of(request))

    async def run_app(
        self, request: web.Request, identity: Identity, session: Session | None
    ) -> web.WebSocketResponse:
        """Run the app (or the wall) in a process of its own for this websocket."""
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await socket.prepare(request)
        process = SessionProcess(
            identity,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=socket.close,
        )
        ending = Ending(lambda: asyncio.ensure_future(self._end(socket, process)))
        if session is not None:
            session.processes.add(ending)
        try:
            await process.start(*_size(request))
            await self._relay(socket, process, session)
        finally:
            if session is not None:
                session.processes.discard(ending)
            await self._end(socket, process)
        return socket

    async def _relay(
        self, socket: web.WebSocketResponse, process: SessionProcess, session: Session | None
    ) -> None:
        """Pass the browser's keys and size to the app; a session's idle time restarts."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *rest = message.json()
            except (ValueError, TypeError):
                continue
            if session is not None and kind in ("stdin", "resize"):
                if self.sessions.find(session.token) is None:
                    break  # ended meanwhile
                session.touch(self.sessions.clock())
            await _pass_on(socket, process, str(kind), rest)

    async def _end(self, socket: web.WebSocketResponse, process: SessionProcess) -> None:
        with contextlib.suppress(Exception):
            await process.stop()
        with contextlib.suppress(Exception):
            await socket.close()

    # -- idle sessions -----------------------------------------------------------------
    async def _start_reaper(self, app: web.Application) -> None:
        self._reaper = asyncio.create_task(self._reap())

    async def _reap(self) -> None:
        """End idle sessions, checking a few times per idle time."""
        every = max(min(self.sessions.idle_seconds / 4, 30.0), 0.5)
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(every)
            for session in list(self.sessions.idle()):
                person = session.person
                self.sessions.close(session)
                await loop.run_in_executor(None, self.gate.record, person, TIMED_OUT)

    async def _end_all(self, app: web.Application) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
        for session in self.sessions.every():
            self.sessions.close(session)


def _size(request: web.Request) -> tuple[int, int]:
    """The terminal size the page asks for (sensible bounds)."""

    def number(name: str, default: int) -> int:
        text = request.query.get(name, "")
        return min(max(int(text), 10), 500) if text.isdigit() else default

    return number("width", 80), number("height", 24)


def _resized(asked: object) -> tuple[int, int] | None:
    """The width and height a resize message asks for, if sensible."""
    if not isinstance(asked, dict):
        return None
    width, height = asked.get("width"), asked.get("height")
    if isinstance(width, int) and isinstance(height, int) and 0 < width <= 1000 >= height > 0:
        return width, height
    return None


async def _pass_on(
    socket: web.WebSocketResponse, process: SessionProcess, kind: str, rest: list[object]
) -> None:
    """One message from the page, as textual-serve's protocol has it."""
    first = rest[0] if rest else None
    if kind == "stdin" and isinstance(first, str):
        await process.send_bytes(first.encode("utf-8"))
    elif kind == "resize" and (size := _resized(first)) is not None:
        await process.set_terminal_size(*size)
    elif kind == "ping" and isinstance(first, str):
        await socket.send_json(["pong", first[:64]])
    elif kind == "blur":
        await process.blur()
    elif kind == "focus":
        await process.focus()
