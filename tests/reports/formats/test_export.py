"""Exporting national reports, and the round trip: import → export → import changes nothing."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cbap.accounts.permissions import SYSTEM
from cbap.demo.synthetic import GovernmentProfile, generate_reports
from cbap.records.models import Revision
from cbap.reports import selectors
from cbap.reports.formats import exporting, importing, wide
from cbap.reports.formats.renderers import RENDERERS
from cbap.reports.formats.workbook import render_workbook
from cbap.reports.models import NationalReport
from tests.reports.conftest import NR5_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(nr5, governments, feed):
    """Three NR5 reports: two from a BCH feed, one synthetic with every kind of answer."""
    profile = GovernmentProfile("de", "WEOG")
    [synthetic] = generate_reports(selectors.questionnaire_for(nr5), [profile], seed=3)
    # multilingual text and a BCH document identifier survive the round trip too
    feed[0]["Q013"] = {"value": {"en": "Biosafety Act", "fr": "Loi sur la biosécurité"}}
    feed[0]["identifier"] = "8F3C-AB12"
    result = importing.reports_import(
        actor=SYSTEM,
        content=json.dumps([*feed, synthetic]).encode(),
        file_name="nr5.json",
        cycle_number=5,
    )
    assert result.ok, result.problems
    return NationalReport.objects.filter(cycle=nr5)


def export(nr5, fmt, government=None):
    return RENDERERS[fmt](exporting.export_set(cycle=nr5, government=government))


def reimport(content, name):
    revisions = Revision.objects.count()
    result = importing.reports_import(actor=SYSTEM, content=content, file_name=name)
    assert result.ok, result.problems
    assert Revision.objects.count() == revisions
    return result


@pytest.mark.parametrize(
    "fmt,name", [("feed", "nr5.json"), ("document", "nr5.json"), ("csv", "nr5.csv")]
)
def test_import_export_import_changes_nothing(nr5, imported, fmt, name):
    content = export(nr5, fmt)
    if fmt == "feed":  # a BCH feed does not say its cycle; cbap's export does
        assert json.loads(content)[0]["schema"] == "cpbNationalReport5"
    result = reimport(content, name)
    assert result.counts() == {"created": 0, "updated": 0, "unchanged": 3}


def test_the_workbook_round_trip_changes_nothing(nr5, imported, governments):
    for code in ("KEN", "DEU", "BRA"):
        result = reimport(export(nr5, "xlsx", governments[code]), f"{code}.xlsx")
        assert result.counts()["unchanged"] == 1, code


def test_text_that_looks_like_a_formula_stays_text_in_workbooks(nr5, governments):
    feed = [{"government": {"identifier": "ke"}, "Q013": {"value": {"en": "=HYPERLINK(1)"}}}]
    importing.reports_import(
        actor=SYSTEM, content=json.dumps(feed).encode(), file_name="f.json", cycle_number=5
    )
    content = export(nr5, "xlsx", governments["KEN"])
    rows = {row[0].value: row for row in load_workbook(io.BytesIO(content))["Answers"].iter_rows()}
    assert (rows["Q013"][6].value, rows["Q013"][6].data_type) == ("=HYPERLINK(1)", "s")
    assert reimport(content, "k.xlsx").counts()["unchanged"] == 1


@pytest.mark.parametrize("fmt,name", [("csv", "nr5.csv"), ("feed", "nr5.json")])
def test_texts_with_spaces_around_them_survive_the_round_trip(nr5, governments, fmt, name):
    text = "  leading space and trailing  "
    feed = [
        {
            "government": {"identifier": "ke"},
            "Q013": {"value": {"en": text, "fr": " texte "}},
            "Q016": {"value": "true.some", "additionalInformation": {"en": " plants only  "}},
        }
    ]
    importing.reports_import(
        actor=SYSTEM, content=json.dumps(feed).encode(), file_name="f.json", cycle_number=5
    )
    content = export(nr5, fmt)
    NationalReport.objects.all().delete()  # import → export → import into an empty database
    Revision.objects.all().delete()
    assert importing.reports_import(actor=SYSTEM, content=content, file_name=name).ok
    answers = NationalReport.objects.get().answers
    assert answers["Q013"] == {"value": {"en": text, "fr": " texte "}}
    assert answers["Q016"]["additionalInformation"] == {"en": " plants only  "}
    assert reimport(export(nr5, fmt), name).counts()["unchanged"] == 1


def test_a_hostile_answer_is_no_formula_in_the_public_csv_and_survives_the_round_trip(
    nr5, governments, client
):
    hostile = '=HYPERLINK("http://evil.example","Click")'
    feed = [
        {
            "government": {"identifier": "ke"},
            "Q013": {"value": {"en": hostile, "fr": "'déjà cité"}},
            "Q016": {"value": "true.some", "additionalInformation": {"en": "-5 sites, @all"}},
        }
    ]
    importing.reports_import(
        actor=SYSTEM, content=json.dumps(feed).encode(), file_name="f.json", cycle_number=5
    )
    for url in ("/reports/5/export.csv", "/reports/5/KEN/export.csv", "/reports/5/export.wide-csv"):
        text = client.get(url).content.decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert "'" + hostile in cells, url
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], url
    content = export(nr5, "csv")
    NationalReport.objects.all().delete()
    Revision.objects.all().delete()
    assert importing.reports_import(actor=SYSTEM, content=content, file_name="nr5.csv").ok
    answers = NationalReport.objects.get().answers
    assert answers["Q013"] == {"value": {"en": hostile, "fr": "'déjà cité"}}
    assert answers["Q016"]["additionalInformation"] == {"en": "-5 sites, @all"}


def test_the_csv_round_trip_keeps_every_language(nr5, imported):
    rows = list(csv.DictReader(io.StringIO(export(nr5, "csv").decode("utf-8-sig"))))
    q013 = [r for r in rows if r["government"] == "KEN" and r["question"] == "Q013"]
    assert [(r["language"], r["value"]) for r in q013] == [
        ("en", "Biosafety Act"),
        ("fr", "Loi sur la biosécurité"),
    ]


def test_the_long_csv_has_one_row_per_ticked_value_and_the_synthetic_column(nr5, imported):
    rows = list(csv.DictReader(io.StringIO(export(nr5, "csv").decode("utf-8-sig"))))
    assert list(rows[0])[:5] == [
        "government",
        "cycle",
        "question",
        "value",
        "additional_information",
    ]
    q008 = [r["value"] for r in rows if r["government"] == "KEN" and r["question"] == "Q008"]
    assert q008 == ["instrument.nationalBiosafetyLaws", "instrument.biosafetyGuidelines"]
    q027 = {
        r["value"]: r["additional_information"]
        for r in rows
        if r["government"] == "KEN" and r["question"] == "Q027"
    }
    assert q027 == {
        "3B9ECE67-B35C-40FF-8C06-4EA5FF762899": "60",
        "6DD1B161-4CDB-4900-BD31-DBB97E86B2AE": "40",
    }
    assert {r["synthetic"] for r in rows if r["government"] == "DEU"} == {"yes"}
    assert {r["synthetic"] for r in rows if r["government"] == "KEN"} == {"no"}


def test_a_report_without_answers_keeps_one_csv_row(nr5, governments):
    importing.reports_import(
        actor=SYSTEM,
        content=b'[{"government": {"identifier": "ar"}}]',
        file_name="a.json",
        cycle_number=5,
    )
    rows = list(csv.DictReader(io.StringIO(export(nr5, "csv").decode("utf-8-sig"))))
    assert [(r["government"], r["question"]) for r in rows] == [("ARG", "")]
    assert reimport(export(nr5, "csv"), "a.csv").counts()["unchanged"] == 1


def test_the_feed_and_documents_flag_synthetic_reports(nr5, imported):
    feed = {item["government"]["identifier"]: item for item in json.loads(export(nr5, "feed"))}
    assert feed["de"]["synthetic"] is True and "synthetic" not in feed["ke"]
    assert feed["ke"]["documentId"] == 501 and feed["ke"]["identifier"] == "8F3C-AB12"
    documents = {d["government"]["identifier"]: d for d in json.loads(export(nr5, "document"))}
    assert documents["ke"]["header"] == {
        "schema": "cpbNationalReport5",
        "languages": ["en"],
        "identifier": "8F3C-AB12",
    }
    assert documents["de"]["synthetic"] is True


def test_one_document_is_a_json_object(nr5, imported, governments):
    document = json.loads(export(nr5, "document", governments["KEN"]))
    assert document["header"]["schema"] == "cpbNationalReport5"
    assert document["Q007"] == NR5_ANSWERS["Q007"]


def test_the_wide_table_has_one_row_per_government_and_one_column_per_question(nr5, imported):
    rows = list(csv.reader(io.StringIO(export(nr5, "wide-csv").decode("utf-8-sig"))))
    header, data = rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert header[:6] == [
        "government",
        "government_name",
        "cycle",
        "status",
        "submitted_on",
        "synthetic",
    ]
    assert len(data) == 3
    answerable = len(selectors.questionnaire_for(nr5).answerable)
    assert sum(1 for name in header if name.startswith("Q") and " " not in name) == answerable
    kenya = data["KEN"]
    assert kenya["Q008"] == "instrument.nationalBiosafetyLaws;instrument.biosafetyGuidelines"
    assert (
        kenya["Q016"] == "true.some" and kenya["Q016 additional information"] == "Only for plants."
    )
    assert kenya["Q026_adq"] == "4"
    assert kenya["Q013"] == "Biosafety Act"
    assert data["DEU"]["synthetic"] == "yes" and kenya["synthetic"] == "no"


def test_the_wide_table_tells_not_applicable_from_not_answered(nr5, governments):
    # Q010 "No" hides Q010_adq; Q008_a (further information) applies but is left open
    feed = [
        {
            "government": {"identifier": "ke"},
            "Q007": {"value": "implementation.fullInPlace"},
            "Q008": [{"value": "instrument.nationalBiosafetyLaws"}],
            "Q010": {"value": "false"},
            "Q026": {"value": "false"},
        }
    ]
    assert importing.reports_import(
        actor=SYSTEM, content=json.dumps(feed).encode(), file_name="k.json", cycle_number=5
    ).ok
    rows = list(csv.reader(io.StringIO(export(nr5, "wide-csv").decode("utf-8-sig"))))
    kenya = dict(zip(rows[0], rows[1], strict=True))
    assert kenya["Q010"] == "false"
    assert kenya["Q010_adq"] == wide.NOT_APPLICABLE_MARK == "[not applicable]"
    assert kenya["Q008_a"] == ""  # not answered
    assert kenya["Q026_adq"] == "[not applicable]"
    assert kenya["Q027"] == "[not applicable]" and kenya["Q027 additional information"] == ""
    sheet = list(load_workbook(io.BytesIO(export(nr5, "wide-xlsx")))["Reports"].values)
    assert sheet[1][rows[0].index("Q010_adq")] == "[not applicable]"
    assert sheet[1][rows[0].index("Q008_a")] is None
    assert len(sheet) == len(rows)  # the notes are on the About sheet, not under the data
    assert "empty = not answered; [not applicable] = not applicable" in wide.STATES_NOTE


def test_a_wide_table_is_not_imported_and_says_why(nr5, imported):
    result = importing.reports_import(
        actor=SYSTEM, content=export(nr5, "wide-csv"), file_name="wide.csv"
    )
    assert [p.reason for p in result.problems] == [
        "This is a wide table (one column per question), which cbap exports for analysis but "
        "does not import: import the long CSV (export format csv), a BCH feed or document, or "
        "a report workbook."
    ]


def test_the_wide_workbook_explains_its_columns(nr5, imported):
    workbook = load_workbook(io.BytesIO(export(nr5, "wide-xlsx")))
    assert workbook.sheetnames == ["Reports", "Questions", "About"]
    reports = list(workbook["Reports"].iter_rows(values_only=True))
    assert reports[0][:3] == ("government", "government_name", "cycle")
    assert all(row[0] in {"KEN", "DEU", "BRA", "ARG", "EU"} for row in reports[1:])  # data only
    about = dict(workbook["About"].iter_rows(values_only=True))
    assert "Demo data — not real national reports." in about["Demo data"]
    assert about["Answer cells"] == wide.STATES_NOTE
    questions = {
        row[0]: row for row in workbook["Questions"].iter_rows(min_row=2, values_only=True)
    }
    assert "prioritized its capacity-building needs" in questions["Q124"][3]


def test_the_report_workbook_has_drop_down_lists_for_single_choices(nr5, imported, governments):
    workbook = load_workbook(io.BytesIO(export(nr5, "xlsx", governments["KEN"])))
    assert workbook.sheetnames == ["Report", "Answers", "Lists"]
    assert workbook["Lists"].sheet_state == "hidden"
    about = dict(workbook["Report"].iter_rows(max_row=9, values_only=True))
    assert about["government"] == "KEN" and about["cycle"] == 5 and about["status"] == "published"
    sheet = workbook["Answers"]
    header = [c.value for c in sheet[1]]
    assert header == [
        "key",
        "number",
        "section",
        "question",
        "type",
        "allowed values",
        "answer",
        "additional information",
    ]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["Q007"][6].value == "implementation.partiallyInPlace"
    assert rows["Q008"][4].value == "multiple choice (separate values by ;)"
    assert (
        "true.some = Yes, to some extent: (+ text in additional information)"
        in rows["Q016"][5].value
    )
    validated = {
        str(cell) for v in sheet.data_validations.dataValidation for cell in v.sqref.ranges
    }
    assert f"G{rows['Q007'][0].row}" in validated
    assert f"G{rows['Q008'][0].row}" not in validated  # multiple choice: no drop-down


def test_a_blank_workbook_has_every_question(nr5, governments):
    content = render_workbook(
        cycle=nr5, questionnaire=selectors.questionnaire_for(nr5), government=governments["EU"]
    )
    workbook = load_workbook(io.BytesIO(content))
    keys = [row[0] for row in workbook["Answers"].iter_rows(min_row=2, values_only=True)]
    assert keys == list(selectors.questionnaire_for(nr5).questions)
    assert all(row[6] is None for row in workbook["Answers"].iter_rows(min_row=2, values_only=True))


def test_exports_show_what_the_public_sees(nr5, imported, governments):
    kenya = NationalReport.objects.get(government__code="KEN")
    NationalReport.objects.filter(pk=kenya.pk).update(
        answers={}, status="draft", version=kenya.version + 1
    )
    feed = {i["government"]["identifier"]: i for i in json.loads(export(nr5, "feed"))}
    assert feed["ke"]["Q007"] == NR5_ANSWERS["Q007"]  # the published revision, not the draft


def test_an_xlsx_export_of_several_reports_is_refused(nr5, imported):
    with pytest.raises(ValueError, match="one report"):
        export(nr5, "xlsx")


def test_the_command_exports_each_format(nr5, imported, tmp_path):
    for fmt in RENDERERS:
        if fmt == "xlsx":
            continue
        output = tmp_path / exporting.file_name(nr5, fmt)
        call_command(
            "reports",
            "export",
            "--cycle",
            "5",
            "--format",
            fmt,
            "--output",
            str(output),
            stderr=io.StringIO(),
        )
        assert output.stat().st_size > 100
    output = tmp_path / "kenya.xlsx"
    call_command(
        "reports",
        "export",
        "--cycle",
        "5",
        "--government",
        "ken",
        "--output",
        str(output),
        stderr=io.StringIO(),
    )
    assert load_workbook(output)["Report"]["B1"].value == "KEN"
    with pytest.raises(CommandError, match="one report"):
        call_command(
            "reports", "export", "--cycle", "5", "--format", "xlsx", "--output", str(output)
        )


def test_the_command_writes_a_template(nr5, governments, tmp_path):
    output = tmp_path / "blank.xlsx"
    call_command(
        "reports",
        "template",
        "--cycle",
        "5",
        "--government",
        "BRA",
        "--output",
        str(output),
        stderr=io.StringIO(),
    )
    assert load_workbook(output)["Report"]["B2"].value == "Brazil"
    with pytest.raises(CommandError, match="No government"):
        call_command(
            "reports", "template", "--cycle", "5", "--government", "XXX", "--output", str(output)
        )
