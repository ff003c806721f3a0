"""One decorator for every subcommand: the ``--json`` flag, output, and exit codes.

Exit codes: 0 done; 2 the user's to fix (input, workflow, permission, unknown id,
conflict); 1 the machine's (store or configuration). Errors are one line on stderr.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

import click
import orjson

from cstui.errors import (
    ConflictError,
    CstuiError,
    InputError,
    NotFound,
    PermissionDenied,
    WorkflowError,
)

USER_ERROR = 2
MACHINE_ERROR = 1

_USER_PROBLEMS = (WorkflowError, PermissionDenied, NotFound, ConflictError)


@dataclass(frozen=True)
class Shown:
    """What a command prints: a JSON-ready value for ``--json``, or plain text."""

    data: Any
    text: str | Callable[[], str]
    """The text, or how to make it (only called when the text is printed)."""
    exit_code: int = 0
    """Non-zero when the output reports a problem (e.g. a damaged store)."""

    def output(self, as_json: bool) -> str:
        """What to print: the JSON of :attr:`data`, or the text."""
        if as_json:
            return to_json(self.data)
        return self.text if isinstance(self.text, str) else self.text()


class Failure(click.ClickException):
    """A refusal that is the user's to fix: ``error: <message>`` on stderr, exit 2."""

    exit_code = USER_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the one-line message on stderr."""
        click.echo(f"error: {self.format_message()}", err=True)


class MachineFailure(Failure):
    """The store or configuration failed: exit 1."""

    exit_code = MACHINE_ERROR


def input_message(error: InputError, options: Mapping[str, str]) -> str:
    """Every problem on one line, each field named as the option the user typed."""
    return "; ".join(f"{options.get(p.field, p.field)}: {p.message}" for p in error.problems)


@contextmanager
def reporting(options: Mapping[str, str] | None = None) -> Iterator[None]:
    """Turn the app's errors into failures with exit codes.

    ``options`` maps a model field to the option the user typed, for the message.
    """
    try:
        yield
    except InputError as exc:
        raise Failure(input_message(exc, options or {})) from None
    except _USER_PROBLEMS as exc:
        raise Failure(str(exc)) from None
    except CstuiError as exc:  # StoreError, ConfigError: the machine's to fix
        raise MachineFailure(str(exc)) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise MachineFailure(f"{exc.strerror or exc}{where}") from None
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except Exception as exc:  # a bug: still one line, never a traceback
        kind = type(exc).__name__
        raise MachineFailure(f"unexpected {kind}: {exc} (please report this)") from None


def to_json(data: Any) -> str:
    """One JSON document, non-ASCII kept as is, indented by two spaces."""
    try:  # the same text as the standard encoder gives, many times faster
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # what orjson does not take (huge integers, ...)
        return json.dumps(data, ensure_ascii=False, indent=2)


def action(
    group: click.Group,
    name: str,
    *,
    json_flag: bool = True,
    options: Mapping[str, str] | None = None,
) -> Callable[[Callable[..., Shown]], click.Command]:
    """Register ``fn`` as ``group name``: it returns what to show, errors become exit codes.

    ``options`` names, for error messages, the option behind each model field.
    """

    def decorate(fn: Callable[..., Shown]) -> click.Command:
        @functools.wraps(fn)
        def run(*args: Any, as_json: bool = False, **kwargs: Any) -> None:
            with reporting(options):
                shown = fn(*args, **kwargs)
            click.echo(shown.output(as_json))
            if shown.exit_code:
                raise click.exceptions.Exit(shown.exit_code)

        command = group.command(name)(run)
        if json_flag:
            command.params.append(
                click.Option(["--json", "as_json"], is_flag=True, help="Print JSON on stdout.")
            )
        return command

    return decorate
