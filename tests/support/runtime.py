"""A runtime folder of the test's own (``XDG_RUNTIME_DIR``), where ``cstui pop`` and the
app's pop listener put their sockets: no real session's sockets are touched, and no app
is listening there unless the test starts one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own runtime folder (0700), named by ``XDG_RUNTIME_DIR``."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder
