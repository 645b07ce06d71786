"""Reading a file in a second process: the records and problems arrive in order, a failure of
the reader is told, and an importer that stops early leaves no process behind."""

import os

import pytest

from cbap.activities.formats.incoming import MAX_PROBLEMS, Incoming, Reading, read_aside


def numbered(count: int, *, problem_every: int = 0, fail_at: int = -1):
    def read(reading: Reading):
        for number in range(count):
            if number == fail_at:
                raise ValueError(f"cannot read record {number}")
            if problem_every and number % problem_every == 0:
                reading.problem("bad", record=f"record {number}")
                continue
            yield Incoming(kind="activity", key=f"k{number}", where=f"record {number}")

    return read


def test_the_records_and_problems_arrive_in_order():
    reading = Reading("f.xml")
    reading.problem("found before", record="header")
    keys = [item.key for item in read_aside(numbered(1200, problem_every=3), reading, batch=7)]
    assert keys == [f"k{n}" for n in range(1200) if n % 3]
    assert reading.count == 1 + 400  # every problem counted, the first MAX_PROBLEMS listed
    assert len(reading.problems) == MAX_PROBLEMS
    assert [p.record for p in reading.problems[:3]] == ["header", "record 0", "record 3"]
    assert reading.problems[1].file == "f.xml"


def test_a_failing_reader_is_told_with_its_reason():
    reading = Reading("f.xml")
    with pytest.raises(RuntimeError, match=r"Reading f.xml failed:(.|\n)*cannot read record 5"):
        list(read_aside(numbered(10, fail_at=5), reading, batch=2))


def test_an_importer_that_stops_early_leaves_no_process():
    records = read_aside(numbered(100_000), Reading("f.xml"), batch=10)
    assert next(records).key == "k0"
    records.close()  # the reader is still sending: it gets a broken pipe and is waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
