"""The installed ``cstui`` command.

A call popped by the telephony (``cstui pop NUMBER ...``) goes straight to the TUI the
person has open, before the command line, the models and the store are loaded: the TUI,
which has them loaded, checks the number, shows the caller and keeps the call. Only when
no TUI takes the call whole (none open, the number refused, no answer) does the full
command (:mod:`cstui.cli`) run, which keeps the call itself, says why, and exits 3 (or 2
for a bad field). Every other command goes to the full command at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

POP_OPTIONS = {"--call-id": "call_id", "--name": "name", "--queue": "queue"}
"""The options of ``cstui pop`` the quick hand-over reads, and the field each fills."""

TOP_OPTIONS = {"--data-dir": "data_dir", "--user": "user", "--store": "store"}
"""The top-level options the quick hand-over reads (anything else: the full command)."""

HANDED_AT = "--handed-at"
"""The option with which the quick hand-over asks the full command to keep a call that a
TUI was handed but did not confirm keeping (see :mod:`cstui.cli.pop`)."""


@dataclass
class PopRequest:
    """A plain ``cstui pop`` command line, as the quick hand-over understands it."""

    number: str = ""
    call_id: str = ""
    name: str = ""
    queue: str = ""
    as_json: bool = False
    data_dir: str | None = None
    user: str | None = None
    store: str | None = None


def _option(arg: str, rest: list[str], known: dict[str, str]) -> tuple[str, str] | None:
    """(field, value) of option ``arg`` (``--x V`` or ``--x=V``, V taken from ``rest``),
    or None if ``arg`` is not one of ``known`` or lacks its value."""
    name, equals, value = arg.partition("=")
    if name not in known:
        return None
    if not equals:
        if not rest:
            return None
        value = rest.pop(0)
    return known[name], value


def parse_pop(args: Sequence[str]) -> PopRequest | None:
    """The pop ``args`` (``sys.argv[1:]``) ask for, or None when they are anything else or
    anything unusual (help, a missing number, an unknown option): the full command then
    reads them."""
    rest, request, seen_pop = list(args), PopRequest(), False
    while rest:
        arg = rest.pop(0)
        if not seen_pop and arg == "pop":
            seen_pop = True
        elif seen_pop and arg == "--json":
            request.as_json = True
        elif arg.startswith("-"):
            found = _option(arg, rest, POP_OPTIONS if seen_pop else TOP_OPTIONS)
            if found is None:
                return None
            setattr(request, *found)
        elif seen_pop and not request.number:
            request.number = arg
        else:
            return None
    return request if seen_pop and request.number.strip() else None


def _said(request: PopRequest, contact: dict[str, object]) -> str:
    """What a pop the TUI kept prints, as the full command prints it."""
    from cstui.models.text_gate import shown, shown_data

    if request.as_json:
        document = {"contact": contact, "shown": True}
        return json.dumps(shown_data(document), ensure_ascii=False, indent=2)
    return shown(f"{contact.get('id')}: call from {contact.get('number')} kept and shown")


def quick_pop(request: PopRequest, account: str | None = None) -> list[str] | None:
    """Hand the call to the person's open TUI. None if the TUI kept and showed it (said
    on stdout); else the extra arguments the full command then needs (none, or
    :data:`HANDED_AT` for a call a TUI may have kept). ``account``: the OS account, for
    the test suite only (the installed command asks the OS)."""
    from cstui.config import resolve
    from cstui.errors import CstuiError
    from cstui.pop_channel import ChannelError, Pop, hand_over

    try:
        settings = resolve(request.data_dir, request.user, account=account, store=request.store)
    except CstuiError:
        return []  # said by the full command
    if settings.shared:  # the person signs in first: the full command asks
        return []
    at = datetime.now(UTC).isoformat()
    call = Pop(request.number, "", request.name, request.call_id, request.queue, at)
    try:
        answer = hand_over(call, settings.user)
    except (ChannelError, OSError):
        return []
    if answer is None or answer.refused:
        return []  # nobody took it, or a field was refused: nothing was kept
    if not answer.kept or answer.contact is None:
        return [HANDED_AT, at]  # it may be kept: the full command keeps it once
    try:
        print(_said(request, answer.contact), flush=True)
    except OSError:
        sys.stderr.write("cstui: standard output is gone; the call was kept and shown\n")
        sys.exit(1)
    return None


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``cstui`` with ``argv`` (default: this process's arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)
    request = parse_pop(args)
    extra = quick_pop(request) if request is not None else []
    if extra is None:
        return
    from cstui.cli import main as full_command

    full_command([*args, *extra], prog_name="cstui")
