"""Identity fixtures: alice's data folder with bob on the roster, run as any OS account."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from tests.support.cli import invoke

NOW = "2026-03-02T10:00:00+00:00"


@dataclass
class Folder:
    """A data folder; :meth:`run` runs ``cstui`` on it as a given OS account."""

    path: Path

    def run(
        self,
        *args: str,
        account: str,
        env: Mapping[str, str | None] | None = None,
        stdin: str | None = None,
    ) -> Result:
        """``cstui --data-dir PATH ARGS`` in process, logged in as ``account``."""
        return invoke(
            ["--data-dir", str(self.path), *args],
            now=NOW,
            env={"CSTUI_USER": None, **(env or {})},
            account=account,
            input=stdin,
        )

    def ok(self, *args: str, account: str, stdin: str | None = None) -> Result:
        """Run, expecting success."""
        result = self.run(*args, account=account, stdin=stdin)
        assert result.exit_code == 0, result.output
        return result


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    """alice (team leader) made the folder and put bob on the roster as an agent."""
    made = Folder(tmp_path / "data")
    made.ok("team", "add", "bob", "--role", "agent", "--limit", "50", account="alice")
    return made
