"""The client library itself (libpq, the one psycopg drives), for the one read a start
makes before anything is shown.

Importing psycopg takes longer than a whole ``cstui case list`` on the file store, and a
start needs one query: this module signs in through the same libpq psycopg uses (the copy
bundled with ``psycopg-binary``, else the system's), with the same parameters, and reads
one value as text. Anything it cannot do (no libpq to load, a failed query) it answers with
None, and the caller takes the psycopg path, which says why in the usual words.
"""

from __future__ import annotations

import ctypes
import importlib.util
from functools import cache
from pathlib import Path

SYSTEM_LIBPQ = "libpq.so.5"
CONNECTION_OK = 0
TUPLES_OK = 2
QUICK_TIMEOUT = "5"
"""Seconds this read waits for a server that does not answer before the psycopg path
tries (with its own, longer, wait)."""


def _bundled() -> list[Path]:
    """The libpq of ``psycopg-binary`` (what psycopg itself loads), if installed."""
    spec = importlib.util.find_spec("psycopg_binary")
    if spec is None or spec.origin is None:
        return []
    return sorted((Path(spec.origin).parent.parent / "psycopg_binary.libs").glob("libpq*.so*"))


@cache
def _load() -> ctypes.CDLL | None:
    """libpq, its functions typed; None if none can be loaded."""
    for candidate in [*map(str, _bundled()), SYSTEM_LIBPQ]:
        try:
            lib = ctypes.CDLL(candidate)
        except OSError:
            continue
        _declare(lib)
        return lib
    return None


def _declare(lib: ctypes.CDLL) -> None:
    """The argument and result types of the functions used here."""
    pointer, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    texts = ctypes.POINTER(ctypes.c_char_p)
    for name, result, arguments in (
        ("PQconnectdbParams", pointer, [texts, texts, number]),
        ("PQstatus", number, [pointer]),
        ("PQerrorMessage", text, [pointer]),
        ("PQfinish", None, [pointer]),
        ("PQexec", pointer, [pointer, text]),
        ("PQresultStatus", number, [pointer]),
        ("PQntuples", number, [pointer]),
        ("PQnfields", number, [pointer]),
        ("PQgetisnull", number, [pointer, number, number]),
        ("PQgetvalue", pointer, [pointer, number, number]),
        ("PQgetlength", number, [pointer, number, number]),
        ("PQclear", None, [pointer]),
        ("PQconninfoParse", pointer, [text, ctypes.POINTER(ctypes.c_void_p)]),
        ("PQconninfoFree", None, [pointer]),
        ("PQfreemem", None, [pointer]),
    ):
        function = getattr(lib, name)
        function.restype, function.argtypes = result, arguments


class _Option(ctypes.Structure):
    """One ``PQconninfoOption``: a parameter of a connection string."""

    _fields_ = [
        ("keyword", ctypes.c_char_p),
        ("envvar", ctypes.c_char_p),
        ("compiled", ctypes.c_char_p),
        ("val", ctypes.c_char_p),
        ("label", ctypes.c_char_p),
        ("dispchar", ctypes.c_char_p),
        ("dispsize", ctypes.c_int),
    ]


class ConnectionRefused(Exception):
    """The server (or the library) refused to sign in; the text is libpq's own."""


class LibpqSession:
    """One connection made by libpq directly: sign in, read one value as text, close."""

    def __init__(self, lib: ctypes.CDLL, conn: int) -> None:
        self.lib = lib
        self.conn = conn

    @classmethod
    def open(cls, url: str, **sign_in: str) -> LibpqSession | None:
        """Sign in to ``url`` (``sign_in``'s user and password over the URL's, as psycopg
        does); None if libpq cannot be loaded; ConnectionRefused if the server says no."""
        lib = _load()
        if lib is None:
            return None
        # the URL's own connect_timeout wins over QUICK_TIMEOUT (given before it); the
        # text read here is UTF-8 whatever the URL asks of psycopg's connections
        params = [
            ("connect_timeout", QUICK_TIMEOUT),
            ("dbname", url),
            *sign_in.items(),
            ("client_encoding", "UTF8"),
        ]
        try:
            keys = [k.encode() for k, _ in params]
            values = [v.encode() for _, v in params]
        except UnicodeError:
            return None
        keywords = (ctypes.c_char_p * (len(keys) + 1))(*keys, None)
        settings = (ctypes.c_char_p * (len(values) + 1))(*values, None)
        conn = lib.PQconnectdbParams(keywords, settings, 1)
        if not conn:
            return None
        if lib.PQstatus(conn) != CONNECTION_OK:
            said = (lib.PQerrorMessage(conn) or b"").decode("utf-8", "replace")
            lib.PQfinish(conn)
            raise ConnectionRefused(said)
        return cls(lib, conn)

    def value(self, query: str) -> bytes | None:
        """The one value ``query`` returns, as the server's text; None if the query fails
        or returns anything else (or NULL)."""
        lib = self.lib
        result = lib.PQexec(self.conn, query.encode())
        try:
            if lib.PQresultStatus(result) != TUPLES_OK or lib.PQntuples(result) != 1:
                return None
            if lib.PQnfields(result) != 1 or lib.PQgetisnull(result, 0, 0):
                return None
            return ctypes.string_at(lib.PQgetvalue(result, 0, 0), lib.PQgetlength(result, 0, 0))
        finally:
            lib.PQclear(result)

    def close(self) -> None:
        """End the connection."""
        if self.conn:
            self.lib.PQfinish(self.conn)
            self.conn = 0


def url_readable(url: str) -> bool | None:
    """Whether libpq can read ``url`` as a connection string (as psycopg's
    ``conninfo_to_dict`` asks it); None if libpq cannot be loaded."""
    lib = _load()
    if lib is None:
        return None
    try:
        encoded = url.encode()
    except UnicodeError:
        return False
    error = ctypes.c_void_p()
    options = lib.PQconninfoParse(encoded, ctypes.byref(error))
    if error.value:
        lib.PQfreemem(error)
    if not options:
        return False
    try:
        found = ctypes.cast(options, ctypes.POINTER(_Option))
        index = 0
        while found[index].keyword is not None:
            (found[index].val or b"").decode()  # psycopg reads each value as UTF-8
            index += 1
    except UnicodeDecodeError:
        return False
    finally:
        lib.PQconninfoFree(options)
    return True
