"""``cstui serve``: the app in a browser, with a real sign-in, and the wall board.

Listens on 127.0.0.1 by default. Any other address needs TLS (``--certfile`` and
``--keyfile``) or ``--behind-proxy`` (a TLS reverse proxy on this machine, as the
README shows). ``--wall`` also opens an unattended wall board: it prints a read-only link.
"""

from __future__ import annotations

from pathlib import Path

import click

from cstui.cli.command import echo, reporting
from cstui.cli.context import settings_of, state
from cstui.errors import InputError

OPTIONS = {"host": "--host", "port": "--port", "certfile": "--certfile", "keyfile": "--keyfile"}


def _checked(host: str, certfile: Path | None, keyfile: Path | None, behind_proxy: bool) -> bool:
    """Whether TLS is on; InputError naming the option when the choice is unsafe."""
    from cstui.web.server import is_loopback

    if (certfile is None) != (keyfile is None):
        field = "--keyfile" if keyfile is None else "--certfile"
        raise InputError.single(field, "is needed with the other: TLS takes both")
    tls = certfile is not None
    if tls and behind_proxy:
        raise InputError.single("--behind-proxy", "the proxy serves TLS: give no certificate")
    if not (tls or behind_proxy or is_loopback(host)):
        raise InputError.single(
            "--host",
            f"{host} is not this machine only: give --certfile and --keyfile, or run "
            "behind a TLS proxy (--behind-proxy, see the README)",
        )
    return tls


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port."
)
@click.option(
    "--certfile", type=click.Path(dir_okay=False, path_type=Path), help="TLS certificate (PEM)."
)
@click.option("--keyfile", type=click.Path(dir_okay=False, path_type=Path), help="Its key (PEM).")
@click.option(
    "--behind-proxy", is_flag=True, help="A TLS reverse proxy on this machine forwards to it."
)
@click.option("--wall", is_flag=True, help="Also serve an unattended wall board (prints its link).")
def serve_command(
    host: str,
    port: int,
    certfile: Path | None,
    keyfile: Path | None,
    behind_proxy: bool,
    wall: bool,
) -> None:
    """Serve the app to browsers: each person signs in with their passphrase."""
    with reporting(OPTIONS):
        tls = _checked(host, certfile, keyfile, behind_proxy)
        from cstui.web.run import serve, tls_context
        from cstui.web.server import ServeOptions

        context = tls_context(certfile, keyfile) if certfile and keyfile else None
        options = ServeOptions(host, port, tls, behind_proxy, wall)
        settings = settings_of(state())
        serve(settings, options, context, lambda line: echo(line, err=True))
