"""A session's app process: ``python -m cstui.web.child FD``.

It reads who it runs as from the inherited pipe ``FD`` (see :mod:`cstui.web.handover`),
opens the workspace as that person and runs the terminal app (or the wall board) on
textual-serve's web driver, which the server chose through ``TEXTUAL_DRIVER``.
"""

from __future__ import annotations

import sys

from cstui.errors import CstuiError
from cstui.web.handover import read_handover


def main(argv: list[str]) -> int:
    """Run the app for the identity in the pipe named by ``argv[1]``."""
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: python -m cstui.web.child FD", file=sys.stderr)
        return 2
    identity = read_handover(int(argv[1]))
    from cstui.bundle import services_of
    from cstui.workspace import open_workspace

    try:
        services = services_of(open_workspace(identity.settings()))
    except CstuiError as exc:
        print(f"cstui: {exc}", file=sys.stderr)
        return 1
    if identity.wall:
        from cstui.web.wall import WallApp

        WallApp(services).run()
    else:
        from cstui.tui.app import CstuiApp

        CstuiApp(services).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
