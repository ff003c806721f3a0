"""``cstui report ...``: the group every report command joins.

``returns`` and ``calls`` are loaded only when they run; ``complaints`` and
``trends`` join from :mod:`cstui.cli.report_cases`.
"""

from __future__ import annotations

import click

from cstui.cli.lazy import LazyGroup

REPORTS = {
    "returns": "cstui.cli.report_returns:returns",
    "calls": "cstui.cli.report_calls:calls",
}
"""The reports loaded only when they run."""


@click.group("report", cls=LazyGroup, lazy=REPORTS)
def report_group() -> None:
    """Reports: complaints, trends, returns by product, and calls."""
