"""The server's pages: sign-in, the app, the wall board. Every asset is the installed
package's own (textual-serve's script, styles and font, and this package's stylesheet),
and the headers tell the browser to fetch nothing from anywhere else."""

from __future__ import annotations

from html import escape

from cstui.models.text_gate import shown

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
        "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
"""Sent with every page: nothing from another host, no framing, nothing cached."""

WALL_FONT_SIZE = 28
APP_FONT_SIZE = 16


def _page(title: str, body: str, body_class: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<link rel="stylesheet" href="/static/css/xterm.css">'
        '<link rel="stylesheet" href="/assets/page.css">'
        f'</head><body class="{body_class}">{body}</body></html>'
    )


def sign_in_page(problem: str = "", name: str = "") -> str:
    """The sign-in form; ``problem`` says why the last try was refused."""
    body = (
        '<form class="sign-in" method="post" action="/sign-in">'
        "<h1>cstui: sign in</h1>"
        '<label for="name">Your name on the roster</label>'
        f'<input id="name" name="name" autocomplete="username" value="{escape(shown(name))}"'
        " autofocus required>"
        '<label for="passphrase">Passphrase</label>'
        '<input id="passphrase" name="passphrase" type="password"'
        ' autocomplete="current-password" required>'
        f'<p class="problem" role="alert">{escape(shown(problem))}</p>'
        '<button type="submit">Sign in</button></form>'
    )
    return _page("cstui: sign in", body)


def _terminal(websocket_url: str, font_size: int) -> str:
    return (
        '<div id="terminal" class="textual-terminal"'
        f' data-session-websocket-url="{escape(websocket_url)}"'
        f' data-font-size="{font_size}"></div>'
        '<p class="ended">Session ended. <a href="/">Start again</a></p>'
        '<script src="/static/js/textual.js"></script>'
    )


def app_page(person: str, websocket_url: str, leader: bool) -> str:
    """The app as ``person``, with a sign-out button (and the wall board's link for a
    team leader)."""
    wall = '<a href="/wall" style="color:#c9a6ff">Wall board</a> · ' if leader else ""
    bar = (
        f'<div class="bar"><span>cstui · {escape(shown(person))}</span><span>{wall}'
        '<form method="post" action="/sign-out" style="display:inline">'
        '<button type="submit">Sign out</button></form></span></div>'
    )
    return _page("cstui", bar + _terminal(websocket_url, APP_FONT_SIZE))


def wall_page(websocket_url: str) -> str:
    """The wall board, large, with nothing to press."""
    return _page("cstui: wall board", _terminal(websocket_url, WALL_FONT_SIZE), "wall")
