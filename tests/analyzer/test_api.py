"""`/api/v1/analyzer/` and `cbap analyze` give the same JSON; and the real NR5 question set."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator

from cbap.analyzer.management.commands.analyze import Command as AnalyzeCommand
from cbap.analyzer.query import MEASURES_NOTE
from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.parties.models import Grouping, GroupingMembership, ProtocolMembership
from cbap.records.models import Status
from cbap.reports.models import NationalReport
from tests.analyzer.test_analysis import AFRICA, CAUTION, EUROPE, NONE, TOTAL, build_world
from tests.reports.conftest import NR5_ANSWERS

API = "/api/v1/analyzer/"


@pytest.fixture
def world(no_preloaded_cycles):
    return build_world()


def cli(*args: str) -> str:
    out = io.StringIO()
    call_command("analyze", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_api_gives_one_question_with_its_comparison_and_filters(client, world):
    response = client.get(API + "?cycle=5&question=Q1&by=region&measure=count&compare=4")
    assert response.status_code == 200
    data = response.json()
    assert data["cycle"] == 5 and data["question"] == "Q1" and data["measure"] == "count"
    assert data["columns"] == [AFRICA, EUROPE, NONE, TOTAL]
    assert data["rows"][0] == {
        "value": "yes",
        "title": "Yes",
        "cells": {AFRICA: 1, EUROPE: 2, NONE: 0, TOTAL: 3},
    }
    assert data["respondents"] == {AFRICA: 2, EUROPE: 4, NONE: 1, TOTAL: 7}
    assert data["parties"] == {AFRICA: 4, EUROPE: 3, NONE: 1, TOTAL: 8}
    assert data["members"][AFRICA] == ["AAA", "BBB", "CCC", "FFF"]
    assert data["synthetic"] is False and "notice" not in data
    compared = data["comparison"]
    assert compared["cycle"] == 4 and compared["previous_question"] == "P1"
    assert compared["equivalent"] is True and compared["warning"] is None
    assert compared["panel_size"] == {AFRICA: 2, EUROPE: 2, NONE: 0, TOTAL: 4}
    # in the measure asked for: counts of governments, deltas in governments (AAA, DDD / DDD)
    assert (compared["measure"], compared["delta_unit"]) == ("count", "governments")
    assert compared["rows"][0]["panel"][TOTAL] == {"now": 2, "before": 1, "delta": 1}
    column = client.get(API + "?cycle=5&question=Q1&measure=column&compare=4").json()
    assert column["comparison"]["rows"][0]["panel"][TOTAL] == {
        "now": 50.0,
        "before": 25.0,
        "delta": 25.0,
    }


def test_the_api_gives_a_list_for_a_section_with_warnings_and_texts(client, world):
    data = client.get(API + "?cycle=5&question=section:General&compare=4&filter=Q1:some").json()
    assert [item["question"] for item in data] == ["Q1", "Q2"]
    q2 = data[1]
    assert q2["filters"] == ["Q1:some"]
    assert q2["comparison"]["equivalent"] is False
    assert q2["comparison"]["warning"].endswith(CAUTION)
    assert q2["texts"] == [
        {"government": "BBB", "name": "Land BBB", "value": "other", "text": "Decrees"}
    ]


@pytest.mark.parametrize(
    ("measure", "label"),
    [
        ("count", "Count (BCH): "),
        ("column", "% by column (BCH): share of the column's ticks"),
        ("overall", "% overall (BCH): share of all ticks"),
        ("respondents", "% of responding governments (cbap): "),
        ("parties", "% of all Parties (cbap): "),
    ],
)
def test_the_api_and_the_cli_say_which_measures_are_the_bchs_and_which_are_cbaps(
    client, world, measure, label
):
    data = client.get(f"{API}?cycle=5&question=Q2&measure={measure}").json()
    assert data["measure"] == measure and data["measure_label"].startswith(label)
    assert json.loads(cli("--cycle", "5", "--question", "Q2", "--measure", measure)) == data


def test_the_api_schema_and_the_cli_help_say_which_measures_are_the_bchs(db):
    generator = SchemaGenerator(
        patterns=[path("api/v1/analyzer/", include("cbap.analyzer.api.urls"))]
    )
    schema = generator.get_schema(request=None, public=True)
    [measure] = [p for p in schema["paths"][API]["get"]["parameters"] if p["name"] == "measure"]
    assert MEASURES_NOTE in measure["description"]
    parser = AnalyzeCommand().create_parser("cbap", "analyze")
    assert MEASURES_NOTE in " ".join(parser.format_help().split())


def test_the_api_refuses_a_bad_choice_with_the_reason(client, world):
    response = client.get(API + "?cycle=5&question=Q1&measure=median")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The measure must be one of count, row")


def test_the_api_marks_demo_data(client, world):
    NationalReport.objects.update(is_synthetic=True)
    data = client.get(API + "?cycle=5&question=Q1").json()
    assert data["synthetic"] is True and data["notice"] == SYNTHETIC_NOTICE


def test_the_cli_prints_the_api_json(client, world):
    api = client.get(API + "?cycle=5&question=Q2&by=ldc&measure=parties&compare=4&filter=Q1:yes")
    printed = cli(
        "--cycle=5",
        "--question=Q2",
        "--by=ldc",
        "--measure=parties",
        "--compare=4",
        "--filter=Q1=yes",
    )
    assert json.loads(printed) == api.json()


def test_the_cli_prints_a_list_for_all_questions(world):
    data = json.loads(cli("--cycle=5", "--question=all", "--by=party-status"))
    assert [item["question"] for item in data] == ["Q1", "Q2", "Q3_a", "Q3_b"]
    assert data[2]["parent"] == {"question": "Q3", "title": "Staff of the competent authority"}
    assert data[0]["rows"][0]["cells"] == {"Parties": 2, "Non-Parties": 1, TOTAL: 3}


def test_the_cli_prints_the_page_s_csv(client, world):
    printed = cli("--cycle=5", "--question=Q1", "--by=countries:AAA,EEE", "--format=csv")
    download = client.get("/analyzer/analysis.csv?cycle=5&question=Q1&by=countries:AAA,EEE")
    assert printed == download.content.decode("utf-8-sig")
    assert printed.splitlines()[1] == (
        "Q1,Are national measures in place?,table,yes,Yes,count,1,0,1,"
    )


def test_the_cli_says_what_is_wrong(world):
    with pytest.raises(CommandError, match="NR5 is mapped to NR4 only"):
        cli("--cycle=5", "--compare=3")


# ------------------------------------------------------------------------------------------
# The real fifth national report
# ------------------------------------------------------------------------------------------


def test_it_analyzes_the_real_nr5_question_set_and_its_mapping(client, cycles, governments):
    region = Grouping.objects.create(code="african_group", name="African Group", kind="region")
    for code in ("KEN", "BRA", "DEU", "EU"):
        ProtocolMembership.objects.create(
            government=governments[code],
            protocol="cartagena",
            entry_into_force_on=date(2003, 9, 11),
        )
    GroupingMembership.objects.create(grouping=region, government=governments["KEN"])

    def publish(cycle, code, answers):
        NationalReport.objects.create(
            cycle=cycle,
            government=governments[code],
            answers=answers,
            status=Status.PUBLISHED,
            version=1,
            published_version=1,
        )

    publish(cycles[5], "KEN", NR5_ANSWERS)
    publish(cycles[5], "BRA", {"Q007": {"value": "implementation.fullInPlace"}})
    publish(cycles[5], "ARG", {"Q007": {"value": "implementation.fullInPlace"}})
    publish(cycles[4], "KEN", {"Q014": {"value": "implementation.fullInPlace"}})
    publish(cycles[4], "BRA", {"Q018": {"value": "true"}})

    data = client.get(API + "?cycle=5&question=section:Article2&by=party-status&compare=4").json()
    by_key = {item["question"]: item for item in data}
    q007 = by_key["Q007"]
    cells = {row["value"]: row["cells"] for row in q007["rows"]}
    assert cells["implementation.fullInPlace"] == {"Parties": 1, "Non-Parties": 1, TOTAL: 2}
    assert cells["implementation.partiallyInPlace"] == {"Parties": 1, "Non-Parties": 0, TOTAL: 1}
    assert q007["parties"] == {"Parties": 4, "Non-Parties": 0, TOTAL: 4}
    assert q007["comparison"]["previous_question"] == "Q014"
    assert q007["comparison"]["panel_size"][TOTAL] == 1
    q008 = by_key["Q008"]
    assert q008["multiple"] is True
    assert {row["value"]: row["cells"][TOTAL] for row in q008["rows"]} == {
        "instrument.nationalBiosafetyLaws": 1,
        "instrument.nationalBiosafetyRegulations": 0,
        "instrument.biosafetyGuidelines": 1,
        "instrument.indirectLaws": 0,
        "instrument.none": 0,
    }
    q011 = by_key["Q011"]
    assert q011["comparison"]["equivalent"] is False
    assert "NR5 asks about qualified staff" in q011["comparison"]["warning"]
    assert by_key["Q013"]["texts"][0]["text"] == "Biosafety Act 2009, amended 2022."

    page = client.get("/analyzer/?cycle=5&question=section:Article2&by=region&compare=4")
    assert page.status_code == 200
    assert "NR5 asks about qualified staff" in page.content.decode()
    assert page.content.decode().count('<svg role="img"') == len(
        [item for item in data if item["type"] in ("option", "term")]
    )
