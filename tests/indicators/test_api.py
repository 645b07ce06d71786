"""The indicator API: values filtered by cycle, disaggregation and code; one indicator in full."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_list_gives_every_indicator_in_both_cycles(client, nr5_reports):
    rows = client.get("/api/v1/indicators/").json()
    assert len(rows) == 106
    row = next(r for r in rows if r["code"] == "A.1.b" and r["cycle"] == 5)
    assert row["value"] == 50.0 and row["numerator"] == 1 and row["denominator"] == 2
    assert row["reported"] == 3 and row["parties"] == 5 and row["fit"] == "direct"
    assert row["by"] == []
    missing = next(r for r in rows if r["code"] == "A.2.a")
    assert missing["value"] is None and missing["status"] == "no_data"


def test_the_list_filters_by_cycle_code_and_disaggregation(client, nr5_reports):
    rows = client.get("/api/v1/indicators/?cycle=5&code=A.1.b&by=region&by=ldc").json()
    assert [(r["code"], r["cycle"]) for r in rows] == [("A.1.b", 5)]
    groups = [g["group"] for g in rows[0]["by"]]
    assert groups[:1] == ["region:African Group"] and len(groups) == 6 and groups[-1] == "ldc"
    african = rows[0]["by"][0]
    assert (african["label"], african["value"], african["denominator"]) == (
        "African Group",
        100.0,
        1,
    )
    rows = client.get("/api/v1/indicators/?cycle=4&code=A.1.b&by=sids,developing").json()
    assert [g["group"] for g in rows[0]["by"]] == ["sids", "developing"]


def test_the_list_refuses_an_unknown_cycle_or_group(client, world):
    assert client.get("/api/v1/indicators/?cycle=3").status_code == 400
    response = client.get("/api/v1/indicators/?by=continent")
    assert response.status_code == 400 and "unknown disaggregation" in response.json()["by"]


def test_the_detail_has_both_cycles_the_change_and_the_provenance(client, nr5_reports):
    data = client.get("/api/v1/indicators/A.1.b/").json()
    assert data["text"].startswith("Percentage of Parties that have sufficient and trained staff")
    assert [v["cycle"] for v in data["values"]] == [4, 5]
    midterm = data["values"][1]
    assert len(midterm["by"]) == 10
    assert [p["code"] for p in midterm["provenance"]["numerator"]] == ["KEN"]
    assert midterm["provenance"]["numerator"][0]["report_url"] == "/reports/5/KEN/"
    assert (
        data["change"]["panel"]["size"] == 0 and data["change"]["cross_section"]["midterm"] == 50.0
    )
    assert data["sources"][1]["numerator_text"] == "Q011 is “Yes” and Q012_adq is “Yes”"
    assert client.get("/api/v1/indicators/A.9.z/").status_code == 404


def test_the_schema_documents_the_indicator_endpoints(client, db):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/indicators/{code}/" in schema
    assert "IndicatorProvenance" in schema and "p_value" in schema
