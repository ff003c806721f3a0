"""Layering: read every module's imports (with ast) and refuse the ones that cross layers.

The same rules as the import-linter contracts in ``pyproject.toml`` for the lower layers
(run by ``lint-imports``), checked here with the standard library alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "src" / "cstui"

NO_TEXTUAL = (
    "cstui.models",
    "cstui.domain",
    "cstui.store",
    "cstui.services",
    "cstui.content",
    "cstui.config",
)
NO_TINYDB = ("cstui.tui", "cstui.cli", "cstui.services", "cstui.domain", "cstui.models")
PURE = ("cstui.models", "cstui.domain")
NOT_FROM_PURE = ("cstui.store", "cstui.services", "cstui.workspace", "cstui.tui", "cstui.cli")
SERVICES = ("cstui.services",)
NOT_FROM_SERVICES = ("cstui.store.file", "cstui.store.memory", "cstui.workspace", "cstui.tui")
STORES = ("cstui.store",)
NOT_FROM_STORES = ("cstui.domain", "cstui.services", "cstui.workspace", "cstui.tui", "cstui.cli")
FACES = ("cstui.tui", "cstui.cli", "cstui.services")
CONCRETE_STORES = ("cstui.store.file", "cstui.store.memory")

RULES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (NO_TEXTUAL, ("textual",)),
    (NO_TINYDB, ("tinydb",)),
    (PURE, NOT_FROM_PURE),
    (SERVICES, NOT_FROM_SERVICES),
    (STORES, NOT_FROM_STORES),
    (FACES, CONCRETE_STORES),
    (("cstui.models",), ("cstui.domain",)),
]


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def module_name(path: Path) -> tuple[str, bool]:
    """The dotted name of a file under the package, and whether it is a package."""
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def imports_of(source: str, module: str, is_package: bool) -> set[str]:
    """Every module ``source`` imports anywhere (also inside functions or TYPE_CHECKING)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, node.module] if node.module else base_parts)
            else:
                base = node.module or ""
            found.add(base)
            # ``from cstui import store`` imports the store package too.
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def violations(module: str, imported: set[str]) -> list[str]:
    return [
        f"{module} imports {name}"
        for layers, forbidden in RULES
        if within(module, layers)
        for name in sorted(imported)
        if within(name, forbidden)
    ]


def all_modules() -> dict[str, set[str]]:
    modules = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        name, is_package = module_name(path)
        modules[name] = imports_of(path.read_text(encoding="utf-8"), name, is_package)
    return modules


def test_the_real_source_tree_is_read() -> None:
    modules = all_modules()
    for expected in [
        "cstui.config",
        "cstui.models.case",
        "cstui.domain.workflow",
        "cstui.store.file.tinydb_cases",
        "cstui.services.cases",
        "cstui.tui",
    ]:
        assert expected in modules
    # The parser sees real imports, so the rules below are checked against something.
    assert "tinydb" in modules["cstui.store.file.tinydb_cases"]
    assert "cstui.models.case" in modules["cstui.domain.workflow"]


def test_no_module_imports_across_layers() -> None:
    problems = [v for name, imported in all_modules().items() for v in violations(name, imported)]
    assert problems == []


@pytest.mark.parametrize(
    ("module", "is_package", "source"),
    [
        ("cstui.models.case", False, "from textual.widgets import Input"),
        ("cstui.store", True, "import textual"),
        ("cstui.config", False, "def f():\n    import textual.app\n"),
        ("cstui.content.toml_files", False, "from textual import on"),
        ("cstui.services.team", False, "if TYPE_CHECKING:\n    from textual.app import App\n"),
        ("cstui.tui.screens.cases", False, "from tinydb import TinyDB"),
        ("cstui.cli", True, "import tinydb.table"),
        ("cstui.domain.due", False, "from cstui.store.ports import CaseStore"),
        ("cstui.domain.due", False, "from ..services import cases"),
        ("cstui.models.case", False, "from cstui import tui"),
        ("cstui.models", True, "from .. import cli"),
        ("cstui.domain.workflow", False, "import cstui.services.team"),
        ("cstui.services.reports", False, "from cstui.workspace import Workspace"),
        ("cstui.services.skills", False, "from cstui.store.file.tinydb_skills import X"),
        ("cstui.services.cases", False, "from cstui.store.memory import open_memory_store"),
        ("cstui.store.file.archive_rows", False, "from cstui.domain.reports import facts"),
        ("cstui.store.ports", False, "from cstui.services.cases import CaseService"),
        ("cstui.cli.cases", False, "from cstui.store.file.hot import stored_briefs"),
        ("cstui.tui.screens.home", False, "from cstui.store.file import open_file_store"),
        ("cstui.models.brief", False, "from cstui.domain.deadline import Due"),
    ],
)
def test_a_forbidden_import_is_caught(module, is_package, source) -> None:
    assert violations(module, imports_of(source, module, is_package)) != []


@pytest.mark.parametrize(
    ("module", "is_package", "source"),
    [
        ("cstui.models.case", False, "from .base import Model\nimport textualize_notes"),
        ("cstui.domain.due", False, "from ..models.case import Case"),
        ("cstui.tui.app", False, "from textual.app import App\nfrom cstui.services import cases"),
        ("cstui.store.file.tinydb_cases", False, "from tinydb import TinyDB"),
        ("cstui.workspace", False, "from cstui.store.file import open_file_store"),
        ("cstui.services.cases", False, "from cstui.store.ports import CaseStore"),
        ("cstui.store.file.tinydb_cases", False, "from cstui.models.case import Case"),
    ],
)
def test_allowed_imports_pass(module, is_package, source) -> None:
    assert violations(module, imports_of(source, module, is_package)) == []
