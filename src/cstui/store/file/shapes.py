"""What each kind of store file must look like once parsed: tables of rows of a kind."""

from __future__ import annotations

from typing import Any


def _rows_problem(table: str, rows: dict[str, Any], kind: type | tuple[type, ...]) -> str:
    for key, row in rows.items():
        if not isinstance(row, kind):
            return f"{table}[{key!r}] is a {type(row).__name__}"
    return ""


def _table_kinds(name: str) -> dict[str, type | tuple[type, ...]] | None:
    """For a file called ``name``: the type every row of a table must have (by table
    name, ``*`` for any table), or None for a lookup file (lists of numbers)."""
    if name.startswith("lookup-"):
        return None
    if name == "index":
        return {"groups": (bool, int), "blocks": dict}
    if name.startswith("analysis-"):
        return {"rows": (dict, type(None)), "*": (str, int, float, bool, type(None))}
    return {"*": dict}


def shape_problem(name: str, data: Any) -> str:
    """Why the parsed document of the file called ``name`` (``cases``, ``cases-0042``,
    ``index-000``, ``lookup-017``, ...) is not the shape of a case store; "" if it is."""
    if not isinstance(data, dict):
        return f"a {type(data).__name__} where a document of tables belongs"
    kinds = _table_kinds(name)
    for table, rows in data.items():
        if not isinstance(rows, dict):
            return f"{table} is a {type(rows).__name__}"
        if kinds is None:
            bad = next((k for k, v in rows.items() if not _numbers(v)), None)
            problem = f"{table}[{bad!r}] is not a list of case numbers" if bad else ""
        else:
            problem = _rows_problem(table, rows, kinds.get(table, kinds.get("*", dict)))
        if problem:
            return problem
    return ""


def _numbers(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(n, int) for n in value)
