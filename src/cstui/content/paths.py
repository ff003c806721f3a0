"""Where the content files are: their names, and where a centre puts its own copies.

Nothing here needs the content models, so a start-up can ask without loading them.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_DIR = "content"
DEVELOPMENT_FILE = "development.toml"
TIPS_FILE = "tips.toml"
GUIDANCE_FILE = "guidance.toml"
TEMPLATES_FILE = "templates.toml"
CONTENT_FILES = (DEVELOPMENT_FILE, TIPS_FILE, GUIDANCE_FILE, TEMPLATES_FILE)
"""Every file of the content library, each of which a centre may override."""


def override_path(data_dir: Path, name: str) -> Path:
    """Where a centre puts its own copy of content file ``name``."""
    return data_dir / CONTENT_DIR / name


def has_overrides(data_dir: Path) -> bool:
    """Whether the centre has its own copy of any content file."""
    return any(override_path(data_dir, name).exists() for name in CONTENT_FILES)
