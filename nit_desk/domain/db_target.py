"""Cutting the password out of a database URL, in one place (issue 15, item 5).

A password may hold any character, typed as it is (``p#ss/w?rd@1:x``) or
percent-encoded (``p%23ss``). ``urllib.parse.urlsplit`` ends the address at
the first ``/``, ``?`` or ``#`` and so misses such a password, and SQLAlchemy's
``make_url`` ends it at the first ``@`` and reads the rest as a host and port.
Here the user information ends at the *last* ``@`` (host names and database
names hold none), the password starts after the user name's first ``:``, and
it is percent-decoded like SQLAlchemy does. Everything else is then parsed by
SQLAlchemy alone (``storage.engine.to_url``), with no password left to leak
into an error message, a settings file or a log line.
"""

from __future__ import annotations

from urllib.parse import unquote


def split_password(target: str) -> tuple[str, str | None]:
    """``target`` without its password, and the password (decoded); paths unchanged.

    >>> split_password("postgresql://anna:p#ss/w?rd@db.nit/nit")
    ('postgresql://anna@db.nit/nit', 'p#ss/w?rd')
    >>> split_password("/home/anna/nit.db")
    ('/home/anna/nit.db', None)
    """
    scheme, found, rest = target.partition("://")
    if not found or "@" not in rest:
        return target, None
    user_info, _, address = rest.rpartition("@")
    user, colon, password = user_info.partition(":")
    if not colon:
        return target, None
    return f"{scheme}://{user}@{address}" if user else f"{scheme}://{address}", unquote(password)


def without_password(target: str) -> str:
    """``target`` with any password removed (a file path is returned unchanged)."""
    return split_password(target)[0]
