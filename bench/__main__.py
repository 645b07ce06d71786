"""`make bench`: run every benchmark in bench/ on a throw-away SQLite database and print timings.

A benchmark module is `bench/bench_<name>.py` with a `run(measure)` function; `measure(label, fn,
repeat=3)` times `fn` and keeps the best run. Each module runs in a transaction that is
rolled back, so none sees another's data. Results go to stdout and `bench/results/latest.json`.
"""

import importlib
import json
import os
import pkgutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(selected: list[str]) -> None:
    data_dir = tempfile.mkdtemp(prefix="cbap-bench-")
    os.environ.update(CBAP_DATA_DIR=data_dir, DJANGO_SETTINGS_MODULE="cbap.settings", CBAP_DEMO="1")
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command
    from django.db import transaction

    django.setup()
    call_command("migrate", verbosity=0)
    results = []

    def measure(label: str, fn, repeat: int = 3) -> float:
        best = min(_timed(fn) for _ in range(repeat))
        results.append({"benchmark": label, "seconds": round(best, 4)})
        print(f"{best:9.4f} s  {label}", flush=True)
        return best

    names = [m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_")]
    for name in sorted(names):
        if selected and name.removeprefix("bench_") not in selected:
            continue
        print(f"# {name}", flush=True)
        with transaction.atomic():  # each benchmark starts from the same empty database
            importlib.import_module(f"bench.{name}").run(measure)
            transaction.set_rollback(True)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main(sys.argv[1:])
