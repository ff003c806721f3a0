"""The figures of the reliability tests, printed at the end of the run (a pytest plugin).

Every test records what it measured with the ``figures`` fixture; the lines are printed at
the end of the run under the heading "reliability figures", so they show in CI output
without ``-s``.

Under pytest-xdist the end-of-run summary is printed by the controller, which runs no
tests: each worker hands its lines over in ``config.workeroutput`` and the controller
gathers them in ``pytest_testnodedown``. ``tests/conftest.py`` loads this module as a
plugin (``pytest_plugins``), so the controller has these hooks however the suite is
started; it says it is listening (``pytest_configure_node``), and when it did not, a
worker falls back to issuing each line as a warning ("reliability figures: ..."), which
xdist forwards and pytest prints in its warnings summary.

Should the module be imported twice, its state lives on the config object and only the
copy configured first acts.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import pytest

HEADING = "reliability figures"
_STATE = "_reliability_figures_lines"
_OWNER = "_reliability_figures_owner"
_WORKEROUTPUT_KEY = "reliability_figures"
_LISTENING = "reliability_figures_listening"
_ME = object()
"""This copy of the module: the hooks of a second copy stay silent."""


def _lines(config: pytest.Config) -> list[list[str]]:
    lines: list[list[str]] | None = getattr(config, _STATE, None)
    if lines is None:
        lines = []
        setattr(config, _STATE, lines)
    return lines


def _mine(config: pytest.Config) -> bool:
    return getattr(config, _OWNER, None) is _ME


@dataclass
class Figures:
    """Record a test's figures: ``figures.add("crash test: 200 kills, ...")``."""

    config: pytest.Config
    nodeid: str
    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        """Keep ``line`` for the end-of-run summary (at once, so a failing test keeps it)."""
        self.lines.append(line)
        _lines(self.config).append([self.nodeid, line])
        workerinput = getattr(self.config, "workerinput", None)
        if workerinput is not None and not workerinput.get(_LISTENING):
            # A built-in category: xdist re-creates the class in the controller by name.
            warnings.warn(UserWarning(f"{HEADING}: {line}"), stacklevel=2)


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Figures:
    """Where a test writes the figures the issue asks it to print."""
    return Figures(request.config, request.node.nodeid)


def pytest_configure(config: pytest.Config) -> None:
    """The first copy of this module to be configured does the work."""
    if getattr(config, _OWNER, None) is None:
        setattr(config, _OWNER, _ME)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Controller: tell each worker that its figures will be gathered here."""
    if _mine(node.config):
        node.workerinput[_LISTENING] = True


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Worker: hand the figures to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None and _mine(session.config):
        workeroutput[_WORKEROUTPUT_KEY] = list(_lines(session.config))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Controller: gather a finished worker's figures."""
    if _mine(node.config):
        output = getattr(node, "workeroutput", None) or {}
        _lines(node.config).extend(output.get(_WORKEROUTPUT_KEY, []))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print every figure, grouped by test file in name order."""
    lines = _lines(config)
    if hasattr(config, "workerinput") or not lines or not _mine(config):
        return
    terminalreporter.write_sep("=", HEADING)
    for _, line in sorted(lines, key=lambda item: item[0].split("::")[0]):
        terminalreporter.write_line(line)
