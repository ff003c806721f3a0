"""The CLI as the reliability tests run it: in-process (click's runner) or as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import Result
from tests.support.cli import command, invoke

NOW = "2026-03-02T09:00:00+00:00"
"""The CLI's frozen clock: a Monday morning, UTC."""


@dataclass
class Cli:
    """``cli("case", "list")`` runs ``cstui --data-dir <dir> --user alice case list`` in-process."""

    data_dir: Path
    now: str = NOW

    def __call__(self, *args: str, user: str = "alice") -> Result:
        result = invoke(
            ["--data-dir", str(self.data_dir), "--user", user, *args],
            now=self.now,
            catch_exceptions=False,
        )
        assert "Traceback" not in result.output
        return result

    def json(self, *args: str, user: str = "alice") -> Any:
        """Run with ``--json``; it must succeed with one JSON document on stdout."""
        result = self(*args, "--json", user=user)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def new_case(self, *extra: str, user: str = "alice") -> dict[str, Any]:
        """Log a valid case (``extra`` options added), returning its JSON."""
        case: dict[str, Any] = self.json(
            "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
            "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
            *extra, user=user,
        )  # fmt: skip
        return case


@dataclass
class Proc:
    """``python -m cstui`` in a real process, with home, XDG and data folder in tmp_path."""

    env: dict[str, str]

    def command(self, *args: str, boot: str | None = None) -> list[str]:
        """``cstui ARGS`` at :data:`NOW`, or ``python -c BOOT --now NOW ARGS`` (``boot`` runs
        the CLI itself, through :func:`tests.support.cli.run`)."""
        if boot is None:
            return [*command(NOW), *args]
        return [sys.executable, "-c", boot, "--now", NOW, *args]

    def __call__(self, *args: str, boot: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``cstui ARGS`` and wait for it."""
        return subprocess.run(
            self.command(*args, boot=boot),
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
