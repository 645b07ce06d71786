"""Sign-in throttling: the attacker is slowed down, never the account.

Failed sign-ins are counted per client address and e-mail address together: after
`LOGIN_FREE_FAILURES` of them that pair waits, first `LOGIN_FIRST_DELAY_SECONDS`, doubling with
each further failure up to an hour. A stranger guessing an administrator's password thus delays
only themselves: the owner, from another address, signs in as usual. A client address that
fails `LOGIN_CLIENT_FAILURES` times in `LOGIN_CLIENT_WINDOW_MINUTES` (whatever the e-mail
addresses) waits out the window. While waiting, no password is checked, so guessing costs the
server nothing. Counted in the cache (shared by every server process with Redis), the same for
addresses with and without an account, so nothing tells whether an account exists.
"""

from __future__ import annotations

import time
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache

MAX_DELAY = 3600


def wait(client: str, email: str) -> int:
    """Seconds before this client may try this e-mail address again (0: now)."""
    now = time.time()
    until = max(
        cache.get(_pair_key(client, email, "until"), 0),
        cache.get(_client_key(client, "until"), 0),
    )
    return max(0, round(until - now))


def failed(client: str, email: str) -> bool:
    """Count a failed sign-in; True when it starts (or lengthens) a wait, to be audited."""
    failures = _incr(_pair_key(client, email, "failures"), MAX_DELAY * 4)
    waits = False
    extra = failures - settings.LOGIN_FREE_FAILURES
    if extra >= 0:
        delay = min(settings.LOGIN_FIRST_DELAY_SECONDS * 2**extra, MAX_DELAY)
        cache.set(_pair_key(client, email, "until"), time.time() + delay, timeout=delay)
        waits = True
    window = settings.LOGIN_CLIENT_WINDOW_MINUTES * 60
    if _incr(_client_key(client, "failures"), window) >= settings.LOGIN_CLIENT_FAILURES:
        cache.set(_client_key(client, "until"), time.time() + window, timeout=window)
        waits = True
    return waits


def succeeded(client: str, email: str) -> None:
    cache.delete(_pair_key(client, email, "failures"))


def forget(email: str) -> None:
    """Lift every wait on this e-mail address (the Secretariat, for a person who asks)."""
    key = _email_key(email)
    cache.set(key, cache.get(key, 0) + 1, timeout=None)


RESETS_PER_ADDRESS = 3
RESETS_PER_CLIENT = 10


def reset_allowed(client: str, email: str) -> bool:
    """Whether a password-reset e-mail may go out: at most `RESETS_PER_ADDRESS` an hour to one
    address and `RESETS_PER_CLIENT` an hour from one client, so that nobody floods an inbox
    or the mail server; counted alike for addresses with and without an account."""
    to_address = _incr(f"cbap:reset:{_hash(email.lower())}", 3600)
    from_client = _incr(f"cbap:reset-client:{_hash(client)}", 3600)
    return to_address <= RESETS_PER_ADDRESS and from_client <= RESETS_PER_CLIENT


def _incr(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout=timeout)
        return 1


def _pair_key(client: str, email: str, kind: str) -> str:
    generation = cache.get(_email_key(email), 0)  # bumped by `forget`
    return f"cbap:signin:{kind}:{_hash(client, email, str(generation))}"


def _client_key(client: str, kind: str) -> str:
    return f"cbap:signin-client:{kind}:{_hash(client)}"


def _email_key(email: str) -> str:
    return f"cbap:signin-generation:{_hash(email)}"


def _hash(*parts: str) -> str:
    return sha256("\x1f".join(parts).encode()).hexdigest()
