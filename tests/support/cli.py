"""The one sanctioned way for tests to run the command line at a frozen moment, as an
OS account of their choosing.

The installed ``cstui`` always runs on the real clock, as the OS account running it.
Tests hand a clock and an account to the click group through its context object, in
process with :func:`invoke`, or as a real process with :func:`command`, which runs this
module. A test that does not name the account runs as the user it names (``--user`` or
``CSTUI_USER``), as if that person had logged in, else as :data:`DEFAULT_ACCOUNT`; a test
of identity names the account with ``account=`` and another user to see it refused.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from cstui.cli import COMMANDS, main
from cstui.cli.context import CliState
from cstui.workspace import Clock, utc_now

REPO = Path(__file__).resolve().parents[2]
DEFAULT_ACCOUNT = "tester"
"""The OS account a test runs as when it names no user."""


def frozen(moment: str | datetime) -> Clock:
    """A clock stopped at ``moment`` (ISO text or a datetime; UTC if it has no zone)."""
    at = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return lambda: at


def state(now: str | datetime | None = None, account: str = DEFAULT_ACCOUNT) -> CliState:
    """The top-level state a test run starts with: its clock (none: the real one) and the
    OS account it runs as."""
    return CliState(clock=frozen(now) if now else utc_now, account=account)


def named_account(args: Sequence[str], env: Mapping[str, str | None] | None = None) -> str:
    """The account a run that names no account is logged in as: the user ``args`` name
    with ``--user`` (before the command), else ``CSTUI_USER`` of ``env`` (default: this
    process's environment), else :data:`DEFAULT_ACCOUNT`."""
    for index, arg in enumerate(args[:-1]):
        if arg in COMMANDS:
            break
        if arg == "--user":
            return args[index + 1]
    environ = os.environ if env is None else {**os.environ, **env}
    return environ.get("CSTUI_USER") or DEFAULT_ACCOUNT


def invoke(
    args: Sequence[str],
    now: str | datetime | None = None,
    env: Mapping[str, str | None] | None = None,
    account: str | None = None,
    **kwargs: object,
) -> Result:
    """Run ``cstui ARGS`` in process (click's runner) at ``now`` (None: the real clock) as
    the OS ``account`` (None: see :func:`named_account`)."""
    logged_in = account if account is not None else named_account(args, env)
    obj = state(now, logged_in)
    return CliRunner().invoke(main, list(args), obj=obj, env=env, **kwargs)  # type: ignore[arg-type]


@dataclass
class Cli:
    """``cli("case", "list")`` runs ``cstui --data-dir DATA_DIR --user USER case list`` in
    process at ``now`` (None or empty: the real clock); each call may name another user or
    moment. With a ``server``, each run also names ``--store``: the URL on which that user
    signs in as their own database role."""

    data_dir: Path
    user: str = "alice"
    now: str | None = None
    server: Callable[[str], str] | None = None

    def __call__(self, *args: str, user: str | None = None, now: str | None = None) -> Result:
        person = user or self.user
        store = ["--store", self.server(person)] if self.server is not None else []
        result = invoke(
            ["--data-dir", str(self.data_dir), "--user", person, *store, *args],
            now=self.now if now is None else now,
            account=person,
            catch_exceptions=False,
        )
        assert "Traceback" not in result.output
        return result

    def json(self, *args: str, user: str | None = None, now: str | None = None) -> Any:
        """Run with ``--json``; it must succeed with one JSON document on stdout."""
        result = self(*args, "--json", user=user, now=now)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def publish(self) -> None:
        """On a server, publish the folder's edited policy and content (as a team leader
        does with ``store config push``); on the folder's files the edit is read as it is."""
        if self.server is not None:
            pushed = self("store", "config", "push")
            assert pushed.exit_code == 0, pushed.output

    def new_case(
        self, *extra: str, user: str | None = None, now: str | None = None
    ) -> dict[str, Any]:
        """Log a valid case (``extra`` options added), returning its JSON."""
        args = [
            "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
            "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
            *extra,
        ]  # fmt: skip
        case: dict[str, Any] = self.json(*args, user=user, now=now)
        return case

    def error(self, *args: str, code: int = 2, user: str | None = None) -> str:
        """Run expecting failure with ``code``; the one ``error:`` line on stderr."""
        result = self(*args, user=user)
        assert result.exit_code == code, result.output
        errors = [line for line in result.stderr.splitlines() if not line.startswith("cstui: ")]
        assert len(errors) == 1, result.stderr
        assert errors[0].startswith("error: ")
        assert result.stdout == ""
        return errors[0]


def command(now: str | datetime | None = None, account: str | None = None) -> list[str]:
    """The command line that runs ``cstui`` as a real process at ``now``, as the OS
    ``account`` (None: see :func:`named_account`, in the process's environment)."""
    moment = now.isoformat() if isinstance(now, datetime) else now
    return [
        sys.executable, "-m", "tests.support.cli",
        *(["--now", moment] if moment else []),
        *(["--account", account] if account is not None else []),
    ]  # fmt: skip


def process_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this environment) with the project on the path, for :func:`command`."""
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def run(argv: list[str]) -> None:
    """``[--now ISO] [--account NAME] ARGS...``: run the command line at that moment as
    that OS account (the process entry)."""
    now = account = None
    if argv[:1] == ["--now"]:
        now, argv = argv[1], argv[2:]
    if argv[:1] == ["--account"]:
        account, argv = argv[1], argv[2:]
    logged_in = account if account is not None else named_account(argv)
    main.main(argv, prog_name="cstui", obj=state(now, logged_in))


if __name__ == "__main__":
    run(sys.argv[1:])
