import json

import pytest

from cbap.plan import catalogue, services

pytestmark = pytest.mark.django_db


def test_api_lists_goals_with_their_elements(plan, client):
    goals = client.get("/api/v1/plan/goals/").json()
    assert len(goals) == 14
    a10 = next(g for g in goals if g["code"] == "A.10")
    assert len(a10["indicators"]) == 6
    assert a10["key_areas"][1]["scope"] == "supplementary_protocol"


def test_api_gives_a_goal_and_an_indicator_by_code(plan, client):
    assert (
        client.get("/api/v1/plan/goals/B.3/")
        .json()["title"]
        .startswith("Parties promote and facilitate")
    )
    indicator = client.get("/api/v1/plan/indicators/A.1.b/").json()
    assert indicator == {
        "code": "A.1.b",
        "goal": "A.1",
        "letter": "b",
        "text": "Percentage of Parties that have sufficient and trained staff to administer the national biosafety system",
        "measure": "percentage",
        "scope": "all",
        "scope_source": "decision",
    }


def test_api_filters_indicators_by_measure(plan, client):
    numbers = client.get("/api/v1/plan/indicators/", {"measure": "number"}).json()
    assert [i["code"] for i in numbers] == ["A.2.b", "A.5.c", "A.6.b", "A.9.b"]


def test_api_refuses_an_unknown_version(plan, client):
    assert client.get("/api/v1/plan/goals/", {"version": "nope"}).status_code == 404


def test_api_is_read_only(plan, client):
    assert client.post("/api/v1/plan/goals/", {}).status_code == 405


def test_openapi_schema_documents_the_plan(plan, client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/plan/goals/{code}/" in schema


def test_the_plan_root_is_the_whole_current_plan_like_the_json_export(plan, client):
    response = client.get("/api/v1/plan/")
    assert response.status_code == 200
    data = response.json()
    assert data["version"]["code"] == "CP-10/4"
    assert len(data["goals"]) == 14
    assert sum(len(g["indicators"]) for g in data["goals"]) == 53
    assert data["columns"][0] == {
        "key": "goals",
        "title": "Goals",
        "meaning": "Desirable achievements",
    }
    assert data["priorities"] == []
    assert len(data["vocabularies"]["actors"]) == 13
    exported = json.loads(client.get("/plan/export.json").content)
    assert data == exported


def test_the_plan_root_reads_another_version(plan, client):
    data = catalogue.load_file()
    data["version"].update(code="CP-12/1", previous="CP-10/4", adopted_on="2026-11-30")
    services.plan_version_load(data=data, make_current=True)
    assert client.get("/api/v1/plan/").json()["version"]["code"] == "CP-12/1"
    older = client.get("/api/v1/plan/", {"version": "CP-10/4"}).json()
    assert older["version"]["code"] == "CP-10/4"
    assert client.get("/api/v1/plan/", {"version": "NOPE"}).status_code == 404


def test_a_version_is_reachable_by_its_code_with_the_slash(plan, client):
    response = client.get("/api/v1/plan/versions/CP-10/4/")
    assert response.status_code == 200
    version = response.json()
    assert (version["code"], version["is_current"], version["priorities"]) == ("CP-10/4", True, [])
    assert version["columns"][3]["meaning"] == "Measures whether activity took place"
    assert client.get("/api/v1/plan/versions/CP-10%2F4/").json()["code"] == "CP-10/4"
    assert client.get("/api/v1/plan/versions/CP-10/5/").status_code == 404
    assert [v["code"] for v in client.get("/api/v1/plan/versions/").json()] == ["CP-10/4"]


@pytest.mark.parametrize(
    "code,kind,text_start",
    [
        ("A.5", "goal", "Parties carry out scientifically sound risk assessments"),
        ("A.5.3", "key_areas", "Access to infrastructure and technical expertise"),
        ("A.5.ii", "activities", "Provide training on conducting and reviewing risk assessments"),
        ("A.5.c", "indicators", "Number of experts by Parties"),
        ("A.5.o1", "outcomes", ""),
    ],
)
def test_every_element_is_reachable_by_its_stable_code(plan, client, code, kind, text_start):
    element = client.get(f"/api/v1/plan/elements/{code}/").json()
    assert (element["code"], element["kind"], element["goal"]) == (code, kind, "A.5")
    assert element["text"].startswith(text_start)


def test_elements_carry_measure_scope_its_source_and_cited_articles(plan, client):
    assert client.get("/api/v1/plan/elements/A.5.c/").json()["measure"] == "number"
    a10b = client.get("/api/v1/plan/elements/A.10.b/").json()
    assert (a10b["scope"], a10b["scope_source"]) == ("supplementary_protocol", "inferred")
    assert client.get("/api/v1/plan/elements/A.6.2/").json()["articles"] == [25]
    assert client.get("/api/v1/plan/elements/A.7/").json()["articles"] == [18]
    assert client.get("/api/v1/plan/elements/A.5.99/").status_code == 404


def test_elements_list_in_plan_order_and_filter_by_kind(plan, client):
    rows = client.get("/api/v1/plan/elements/").json()
    assert len(rows) == 14 + 41 + 46 + 53 + 21
    assert [r["code"] for r in rows[:3]] == ["A.1", "A.1.1", "A.1.2"]
    outcomes = client.get("/api/v1/plan/elements/", {"kind": "outcomes"}).json()
    assert len(outcomes) == 21


def test_vocabularies_priorities_and_articles_are_in_the_api(plan, client):
    vocabularies = client.get("/api/v1/plan/vocabularies/").json()
    assert vocabularies["levels"] == ["national", "regional", "global"]
    assert client.get("/api/v1/plan/priorities/").json() == []
    articles = client.get("/api/v1/plan/articles/").json()
    assert articles[0] == {
        "number": 17,
        "title": "Unintentional transboundary movements and emergency measures",
        "cited_by": ["A.1.o1", "A.6.1"],
    }
    narrative = client.get("/api/v1/plan/narrative/annex.23/").json()
    assert narrative["articles"] == [22, 28]


def test_every_plan_page_links_to_a_working_api_root(plan, client):
    html = client.get("/plan/").content.decode()
    assert 'href="/api/v1/plan/">API</a>' in html
    assert client.get("/api/v1/plan/").status_code == 200


def test_openapi_schema_documents_the_new_endpoints(plan, client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ["/api/v1/plan/", "/api/v1/plan/versions/{code}/", "/api/v1/plan/elements/{code}/"]:
        assert f'"{path}"' in schema
