"""Races with real concurrent connections (PostgreSQL; SQLite serializes writers): many first
saves of one report, and concurrent imports of it, end in one write and conflicts, never an error
nobody understands."""

import json
import threading

import pytest
from django.db import connection, connections

from cbap.accounts.permissions import SYSTEM
from cbap.records.services import ConflictError
from cbap.reports import services
from cbap.reports.formats import importing
from cbap.reports.models import NationalReport
from tests.reports.conftest import NR5_ANSWERS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
    ),
]
RACERS = 40  # with the other race test in the parallel pass, within PostgreSQL's 100 connections


def race(task) -> list:
    """Run `task` in RACERS threads released at once; each returns its outcome or exception."""
    start, outcomes = threading.Barrier(RACERS), []

    def run():
        try:
            start.wait()
            outcomes.append(task())
        except Exception as error:  # noqa: BLE001 - the outcome under test
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_forty_first_saves_of_one_report_are_one_write_and_39_conflicts(
    cycle_specs, nr5, governments
):
    def first_save():
        services.report_answers_save(
            cycle=nr5,
            government=governments["KEN"],
            answers=NR5_ANSWERS,
            expected_version=0,
            actor=SYSTEM,
        )
        return "saved"

    outcomes = race(first_save)
    assert outcomes.count("saved") == 1
    assert sum(isinstance(o, ConflictError) for o in outcomes) == RACERS - 1, outcomes
    assert NationalReport.objects.count() == 1


def test_concurrent_imports_of_one_report_each_finish_or_fail_with_a_reason(
    cycle_specs, nr5, governments
):
    feed = json.dumps([{"government": {"identifier": "ke"}, **NR5_ANSWERS}]).encode()

    def run_import():
        result = importing.reports_import(
            actor=SYSTEM, content=feed, file_name="f.json", cycle_number=5
        )
        return "ok" if result.ok else result.problems[0].reason

    outcomes = race(run_import)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert "ok" in outcomes
    refused = [o for o in outcomes if o != "ok"]
    assert all("changed while this file was being imported" in o for o in refused), refused
    assert NationalReport.objects.count() == 1
