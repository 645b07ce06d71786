"""Protocol articles the plan cites: found in every text, linked where they stand, listed by article."""

import json
import re
from pathlib import Path

import pytest

from cbap.plan import catalogue

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text,cited",
    [
        ("in accordance with Article 17 of the Protocol", [17]),
        ("under Article 18 of the Protocol", [18]),
        ("in accordance with Articles 22 and 28 of the Protocol", [22, 28]),
        ("Article 31 of the Cartagena Protocol and Article 24 of the Convention on Biological Diversity", [31]),
        ("Article 26 in decision-making; Article 26 again", [26]),
        ("no article here; articles 5 lower-case are not the decision's style", []),
    ],
)  # fmt: skip
def test_cited_articles(text, cited):
    assert catalogue.cited_articles(text) == cited


def test_mentions_cover_the_words_to_link_and_never_change_the_text():
    text = "cooperation in accordance with Articles 22 and 28 of the Protocol"
    spans = [text[m.start : m.end] for m in catalogue.article_mentions(text)]
    assert spans == ["Articles 22", "28"]


def test_every_article_the_plan_cites_is_found():
    data = catalogue.load_file()
    cited = {}
    for element in catalogue.elements(data):
        for number in catalogue.cited_articles(element.text):
            cited.setdefault(number, []).append(element.code)
    for paragraph in data["narrative"]:
        for number in catalogue.cited_articles(paragraph["text"]):
            cited.setdefault(number, []).append(paragraph["code"])
    assert cited == {
        17: ["A.1.o1", "A.6.1"],
        18: ["A.7"],
        22: ["annex.23"],
        23: ["B.3"],
        25: ["A.6.2", "A.6.ii"],
        26: ["A.9", "A.9.1", "A.9.i", "A.9.o1"],
        28: ["B.2", "annex.23"],
        31: ["annex.24"],
    }
    # the source text cites no other article of the Protocol
    source = (REPO / "cbap/plan/data/source/CBD-CP-MOP-DEC-10-4.txt").read_text()
    assert set(catalogue.cited_articles(" ".join(source.split()))) == set(cited)


def test_article_headings_are_copied_from_the_repositorys_bch_questionnaire():
    nr5 = json.loads((REPO / "cbap/bch/data/bch/nr5-questions.json").read_text())
    sections = {}
    for section in nr5["sections"]:
        if m := re.match(r"Article (\d+) – (.*)", section["title"]):
            heading = re.sub(r"\s*<sup>\d+</sup>\s*", " ", m[2]).strip().rstrip(":").strip()
            sections[int(m[1])] = heading
    assert catalogue.article_titles() == sections
    assert catalogue.article_titles()[18] == "Handling, transport, packaging and identification"
    assert 31 not in catalogue.article_titles()  # no source in the repository: no heading


# --- pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_article_mentions_in_texts_link_to_the_article_page(plan, client):
    html = client.get("/plan/A.6/").content.decode()
    assert (
        'in accordance with <a class="article" href="/plan/articles/17/">Article 17</a> of the'
        in html
    )
    about = client.get("/plan/about/").content.decode()
    assert (
        '<a class="article" href="/plan/articles/22/">Articles 22</a> and '
        '<a class="article" href="/plan/articles/28/">28</a> of the Protocol' in about
    )
    assert "Article 24 of the Convention on Biological Diversity" in about  # not linked
    assert 'href="/plan/articles/24/"' not in about


@pytest.mark.django_db
def test_an_article_page_lists_what_cites_it(plan, client):
    html = client.get("/plan/articles/17/").content.decode()
    assert "Article 17 of the Cartagena Protocol: Unintentional transboundary movements" in html
    assert 'href="/plan/A.1.o1/"' in html and 'href="/plan/A.6.1/"' in html
    assert "In the decision and its annex" not in html
    html = client.get("/plan/articles/31/").content.decode()
    assert "<h1>Article 31 of the Cartagena Protocol</h1>" in html  # no heading invented
    assert 'href="/plan/about/#annex.24"' in html


@pytest.mark.django_db
def test_an_article_the_plan_does_not_cite_is_not_found(plan, client, settings):
    settings.DEBUG = False
    response = client.get("/plan/articles/24/")
    assert response.status_code == 404
    assert "Nothing in CP-10/4 cites Article 24 of the Protocol." in response.content.decode()


@pytest.mark.django_db
def test_the_articles_page_lists_every_cited_article(plan, client):
    html = client.get("/plan/articles/").content.decode()
    found = re.findall(r'href="/plan/articles/(\d+)/"', html)
    assert found == ["17", "18", "22", "23", "25", "26", "28", "31"]
    assert "<td>Capacity-building</td>" in html


@pytest.mark.django_db
def test_goal_pages_link_the_articles_of_their_title(plan, client):
    html = client.get("/plan/A.7/").content.decode()
    assert '<a href="/plan/articles/18/">Article 18</a>' in html
    assert "/plan/search/?q=Article" not in html
