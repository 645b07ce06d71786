import pytest

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
