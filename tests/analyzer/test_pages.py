"""The analyzer page and its CSV / XLSX downloads, on the hand-computed world of test_analysis."""

import csv
import html
import io
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cbap.accounts.permissions import SYSTEM
from cbap.analyzer import analysis, answers, views
from cbap.analyzer.charts import chart_bars
from cbap.analyzer.query import MEASURES_NOTE, AnswerFilter, Choices
from cbap.core.dataversion import data_changed, data_version
from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.parties.models import Grouping, GroupingMembership
from cbap.records import services as records
from cbap.reports.models import NationalReport, ReportingCycle
from tests.analyzer.test_analysis import AFRICA, CAUTION, EUROPE, NONE, TOTAL, build_world
from tests.downloads import data_only_csv

URL = "/analyzer/"
COMPARED = "?cycle=5&question=all&by=region&measure=column&compare=4"


@pytest.fixture
def world(no_preloaded_cycles):
    return build_world()


class Tables(HTMLParser):
    """Every <table> of a page as rows of cell texts (header rows included)."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def number(cell: str) -> str | float:
    try:
        return float(cell)
    except ValueError:
        return cell


def shown(cell: str, figure: str) -> str:
    """A CSV cell as the page shows it."""
    if cell == "":
        return "–"
    if figure in ("n", "N", "count", "answered", "ticks") or figure.endswith(
        (" n", " N", " count")
    ):
        return cell
    if figure == "change (count)":
        return f"{int(cell):+d}"
    if figure == "change (pp)":
        return f"{float(cell):+.1f}"
    return f"{float(cell):.1f} %"


# ------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------


def test_it_opens_on_the_first_section_of_the_latest_cycle(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["analysis"].choices == Choices(cycle=5, question="section:General")
    assert 'method="get"' in page  # works without JavaScript: one deferred script enhances it
    assert page.count("<script") == 1 and 'src="/static/analyzer/picker.js" defer' in page
    assert '<option value="section:General" selected>' in page
    assert "Q3_a" not in [r.key for r in response.context["analysis"].results]


def test_it_shows_the_hand_computed_table_with_n_and_n_of_parties(client, world):
    response = client.get(URL + "?cycle=5&question=Q1&measure=parties")
    [q1] = Tables(response.content.decode()).tables
    assert q1[0] == ["Answer", AFRICA, EUROPE, NONE, TOTAL]
    assert q1[1] == ["Yes", "25.0 %", "33.3 %", "0.0 %", "25.0 %"]
    # n is the Parties that answered (XXX answered but is not a Party), so n never exceeds N
    assert q1[-3] == ["Parties that answered (n)", "2", "3", "1", "6"]
    assert q1[-2] == ["Answered, non-Parties included", "2", "4", "1", "7"]
    assert q1[-1] == ["Parties on 28 Feb 2026 (N)", "4", "3", "1", "8"]
    bars = chart_bars(response.context["analysis"].results[0], response.context["analysis"])
    assert [row.label for row in bars.rows] == [
        ("African Group", "(n 2/N 4)"),
        ("WEOG", "(n 3/N 3)"),
        (NONE, "(n 1/N 1)"),
        ("Total", "(n 6/N 8)"),
    ]


def test_other_measures_count_every_government_that_answered_in_n(client, world):
    [q1] = Tables(client.get(URL + "?cycle=5&question=Q1&measure=column").content.decode()).tables
    assert q1[-2] == ["Answered (n)", "2", "4", "1", "7"]
    assert q1[-1] == ["Parties on 28 Feb 2026 (N)", "4", "3", "1", "8"]


def test_the_measure_picker_says_which_measures_are_the_bchs_and_which_are_cbaps(client, world):
    page = html.unescape(client.get(URL + "?cycle=5&question=Q1").content.decode())
    picker = page[page.index('<select id="an-measure"') :]
    picker = picker[: picker.index("</select>")]
    assert re.findall(r'<optgroup label="([^"]+)">|<option value="(\w+)"', picker) == [
        ("The BCH's measures", ""),
        ("", "count"),
        ("", "row"),
        ("", "column"),
        ("", "overall"),
        ("cbap's additions", ""),
        ("", "respondents"),
        ("", "parties"),
    ]
    assert MEASURES_NOTE in page
    assert 'aria-describedby="an-measure-help"' in page and 'id="an-measure-help"' in page


def test_a_multiple_choice_table_in_the_bchs_measure_is_of_ticks(client, world):
    page = client.get(URL + "?cycle=5&question=Q2&measure=column").content.decode()
    [q2] = Tables(page).tables
    # Africa: AAA law, reg; BBB law, other. WEOG: DDD reg; XXX law (EEE's answer does not apply)
    assert q2[1] == ["Laws", "50.0 %", "50.0 %", "–", "50.0 %"]
    assert q2[-3:] == [
        ["Answered (n)", "2", "2", "0", "4"],
        ["Answers ticked (the BCH's denominator)", "4", "2", "0", "6"],
        ["Parties on 28 Feb 2026 (N)", "4", "3", "1", "8"],
    ]
    assert "% by column (BCH): share of the column&#x27;s ticks" in page
    [q2] = Tables(
        client.get(URL + "?cycle=5&question=Q2&measure=respondents").content.decode()
    ).tables
    assert q2[1] == ["Laws", "100.0 %", "50.0 %", "–", "75.0 %"]


def test_a_free_text_question_shows_the_bchs_answered_row_and_its_texts(client, world):
    page = client.get(URL + "?cycle=5&question=Q3_b&measure=overall").content.decode()
    [q3b] = Tables(page).tables
    assert q3b[1:] == [
        ["Answered", "100.0 %", "0.0 %", "0.0 %", "100.0 %"],
        ["Answered (n)", "1", "0", "0", "1"],
        ["Parties on 28 Feb 2026 (N)", "4", "3", "1", "8"],
    ]
    assert "Two staff." in page


@pytest.mark.parametrize(
    ("measure", "caption", "rows"),
    [
        (
            "count",
            "numbers of governments; change in governments",
            [
                ["Yes", "NR5 count", "1", "2", "0", "3"],
                ["Yes", "NR4 count", "1", "1", "0", "2"],
                ["Yes", "change (count)", "+0", "+1", "+0", "+1"],
            ],
        ),
        (
            "parties",
            "% of Parties; change in percentage points",
            [
                ["Yes", "NR5 %", "25.0 %", "33.3 %", "0.0 %", "25.0 %"],
                ["Yes", "NR4 %", "25.0 %", "33.3 %", "0.0 %", "25.0 %"],
                ["Yes", "change (pp)", "+0.0", "+0.0", "+0.0", "+0.0"],
            ],
        ),
    ],
)
def test_the_comparison_is_in_the_chosen_measure_and_says_so(client, world, measure, caption, rows):
    page = client.get(f"{URL}?cycle=5&question=Q1&measure={measure}&compare=4").content.decode()
    assert f"Cross-section: every government that answered, in each cycle ({caption})" in page
    assert f"in {caption}: the <em>cross-section</em>" in page
    cross = Tables(page).tables[1]
    assert cross[1:4] == rows
    if measure == "parties":
        assert cross[-4:] == [
            ["Parties that answered (n)", "NR5 n", "2", "3", "1", "6"],
            ["Parties that answered (n)", "NR4 n", "3", "2", "0", "5"],
            ["Parties on the deadline (N)", "NR5 N", "4", "3", "1", "8"],
            ["Parties on the deadline (N)", "NR4 N", "4", "3", "1", "8"],
        ]


def test_it_names_governments_counted_in_two_columns_everywhere(client, world):
    # like Türkiye, in both the Asia-Pacific Group and WEOG
    GroupingMembership.objects.create(
        grouping=Grouping.objects.get(code="africa"), government=world["governments"]["DDD"]
    )
    note = (
        "Land DDD (DDD) is in African Group and WEOG. A government in several columns counts in "
        "each of them and once in Total, so the columns add up to more than Total."
    )
    response = client.get(URL + "?cycle=5&question=Q1")
    assert f"<strong>Note:</strong> {note}" in response.content.decode()
    [q1] = Tables(response.content.decode()).tables
    assert q1[-2] == ["Answered (n)", "3", "4", "1", "7"]  # 3 + 4 + 1 > 7
    rows = csv_rows(client.get("/analyzer/analysis.csv?cycle=5&question=Q1").content)
    assert note not in {cell for row in rows for cell in row}  # data only: the note is in About
    book = load_workbook(
        io.BytesIO(client.get("/analyzer/analysis.xlsx?cycle=5&question=Q1").content)
    )
    assert dict(book["About"].iter_rows(values_only=True))["Note"] == note
    data = client.get("/api/v1/analyzer/?cycle=5&question=Q1").json()
    assert data["overlaps"] == [
        {"code": "DDD", "name": "Land DDD", "columns": ["African Group", "WEOG"]}
    ]
    assert data["overlap_note"] == note
    assert client.get("/api/v1/analyzer/?cycle=5&question=Q1&by=ldc").json()["overlaps"] == []


def test_each_answer_links_to_its_cross_filter_and_each_filter_has_a_removable_chip(client, world):
    page = client.get(URL + "?cycle=5&question=Q2&filter=Q1:yes").content.decode()
    assert (
        'href="/analyzer/?cycle=5&amp;question=Q2&amp;by=region&amp;measure=count'
        '&amp;filter=Q1%3Ayes&amp;filter=Q2%3Alaw"' in page
    )
    assert (
        'Q1: Yes <a href="/analyzer/?cycle=5&amp;question=Q2&amp;by=region&amp;measure=count"'
        in page
    )
    assert '<input type="hidden" name="filter" value="Q1:yes">' in page
    assert ">3 governments</a>." in page


def test_it_lists_the_countries_of_each_column(client, world):
    page = client.get(URL + "?cycle=5&question=Q1").content.decode()
    assert (
        "<strong>African Group</strong> – 4 governments, 4 Parties on 28 Feb 2026, 2 reported"
        in page
    )
    assert 'Land XXX <span class="meta">XXX, not a Party, reported</span>' in page


def test_it_shows_the_comparison_and_warns_where_it_is_not_sound(client, world):
    page = client.get(URL + COMPARED).content.decode()
    assert "Compared with NR4 P1" in page and "equivalent question" in page
    assert (
        f"<strong>Warning:</strong> Not directly comparable: Q2 and NR4 P2 are not equivalent. {CAUTION}"
        in page.replace("&#x27;", "'")
    )
    assert "No NR4 question is mapped to Q3_a" in page
    assert "Panel: only the governments that answered both times" in page


def test_it_shows_free_text_per_government_collapsed(client, world):
    page = client.get(URL + "?cycle=5&question=all").content.decode()
    assert "<summary>Free text from 1 answer</summary>" in page
    assert '<dt>Land BBB <span class="meta">BBB · Other</span></dt>' in page
    assert '<dd class="text">Two staff.</dd>' in page


def value(bars, row: str, answer: str):
    """The chart's value of a row (a column of the table) and an answer, by their labels'
    first lines."""
    [found] = [r for r in bars.rows if r.label[0] == row]
    return found.values[[name[0] for name in bars.series].index(answer)]


def test_it_draws_a_chart_of_the_table_s_own_numbers(client, world):
    response = client.get(URL + "?cycle=5&question=Q1&measure=column")
    page = response.content.decode()
    assert page.count('<svg role="img"') == 1
    assert "Q1: % by column of each answer, by column</title>" in page
    result = response.context["analysis"].results[0]
    bars = chart_bars(result, response.context["analysis"])
    assert value(bars, "African Group", "Yes") == 50.0
    assert value(bars, "Total", "Yes") == 42.9  # rounded as the table shows it
    assert "<title>Total (n 7/N 8), Yes: 42.9 %</title>" in page
    for line in result.main_lines[:3]:
        assert [value(bars, row.label[0], line.label) for row in bars.rows] == [*line.cells]
    assert "with-chart cols-some" in page  # beside the table where the screen is wide enough


def test_it_labels_demo_data(client, world):
    assert "synthetic-banner" not in client.get(URL).content.decode()
    NationalReport.objects.filter(government__code="AAA").update(is_synthetic=True)
    data_changed()  # as the services do with every change the public sees
    page = client.get(URL).content.decode()
    assert (
        '<p class="synthetic-banner" role="note"><strong>Demo data — not real national reports.'
        in page
    )


def test_it_says_what_is_wrong_with_a_choice_and_keeps_the_form(client, world):
    response = client.get(URL + "?cycle=5&question=Q1&filter=Q1:maybe")
    assert response.status_code == 400
    page = response.content.decode()
    assert "&#x27;maybe&#x27; is not an answer to Q1" in page
    assert '<form class="inline analyzer-form" method="get"' in page


def test_it_says_when_there_is_nothing_to_analyse(client, no_preloaded_cycles):
    response = client.get(URL)
    assert response.status_code == 400
    assert "No reporting cycle is loaded (run `cbap setup`)." in response.content.decode()


def test_the_page_costs_the_same_queries_for_one_question_or_all(client, world):
    counts = {}
    data_version()  # in the cache from now on, as on a running site
    for question in ("Q1", "all"):
        answers._ANSWERS.clear()  # both from cold: every report read and normalised
        answers._REVISIONS.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{URL}?cycle=5&question={question}&compare=4").status_code == 200
        counts[question] = len(queries)
    assert counts["Q1"] == counts["all"]


def test_the_page_stays_within_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    answers._ANSWERS.clear()
    with django_assert_max_num_queries(18):
        client.get(URL + COMPARED + "&filter=Q1:yes&filter=Q3_a:yes")


# ------------------------------------------------------------------------------------------
# Downloads: exactly the tables shown
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("measure", ["column", "count", "parties"])
def test_the_csv_holds_exactly_the_tables_shown(client, world, measure):
    query = COMPARED.replace("column", measure)
    page = client.get(URL + query).content.decode()
    content = client.get("/analyzer/analysis.csv" + query).content
    rows = csv_rows(content)
    header, lines = rows[0], rows[1:]
    assert header == [
        "question",
        "question_title",
        "table",
        "answer_value",
        "answer",
        "figure",
        AFRICA,
        EUROPE,
        NONE,
        TOTAL,
        "warning",
    ]
    html_rows = []
    for table in Tables(page).tables:
        body = table[1:]
        if table[0][1] != "Figure":  # Answer, 4 columns: a main table
            html_rows += [row for row in body]
        else:  # Answer, Figure, 4 columns: a comparison table
            html_rows += [[row[0], *row[2:]] for row in body]
    csv_as_shown = [[line[4], *(shown(cell, line[5]) for cell in line[6:10])] for line in lines]
    assert csv_as_shown == html_rows


def test_the_csv_has_the_hand_computed_numbers(client, world):
    rows = csv_rows(client.get("/analyzer/analysis.csv" + COMPARED).content)
    by_key = {(r[0], r[2], r[3], r[5]): r[6:11] for r in rows[1:]}
    assert by_key[("Q1", "table", "yes", "% by column")] == ["50.0", "50.0", "0.0", "42.9", ""]
    assert by_key[("Q1", "table", "", "N")] == ["4", "3", "1", "8", ""]
    assert by_key[("Q1", "panel", "yes", "change (pp)")] == ["50.0", "0.0", "", "25.0", ""]
    assert by_key[("Q1", "cross-section", "", "NR4 n")] == ["3", "2", "0", "5", ""]
    assert by_key[("Q2", "cross-section", "law", "NR4 %")][4].startswith("Not directly comparable")
    assert by_key[("Q3_a", "table", "yes", "% by column")][4].startswith("No NR4 question")


def test_the_xlsx_holds_the_same_rows_as_the_csv(client, world):
    query = "?cycle=5&question=all&by=ldc&measure=overall&compare=4&filter=Q1:yes"
    response = client.get("/analyzer/analysis.xlsx" + query)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    name = "cbap-nr5-all-ldc-overall-compare-4-filter-Q1-yes.xlsx"  # every choice made
    assert f'filename="{name}"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet_rows = [
        [number("" if cell is None else str(cell)) for cell in row]
        for row in book["Analysis"].iter_rows(values_only=True)
    ]
    csv_content = client.get("/analyzer/analysis.csv" + query).content
    assert sheet_rows == [[number(cell) for cell in row] for row in csv_rows(csv_content)]
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Filters"] == "Q1: Yes"
    assert about["Column: Least developed countries"] == "Land AAA, Land BBB"


def test_downloads_of_demo_data_say_so_in_about_and_hold_only_data(client, world):
    NationalReport.objects.update(is_synthetic=True)
    content = client.get("/analyzer/analysis.csv?cycle=5&question=Q1").content
    assert content.startswith("\ufeffquestion,question_title,table,".encode())
    book = load_workbook(io.BytesIO(client.get("/analyzer/analysis.xlsx?cycle=5").content))
    assert book["Analysis"]["A1"].value == "question"
    assert dict(book["About"].iter_rows(values_only=True))["Data"] == SYNTHETIC_NOTICE


def test_a_download_of_a_bad_choice_is_refused(client, world):
    response = client.get("/analyzer/analysis.csv?cycle=9")
    assert response.status_code == 400
    assert response.content.decode() == "There is no reporting cycle 9."


def test_lines_are_shown_as_rounded(world):
    result = analysis.analyze(
        Choices(cycle=5, question="Q1", measure="row", filters=(AnswerFilter("Q1", "yes"),))
    )
    yes = result.results[0].main_lines[0]
    assert yes.cells == (33.3, 66.7, 0.0, 100.0)
    assert yes.shown == ["33.3 %", "66.7 %", "0.0 %", "100.0 %"]


def test_the_csv_starts_with_the_mark_and_its_header_and_holds_only_data(client, world):
    response = client.get("/analyzer/analysis.csv?cycle=5&question=all&by=ldc&filter=Q1:yes")
    assert data_only_csv(response.content, ["question", "question_title", "table"])
    name = "cbap-nr5-all-ldc-count-filter-Q1-yes.csv"
    assert f'filename="{name}"' in response["Content-Disposition"]


def test_a_long_analysis_is_shown_a_page_of_questions_at_a_time(client, world, monkeypatch):
    monkeypatch.setattr(views, "QUESTIONS_PER_PAGE", 2)
    query = "?cycle=5&question=all&measure=column&compare=4"
    first = client.get(URL + query).content.decode()
    assert 'id="Q1"' in first and 'id="Q3"' not in first
    assert "Questions 1–2 of 5 (section headings included)" in first
    assert first.count('<svg role="img"') == 2  # every question shown has its chart
    assert 'href="?cycle=5&amp;question=all&amp;measure=column&amp;compare=4&amp;page=2"' in first
    third = client.get(URL + query + "&page=3").content.decode()
    assert 'id="Q3_b"' in third and 'id="Q1"' not in third
    assert '<span aria-current="page">3</span>' in third
    rows = client.get(URL + "analysis.csv" + query + "&page=3").content.decode().splitlines()
    assert any(row.startswith("Q1,") for row in rows)  # the download holds every question


def test_after_a_publication_only_that_report_is_normalised_again(world, monkeypatch):
    cycle = ReportingCycle.objects.get(number=5)
    read = []
    original = answers._answered
    monkeypatch.setattr(answers, "_answered", lambda *args: read.append(args) or original(*args))
    published = answers.cycle_answers(cycle).reporters
    assert len(read) == len(published)
    report = NationalReport.objects.get(cycle=cycle, government__code="AAA")
    report = records.record_transition(record=report, actor=SYSTEM, action="withdraw", message="x")
    records.record_transition(record=report, actor=SYSTEM, action="publish")
    read.clear()
    assert answers.cycle_answers(cycle).reporters == published
    assert len(read) == 1
