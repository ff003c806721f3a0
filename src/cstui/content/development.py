"""The development suggestions (themes, activities, readings) for anyone who needs them.

The skills log and the tips screen both read them from here.
"""

from __future__ import annotations

from pathlib import Path

from cstui.content.library import DEVELOPMENT, load_content
from cstui.models.content import Development


def load_development(data_dir: Path | None = None) -> Development:
    """The shipped development suggestions, or ``<data_dir>/content/development.toml``
    when that file is present and valid (a broken one is passed over for the default).
    """
    return load_content(DEVELOPMENT, data_dir).content
