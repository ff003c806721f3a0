"""``cstui report ...``: the group every report command joins.

``returns`` is loaded only when it runs (it needs the refund rules); ``complaints`` and
``trends`` join from :mod:`cstui.cli.report_cases`.
"""

from __future__ import annotations

import click

from cstui.cli.lazy import LazyGroup


@click.group("report", cls=LazyGroup, lazy={"returns": "cstui.cli.report_returns:returns"})
def report_group() -> None:
    """Reports: complaints, trends and returns by product."""
