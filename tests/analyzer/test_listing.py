"""The governments behind a count, and what they wrote, named one by one (the small world of
`test_analysis`): only published answers, narrowed by column and cross-filter, as files too."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from cbap.reports.models import NationalReport
from tests.analyzer.test_analysis import AFRICA, EUROPE, build_world

pytestmark = pytest.mark.django_db
URL = "/analyzer/answers/"


@pytest.fixture
def world(no_preloaded_cycles):
    return build_world()


def rows(client, **query) -> list[list[str]]:
    data = client.get("/analyzer/answers.json", query).json()
    return [[r["government"], r["option"], r["text"]] for r in data["rows"]]


def test_a_questions_free_texts_are_listed_per_government_published_only(client, world):
    assert rows(client, cycle=5, question="Q3_b") == [["AAA", "", "Two staff."]]
    assert rows(client, cycle=5, question="Q2") == [["BBB", "Other", "Decrees"]]
    page = client.get(URL, {"cycle": 5, "question": "Q3_b"}).content.decode()
    assert "Two staff." in page and 'href="/reports/5/AAA/#Q3_b"' in page
    assert "not listed (their answer is unknown, not “no”)" in page


def test_a_column_and_the_cross_filter_narrow_the_list(client, world):
    assert rows(client, cycle=5, question="Q3_b", column=EUROPE) == []
    assert rows(client, cycle=5, question="Q3_b", column=AFRICA) == [["AAA", "", "Two staff."]]
    assert rows(client, cycle=5, question="Q3_b", filter="Q1:some") == []


def test_the_governments_behind_a_cross_filtered_count_are_named(client, world):
    named = client.get(
        "/analyzer/answers.json",
        {"cycle": 5, "question": "Q1", "filter": "Q1:no", "list": "governments"},
    ).json()["rows"]
    assert [r["government"] for r in named] == ["EEE", "ZZZ"]  # never FFF's or GGG's draft
    analyzer = client.get("/analyzer/", {"cycle": 5, "question": "Q1", "filter": "Q1:no"})
    html = analyzer.content.decode()
    assert "list=governments" in html and ">2 governments</a>" in html
    listed = client.get(
        URL, {"cycle": 5, "question": "Q1", "filter": "Q1:no", "list": "governments"}
    )
    assert "<h1>2 governments</h1>" in listed.content.decode()


def test_the_list_downloads_as_csv_and_xlsx(client, world):
    csv = client.get("/analyzer/answers.csv", {"cycle": 5, "question": "Q2"}).content.decode()
    assert csv.splitlines()[0].lstrip("\ufeff") == "government,name,columns,option,text"
    assert "BBB,Land BBB,African Group,Other,Decrees" in csv
    xlsx = client.get("/analyzer/answers.xlsx", {"cycle": 5, "question": "Q2"}).content
    book = load_workbook(io.BytesIO(xlsx))
    assert [c.value for c in book["Answers"][2]] == [
        "BBB",
        "Land BBB",
        "African Group",
        "Other",
        "Decrees",
    ]
    assert "About" in book.sheetnames


def test_a_text_is_escaped_and_a_wrong_column_is_named(client, world):
    NationalReport.objects.filter(government__code="DDD", cycle__number=5).update(
        answers={
            "Q1": {"value": "yes"},
            "Q3_a": {"value": "yes"},
            "Q3_b": {"value": {"en": "<script>x</script>"}},
        }
    )
    page = client.get(URL, {"cycle": 5, "question": "Q3_b"}).content.decode()
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    wrong = client.get(URL, {"cycle": 5, "question": "Q3_b", "column": "Mars"})
    assert (
        wrong.status_code == 400 and "There is no column &#x27;Mars&#x27;" in wrong.content.decode()
    )
    json.loads(client.get("/analyzer/answers.json", {"cycle": 5, "question": "Q3_b"}).content)


def test_the_question_block_links_to_its_answers(client, world):
    html = client.get("/analyzer/", {"cycle": 5, "question": "Q3_b"}).content.decode()
    assert "/analyzer/answers/?cycle=5&amp;question=Q3_b&amp;by=region" in html


def test_find_a_question_narrows_the_list_without_javascript(client, world):
    def offered(find: str) -> list[str]:
        html = client.get("/analyzer/", {"cycle": 5, "question": "Q1", "find": find})
        return re.findall(r'<option value="(Q[^"]+)"', html.content.decode())

    assert offered("staff") == ["Q1", "Q3", "Q3_a", "Q3_b"]  # Q1 is shown, so it stays
    assert offered("describe staff") == ["Q1", "Q3_b"]
    assert offered("q2") == ["Q1", "Q2"]
    html = client.get("/analyzer/", {"cycle": 5, "question": "Q1", "find": "staff"})
    assert "3 questions match." in html.content.decode()
