"""Passphrases of people who share one OS account: kept as salted scrypt hashes only.

A stored hash is ``scrypt$N$r$p$SALT$HASH`` (salt and hash in hex), so its cost
parameters travel with it and can be raised later without breaking older entries.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cstui.errors import InputError

COST, BLOCK_SIZE, PARALLEL = 2**14, 8, 1
"""scrypt's N, r and p for new hashes (about 16 MiB and a few dozen milliseconds)."""
MIN_LENGTH = 8
MAX_LENGTH = 1024
SCHEME = "scrypt"


def _derive(passphrase: str, salt: bytes, cost: int, block_size: int, parallel: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=cost,
        r=block_size,
        p=parallel,
        maxmem=256 * cost * block_size,
        dklen=32,
    )


def check_new_passphrase(passphrase: str) -> str:
    """``passphrase`` if it is long enough to protect anything; else InputError."""
    if len(passphrase) < MIN_LENGTH:
        raise InputError.single("passphrase", f"must be at least {MIN_LENGTH} characters")
    if len(passphrase) > MAX_LENGTH:
        raise InputError.single("passphrase", f"must be at most {MAX_LENGTH} characters")
    return passphrase


def hash_passphrase(passphrase: str) -> str:
    """A new salted hash of ``passphrase`` to keep on the roster (never the passphrase)."""
    salt = secrets.token_bytes(16)
    digest = _derive(check_new_passphrase(passphrase), salt, COST, BLOCK_SIZE, PARALLEL)
    return f"{SCHEME}${COST}${BLOCK_SIZE}${PARALLEL}${salt.hex()}${digest.hex()}"


def passphrase_matches(passphrase: str, stored: str | None) -> bool:
    """Whether ``passphrase`` is the one ``stored`` was made from (False if none is kept
    or the stored text is not a hash this app makes)."""
    if not stored or len(passphrase) > MAX_LENGTH:
        return False
    try:
        scheme, cost, block_size, parallel, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        derived = _derive(
            passphrase, bytes.fromhex(salt), int(cost), int(block_size), int(parallel)
        )
        return hmac.compare_digest(derived, bytes.fromhex(digest))
    except (ValueError, MemoryError, OverflowError):
        return False
