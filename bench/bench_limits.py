"""Hostile uploads and sign-in storms: how much memory they cost (the process's peak resident
size).

Each import runs in a fresh child process, so that one's peak cannot hide another's: an XLSX
"zip bomb" of a few hundred kilobytes (it would unpack to 1 GB), a 50 MB CSV of bad rows, and a
deeply nested JSON. Target: under 50 MB above the process's size before the import.
"""

import io
import multiprocessing
import resource
import zipfile

from cbap.accounts.permissions import SYSTEM

MB = 2**20


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(1024):
                member.write(b"0" * MB)
    return buffer.getvalue()


def bad_csv() -> bytes:
    header = b"government,cycle,question,value,additional_information\n"
    row = b"KEN,5,Q9999," + b"x" * 80 + b",\n"
    return header + row * (50 * MB // len(row))


def deep_json() -> bytes:
    return b"[" * 1_000_000 + b"]" * 1_000_000


def _import(content: bytes, name: str, queue) -> None:
    from cbap.reports.formats import importing

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = importing.reports_import(actor=SYSTEM, content=content, file_name=name)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put(((after - before) / 1024, len(result.problems)))


def run(measure):
    context = multiprocessing.get_context("fork")
    for label, make, name in (
        ("XLSX bomb", zip_bomb, "bomb.xlsx"),
        ("50 MB CSV of bad rows", bad_csv, "bad.csv"),
        ("JSON nested a million deep", deep_json, "deep.json"),
    ):
        content = make()
        queue = context.Queue()

        def refuse(content=content, name=name, queue=queue):
            child = context.Process(target=_import, args=(content, name, queue))
            child.start()
            child.join()

        measure(f"limits: refuse {label} ({len(content) / MB:.1f} MB)", refuse, repeat=1)
        grown, problems = queue.get()
        print(f"          peak memory growth {grown:.1f} MB, {problems} problem(s) listed")
    run_sign_ins(measure, context)


def _sign_ins(count: int, queue) -> None:
    """`count` simultaneous sign-ins with wrong passwords (half for an address with no account),
    through the sign-in form as a server thread runs it."""
    import threading

    from django.test import RequestFactory

    from cbap.accounts.forms import EmailLoginForm
    from cbap.accounts.models import User

    User.objects.get_or_create(email="admin@example.org")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = threading.Barrier(count)

    def attempt(n: int) -> None:
        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=f"198.51.100.{n}")
        email = "admin@example.org" if n % 2 else f"nobody{n}@example.org"
        start.wait()
        EmailLoginForm(request, data={"username": email, "password": "guess"}).is_valid()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, count))


def run_sign_ins(measure, context) -> None:
    queue = context.Queue()

    def burst():
        child = context.Process(target=_sign_ins, args=(30, queue))
        child.start()
        child.join()

    measure("limits: 30 simultaneous wrong sign-ins (Argon2, at most 4 at once)", burst, repeat=1)
    grown, _ = queue.get()
    print(f"          peak memory growth {grown:.1f} MB")
