"""Public pages come from the cache until public data changes, and every kind of change shows
on the very next request; nobody signed in is ever served, or cached, from it."""

import copy
import dataclasses
import gzip
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory

from cbap.accounts.permissions import SYSTEM
from cbap.core import pagecache
from cbap.core.dataversion import data_changed, data_version
from cbap.core.models import DataVersion
from cbap.parties import services as parties
from cbap.parties.models import Government, Grouping
from cbap.plan import catalogue
from cbap.plan import services as plan_services
from cbap.records import services as records
from cbap.reports import services as reports
from tests.personas import person

pytestmark = pytest.mark.django_db


def read(url: str, **headers):
    return Client().get(url, **headers)  # a new anonymous reader each time


def twice(url: str) -> str:
    """The page read twice: computed once, then served from the cache."""
    first, second = read(url), read(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit"), url
    assert first.content == second.content
    return second.content.decode()


def a_report(government, *, status="published", synthetic=False):
    return reports.report_save(
        cycle=reports.ReportingCycle.objects.get(number=5),
        government=government,
        answers={"Q013": {"value": {"en": "Biosafety Act"}}},
        status=status,
        is_synthetic=synthetic,
        actor=SYSTEM,
    )[0]


def test_a_publication_and_a_withdrawal_show_on_the_next_request(cycles, kenya):
    report = a_report(kenya, status="draft")
    assert "/reports/5/KEN/" not in twice("/reports/5/")
    report = records.record_transition(record=report, actor=SYSTEM, action="publish")
    assert "/reports/5/KEN/" in twice("/reports/5/")
    records.record_transition(record=report, actor=SYSTEM, action="withdraw", message="Wrong.")
    assert "/reports/5/KEN/" not in twice("/reports/5/")


def test_marking_demo_data_shows_on_the_next_request(cycles, kenya):
    a_report(kenya)
    assert "demo data</span>" not in twice("/reports/5/")
    a_report(kenya, synthetic=True)
    assert "demo data</span>" in twice("/reports/5/")


def test_a_change_of_the_registry_shows_on_the_next_request(db):
    parties.reference_data_load()
    admin = person("admin@cbd.example", "secretariat_admin")
    page = "/parties/ARM/"
    assert "Economies in transition" not in twice(page)
    parties.grouping_member_add(
        actor=admin,
        grouping=Grouping.objects.get(code="eit"),
        government=Government.objects.get(code="ARM"),
    )
    assert "Economies in transition" in twice(page)


def test_a_new_plan_version_shows_on_the_next_request(plan):
    assert "An adjusted plan (test)" not in twice("/plan/")
    data = copy.deepcopy(catalogue.load_file())
    data["version"] |= {"code": "TEST/1", "title": "An adjusted plan (test)", "previous": "CP-10/4"}
    plan_services.plan_version_load(data=data, source="test")
    assert "An adjusted plan (test)" in twice("/plan/")


def test_a_reloaded_questionnaire_shows_on_the_next_request(cycles, cycle_specs):
    assert "Fifth report, renamed" not in twice("/reports/")
    spec = next(s for s in cycle_specs if s.number == 5)
    reports.cycle_load(spec=dataclasses.replace(spec, title="Fifth report, renamed"))
    assert "Fifth report, renamed" in twice("/reports/")


def test_the_cache_is_of_one_day(plan, monkeypatch):
    twice("/plan/")

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return date(2099, 1, 1)

    monkeypatch.setattr(pagecache, "date", Tomorrow)
    assert read("/plan/")["X-Cache"] == "miss"  # pages "as of today" are computed anew


def test_nobody_signed_in_is_served_or_cached_and_api_tokens_neither(plan, kenya_user):
    twice("/plan/")
    signed_in = Client()
    signed_in.force_login(kenya_user)
    response = signed_in.get("/plan/")
    assert "X-Cache" not in response and kenya_user.email in response.content.decode()
    assert "X-Cache" not in read("/plan/", HTTP_AUTHORIZATION="Token abc")
    assert "X-Cache" not in read("/accounts/login/")


def test_an_unchanged_page_is_a_304_to_a_reader_who_has_it(plan):
    etag = read("/plan/")["ETag"]
    again = read("/plan/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_a_page_is_compressed_once_and_sent_compressed_to_who_asks(plan):
    plain = read("/plan/A.1/")
    packed = read("/plan/A.1/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["X-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    unpacked = read("/plan/A.1/")  # kept compressed, unpacked for a client without gzip
    assert unpacked["X-Cache"] == "hit" and unpacked.content == plain.content
    assert not unpacked.has_header("Content-Encoding")
    assert len(packed.content) < len(plain.content) / 3
    assert "Accept-Encoding" in packed["Vary"] and packed["ETag"] == "W/" + plain["ETag"]
    again = read("/plan/A.1/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304


def test_browsers_share_a_page_whatever_they_accept_but_the_api_answers_html_apart(plan):
    firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert read("/plan/", HTTP_ACCEPT="*/*")["X-Cache"] == "miss"
    assert read("/plan/", HTTP_ACCEPT=firefox)["X-Cache"] == "hit"
    assert read("/api/v1/plan/", HTTP_ACCEPT="application/json")["Content-Type"].startswith(
        "application/json"
    )
    browsable = read("/api/v1/plan/", HTTP_ACCEPT=firefox)  # never the JSON kept for the others
    assert browsable.get("X-Cache") != "hit" and browsable["Content-Type"].startswith("text/html")


def test_readers_arriving_together_at_a_missing_page_wait_for_one_computation(monkeypatch):
    monkeypatch.setattr(pagecache, "data_version", lambda: 7)
    computed = []

    def view(request):
        computed.append(request)
        time.sleep(0.2)
        return HttpResponse("<p>" + "page " * 100)

    middleware = pagecache.public_page_cache_middleware(view)
    requests = [RequestFactory().get("/plan/") for _ in range(6)]
    for request in requests:
        request.user = AnonymousUser()
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(middleware, requests))
    assert len(computed) == 1
    assert sorted(response["X-Cache"] for response in responses) == ["hit"] * 5 + ["miss"]


def test_a_change_gets_a_new_version_when_made_and_again_once_committed(
    db, django_capture_on_commit_callbacks
):
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        data_changed()
        during = data_version()  # what the changing transaction itself reads
    # a page computed by another reader between the change and its commit is never served
    assert len({before, during, data_version()}) == 3


def test_an_emptied_cache_reads_the_count_of_changes(db):
    data_changed()
    cache.clear()
    assert data_version() == f"changes-{DataVersion.objects.get().number}"
