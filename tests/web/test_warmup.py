"""After a change of data the worker computes the heavy public pages once, into the cache the
web processes share, so that the first reader after a change or a start waits for nothing."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cbap.accounts.permissions import SYSTEM
from cbap.core.dataversion import data_changed, data_version_changed
from cbap.records import services as records
from cbap.reports import services as reports
from cbap.reports.models import ReportingCycle
from cbap.web import warmup
from cbap.web.apps import WARMING

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def warming():
    """What the web app connects, and the other tests leave out (tests/conftest.py)."""
    data_version_changed.connect(warmup.pages_warm_soon, dispatch_uid=WARMING)
    yield
    data_version_changed.disconnect(dispatch_uid=WARMING)


WARM_TASK = "cbap.web.warmup.warm_public_pages"


def queued_warmings() -> int:
    return DBTaskResult.objects.filter(task_path=WARM_TASK, status="READY").count()


def test_changes_queue_one_warming_until_the_worker_starts_it(
    cycles, kenya, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        report = reports.report_save(
            cycle=ReportingCycle.objects.get(number=5),
            government=kenya,
            answers={"Q013": {"value": {"en": "Biosafety Act"}}},
            status="draft",
            actor=SYSTEM,
        )[0]
        records.record_transition(record=report, actor=SYSTEM, action="publish")
        records.record_transition(record=report, actor=SYSTEM, action="withdraw", message="No.")
    assert queued_warmings() == 1  # three changes, one warming
    with django_capture_on_commit_callbacks(execute=True):
        data_changed()
    assert queued_warmings() == 1  # the queued one will warm this change too
    warmup.warm_public_pages.call()
    with django_capture_on_commit_callbacks(execute=True):
        data_changed()
    assert queued_warmings() == 2  # once a warming has started, a change queues another


def test_warmed_pages_are_served_from_the_cache_to_the_first_reader(plan, cycles, settings):
    settings.SITE_URL = "http://testserver"
    warmup.warm_public_pages.call()
    caches["pages"].clear()  # a web process that computed none of them
    pages = ["/", "/plan/A.1/", "/indicators/", "/indicators/A.1.a/", "/api/v1/indicators/"]
    for page in [*pages, "/fr/plan/A.1/", "/es/indicators/A.1.a/"]:  # in every language
        assert Client().get(page)["X-Cache"] == "hit", page


def test_the_deploy_check_warns_when_no_worker_takes_the_tasks():
    def warnings() -> list:
        return [e for e in run_checks(include_deployment_checks=True) if e.id == "cbap.W004"]

    warmup.warm_public_pages.enqueue()
    assert warnings() == []  # just queued: a running worker takes it within seconds
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(minutes=6))
    [warning] = warnings()
    assert "1 background task(s) waited over 5 minutes" in warning.msg
    assert "cbap db_worker" in warning.hint


def test_cbap_warm_queues_one_warming_and_warms_at_once_with_now(plan, settings):
    settings.SITE_URL = "http://testserver"
    call_command("warm")
    call_command("warm")
    assert queued_warmings() == 1
    call_command("warm", now=True, this_process=True)
    assert Client().get("/plan/")["X-Cache"] == "hit"
