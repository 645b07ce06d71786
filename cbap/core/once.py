"""One computation at a time per key in a process: the threads that ask for the same missing
thing meanwhile (a crowd of readers after a change of data) wait for it and then reuse it,
instead of each computing it at once, and all slowly."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

_locks: dict[Hashable, threading.Lock] = {}
_guard = threading.Lock()


@contextmanager
def one_at_a_time(key: Hashable) -> Iterator[None]:
    """Hold it around "look again, compute if still missing, keep"."""
    with _guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        yield
    with _guard:
        if not lock.locked():
            _locks.pop(key, None)
