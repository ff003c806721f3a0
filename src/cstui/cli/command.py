"""One decorator for every subcommand: the ``--json`` flag, output, and exit codes.

Exit codes: 0 done; 2 the user's to fix (input, workflow, permission, unknown id,
conflict); 1 the machine's (store or configuration). Errors are one line on stderr.

Everything the command line prints goes through :func:`echo`, and every JSON document
through :func:`to_json`: both pass the output gate (:func:`cstui.models.text_gate.shown`),
so no escape sequence or control byte reaches the terminal, whatever its source. When
standard output is gone (a closed pipe, a full disk), the command ends with exit 1 and a
line on stderr saying that nothing was lost, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
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
from cstui.models.text_gate import shown, shown_data

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
        """What to print: the JSON of :attr:`data`, or the text (both through the gate)."""
        if as_json:
            return to_json(self.data)
        return shown(self.text if isinstance(self.text, str) else self.text())


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` through the output gate, on stdout (or stderr with ``err``).

    A stdout that cannot be written raises :class:`OutputLost`; a broken stderr is
    ignored, as there is nowhere left to say anything.
    """
    try:
        click.echo(shown(text), err=err, nl=nl)
    except OSError as exc:
        if not err:
            raise OutputLost(exc) from None


class OutputLost(click.ClickException):
    """Standard output could not be written (closed pipe, full disk): exit 1, quietly.

    The command's work was done before anything was printed, so nothing was lost; the
    line on stderr says so.
    """

    exit_code = 1

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or type(error).__name__)

    def show(self, file: IO[Any] | None = None) -> None:
        """Say on stderr what happened; stdout is silenced so exiting raises nothing more."""
        _silence_stdout()
        echo(
            f"cstui: the output could not be written ({self.message}); nothing was lost: "
            "what the command did is stored",
            err=True,
        )


def _silence_stdout() -> None:
    """Point standard output at the null device, so the last flush at exit succeeds."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


class Failure(click.ClickException):
    """A refusal that is the user's to fix: ``error: <message>`` on stderr, exit 2."""

    exit_code = USER_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the one-line message on stderr (through the output gate)."""
        echo(f"error: {shown(self.format_message(), newlines=False)}", err=True)


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


def _dumps(data: Any) -> str:
    try:  # the same text as the standard encoder gives, many times faster
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # what orjson does not take (huge integers, lone surrogates, ...)
        return json.dumps(data, ensure_ascii=False, indent=2)


# In JSON text: an escaped C0 control other than tab and newline (\u0000-\u001f, \b, \f,
# \r), a raw C1 control, DEL or bidi override, a lone surrogate in any form.
_UNSHOWN_IN_JSON = re.compile(
    r"\\u00[01][0-9a-f]|\\[bfr]|\\ud[89a-f]|[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
    re.IGNORECASE,
)


def to_json(data: Any) -> str:
    """One JSON document, non-ASCII kept as is, indented by two spaces.

    Every string in it (keys too) has passed the output gate: a document with nothing to
    remove (nearly all) is written once; one with something is cleaned and written again.
    """
    text = _dumps(data)
    if _UNSHOWN_IN_JSON.search(text) is None:
        return text
    return _dumps(shown_data(data))


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
                result = fn(*args, **kwargs)
            echo(result.output(as_json))
            if result.exit_code:
                raise click.exceptions.Exit(result.exit_code)

        command = group.command(name)(run)
        if json_flag:
            command.params.append(
                click.Option(["--json", "as_json"], is_flag=True, help="Print JSON on stdout.")
            )
        return command

    return decorate
