"""Start ``cstui serve``: open the server's door, say where to point a browser, serve."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path

from cstui.config import Settings
from cstui.web.gate import Gate
from cstui.web.server import ServeOptions, WebServer


def tls_context(certfile: Path, keyfile: Path) -> ssl.SSLContext:
    """A server TLS context (TLS 1.2 or later) from a certificate and its key."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile, keyfile)
    return context


def serve(
    settings: Settings,
    options: ServeOptions,
    tls: ssl.SSLContext | None,
    say: Callable[[str], None],
) -> None:
    """Serve the app until interrupted."""
    from aiohttp import web

    server = WebServer(Gate(settings), options)
    scheme = "https" if options.tls or options.behind_proxy else "http"
    host = f"[{options.host}]" if ":" in options.host else options.host
    base = f"{scheme}://{host}:{options.port}"
    say(f"cstui: serving on {base}/ (sign in with your passphrase); Ctrl+C stops")
    if server.wall_token:
        link = f"{base}/wall?token={server.wall_token}"
        say(f"cstui: wall board (read only; keep this link private): {link}")
    web.run_app(
        server.application(),
        host=options.host,
        port=options.port,
        ssl_context=tls,
        print=None,
        access_log=None,
    )
