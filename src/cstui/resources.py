"""Find the shipped ``data/`` and ``styles/`` folders, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _folder(name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"cstui is installed without its {name}/ folder")


def data_file(name: str) -> Path:
    """A default content or policy file shipped in ``data/``."""
    return _folder("data") / name


def style_file(name: str) -> Path:
    """A Textual stylesheet shipped in ``styles/``."""
    return _folder("styles") / name
