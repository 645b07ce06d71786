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


@pytest.mark.parametrize("code", ["A.9.z", "Z.9.z", "not-a-code", "a.1.b"])
def test_an_unknown_indicator_is_a_json_404_whatever_its_shape(client, world, code):
    response = client.get(f"/api/v1/indicators/{code}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": f"No indicator {code}."}


def test_the_list_refuses_an_unknown_code_naming_it(client, world):
    response = client.get("/api/v1/indicators/?code=Z.9.z")
    assert response.status_code == 400
    assert response.json() == {"code": ["no indicator Z.9.z"]}


def test_the_list_refuses_an_unknown_parameter_instead_of_ignoring_it(client, world):
    response = client.get("/api/v1/indicators/?indicator=A.1.b")
    assert response.status_code == 400
    assert "unknown parameter; use by, code, cycle" in response.json()["indicator"][0]
    assert client.get("/api/v1/indicators/?code=A.1.b&format=json").status_code == 200


def test_every_row_says_whether_baseline_and_midterm_compare_and_why_not(client, nr5_reports):
    rows = client.get("/api/v1/indicators/?cycle=5&by=ldc").json()
    a_1_b = next(r for r in rows if r["code"] == "A.1.b")
    assert a_1_b["comparable"] is False
    assert a_1_b["warnings"][0].startswith("Wording change (NR4): NR4 Q018 asked")
    assert a_1_b["by"][0]["warnings"] == a_1_b["warnings"]
    b_1_a = next(r for r in rows if r["code"] == "B.1.a")
    assert (b_1_a["comparable"], b_1_a["warnings"]) == (True, [])
    a_2_a = next(r for r in rows if r["code"] == "A.2.a")
    assert (a_2_a["comparable"], a_2_a["warnings"]) == (None, [])  # neither report measures it


def test_the_detail_gives_the_provenance_of_one_group(client, nr5_reports):
    data = client.get("/api/v1/indicators/A.1.b/?group=developing").json()
    midterm = data["values"][1]
    assert data["provenance_label"] == "Developing countries"
    assert midterm["provenance_group"] == "developing"
    assert [p["code"] for p in midterm["provenance"]["denominator"]] == ["BRA", "KEN"]
    assert midterm["provenance_value"]["value"] == 50.0
    response = client.get("/api/v1/indicators/A.1.b/?group=continent")
    assert response.status_code == 400 and "unknown group" in response.json()["group"]


def test_the_schema_documents_the_indicator_endpoints(client, db):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/indicators/{code}/" in schema
    assert "IndicatorProvenance" in schema and "p_value" in schema


def test_a_population_that_is_not_parties_has_null_parties_and_coverage(client, nr5_reports):
    rows = client.get("/api/v1/indicators/?cycle=5&by=ldc").json()
    for code in ("A.2.a", "A.2.b", "A.9.b", "A.4.a"):
        row = next(r for r in rows if r["code"] == code)
        assert (row["parties"], row["reported"], row["coverage"]) == (None, None, None), code
        assert row["population_note"], code
        assert row["by"][0]["parties"] is None, code
    a_1_b = next(r for r in rows if r["code"] == "A.1.b")
    assert (a_1_b["parties"], a_1_b["population_note"]) == (5, None)
