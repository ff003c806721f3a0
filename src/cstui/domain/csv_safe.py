"""Formula-safe CSV: moved to :mod:`cstui.models.csv_safe`; re-exported here for the
services that import it from here."""

from __future__ import annotations

from cstui.models.csv_safe import Cell, write_rows

__all__ = ["Cell", "write_rows"]
