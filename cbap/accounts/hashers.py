"""Password hashing that a burst of sign-ins cannot turn into memory exhaustion."""

import threading

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2Hasher(Argon2PasswordHasher):
    """Argon2id in one of OWASP's equally strong minimum settings (7 MiB, five passes) instead
    of Django's 100 MiB per hash: the least memory per sign-in, since a burst of them is what
    exhausts a server (bench/README.md, "Hostile uploads"). Older hashes are still checked and
    are updated at the next sign-in."""

    memory_cost = 7 * 1024
    time_cost = 5
    parallelism = 1


HASHING = threading.BoundedSemaphore(settings.LOGIN_CONCURRENT_HASHES)
"""At most this many password checks at once per server process: the rest wait their turn."""
