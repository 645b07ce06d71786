import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cbap.plan import catalogue


def test_json_export_has_the_documented_shape(plan, tmp_path):
    out = tmp_path / "plan.json"
    call_command("plan", "export", "--format", "json", "--output", str(out))
    data = json.loads(out.read_text())
    assert data["version"]["code"] == "CP-10/4"
    assert data["version"]["adopted_on"] == "2022-12-19"
    assert [g["code"] for g in data["goals"]][:2] == ["A.1", "A.2"]
    a5 = data["goals"][4]
    assert a5["key_areas"][2]["number"] == "3"
    assert a5["activities"][1]["number"] == "ii"
    assert a5["indicators"][2] == {
        "code": "A.5.c",
        "letter": "c",
        "text": "Number of experts by Parties that are able to conduct or review case-by-case risk assessment and risk management",
        "measure": "number",
        "scope": "all",
        "scope_source": "decision",
        "articles": [],
    }
    assert sum(len(g["indicators"]) for g in data["goals"]) == 53
    assert all(isinstance(o, str) for g in data["goals"] for o in g["outcomes"])


def test_json_export_round_trips_the_data_file(plan, tmp_path):
    out = tmp_path / "plan.json"
    call_command("plan", "export", "--format", "json", "--output", str(out))
    exported = catalogue.elements(json.loads(out.read_text()))
    assert exported == catalogue.elements(catalogue.load_file())


def test_csv_export_has_one_row_per_element(plan, tmp_path):
    out = tmp_path / "plan.csv"
    call_command("plan", "export", "--format", "csv", "--output", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    kinds = [r["kind"] for r in rows]
    assert (
        kinds.count("goal"),
        kinds.count("key_areas"),
        kinds.count("activities"),
        kinds.count("indicators"),
    ) == (14, 41, 46, 53)
    row = next(r for r in rows if r["code"] == "A.10.b")
    assert row["scope"] == "supplementary_protocol"
    assert row["measure"] == "percentage"


def test_xlsx_export_has_a_sheet_per_column_of_the_plan(plan, tmp_path):
    out = tmp_path / "plan.xlsx"
    call_command("plan", "export", "--format", "xlsx", "--output", str(out))
    book = load_workbook(out)
    assert book.sheetnames == [
        "Version",
        "Header row",
        "Goals",
        "Key areas",
        "Plan activities",
        "Indicators",
        "Outcomes",
        "Priorities",
        "Narrative",
        "Vocabularies",
    ]
    header = list(book["Header row"].iter_rows(values_only=True))
    assert header[4] == ("indicators", "Indicators", "Measures whether activity took place")
    indicators = list(book["Indicators"].iter_rows(values_only=True))
    assert indicators[0] == ("goal", "code", "marker", "text", "measure", "scope", "scope_source")
    assert len(indicators) == 54
    assert indicators[1][:3] == ("A.1", "A.1.a", "a")


def test_json_export_has_the_header_row_narrative_vocabularies_and_priorities(plan, tmp_path):
    out = tmp_path / "plan.json"
    call_command("plan", "export", "--output", str(out))
    data = json.loads(out.read_text())
    meanings = {c["key"]: c["meaning"] for c in data["columns"]}
    assert meanings["goals"] == "Desirable achievements"
    assert meanings["outcomes"] == "The effect of successfully completed activities"
    assert [s["title"] for s in data["sections"]] == [
        "Areas for implementation",
        "Enabling environment",
    ]
    assert data["narrative"][0]["code"] == "decision.title"
    assert len(data["vocabularies"]["actors"]) == 13
    assert data["priorities"] == []  # the meeting of the Parties has set none yet


def test_exports_carry_the_articles_each_text_cites(plan, tmp_path):
    out = tmp_path / "plan.json"
    call_command("plan", "export", "--output", str(out))
    data = json.loads(out.read_text())
    a6 = next(g for g in data["goals"] if g["code"] == "A.6")
    assert [k["articles"] for k in a6["key_areas"]] == [[17], [25]]
    annex23 = next(p for p in data["narrative"] if p["code"] == "annex.23")
    assert annex23["articles"] == [22, 28]
    call_command("plan", "export", "--format", "csv", "--output", str(tmp_path / "plan.csv"))
    rows = {
        r["code"]: r
        for r in csv.DictReader(io.StringIO((tmp_path / "plan.csv").read_text("utf-8-sig")))
    }
    assert rows["A.6.ii"]["articles"] == "25"
    assert rows["A.10.b"]["scope_source"] == "inferred"
    assert rows["A.10.2"]["scope_source"] == "decision"


def test_export_names_an_unwritable_path(plan):
    with pytest.raises(CommandError, match=r"/nonexist/x\.json: cannot write: No such file"):
        call_command("plan", "export", "--output", "/nonexist/x.json")


def test_export_names_an_unknown_version(plan, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("plan", "export", "--version", "NOPE", "--output", str(tmp_path / "x"))
    assert str(error.value) == "No plan version 'NOPE'; loaded: CP-10/4."
    assert not (tmp_path / "x").exists()
