"""The values computed for the demo data equal an independent recomputation.

The demo data is loaded as `cbap setup --demo` loads it; the raw answers are exported with
`cbap reports export --format csv` (one row per ticked option); the Parties on each deadline
are read from the registry's own CSV files. Indicators of every kind are then recomputed
below in plain Python, without the engine, the definitions file or the selectors, and compared
with what `cbap indicators compute` prints, for both cycles.
"""

import csv
import io
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PARTIES_DATA = Path(__file__).resolve().parents[2] / "cbap" / "parties" / "data"
DEADLINES = {4: date(2019, 10, 1), 5: date(2026, 2, 28)}
YES = {"true", "true.some"}
# Capacity-building areas (cb-areas-nr.json): the same identifiers in both reports.
INSTITUTIONAL = "BB3CA716-E122-4445-9FAD-9F6B440363BD"
MAINSTREAMING = "68250AA6-75F1-470D-A8E7-85ECDF703D00"
INFORMATION_EXCHANGE = "AF59E45F-3AC2-4F71-889C-B42E83F75A8A"
ONE_OR_MORE = {"1+", "5+", "10+"}


# --- the raw data, read without cbap -----------------------------------------------------------


def exported_reports(cycle: int, tmp_path: Path) -> tuple[dict, dict]:
    """(government → question → ticked values, government → submission date), from the export."""
    path = tmp_path / f"nr{cycle}.csv"
    call_command(
        "reports",
        "export",
        "--cycle",
        str(cycle),
        "--format",
        "csv",
        "--output",
        str(path),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    answers: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    submitted = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            government = row["government"]
            submitted[government] = date.fromisoformat(row["submitted_on"])
            if row["question"]:
                answers[government][row["question"]].add(row["value"])
    return answers, submitted


def parties_on(day: date, file: str = "cartagena_protocol_parties.csv") -> set[str]:
    """Parties with a known entry into force on or before `day` (no undated one counts before
    August 2026, after both deadlines)."""
    with (PARTIES_DATA / file).open(encoding="utf-8", newline="") as handle:
        return {
            row["iso3"] or row["iso2"]
            for row in csv.DictReader(handle)
            if row["entry_into_force_date"]
            and date.fromisoformat(row["entry_into_force_date"]) <= day
        }


def african_group() -> set[str]:
    with (PARTIES_DATA / "country_groupings.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["iso3"] or row["iso2"]
            for row in csv.DictReader(handle)
            if "African Group" in row["un_regional_group"].split("|")
        }


# --- three-valued logic: an unanswered question is unknown (None), never "no" ---------------


def ticked(answers: dict, key: str, values: set) -> bool | None:
    given = answers.get(key)
    return None if not given else bool(given & values)


def all_of(*verdicts):
    return False if False in verdicts else (None if None in verdicts else True)


def any_of(*verdicts):
    return True if True in verdicts else (None if None in verdicts else False)


# --- the indicators, by hand ---------------------------------------------------------------------


def b_1_a(a, cycle, submitted_on):  # simple option: institutional mechanisms
    return ticked(a, "Q121" if cycle == 5 else "Q133", {"true"})


def a_1_b(a, cycle, submitted_on):  # combined (all): staff, and adequate
    if cycle == 5:
        return all_of(ticked(a, "Q011", {"true"}), ticked(a, "Q012_adq", {"true"}))
    return all_of(ticked(a, "Q018", {"true"}), ticked(a, "Q019_adq", {"true"}))


def b_2_c(a, cycle, submitted_on):  # combined (any): support received or provided
    if cycle == 5:
        return any_of(ticked(a, "Q113", YES), ticked(a, "Q115", {"true"}))
    return any_of(ticked(a, "Q125", YES), ticked(a, "Q127", YES))


def activities_in(a, cycle, areas):
    gate, where = ("Q118", "Q119") if cycle == 5 else ("Q131", "Q132")
    return all_of(ticked(a, gate, YES), ticked(a, where, areas))


def needs_in(a, cycle, areas):
    gate, where = ("Q122", "Q123") if cycle == 5 else ("Q134", "Q135")
    return all_of(ticked(a, gate, {"true"}), ticked(a, where, areas))


def a_1_a_condition(a, cycle):  # conditional denominator: had the need during the period
    areas = {INSTITUTIONAL, MAINSTREAMING}
    return any_of(needs_in(a, cycle, areas), activities_in(a, cycle, areas))


def a_1_a(a, cycle, submitted_on):
    return activities_in(a, cycle, {INSTITUTIONAL, MAINSTREAMING})


def a_3_b_condition(a, cycle):
    return needs_in(a, cycle, {INFORMATION_EXCHANGE})


def a_3_b(a, cycle, submitted_on):  # report metadata: submitted by the deadline
    return submitted_on <= DEADLINES[cycle]


def a_6_b(a, cycle, submitted_on):  # a number of Parties: at least one case of any kind
    keys = ("Q074", "Q076", "Q146") if cycle == 5 else ("Q086", "Q089", "Q159")
    return any_of(*(ticked(a, key, ONE_OR_MORE) for key in keys))


def recompute(cycle, tmp_path, numerator, condition=None, population=None):
    answers, submitted = exported_reports(cycle, tmp_path)
    population = population if population is not None else parties_on(DEADLINES[cycle])
    reporters = population & set(submitted)
    eligible = [g for g in reporters if condition is None or condition(answers[g], cycle) is True]
    verdicts = {g: numerator(answers[g], cycle, submitted[g]) for g in eligible}
    yes = sum(v is True for v in verdicts.values())
    known = sum(v is not None for v in verdicts.values())
    return {
        "numerator": yes,
        "denominator": known,
        "value": 100 * yes / known if known else None,
        "reported": len(reporters),
        "parties": len(population),
    }


def engine_values(cycle, code, *by):
    args = ["indicators", "compute", "--cycle", str(cycle), "--indicator", code]
    for name in by:
        args += ["--by", name]
    out = io.StringIO()
    call_command(*args, stdout=out)
    (row,) = json.loads(out.getvalue())
    return row


def same(row, expected, measure="percentage"):
    got = {name: row[name] for name in ("numerator", "denominator", "reported", "parties")}
    want = {name: expected[name] for name in got}
    assert got == want
    if measure == "percentage":
        assert row["value"] == pytest.approx(expected["value"])
    else:
        assert row["value"] == expected["numerator"]


# --- the comparisons ----------------------------------------------------------------------------


@pytest.mark.parametrize("cycle", [4, 5])
@pytest.mark.parametrize(
    "code, numerator, condition",
    [
        ("B.1.a", b_1_a, None),
        ("A.1.b", a_1_b, None),
        ("B.2.c", b_2_c, None),
        ("A.1.a", a_1_a, a_1_a_condition),
        ("A.3.b", a_3_b, a_3_b_condition),
    ],
)
def test_percentages_equal_the_recomputation(
    demo_data, tmp_path, cycle, code, numerator, condition
):
    expected = recompute(cycle, tmp_path, numerator, condition)
    assert expected["denominator"] > 10 and 0 < expected["numerator"] < expected["denominator"]
    same(engine_values(cycle, code), expected)


@pytest.mark.parametrize("cycle", [4, 5])
def test_a_number_of_parties_equals_the_recomputation(demo_data, tmp_path, cycle):
    expected = recompute(cycle, tmp_path, a_6_b)
    same(engine_values(cycle, "A.6.b"), expected, measure="number")


@pytest.mark.parametrize("cycle", [4, 5])
def test_a_distribution_equals_the_recomputation(demo_data, tmp_path, cycle):
    answers, submitted = exported_reports(cycle, tmp_path)
    reporters = parties_on(DEADLINES[cycle]) & set(submitted)
    key = "Q070_a" if cycle == 5 else "Q065_a"
    counts = Counter(value for g in reporters for value in answers[g].get(key, ()))
    answered = sum(1 for g in reporters if answers[g].get(key))
    row = engine_values(cycle, "A.5.c")
    assert row["value"] == dict(counts)
    assert row["denominator"] == answered and len(counts) > 2


@pytest.mark.parametrize("cycle", [4, 5])
def test_a_region_equals_the_recomputation(demo_data, tmp_path, cycle):
    population = parties_on(DEADLINES[cycle]) & african_group()
    expected = recompute(cycle, tmp_path, a_1_b, population=population)
    row = engine_values(cycle, "A.1.b", "region:African Group")
    same(row["by"]["region:African Group"], expected)


@pytest.mark.parametrize("cycle", [4, 5])
def test_the_supplementary_protocol_indicators_count_its_parties(demo_data, tmp_path, cycle):
    population = parties_on(DEADLINES[cycle], "nkl_supplementary_protocol_parties.csv")
    liability = "667CD9B1-4571-4C2A-A459-F78E004D7D96"  # Liability and redress

    def activities(a, cycle, submitted_on):
        return activities_in(a, cycle, {liability})

    expected = recompute(cycle, tmp_path, activities, population=population)
    assert expected["parties"] > 20 and expected["denominator"] > 5
    same(engine_values(cycle, "A.10.b"), expected)


def test_the_dashboard_on_the_demo_data_is_labelled_and_bounded_in_queries(
    demo_data, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        html = client.get("/indicators/").content.decode()
    assert "Demo data — not real national reports." in html
    assert html.count("<tr id=") == 53
