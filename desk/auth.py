"""Who may write: staff sign in before the desk shows anything.

With an identity provider configured (`[auth]` in .streamlit/secrets.toml), Streamlit's
`st.login` signs staff in. Otherwise local accounts: `[desk] users = {name = "<argon2 hash>"}`
in .streamlit/secrets.toml (`python -m desk password` prints a hash). No account configured
means nobody can sign in.
"""
from __future__ import annotations

from collections.abc import Mapping

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify(users: Mapping[str, str], name: str, password: str) -> bool:
    """True when `name` is a local account and `password` matches its argon2 hash."""
    stored = users.get(name.strip()) if name else None
    if not stored or not password:
        return False
    try:
        return _HASHER.verify(str(stored), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
