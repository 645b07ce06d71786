"""The capacity-building half of the evaluation, on the demo data: a snapshot keeps the
published activities, materials, needs and matches; the report counts them per goal and the
country profile per Party, from the snapshot, whatever happens to the live records after."""

import io
import subprocess

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from cbap.accounts.permissions import SYSTEM
from cbap.activities.models import Facet, Listing
from cbap.engine import gaps
from cbap.engine.capacity import capacity_data
from cbap.evaluation import profile, report, selectors, services
from cbap.evaluation.models import Snapshot
from cbap.needs.gap_analysis import gap_table

pytestmark = pytest.mark.usefixtures("demo_data")


@pytest.fixture
def snapshot(db):
    return services.snapshot_create(name="capacity", actor=SYSTEM, background=False)


def live_count(goal: str, **facet) -> int:
    """Published activities of the goal (with that facet value), counted in the database."""
    found = Listing.objects.filter(kind="activity", facets__name="goal", facets__value=goal)
    for name, value in facet.items():
        found = found.filter(pk__in=Facet.objects.filter(name=name, value=value).values("listing"))
    return found.distinct().count()


def goal_part(built, code):
    return next(goal for goal in built.goals if goal.code == code).capacity


def test_the_report_counts_the_activities_and_needs_the_snapshot_kept(snapshot):
    assert snapshot.frozen and snapshot.capacity is not None
    part = goal_part(report.build(snapshot), "A.1")
    assert part.activities == live_count("A.1") > 0
    audiences = next(b for b in part.breakdowns if b.facet == "audience")
    assert audiences.rows, "the demo activities name audiences"
    for value, _label, count in audiences.rows:
        assert count == live_count("A.1", audience=value)
    key_areas = next(b for b in part.breakdowns if b.facet == "key_area" and b.kind == "activity")
    assert [row[0] for row in key_areas.rows] == ["A.1.1", "A.1.2"]  # every key area, in order
    live = gap_table()
    for row in part.needs:
        assert row.cell == live.cell(row.key_area, gaps.ALL)
    assert (part.assessed, part.parties) == (
        live.coverage[gaps.ALL].assessed,
        live.coverage[gaps.ALL].parties,
    )


def test_records_withdrawn_after_the_freeze_change_the_live_counts_not_the_snapshots(snapshot):
    before = goal_part(report.build(snapshot), "A.1").activities
    withdrawn = Listing.objects.filter(
        kind="activity", facets__name="goal", facets__value="A.1"
    ).values_list("pk", flat=True)[:5]
    Listing.objects.filter(pk__in=list(withdrawn)).delete()
    assert live_count("A.1") == before - 5
    assert goal_part(report.build(selectors.frozen_snapshot("capacity")), "A.1").activities == (
        before
    )
    later = services.snapshot_create(name="later", actor=SYSTEM, background=False)
    assert goal_part(report.build(later), "A.1").activities == before - 5


def test_the_workbook_holds_the_capacity_numbers_and_the_gap_table(snapshot):
    built = report.build(snapshot)
    book = openpyxl.load_workbook(io.BytesIO(report.xlsx(built)))
    rows = list(book["Capacity-building"].iter_rows(2, values_only=True))
    part = goal_part(built, "A.1")
    for breakdown in part.breakdowns:
        for value, _label, count in breakdown.rows:
            assert ("A.1", breakdown.kind, breakdown.facet, value) + (count,) == next(
                row[:4] + (row[5],)
                for row in rows
                if row[:4] == ("A.1", breakdown.kind, breakdown.facet, value)
            )
    needs = book["Needs and gaps"]
    header = [cell.value for cell in needs[1]]
    found = {
        (row[0], row[1]): dict(zip(header, row, strict=True))
        for row in needs.iter_rows(2, values_only=True)
    }
    for row in part.needs:
        line = found[(row.key_area, gaps.ALL)]
        assert (line["high"], line["unmet_high"]) == (row.cell.high, row.cell.unmet_high)


def test_the_word_report_shows_charts_as_pictures_with_their_words(snapshot):
    built = report.build(snapshot)
    document = docx.Document(io.BytesIO(report.docx(built)))
    pictures = document.inline_shapes
    charts = [
        c for goal in built.goals for p in goal.indicators for c in (p.chart, p.grouping_chart)
    ]
    charts = [chart for chart in charts if chart]
    assert len(pictures) == len(charts) > 0
    assert [p._inline.docPr.get("descr") for p in pictures] == [c.alt for c in charts]
    assert "All Parties" in charts[0].alt
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Table 2. Needs and support by key area of goal A.1: all Parties" in captions
    assert any(text.startswith("Figure 1. ") for text in captions)


def test_a_snapshot_frozen_without_capacity_records_says_they_are_unknown(snapshot):
    Snapshot.objects.filter(pk=snapshot.pk).update(capacity=None, frozen_at=timezone.now())
    snapshot.refresh_from_db()
    built = report.build(snapshot)
    assert built.capacity_totals is None and goal_part(built, "A.1") is None
    assert "they are unknown here" in report.html_document(built, "http://testserver")
    assert (
        "Capacity-building" not in openpyxl.load_workbook(io.BytesIO(report.xlsx(built))).sheetnames
    )
    assert profile.build(snapshot, "SLV").capacity_kept is False


def test_a_profile_shows_the_partys_records_needs_and_matches_but_no_confidential_line(snapshot):
    data = capacity_data(selectors.frozen_capacity(snapshot))
    [needs] = [n for n in data["needs"] if n["party"] == "SLV"]
    hidden = [m["key_area"] for m in data["matches"] if m["party"] == "SLV"][0]
    needs["confidential"] = [hidden]
    Snapshot.objects.filter(pk=snapshot.pk).update(
        capacity=Snapshot.packed(data),
        frozen_at=timezone.now(),  # another frozen dataset
    )
    snapshot.refresh_from_db()
    built = profile.build(snapshot, "slv")
    assert (built.code, built.name) == ("SLV", "El Salvador")
    assert hidden not in [row["key_area"] for row in built.need_rows]
    assert hidden not in [m["key_area"] for m in built.matches]
    assert built.confidential == 1 and built.hidden_matches == 1
    assert len(built.need_rows) == len(needs["levels"]) - 1
    named = Listing.objects.filter(facets__name="country", facets__value="SLV").distinct()
    assert {listing.id for listing in built.named} == set(named.values_list("record_id", flat=True))
    goals = dict((goal, activities) for goal, activities, _m in built.by_goal)
    assert goals["A.1"] >= sum(
        "A.1" in r.values("goal") for r in built.named if r.kind == "activity"
    )
    assert built.scorecard["government"] == "SLV" and built.scorecard["indicators"]


def test_a_profile_of_no_government_is_refused(snapshot):
    with pytest.raises(profile.UnknownParty, match="XYZ"):
        profile.build(snapshot, "XYZ")


def test_the_profile_command_writes_each_format(snapshot, tmp_path):
    for fmt in ("xlsx", "docx", "pdf"):
        out = tmp_path / f"slv.{fmt}"
        call_command("evaluation", "profile", "SLV", "--format", fmt, "--output", str(out))
    book = openpyxl.load_workbook(out.with_suffix(".xlsx"))
    assert book.sheetnames[:3] == ["Indicators", "By goal", "Records naming it"]
    assert book["Indicators"].max_row == 1 + len(
        profile.build(snapshot, "SLV").scorecard["indicators"]
    )
    text = "\n".join(p.text for p in docx.Document(out.with_suffix(".docx")).paragraphs)
    assert "Country profile: El Salvador (SLV)" in text and "Self-assessment of" in text
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", "slv.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    [page] = tmp_path.glob("page-*.png")
    darkest, lightest = Image.open(page).convert("L").getextrema()
    assert darkest < 100 < lightest, "the first page has text on white"


def test_every_capacity_number_of_the_workbook_is_the_apis(client, snapshot):
    api = client.get("/api/v1/snapshots/capacity/capacity/").json()
    assert api["kept"] is True and [goal["goal"] for goal in api["goals"]][:2] == ["A.1", "A.2"]
    book = openpyxl.load_workbook(io.BytesIO(report.xlsx(report.build(snapshot))))
    sheet = {row[:4]: row[5] for row in book["Capacity-building"].iter_rows(2, values_only=True)}
    needs = book["Needs and gaps"]
    header = [cell.value for cell in needs[1]]
    gap = {
        (row[0], row[1]): dict(zip(header, row, strict=True))
        for row in needs.iter_rows(2, values_only=True)
    }
    checked = 0
    for goal in api["goals"]:
        for breakdown in goal["breakdowns"]:
            key = (goal["goal"], breakdown["kind"], breakdown["facet"])
            for row in breakdown["rows"]:
                assert sheet[(*key, row["value"])] == row["records"]
                checked += 1
            assert sheet[(*key, None)] == breakdown["unstated"]  # an empty cell: no value
        for row in goal["needs"]:
            line = gap[(row["key_area"], gaps.ALL)]
            assert all(line[name] == row[name] for name in ("high", "offers", "unmet_high"))
    assert checked > 100
    assert client.get("/api/v1/snapshots/nope/capacity/").status_code == 404
