"""The server's refusals as the app's own errors.

The checks of :mod:`.authority_sql` refuse with SQLSTATE 42501 (insufficient_privilege)
and a plain sentence, or ``CSI01`` naming the field at fault; the server's own refusals
(a table the role may not write, a row-level security policy) use 42501 too. Each reaches
the person as the error the app's own check would have raised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstui.errors import CstuiError, InputError, PermissionDenied

if TYPE_CHECKING:
    import psycopg

INPUT_REFUSED = "CSI01"
"""The SQLSTATE of a refusal about one field (its name is the error's column)."""
DENIED = "42501"
"""insufficient_privilege: the signed-in role may not do this."""


def refusal(exc: psycopg.Error) -> CstuiError | None:
    """The app's error for the server's refusal ``exc``; None if it is no refusal."""
    diag = exc.diag
    message = (diag.message_primary or str(exc)).strip()
    if diag.sqlstate == INPUT_REFUSED:
        return InputError.single(diag.column_name or "value", message)
    if diag.sqlstate != DENIED:
        return None
    if diag.source_function == "exec_stmt_raise":
        return PermissionDenied(message)
    return PermissionDenied(f"the database server refused this: {message}")
