"""The CLI as the reliability tests run it as a real process, at a frozen moment."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

from tests.support.cli import command

NOW = "2026-03-02T09:00:00+00:00"
"""The frozen clock of the reliability tests' command lines: a Monday morning, UTC."""


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
