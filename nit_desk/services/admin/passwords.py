"""Password hashing with scrypt, a memory-hard KDF from the standard library.

The cost is OWASP's current recommendation for scrypt: N=2^17, r=8, p=1
(128 MiB and a few tenths of a second per hash). A hash made with another
cost (an older, cheaper one) still verifies, and :func:`needs_rehash` tells the
sign-in to store a new hash at today's cost.

Tests only: the environment variable ``NIT_DESK_TEST_SCRYPT_LOG2_N`` (set by
``tests/conftest.py``) lowers N to keep the suite fast; one test proves the
production parameters with it unset. The program itself never sets it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from functools import cache

PRODUCTION_N, PRODUCTION_R, PRODUCTION_P = 2**17, 8, 1
TEST_COST_VARIABLE = "NIT_DESK_TEST_SCRYPT_LOG2_N"
_MAXMEM = 256 * 1024 * 1024  # 128 * N * r bytes for N=2^17, r=8, plus headroom


def current_cost() -> tuple[int, int, int]:
    """(N, r, p) used for new hashes: production, unless a test lowered N."""
    override = os.environ.get(TEST_COST_VARIABLE, "").strip()
    n = 2 ** int(override) if override.isdigit() and 1 <= int(override) < 17 else PRODUCTION_N
    return n, PRODUCTION_R, PRODUCTION_P


def hash_password(password: str) -> str:
    """Return ``scrypt$N$r$p$salt$hash``; the password itself is never stored."""
    n, r, p = current_cost()
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, n, r, p, 32)
    return "$".join(["scrypt", str(n), str(r), str(p), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    """Check a password against a stored hash in constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p),
                         len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with another cost than today's (upgrade it at sign-in)."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return True
    return tuple(parts[1:4]) != tuple(str(value) for value in current_cost())


def verify_unknown_user(password: str) -> None:
    """Spend the time a real check takes, for a user name that does not exist.

    The dummy hash is made once per cost and kept, so refusing an unknown name
    costs one scrypt, exactly like a wrong password for a known one.
    """
    verify_password(password, _dummy_hash(current_cost()))


@cache
def _dummy_hash(cost: tuple[int, int, int]) -> str:
    del cost  # the cache key: a changed test cost makes a new dummy
    return hash_password(secrets.token_urlsafe(16))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r,
                          p=p, maxmem=_MAXMEM, dklen=dklen)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
