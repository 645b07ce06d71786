"""`make bench-activities`: the faceted activity list and search over 100,000 activities, and
the import of 100,000 activities from an IATI file, on SQLite and on PostgreSQL.

For each database a throw-away site gets the reference data and 100,000 synthetic activities
(`cbap.demo.activities`, through the import service, published and indexed). Then:
- the list: 60 requests of `/activities/` with different filters (one to three facets, words,
  pages), each a page the cache has never seen, through Django's test client (the whole page:
  selectors, counts, template); p50 and p95 (target p95 < 300 ms);
- the IATI round trip: the activities exported to one IATI 2.03 file, then imported into an
  empty site in another process (streamed reading with schema validation, every record checked,
  written in one transaction), timed with its peak memory (targets < 60 s, < 1 GB).

    python -m bench.activities [--database sqlite|postgres|both] [--activities 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
P95_MS = 300
IMPORT_S = 60
IMPORT_MB = 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--step", choices=["list", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        return _in_site(args)
    failed = False
    results = {}
    for database in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        if database == "postgres" and not _answers():
            print("PostgreSQL: skipped, no server answers on 127.0.0.1:5432")
            continue
        work = Path(tempfile.mkdtemp(prefix="cbap-bench-activities-"))
        iati_file = work / "activities.xml"
        listing = _step(
            database, "cbap_bench_activities", work / "site", "list", args.activities, iati_file
        )
        imported = _step(
            database, "cbap_bench_iati", work / "empty", "import", args.activities, iati_file
        )
        results[database] = {**listing, **imported}
        ok = (
            listing["p95_ms"] < P95_MS
            and imported["seconds"] < IMPORT_S
            and imported["peak_mb"] < IMPORT_MB
        )
        failed |= not ok
        print(
            f"{database}: list p50 {listing['p50_ms']:.0f} ms, p95 {listing['p95_ms']:.0f} ms "
            f"(target < {P95_MS}); IATI import of {imported['activities']} activities "
            f"{imported['seconds']:.1f} s (< {IMPORT_S}), peak {imported['peak_mb']:.0f} MB "
            f"(< {IMPORT_MB}), file {imported['file_mb']:.0f} MB  {'ok' if ok else 'MISS'}",
            flush=True,
        )
    HERE.joinpath("results").mkdir(exist_ok=True)
    HERE.joinpath("results", "activities.json").write_text(json.dumps(results, indent=2))
    return 1 if failed else 0


def _step(
    database: str, name: str, data_dir: Path, step: str, activities: int, iati_file: Path
) -> dict:
    """Run one step in its own process, on a fresh database, and read what it measured."""
    data_dir.mkdir(parents=True)
    env = {
        **os.environ,
        "CBAP_DATA_DIR": str(data_dir),
        "CBAP_DEMO": "1",
        "DJANGO_SETTINGS_MODULE": "cbap.settings",
    }
    env.pop("REDIS_URL", None)
    if database == "postgres":
        env["DATABASE_URL"] = POSTGRES + name
        for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    else:
        env.pop("DATABASE_URL", None)
    out = data_dir / "measured.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.activities",
            "--step",
            step,
            "--activities",
            str(activities),
            "--file",
            str(iati_file),
        ],
        env={**env, "CBAP_BENCH_OUT": str(out)},
        check=True,
        cwd=HERE.parent,
    )
    return json.loads(out.read_text())


def _in_site(args) -> int:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("setup", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    measured = _list(args) if args.step == "list" else _import(args)
    Path(os.environ["CBAP_BENCH_OUT"]).write_text(json.dumps(measured))
    return 0


def _list(args) -> dict:
    from django.test import Client

    from cbap.accounts.models import Organization
    from cbap.accounts.permissions import SYSTEM
    from cbap.activities.formats.exchange import records_file_export
    from cbap.activities.formats.importing import records_import
    from cbap.demo.activities import synthetic_records
    from cbap.parties.models import Government, Grouping
    from cbap.plan.selectors import addressable_codes

    for name in (
        "Demo capacity-building provider (synthetic)",
        "Demo biosafety training network (synthetic)",
    ):
        Organization.objects.get_or_create(name=name, defaults={"is_demo": True})
    governments = sorted(
        Government.objects.filter(memberships__protocol="cartagena")
        .distinct()
        .values_list("code", flat=True)
    )
    regions = sorted(
        Grouping.objects.filter(kind=Grouping.Kind.REGION).values_list("code", flat=True)
    )
    started = time.perf_counter()
    result = records_import(
        incoming=synthetic_records(
            governments=governments,
            organizations=sorted(Organization.objects.values_list("name", flat=True)),
            regions=regions,
            plan_codes=sorted(addressable_codes()),
            activities=args.activities,
            resources=0,
            seed=11,
        ),
        file="bench",
        actor=SYSTEM,
        publish=True,
    )
    assert not result.problem_count, result.problems[:3]
    loaded = time.perf_counter() - started
    rng = random.Random(5)
    facets = {
        "goal": ["A.1", "A.5", "A.8", "B.1", "B.3"],
        "country": governments,
        "region": regions,
        "status": ["completed", "ongoing", "proposed"],
        "category": ["training", "workshop", "fellowship"],
        "year": [str(y) for y in range(2019, 2027)],
        "owner": ["national", "reference"],
        "scope": ["national", "regional", "global"],
    }
    queries = []
    for number in range(60):
        chosen = rng.sample(sorted(facets), rng.randint(1, 3))
        query = "&".join(f"{name}={rng.choice(facets[name])}" for name in chosen)
        if number % 5 == 0:
            query += "&q=" + rng.choice(["risk", "detection training", "clearing-house"])
        if number % 7 == 0:
            query += f"&page={rng.randint(2, 4)}"
        queries.append(query)
    client = Client()
    client.get("/activities/")  # the first request pays for imports and templates
    times = []
    for query in queries:
        start = time.perf_counter()
        response = client.get(f"/activities/?{query}")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, query
    times.sort()
    with open(args.file, "wb") as stream:
        records_file_export(kind="activity", fmt="iati", stream=stream)
    return {
        "activities": args.activities,
        "load_s": round(loaded, 1),
        "p50_ms": round(times[len(times) // 2], 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "max_ms": round(times[-1], 1),
    }


def _import(args) -> dict:
    from cbap.accounts.models import Organization
    from cbap.accounts.permissions import SYSTEM
    from cbap.activities.formats.exchange import records_file_import

    Organization.objects.get_or_create(
        name="Demo capacity-building provider (synthetic)", defaults={"is_demo": True}
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with open(args.file, "rb") as stream:
        result = records_file_import(
            stream=stream,
            file="activities.xml",
            fmt="iati",
            actor=SYSTEM,
            publish=True,
            owner_organization="Demo capacity-building provider (synthetic)",
        )
    seconds = time.perf_counter() - start
    assert not result.problem_count, result.problems[:3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "activities": result.counts()["created"],
        "seconds": round(seconds, 1),
        "peak_mb": round(peak / 1024, 0),
        "grown_mb": round((peak - before) / 1024, 0),
        "file_mb": round(Path(args.file).stat().st_size / 2**20, 1),
    }


def _answers() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
