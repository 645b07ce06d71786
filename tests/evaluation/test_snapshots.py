"""A snapshot freezes the evaluation's inputs: its numbers never move when a report is revised
afterwards, while the live ones do; freezing is the Secretariat's, runs in the worker, is all or
nothing, and a bad name writes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cbap.evaluation import selectors, services
from cbap.evaluation.models import Snapshot
from cbap.indicators import selectors as indicators
from tests.indicators.conftest import YES_ADEQUATE, publish

NOT_ADEQUATE = {**YES_ADEQUATE, "Q012_adq": {"value": "false"}}


def a1b(rows) -> float | None:
    return next(row.value for row in rows if (row.code, row.cycle) == ("A.1.b", 5))


@pytest.fixture
def reported(world, cycles):
    """Kenya and Brazil report adequate staff at midterm, Germany not."""
    for code, answers in (("KEN", YES_ADEQUATE), ("BRA", YES_ADEQUATE), ("DEU", NOT_ADEQUATE)):
        publish(cycles[5], world[code], answers)
    return world


def frozen(name="midterm-2026", actor=None, analyst=None):
    return services.snapshot_create(name=name, actor=actor or analyst, background=False)


def test_a_snapshots_numbers_do_not_move_when_a_report_is_revised(
    client, reported, cycles, analyst
):
    snapshot = frozen(actor=analyst)
    assert snapshot.frozen and snapshot.summary["5"]["reports"] == 3
    live_then = indicators.value_rows()
    assert a1b(live_then) == pytest.approx(66.7, abs=0.1)
    publish(cycles[5], reported["DEU"], YES_ADEQUATE)  # Germany revises its report

    assert a1b(indicators.value_rows()) == 100.0  # the live dashboard moves
    kept = indicators.value_rows(snapshots=selectors.frozen_cycles(snapshot))
    assert [r.value for r in kept] == [r.value for r in live_then]  # the snapshot does not
    api = client.get("/api/v1/snapshots/midterm-2026/indicators/", {"code": "A.1.b"}).json()
    assert [(r["cycle"], r["value"]) for r in api] == [(4, None), (5, a1b(live_then))]
    assert client.get("/api/v1/indicators/", {"code": "A.1.b"}).json()[1]["value"] == 100.0

    comparison = selectors.compare("midterm-2026")
    assert comparison.cycles[-1].revised == ["DEU"] and not comparison.cycles[-1].added
    assert {"code": "A.1.b", "cycle": 5}.items() <= comparison.values[0].items()
    html = client.get(reverse("evaluation:compare", args=["midterm-2026"])).content.decode()
    assert "DEU" in html and "A.1.b" in html


def test_the_frozen_indicator_page_says_it_is_frozen(client, reported, analyst):
    frozen(actor=analyst)
    html = client.get("/evaluation/snapshots/midterm-2026/indicators/A.1.b/").content.decode()
    assert "As frozen in" in html and "66.7 %" in html
    assert 'href="/api/v1/snapshots/midterm-2026/indicators/A.1.b/"' in html
    dashboard = client.get("/evaluation/snapshots/midterm-2026/indicators/").content.decode()
    assert 'href="/evaluation/snapshots/midterm-2026/indicators/A.1.b/"' in dashboard
    assert client.get("/evaluation/snapshots/nope/indicators/").status_code == 404
    assert client.get("/api/v1/snapshots/nope/indicators/").status_code == 404


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Midterm 2026", "lower-case letters, digits and hyphens"),
        ("", "lower-case letters, digits and hyphens"),
        ("midterm-2026", "exists already"),
    ],
)
def test_a_bad_or_taken_name_is_refused_and_nothing_written(reported, analyst, name, said):
    frozen(actor=analyst)
    with pytest.raises(services.SnapshotError, match=said):
        frozen(name, actor=analyst)
    assert Snapshot.objects.count() == 1


def test_only_the_secretariat_freezes(client, reported, kenya_focal_point):
    with pytest.raises(services.SnapshotError, match="Only the Secretariat"):
        frozen(actor=kenya_focal_point)
    client.force_login(kenya_focal_point)
    assert client.post("/evaluation/", {"name": "mine"}).status_code == 403
    assert not Snapshot.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker reads what the page committed
def test_the_worker_freezes_what_the_page_asked_and_tells_its_creator(client, reported, analyst):
    client.force_login(analyst)
    response = client.post("/evaluation/", {"name": "midterm-2026", "reason": "SBI-5"})
    snapshot = Snapshot.objects.get()
    assert response["Location"] == snapshot.get_absolute_url()
    page = client.get(snapshot.get_absolute_url()).content.decode()
    assert snapshot.status == "queued" and 'http-equiv="refresh"' in page  # progress
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    snapshot.refresh_from_db()
    assert snapshot.frozen and snapshot.cycles_done == 2
    [told] = analyst.notifications.all()
    assert (told.kind, told.link) == ("task_done", snapshot.get_absolute_url())
    assert 'http-equiv="refresh"' not in client.get(snapshot.get_absolute_url()).content.decode()


def test_a_failed_freeze_keeps_nothing_says_why_and_can_be_retried(reported, analyst, monkeypatch):
    def broken(number):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(indicators, "cycle_snapshot", broken)
    snapshot = frozen(actor=analyst)
    assert (snapshot.status, snapshot.data) == ("failed", None)
    assert "the database went away" in snapshot.error
    assert analyst.notifications.get().kind == "task_failed"
    monkeypatch.undo()
    snapshot = services.snapshot_retry(snapshot=snapshot, actor=analyst, background=False)
    assert snapshot.frozen and snapshot.error == ""


def test_the_command_line_freezes_lists_and_compares(reported):
    out = io.StringIO()
    call_command("evaluation", "snapshot", "create", "cli-1", "--reason", "check", stdout=out)
    assert "NR5: 3 published reports" in out.getvalue()
    out = io.StringIO()
    call_command("evaluation", "snapshot", "list", stdout=out)
    assert out.getvalue().startswith("cli-1\tfrozen\t")
    out = io.StringIO()
    call_command("evaluation", "compare", "cli-1", stdout=out)
    assert '"values": []' in out.getvalue()
    with pytest.raises(Exception, match="exists already"):
        call_command("evaluation", "snapshot", "create", "cli-1", stdout=io.StringIO())
