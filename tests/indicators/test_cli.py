"""`cbap indicators compute`: per indicator, the value and the counts behind it."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("indicators", "compute", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_indicator_of_a_cycle_as_json(nr5_reports):
    rows = json.loads(run("--cycle", "5"))
    assert len(rows) == 53
    row = next(r for r in rows if r["code"] == "A.1.b")
    assert {
        "code",
        "cycle",
        "value",
        "numerator",
        "denominator",
        "reported",
        "parties",
        "fit",
        "by",
    } <= set(row)
    assert (row["cycle"], row["value"], row["numerator"], row["denominator"]) == (5, 50.0, 1, 2)
    assert (row["reported"], row["parties"], row["fit"], row["by"]) == (3, 5, "direct", {})


def test_it_disaggregates_one_indicator(nr5_reports):
    (row,) = json.loads(run("--cycle", "5", "--indicator", "A.1.b", "--by", "region"))
    assert len(row["by"]) == 5
    assert row["by"]["region:Latin American and Caribbean Group (GRULAC)"]["value"] == 0.0
    assert row["by"]["region:Eastern European Group"]["value"] is None


def test_a_sum_of_bands_prints_its_range_in_json_and_csv(world, cycles):
    from tests.indicators.conftest import publish

    # 100 or more + 50 to 99 + 1 to 9 people trained: at least 151, no upper limit.
    for code, band in (("KEN", "100+"), ("BRA", "50+"), ("DEU", "1+")):
        publish(cycles[4], world[code], {"Q065_a": {"value": band}})
    (row,) = json.loads(run("--cycle", "4", "--indicator", "A.5.c"))
    assert (row["value"], row["unit"]) == (
        {"low": 151, "high": None},
        "people trained in risk assessment",
    )
    assert (row["numerator"], row["denominator"]) == (3, 3)
    (line,) = csv.DictReader(
        io.StringIO(run("--cycle", "4", "--indicator", "A.5.c", "--format", "csv"))
    )
    assert line["value"] == "151 or more people trained in risk assessment"


def test_it_prints_the_comparability_warnings(nr5_reports):
    (row,) = json.loads(run("--cycle", "5", "--indicator", "A.1.b", "--by", "ldc"))
    assert row["comparable"] is False
    assert row["warnings"][0].startswith("Wording change (NR4): NR4 Q018 asked")
    assert row["by"]["ldc"]["warnings"] == row["warnings"]
    rows = list(csv.DictReader(io.StringIO(run("--cycle", "5", "--format", "csv"))))
    a_1_b = next(r for r in rows if r["code"] == "A.1.b")
    assert a_1_b["comparable"] == "False" and a_1_b["warnings"].startswith("Wording change")


def test_it_prints_csv_with_a_row_per_group(nr5_reports):
    rows = list(csv.DictReader(io.StringIO(run("--cycle", "5", "--by", "ldc", "--format", "csv"))))
    assert len(rows) == 106
    assert rows[2]["code"] == "A.1.b" and rows[2]["group"] == ""
    assert rows[3]["group"] == "ldc" and rows[3]["value"] == ""


def test_it_refuses_unknown_indicators_groups_and_unloaded_cycles(world):
    with pytest.raises(CommandError, match="No indicator A.1.z"):
        run("--cycle", "5", "--indicator", "A.1.z")
    with pytest.raises(CommandError, match="unknown disaggregation"):
        run("--cycle", "5", "--by", "continent")
    from cbap.reports.models import ReportingCycle

    ReportingCycle.objects.filter(number=4).update(number=3)
    with pytest.raises(CommandError, match="cycle 4 is not loaded"):
        run("--cycle", "4")


def test_it_prints_null_parties_for_a_population_that_is_not_parties(world):
    (row,) = json.loads(run("--cycle", "5", "--indicator", "A.2.b"))
    assert (row["parties"], row["reported"], row["coverage"], row["value"]) == (None,) * 4
    assert row["population_note"].startswith("Not a population of Parties")


def test_its_csv_on_standard_output_has_no_byte_order_mark(nr5_reports):
    assert run("--cycle", "5", "--format", "csv").startswith("code,cycle,group,")
