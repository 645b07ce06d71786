"""Search across everything: the plan, the questions, Parties, organizations and the free texts
of published reports only; ranked, grouped, highlighted, escaped."""

import pytest

from cbap.accounts.permissions import SYSTEM
from cbap.records import services as records
from cbap.reports import services as reports
from cbap.reports.models import ReportingCycle
from cbap.search.selectors import search

pytestmark = pytest.mark.django_db


def kinds(query: str) -> dict[str, list[str]]:
    return {group.kind: [hit.title for hit in group.hits] for group in search(query)}


def a_report(government, text: str, *, publish: bool):
    cycle = ReportingCycle.objects.get(number=5)
    report, _ = reports.report_save(
        cycle=cycle,
        government=government,
        answers={"Q013": {"value": {"en": text}}},
        status="published" if publish else "draft",
        actor=SYSTEM,
    )
    return report


def test_socio_economic_finds_the_plans_socioeconomic_considerations(plan):
    found = kinds("socio-economic")
    assert found["plan"][:2] == ["A.9", "A.9.1"]
    assert "<mark>socioeconomic</mark>" in search("socio-economic")[0].hits[0].snippet


def test_a_party_is_found_by_name_and_by_code(kenya):
    assert kinds("Kenya")["parties"] == ["Kenya"]
    assert kinds("ke")["parties"][0] == "Kenya"


def test_a_question_is_found_by_its_key_first_then_by_its_number(cycles):
    titles = kinds("Q011")["questions"]
    assert titles[0] == "NR5 Q011 (11)"
    assert "NR4 Q012_party (11)" in titles  # NR4's question 11 has another key


def test_a_plan_code_finds_its_element(plan):
    assert kinds("A.5.c")["plan"][0] == "A.5.c"


def test_only_published_free_texts_are_found_and_they_are_escaped(kenya, brazil, client):
    a_report(kenya, "Our Biosafety Act <script>alert(1)</script> covers imports.", publish=True)
    a_report(brazil, "A draft about the Biosafety Act nobody may read.", publish=False)
    assert kinds("Biosafety Act")["answers"] == ["Kenya, NR5 Q013"]
    html = client.get("/search/", {"q": "Biosafety Act"}).content.decode()
    assert "<mark>Biosafety</mark> <mark>Act</mark>" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "nobody may read" not in html


def test_the_page_groups_by_kind_and_filters_one_kind(kenya, client):
    html = client.get("/search/", {"q": "Kenya"}).content.decode()
    assert 'id="parties-title"' in html
    only = client.get("/search/", {"q": "Kenya", "kind": "questions"}).content.decode()
    assert 'id="parties-title"' not in only and "Nothing found" in only


def test_an_empty_query_explains_what_can_be_searched(client):
    html = client.get("/search/").content.decode()
    assert "the search covers the Action Plan" in html


def test_a_withdrawn_report_leaves_the_results(kenya):
    report = a_report(kenya, "Withdrawn words here.", publish=True)
    assert kinds("Withdrawn words")["answers"]
    records.record_transition(record=report, actor=SYSTEM, action="withdraw", message="Wrong.")
    assert "answers" not in kinds("Withdrawn words")


def test_an_organization_is_found_by_its_published_words_never_its_drafts(
    provider, editor, analyst
):
    from tests.organizations.conftest import new_profile

    profile = new_profile(provider, editor)
    assert "organizations" not in kinds("Demo provider")  # a draft: not public yet
    profile = records.record_transition(record=profile, actor=analyst, action="publish")
    records.record_update(
        record=profile,
        actor=editor,
        data={"name": "Secret new name"},
        expected_version=profile.version,
    )
    assert kinds("Demo provider")["organizations"] == ["Demo provider (synthetic)"]
    assert "organizations" not in kinds("Secret new name")


def test_a_nul_character_in_the_query_is_refused_before_the_database(client, kenya):
    assert client.get("/search/", {"q": "Ken\x00ya"}).status_code == 400
