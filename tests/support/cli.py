"""The one sanctioned way for tests to run the command line at a frozen moment.

The installed ``cstui`` always runs on the real clock. Tests hand a clock (and, where
they need one, a user) to the click group through its context object, in process with
:func:`invoke`, or as a real process with :func:`command`, which runs this module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result

from cstui.cli import main
from cstui.cli.context import CliState
from cstui.workspace import Clock, utc_now

REPO = Path(__file__).resolve().parents[2]


def frozen(moment: str | datetime) -> Clock:
    """A clock stopped at ``moment`` (ISO text or a datetime; UTC if it has no zone)."""
    at = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return lambda: at


def state(now: str | datetime | None = None, user: str | None = None) -> CliState:
    """The top-level state a test run starts with: its clock (none: the real one) and user."""
    return CliState(user=user, clock=frozen(now) if now else utc_now)


def invoke(
    args: Sequence[str],
    now: str | datetime | None = None,
    env: Mapping[str, str | None] | None = None,
    **kwargs: object,
) -> Result:
    """Run ``cstui ARGS`` in process (click's runner) at ``now`` (None: the real clock)."""
    return CliRunner().invoke(main, list(args), obj=state(now), env=env, **kwargs)  # type: ignore[arg-type]


def command(now: str | datetime | None = None) -> list[str]:
    """The command line that runs ``cstui`` as a real process at ``now``."""
    moment = now.isoformat() if isinstance(now, datetime) else now
    return [sys.executable, "-m", "tests.support.cli", *(["--now", moment] if moment else [])]


def process_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this environment) with the project on the path, for :func:`command`."""
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def run(argv: list[str]) -> None:
    """``[--now ISO] ARGS...``: run the command line at that moment (the process entry)."""
    now = None
    if argv[:1] == ["--now"]:
        now, argv = argv[1], argv[2:]
    main.main(argv, prog_name="cstui", obj=state(now))


if __name__ == "__main__":
    run(sys.argv[1:])
