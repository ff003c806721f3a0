"""The store under real conditions: child processes through a forkserver, and the CLI.

The figures plumbing (the ``figures`` fixture and the end-of-run summary, also under
pytest-xdist) lives in ``tests/support/reliability/figures.py``, loaded as a plugin by
tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import process_env
from tests.support.reliability.cli import Proc
from tests.support.reliability.workers import PRELOAD

# -- child processes ------------------------------------------------------------------


@pytest.fixture(scope="session")
def forkserver() -> ForkServerContext:
    """A ``forkserver`` context whose server has imported pytest and the store.

    Forking the pytest process itself is unsafe (xdist runs threads in it); spawning a
    fresh interpreter costs a few hundred milliseconds. A child of the preloaded server
    is running its target in a few milliseconds.
    """
    context = multiprocessing.get_context("forkserver")
    # Python 3.11's server ignores the ``__main__`` preload and the parent's sys.path, and
    # each child re-runs the parent's main script (``bin/pytest``): so the server imports
    # pytest (that script then costs nothing) and the store; each child gets the parent's
    # sys.path (the project is on it) and imports the small ``tests.support.reliability.workers``
    # module itself.
    context.set_forkserver_preload(["pytest", *PRELOAD])
    return context


@dataclass
class Children:
    """Start child processes through the forkserver; every one is killed at teardown."""

    context: ForkServerContext
    started: list[BaseProcess] = field(default_factory=list)

    def start(self, target: Callable[..., None], *args: Any, signal_word: bytes) -> BaseProcess:
        """Start ``target(*args, conn)`` and wait until it sends ``signal_word`` on ``conn``."""
        reader, writer = self.context.Pipe(duplex=False)
        proc = self.context.Process(target=target, args=(*args, writer), daemon=True)
        proc.start()
        self.started.append(proc)
        writer.close()
        if not reader.poll(60):
            pytest.fail(f"child process {proc.pid} did not start within 60 s")
        try:
            word = reader.recv_bytes()
        except EOFError:
            proc.join(5)
            pytest.fail(f"child process {proc.pid} died before it was ready ({proc.exitcode})")
        assert word == signal_word
        reader.close()
        return proc

    def kill(self, proc: BaseProcess) -> int | None:
        """SIGKILL ``proc`` and reap it; its exit code (``-9`` when the kill did it)."""
        assert proc.pid is not None
        with contextlib.suppress(ProcessLookupError):  # it has already gone
            os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
        return proc.exitcode

    def close(self) -> None:
        for proc in self.started:
            if proc.is_alive():
                self.kill(proc)
            proc.join(10)


@pytest.fixture
def children(forkserver: ForkServerContext) -> Iterator[Children]:
    """Child processes for one test."""
    started = Children(forkserver)
    yield started
    started.close()


# -- the command line -------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (the first command creates it)."""
    return tmp_path / "data"


@pytest.fixture
def proc(tmp_path: Path, data_dir: Path) -> Proc:
    """The CLI as a subprocess on ``data_dir``, as alice, at a frozen time, in UTC."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("CSTUI_")}
    return Proc(
        process_env(
            {
                **base,
                "HOME": str(tmp_path / "proc-home"),
                "XDG_DATA_HOME": str(tmp_path / "xdg"),
                "CSTUI_DATA_DIR": str(data_dir),
                "CSTUI_USER": "alice",
                "TZ": "UTC",
            }
        )
    )
