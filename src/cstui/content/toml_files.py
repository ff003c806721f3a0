"""Read a TOML file into a model, with errors that name the file and the key."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cstui.config_files import POLICY_FILE
from cstui.errors import ConfigError
from cstui.models.errors import problems_from
from cstui.models.policy import Policy
from cstui.resources import data_file

M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, model: type[M]) -> M:
    """Parse ``path`` as ``model``; raise ConfigError naming file, key and reason."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: the file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return model_of(path, raw, model)


def model_of(path: Path, raw: dict[str, Any], model: type[M]) -> M:
    """``raw``, the TOML values of ``path``, as ``model``; ConfigError naming file, key
    and reason."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(f"key {p.field} {p.message}" for p in problems_from(exc))
        raise ConfigError(f"{path}: {details}") from None


def default_policy() -> Policy:
    """The policy shipped with the app."""
    return load_model(data_file(POLICY_FILE), Policy)
