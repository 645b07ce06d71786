"""Run the test suite a second time on PostgreSQL, when one answers (always under CI).

The database comes from CBAP_TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432;
pytest-django creates and drops a throw-away `test_…` database on it (one per pytest-xdist worker,
`test_…_gw0`, `test_…_gw1` …). Arguments are passed on to pytest (`make test` gives `-n auto`).
"""

import os
import socket
import subprocess
import sys
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cbap"


def answers(url: str) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 2):
            return True
    except OSError:
        return False


def main() -> int:
    url = os.environ.get("CBAP_TEST_POSTGRES_URL", DEFAULT_URL)
    required = bool(os.environ.get("CI") or os.environ.get("CBAP_REQUIRE_POSTGRES"))
    if not answers(url):
        print(f"PostgreSQL pass skipped: no server answers at {urlparse(url).netloc}.")
        return 1 if required else 0
    print(f"PostgreSQL pass on {urlparse(url).netloc} …", flush=True)
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.call(
        [sys.executable, "-m", "pytest", "--create-db", "-p", "no:cacheprovider", *sys.argv[1:]],
        env=env,
    )


if __name__ == "__main__":
    sys.exit(main())
