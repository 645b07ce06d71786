"""What every reader of activities and resources yields (`Incoming`), the problems found
while reading or checking a file (`Problem`, collected by `Reading`), and reading in a second
process (`read_aside`)."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from typing import Any

MAX_PROBLEMS = 200
"""Problems listed per file: enough to fix a batch; a file of errors is not kept whole."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an import file: the file, where in it (`record`: "document 3",
    "line 120, activity FI-3-…"), the field, the value as the file gives it, and why."""

    file: str
    reason: str
    record: str = ""
    field: str = ""
    value: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.record,
                f"field {self.field}" if self.field else "",
                f"value {self.value!r}" if self.value else "",
            )
            if part
        )
        return f"{self.file}: {where + ': ' if where else ''}{self.reason}"


@dataclass
class Incoming:
    """One activity or resource as read from a file, before it is checked. `key` is its
    identifier in the source (BCH document identifier, IATI identifier): a re-import of the
    same key changes that record. The owner is a government code or an organization's name."""

    kind: str  # "activity" | "resource"
    key: str
    where: str
    content: dict[str, Any] = field(default_factory=dict)
    owner_party: str = ""
    owner_organization: str = ""
    synthetic: bool = False  # demo data made by cbap (a new record is marked so)


class Reading:
    """The file name and the problems found so far (the first MAX_PROBLEMS, and how many)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.count = 0

    def problem(self, reason: str, *, record: str = "", field: str = "", value: Any = "") -> None:
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            shown = value if isinstance(value, str) else repr(value) if value != "" else ""
            self.problems.append(Problem(self.file, str(reason), record, field, shown[:200]))

    def add(self, problems: list[Problem], count: int) -> None:
        """Take the problems another reading found (`count` of them, the first listed)."""
        self.count += count
        self.problems += problems[: MAX_PROBLEMS - len(self.problems)]


def read_aside(
    read: Callable[[Reading], Iterable[Incoming]], reading: Reading, *, batch: int = 500
) -> Iterator[Incoming]:
    """What `read(a reading)` yields, read in a forked process while this one checks and writes
    what it gets: a big import uses two cores (reading and validating XML is a third of its
    time). `read` must not touch the database, whose connection the fork shares: what it looks
    up is loaded before. Its problems join `reading` with the records they came with."""
    receiving, sending = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(receiving)
        code = _send_read(read, reading.file, Connection(sending), batch)
        os._exit(code)
    os.close(sending)
    channel = Connection(receiving)
    try:
        while True:
            try:
                kind, payload, problems, count = channel.recv()
            except EOFError:
                raise RuntimeError("The reading process ended without a word.") from None
            reading.add(problems, count)
            if kind == "error":
                raise RuntimeError(f"Reading {reading.file} failed:\n{payload}")
            yield from payload
            if kind == "done":
                return
    finally:
        channel.close()  # a reader still writing gets a broken pipe and ends
        os.waitpid(child, 0)


def _send_read(read, file: str, channel: Connection, size: int) -> int:
    reading, sent, counted, batch = Reading(file), 0, 0, []
    try:
        for item in read(reading):
            batch.append(item)
            if len(batch) == size:
                channel.send(("batch", batch, reading.problems[sent:], reading.count - counted))
                sent, counted, batch = len(reading.problems), reading.count, []
        channel.send(("done", batch, reading.problems[sent:], reading.count - counted))
        return 0
    except BrokenPipeError:
        return 1  # the importer stopped listening
    except BaseException:
        channel.send(("error", traceback.format_exc(), [], 0))
        return 1
