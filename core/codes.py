"""The one generator of verification codes printed on attestations and checked on the public page, and the one
hash kept for the secrets of single-purpose links (tutor links, survey links, calendar feeds)."""

import hashlib
import secrets

# No 0/O, 1/I/L: a code is read on paper and typed back by hand.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12


def verification_code(*, grouped: bool = False) -> str:
    """Twelve random characters (about 59 bits); `grouped` prints them as XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if grouped else raw


def hash_token(token: str) -> str:
    """What is stored of a link's secret: its SHA-256, so that a copy of the database opens no link."""
    return hashlib.sha256(token.encode()).hexdigest()
