"""The evaluation report, built once from a snapshot: its page, its DOCX, PDF and XLSX (built
by the worker, here at once: `test_builds`) hold the snapshot's numbers, the same as the API's
for that snapshot, and the published findings only."""

import io
import subprocess

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from cbap.evaluation import report, services
from cbap.evaluation.models import Finding
from cbap.records import services as record_services
from tests.evaluation.test_findings import NR4_NO, NR4_YES
from tests.evaluation.test_snapshots import NOT_ADEQUATE
from tests.indicators.conftest import YES_ADEQUATE, publish


@pytest.fixture
def snapshot(world, cycles, analyst):
    for code, nr4, nr5 in (
        ("KEN", NR4_NO, YES_ADEQUATE),
        ("BRA", NR4_YES, YES_ADEQUATE),
        ("DEU", NR4_NO, NOT_ADEQUATE),
    ):
        publish(cycles[4], world[code], nr4)
        publish(cycles[5], world[code], nr5)
    return services.snapshot_create(name="midterm-2026", actor=analyst, background=False)


def written(analyst, text, *, publish_it):
    finding = record_services.record_create(
        model=Finding,
        actor=analyst,
        data={"snapshot": "midterm-2026", "goal": "A.1", "kind": "finding", "text": text},
    )
    if publish_it:
        record_services.record_transition(record=finding, actor=analyst, action="publish")


def downloaded(client, snapshot, fmt: str):
    """The report's file as its address serves it, once built."""
    services.report_build_create(
        snapshot=snapshot, fmt=fmt, site="http://testserver", actor=None, background=False
    )
    return client.get(reverse("evaluation:report_download", args=["midterm-2026", fmt]))


def test_every_number_of_the_xlsx_is_the_apis_for_the_snapshot(client, snapshot, cycles, world):
    response = downloaded(client, snapshot, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["A.1", "A.2"] and book.sheetnames[-2:] == ["Method", "About"]
    sheet = book["A.1"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    publish(cycles[5], world["DEU"], YES_ADEQUATE)  # a revision after the freeze changes nothing
    api = client.get("/api/v1/snapshots/midterm-2026/indicators/", {"by": "all"}).json()
    checked = 0
    for row in api:
        for group, value in [("", row), *((g["group"], g) for g in row["by"])]:
            [line] = [
                r
                for r in rows
                if (r["indicator"], r["cycle"], r["group"] or "")
                == (row["code"], row["cycle"], group)
            ] or [None]
            if line is None:
                continue  # another goal's sheet
            for name in ("numerator", "denominator", "reported", "parties"):
                assert line[name] == value[name], (row["code"], row["cycle"], group, name)
            # the same numbers, to the 15 significant digits a spreadsheet keeps
            assert line["coverage"] == pytest.approx(value["coverage"], rel=1e-12)
            assert line["value"] == pytest.approx(
                value["value"] if not isinstance(value["value"], dict) else value["value"]["low"]
            )
            checked += 1
    assert checked >= 4  # A.1.a and A.1.b, both cycles, all Parties at least
    [a1b5] = [r for r in rows if (r["indicator"], r["cycle"], r["group"]) == ("A.1.b", 5, None)]
    assert a1b5["value"] == pytest.approx(66.67, abs=0.01) and a1b5["panel_parties"] == 3


def test_the_page_holds_the_numbers_and_the_published_findings_only(client, snapshot, analyst):
    written(analyst, "Staffing improved (published).", publish_it=True)
    written(analyst, "A draft nobody else reads.", publish_it=False)
    html = client.get(reverse("evaluation:report", args=["midterm-2026"])).content.decode()
    assert "Midterm evaluation of the Capacity-building Action Plan" in html
    assert "66.7 %" in html and "3 Parties in both cycles, McNemar p = 1.000" in html
    assert "Staffing improved (published)." in html
    assert "A draft nobody else reads." not in html
    assert "Annex: method" in html and "Q011 asks whether" in html
    assert "Brazil, Germany, Kenya" in html  # the governments that reported, each cycle
    built = report.build(snapshot)
    assert [g.code for g in built.goals][:2] == ["A.1", "A.2"]
    assert client.get(reverse("evaluation:report", args=["nope"])).status_code == 404


def test_the_docx_has_real_headings_numbered_tables_and_the_numbers(client, snapshot, analyst):
    written(analyst, "Staffing improved (published).", publish_it=True)
    document = docx.Document(io.BytesIO(downloaded(client, snapshot, "docx").content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "A.1. Parties have in place functional national biosafety frameworks" in headings
    assert "Annex: method" in headings
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    tables = [caption for caption in captions if caption.startswith("Table ")]
    assert tables[0] == "Table 1. Indicators of goal A.1: all Parties"
    assert tables[1] == "Table 2. Needs and support by key area of goal A.1: all Parties"
    assert len(tables) == 28  # per goal: its indicators, its needs by key area; numbered in order
    assert [int(t.split(".")[0].removeprefix("Table ")) for t in tables] == list(range(1, 29))
    first = document.tables[0]
    rows = {row.cells[0].text.split(" ")[0]: [c.text for c in row.cells] for row in first.rows}
    assert rows["A.1.b"][2].startswith("66.7 %\n2 / 3; reported 3 / 5")
    assert "Staffing improved (published)." in [p.text for p in document.paragraphs]


def test_the_pdf_renders_pages_that_are_not_blank(client, snapshot, tmp_path):
    response = downloaded(client, snapshot, "pdf")
    assert response["Content-Type"] == "application/pdf"
    (tmp_path / "report.pdf").write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "2", "-png", "report.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    for page in pages:
        darkest, _lightest = Image.open(page).convert("L").getextrema()
        assert darkest < 100  # text was drawn, not a blank page


def test_the_command_line_writes_every_format_and_refuses_an_unknown_snapshot(snapshot, tmp_path):
    for fmt in ("html", "docx", "xlsx", "pdf"):
        out = tmp_path / f"report.{fmt}"
        call_command(
            "evaluation",
            "report",
            "--snapshot",
            "midterm-2026",
            "--format",
            fmt,
            "--output",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 1000
    assert "66.7 %" in (tmp_path / "report.html").read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="No frozen snapshot is named nope"):
        call_command(
            "evaluation", "report", "--snapshot", "nope", "--format", "pdf", "--output", "x.pdf"
        )
