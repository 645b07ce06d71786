"""The values computed for the demo data equal an independent recomputation, for every indicator.

The demo data is loaded as `cbap setup --demo` loads it; the raw answers are exported with
`cbap reports export --format csv` (one row per ticked option); the Parties on each deadline and
the groups are read from the registry's own CSV files; the published activities and resources
are read record by record from the public index (each listing with its facets) and their use
month by month, where the selectors only ever aggregate. Each indicator's reviewed definition is
then evaluated below by a small evaluator of its own (Kleene three-valued logic over the exported
answers), without cbap.engine or the selectors, and compared with what `cbap indicators compute`
prints: value, numerator, denominator, reporting Parties and population, for all Parties and every
disaggregation, in both cycles; the Wilson interval of every percentage; and for a few
indicators the panel of Parties and its exact McNemar test, from the indicator's API page.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PARTIES_DATA = ROOT / "cbap" / "parties" / "data"
DEFINITIONS = yaml.safe_load(
    (ROOT / "cbap" / "indicators" / "data" / "definitions.yaml").read_text(encoding="utf-8")
)
CODES = [entry["code"] for entry in DEFINITIONS]
BY_CODE = {entry["code"]: entry for entry in DEFINITIONS}
DEADLINES = {4: date(2019, 10, 1), 5: date(2026, 2, 28)}
PLAN_ADOPTED = date(2022, 12, 19)  # decision CP-10/4: the records' window starts here
REGIONS = {
    "African Group": "African Group",
    "Asia-Pacific Group": "Asia-Pacific Group",
    "Eastern European Group": "Eastern European Group",
    "GRULAC": "Latin American and Caribbean Group (GRULAC)",
    "WEOG": "Western European and Others Group (WEOG)",
}
Z_95 = 1.959963984540054


# --- the raw data, read without cbap -----------------------------------------------------------


@dataclass
class Facts:
    """One cycle as the export and the registry files give it."""

    number: int
    answers: dict  # government -> question -> {value: additional information}
    submitted: dict  # government -> submission date
    populations: dict  # population name -> governments
    groups: dict  # group name -> governments
    unknown: dict = field(default_factory=dict)  # population or group -> of unknown membership
    records: list = field(default_factory=list)  # the published records (`Record`)
    usage: list = field(default_factory=list)  # (resource id, month, views, downloads)
    regions: dict = field(default_factory=dict)  # a region's code in the index -> its name

    def covered(self, record: Record) -> set:
        """The countries a record names, and every country of the regions it names."""
        countries = set(record.facets.get("country", set()))
        for region in record.facets.get("region", set()):
            countries |= self.groups.get(f"region:{self.regions.get(region)}", set())
        return countries

    def reporters(self, population: set) -> set:
        return population & set(self.submitted)

    def as_members(self) -> Facts:
        """The other reading: every government of unknown membership as a member."""
        widened = {
            name: codes | self.unknown.get(name, set()) for name, codes in self.groups.items()
        }
        return replace(
            self,
            populations={
                name: codes | self.unknown.get(name, set())
                for name, codes in self.populations.items()
            },
            groups=widened,
            unknown={},
        )


@dataclass
class Record:
    """A published activity or resource as the public index holds it."""

    kind: str
    id: int
    start: date | None
    end: date | None
    owner: str | None
    facets: dict  # facet -> set of values


def published_records() -> tuple[list[Record], list[tuple], dict[str, str]]:
    """Every listing with its facets, one by one, every month of use, and the name of each
    region a record may name (its code in the index → the group of that name)."""
    from cbap.activities.models import Facet, Listing, ResourceUsage
    from cbap.parties.models import Grouping

    records = {
        pk: Record(kind, record_id, start, end, owner, defaultdict(set))
        for pk, kind, record_id, start, end, owner in Listing.objects.values_list(
            "pk", "kind", "record_id", "start", "end", "owner_party__code"
        )
    }
    for listing, name, value in Facet.objects.values_list("listing_id", "name", "value"):
        records[listing].facets[name].add(value)
    usage = list(ResourceUsage.objects.values_list("resource_id", "month", "views", "downloads"))
    regions = dict(Grouping.objects.filter(kind="region").values_list("code", "name"))
    return list(records.values()), usage, regions


def exported_reports(cycle: int, folder: Path) -> tuple[dict, dict]:
    """(government → question → {value: text}, government → submission date), from the export."""
    path = folder / f"nr{cycle}.csv"
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
    answers: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    submitted = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            government = row["government"]
            submitted[government] = date.fromisoformat(row["submitted_on"])
            if row["question"]:
                answers[government][row["question"]][row["value"]] = row["additional_information"]
    return answers, submitted


def parties_on(day: date, file: str) -> tuple[set[str], set[str]]:
    """(Parties with a known entry into force on or before `day`, undated Parties: of unknown
    membership on both deadlines, which are after February 2019 and before August 2026)."""
    with (PARTIES_DATA / file).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    dated = {
        row["iso3"] or row["iso2"]
        for row in rows
        if row["entry_into_force_date"] and date.fromisoformat(row["entry_into_force_date"]) <= day
    }
    return dated, {row["iso3"] or row["iso2"] for row in rows if not row["entry_into_force_date"]}


def groups_on(cycle: int, supplementary: set[str]) -> dict[str, set[str]]:
    """The disaggregations from country_groupings.csv: the five regions (Türkiye in two), the
    LDC list of the day (the 2020 list at the baseline, today's at the midterm), SIDS, LLDC,
    developing countries, and the Parties to the Supplementary Protocol."""
    groups: dict[str, set[str]] = defaultdict(set)
    ldc = "ldc_m49_2020" if cycle == 4 else "ldc_current"
    with (PARTIES_DATA / "country_groupings.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["iso3"] or row["iso2"]
            for region in filter(None, row["un_regional_group"].split("|")):
                groups[f"region:{REGIONS[region]}"].add(code)
            for name, column in (("ldc", ldc), ("sids", "sids_m49"), ("lldc", "lldc_m49")):
                if row[column] == "1":
                    groups[name].add(code)
            if row["m49_developed_developing_2020"] == "Developing":
                groups["developing"].add(code)
    groups["supplementary_protocol"] = supplementary
    return dict(groups)


@pytest.fixture(scope="module")
def facts(demo_data, django_db_blocker, tmp_path_factory) -> dict[int, Facts]:
    folder = tmp_path_factory.mktemp("export")
    found = {}
    with django_db_blocker.unblock():
        records, usage, regions = published_records()
        for cycle, day in DEADLINES.items():
            answers, submitted = exported_reports(cycle, folder)
            supplementary, undated = parties_on(day, "nkl_supplementary_protocol_parties.csv")
            cartagena, none = parties_on(day, "cartagena_protocol_parties.csv")
            assert (len(undated), none) == (11, set())
            found[cycle] = Facts(
                number=cycle,
                answers=answers,
                submitted=submitted,
                populations={
                    "cartagena_parties": cartagena,
                    "supplementary_protocol_parties": supplementary,
                },
                groups=groups_on(cycle, supplementary),
                unknown={
                    "supplementary_protocol_parties": undated,
                    "supplementary_protocol": undated,
                },
                records=records,
                usage=usage,
                regions=regions,
            )
    return found


@pytest.fixture(scope="module")
def printed(demo_data, django_db_blocker) -> dict[int, dict[str, dict]]:
    """What `cbap indicators compute --by all` prints, per cycle and indicator code."""
    found = {}
    with django_db_blocker.unblock():
        for cycle in DEADLINES:
            out = io.StringIO()
            call_command("indicators", "compute", "--cycle", str(cycle), "--by", "all", stdout=out)
            found[cycle] = {row["code"]: row for row in json.loads(out.getvalue())}
    return found


# --- the definitions, evaluated by hand: an unanswered question is unknown (None) -----------


def verdict(node: dict, government: str, facts: Facts) -> bool | None:
    """The condition for one reporting government, in Kleene three-valued logic."""
    if "q" in node:
        given = facts.answers[government].get(node["q"])
        if "answered" in node:
            return given is not None
        if given is None:
            return None
        if "in" in node:
            return bool(set(given) & set(node["in"]))
        if "not_in" in node:
            return not set(given) & set(node["not_in"])
        if "text_on" in node:
            return any(given.get(value) for value in node["text_on"])
        if "min" in node:
            (number,) = given
            return int(number) >= node["min"]
        raise AssertionError(f"unknown test {node}")
    ((operator, argument),) = node.items()
    if operator in ("all", "any"):
        values = [verdict(child, government, facts) for child in argument]
        decisive = operator == "any"  # True decides an any, False an all
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    if operator == "not":
        value = verdict(argument, government, facts)
        return None if value is None else not value
    if operator == "member_of":
        return government in facts.populations[argument]
    raise AssertionError(f"unknown operator {operator}")


def recompute(entry: dict, facts: Facts, group: str | None = None) -> dict:
    """One indicator in one cycle, for the population (or its part in `group`), on both readings
    of the governments of unknown membership where it reads them: the bounds span both."""
    found = recompute_reading(entry, facts, group)
    source = entry["sources"][facts.number]
    read = {entry["population"], group} | {
        argument
        for name in ("condition", "numerator")
        if source.get(name)
        for argument in member_of(source[name])
    }
    maybe = set().union(*(facts.unknown.get(name, set()) for name in read))
    other = recompute_reading(entry, facts.as_members(), group)
    if not maybe & (found.get("everyone", set()) | other.get("everyone", set())):
        return found
    found["if_members"] = other
    if "bounds" in found:
        lows = [b for b in (found["bounds"][0], other["bounds"][0]) if b is not None]
        highs = [b for b in (found["bounds"][1], other["bounds"][1]) if b is not None]
        found["bounds"] = (min(lows, default=None), max(highs, default=None))
    return found


def member_of(node: dict) -> set[str]:
    if "member_of" in node:
        return {node["member_of"]}
    ((operator, argument),) = node.items() if "q" not in node else ((None, None),)
    if operator in ("all", "any"):
        return set().union(*(member_of(child) for child in argument))
    return member_of(argument) if operator == "not" else set()


def recompute_reading(entry: dict, facts: Facts, group: str | None = None) -> dict:
    """One reading of one indicator in one cycle."""
    if entry["population"] not in facts.populations:  # not Parties, or nobody knows who yet
        source = entry["sources"][facts.number]
        if source.get("source", "report") != "report" and group is None:
            return recompute_records(entry, source, facts, None)
        return dict.fromkeys(("reported", "parties", "value", "numerator", "denominator"))
    population = set(facts.populations[entry["population"]])
    if group is not None:
        population &= facts.groups[group]
    reporters = facts.reporters(population)
    expected = {"reported": len(reporters), "parties": len(population), "everyone": population}
    source = entry["sources"][facts.number]
    if source["fit"] == "not_measured":
        return {**expected, "value": None, "numerator": None, "denominator": None}
    if source.get("source", "report") != "report":
        return recompute_records(entry, source, facts, population)
    eligible = {
        g
        for g in reporters
        if "condition" not in source or verdict(source["condition"], g, facts) is True
    }
    if entry["measure"] == "sum":
        spans = {g: summed(source, facts.answers[g]) for g in eligible}
        spans = {g: span for g, span in spans.items() if span is not None}
        highs = [high for _, high in spans.values()]
        return {
            **expected,
            "value": {
                "low": sum(low for low, _ in spans.values()),
                "high": None if None in highs else sum(highs),
            }
            if spans
            else None,
            "numerator": sum(1 for low, _ in spans.values() if low > 0),
            "denominator": len(spans),
        }
    verdicts = {g: verdict(source["numerator"], g, facts) for g in eligible}
    yes = sorted(g for g, v in verdicts.items() if v is True)
    known = sorted(g for g, v in verdicts.items() if v is not None)
    value = None
    if known:
        value = 100 * len(yes) / len(known) if entry["measure"] == "percentage" else len(yes)
    return {
        **expected,
        "value": value,
        "numerator": len(yes),
        "denominator": len(known),
        "yes": yes,
        "known": known,
        "bounds": bounds(entry, source, facts, population - reporters, len(yes), len(known)),
    }


def holds(node: dict, facets: dict) -> bool:
    """A records condition for one record (two-valued: a record names a value or not)."""
    if "facet" in node:
        values = facets.get(node["facet"], set())
        if "in" in node:
            return bool(values & set(node["in"]))
        return bool(values - set(node["other_than"]))
    ((operator, argument),) = node.items()
    if operator == "not":
        return not holds(argument, facets)
    found = [holds(child, facets) for child in argument]
    return all(found) if operator == "all" else any(found)


def in_window(record: Record, until: date) -> bool:
    """An activity that took place (ongoing or completed) in the window, a resource published
    in it; a record without a date is in no window."""
    if record.start is None:
        return False
    if record.kind == "resource":
        return PLAN_ADOPTED <= record.start <= until
    status = record.facets.get("status", set())
    if not status & {"ongoing", "completed"} or record.start > until:
        return False
    if record.end is not None:
        return record.end >= PLAN_ADOPTED
    return record.start >= PLAN_ADOPTED or "ongoing" in status


def recompute_records(entry: dict, source: dict, facts: Facts, population: set | None) -> dict:
    """A value from the published records: the Parties of the population that a chosen record
    counts for, over the population; or the records, or their use, counted."""
    kind = {"activities": "activity", "resources": "resource"}[source["source"]]
    until = DEADLINES[facts.number]
    by_use = source.get("count") in ("views", "downloads")
    chosen = [
        record
        for record in facts.records
        if record.kind == kind
        and holds(source["where"], record.facets)
        and (by_use or in_window(record, until))
    ]
    if population is None:  # a count of things, for all only
        if not chosen:
            value = None
        elif by_use:
            ids = {record.id for record in chosen}
            column = 2 if source["count"] == "views" else 3
            value = sum(
                row[column]
                for row in facts.usage
                if row[0] in ids and PLAN_ADOPTED.replace(day=1) <= row[1] <= until
            )
        else:
            value = len(chosen)
        return {
            "reported": None,
            "parties": None,
            "value": value,
            "numerator": value,
            "denominator": None,
        }
    counts_for = set()
    for record in chosen:
        if source["party"] == "owner":
            counts_for |= {record.owner} if record.owner else set()
        else:
            counts_for |= facts.covered(record)
    covered = population & counts_for
    recorded = set().union(*(facts.covered(r) for r in facts.records if in_window(r, until)))
    value = 100 * len(covered) / len(population) if covered else None
    return {
        "reported": len(population & recorded),
        "parties": len(population),
        "everyone": population,
        "value": value,
        "numerator": len(covered),
        "denominator": len(population),
        "records": True,
        "bounds": (value, 100.0 if covered != population else value) if covered else (None, None),
    }


def summed(source: dict, answers: dict) -> tuple[int, int | None] | None:
    """What one government adds to a sum, lowest and highest; None unless it answered every
    summed question with a count."""
    low, high = 0, 0
    for key in source["sum_of"]:
        given = answers.get(key)
        if not given:
            return None
        (value,) = given
        bands = source.get("bands", {}).get(key)
        span = bands.get(value) if bands else [int(value), int(value)]
        if span is None:
            return None
        low += span[0]
        high = None if high is None or span[1] is None else high + span[1]
    return low, high


def bounds(entry, source, facts, absent, yes, known):
    """The lowest and highest value had every non-reporter reported, Party by Party: what is
    known of it without a report stays (it is a Party to a protocol; it did not submit by the
    deadline), what is unknown is chosen for the worst, then for the best."""
    low, high = [yes, known], [yes, known]  # [counted, denominator]
    for government in absent:
        eligible = (
            True if "condition" not in source else verdict(source["condition"], government, facts)
        )
        if eligible is False:
            continue
        counts = verdict(source["numerator"], government, facts)
        may_stay_out = eligible is None
        # worst: a no if it can be one, else out if it can be, else a yes
        if counts is not True:
            low[1] += 1
        elif not may_stay_out:
            low[0] += 1
            low[1] += 1
        # best: a yes if it can be one, else out if it can be, else a no
        if counts is not False:
            high[0] += 1
            high[1] += 1
        elif not may_stay_out:
            high[1] += 1
    if entry["measure"] == "number":
        return low[0], high[0]
    return tuple(100 * part / whole if whole else None for part, whole in (low, high))


def same(row: dict, expected: dict, where: str) -> None:
    for name in ("reported", "parties", "numerator", "denominator"):
        assert row[name] == expected[name], f"{where}: {name}"
    if isinstance(expected["value"], float):
        assert row["value"] == pytest.approx(expected["value"]), f"{where}: value"
    else:
        assert row["value"] == expected["value"], f"{where}: value"
    if "if_members" in expected:  # the other reading of the governments of unknown membership
        same(row["if_members"], expected["if_members"], f"{where}, had they been members")
    else:
        assert row["if_members"] is None, f"{where}: a reading that depends on nobody unknown"


def wilson(successes: int, trials: int) -> tuple[float, float]:
    """The Wilson score interval, in percent, from its textbook formula."""
    p, n, z = successes / trials, trials, Z_95
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return 100 * low, 100 * high


def mcnemar(b: int, c: int) -> float:
    """Two-sided exact McNemar: twice the smaller binomial tail of b + c fair coin tosses."""
    n = b + c
    if n == 0:
        return 1.0
    tail = Fraction(sum(math.comb(n, k) for k in range(min(b, c) + 1)), 2**n)
    return float(min(Fraction(1), 2 * tail))


# --- the comparisons ----------------------------------------------------------------------------


def test_the_evaluator_reads_kleene_logic():
    facts = Facts(
        number=5,
        answers={"KEN": {"Q011": {"true": ""}}},
        submitted={"KEN": date(2026, 1, 1)},
        populations={},
        groups={},
    )
    yes, unknown = {"q": "Q011", "in": ["true"]}, {"q": "Q012_adq", "in": ["true"]}
    assert verdict({"all": [yes, unknown]}, "KEN", facts) is None
    assert verdict({"any": [yes, unknown]}, "KEN", facts) is True
    assert verdict({"all": [{"not": yes}, unknown]}, "KEN", facts) is False


def test_the_demo_data_gives_every_kind_of_verdict(facts):
    expected = recompute(BY_CODE["A.1.b"], facts[4])  # yes, no, no answer, not reported
    assert 10 < expected["denominator"] < expected["reported"] < expected["parties"]
    assert 0 < expected["numerator"] < expected["denominator"]
    conditional = recompute(BY_CODE["A.1.a"], facts[5])  # excluded by the condition
    assert 10 < conditional["denominator"] < conditional["reported"]


@pytest.mark.parametrize("cycle", sorted(DEADLINES))
@pytest.mark.parametrize("code", CODES)
def test_every_indicator_equals_the_recomputation_for_all_parties_and_every_group(
    facts, printed, code, cycle
):
    entry, row = BY_CODE[code], printed[cycle][code]
    expected = recompute(entry, facts[cycle])
    same(row, expected, f"{code} NR{cycle}")
    assert set(row["by"]) == set(facts[cycle].groups)
    for group, value in row["by"].items():
        same(value, recompute(entry, facts[cycle], group), f"{code} NR{cycle} {group}")
    if expected.get("records"):  # a floor over every Party, not a sample: no interval
        assert (row["ci_low"], row["ci_high"]) == (None, None)
    elif entry["measure"] == "percentage" and expected["denominator"]:
        low, high = wilson(expected["numerator"], expected["denominator"])
        assert (row["ci_low"], row["ci_high"]) == (pytest.approx(low), pytest.approx(high))
    if "bounds" in expected:
        assert (row["lower_bound"], row["upper_bound"]) == pytest.approx(expected["bounds"])


@pytest.mark.parametrize("code", ["A.5.c", "A.6.b"])
def test_a_sum_of_bands_is_a_range_that_non_reporters_leave_open(facts, printed, code):
    for cycle in DEADLINES:
        row = printed[cycle][code]
        assert row["unit"] != "Parties"
        assert row["value"]["low"] < (row["value"]["high"] or math.inf)
        assert row["reported"] < row["parties"]  # some did not report: the sum may be larger
        assert (row["lower_bound"], row["upper_bound"]) == (row["value"]["low"], None)


def test_the_supplementary_protocol_population_is_a_range_on_both_deadlines(printed):
    # 11 Parties have no date: Parties neither for certain nor certainly not, on both deadlines.
    for cycle, certain in ((4, 43), (5, 44)):
        row = printed[cycle]["A.10.b"]
        assert (row["parties"], row["if_members"]["parties"]) == (certain, certain + 11)
        assert row["unknown_members"] == 11
        a_10_a = printed[cycle]["A.10.a"]  # Cartagena Parties not in it: read both ways too
        assert (a_10_a["parties"], a_10_a["unknown_members"]) == (
            a_10_a["if_members"]["parties"],
            11,
        )
        assert a_10_a["if_members"]["denominator"] <= a_10_a["denominator"]
        a_1_b = printed[cycle]["A.1.b"]  # does not depend on the Supplementary Protocol ...
        assert (a_1_b["if_members"], a_1_b["unknown_members"]) == (None, 0)
        group = a_1_b["by"]["supplementary_protocol"]  # ... but its group of its Parties does
        assert (group["parties"], group["if_members"]["parties"]) == (certain, certain + 11)


def test_most_indicators_have_values_to_compare(facts, printed):
    measured = [
        (code, cycle)
        for code in CODES
        for cycle in DEADLINES
        if printed[cycle][code]["value"] is not None
    ]
    assert len(measured) > 70  # so that the comparison above is not mostly None == None


@pytest.mark.parametrize("code", ["A.1.b", "B.1.a", "A.9.a", "A.10.a"])
def test_the_panel_and_its_mcnemar_test_equal_the_recomputation(facts, client, code):
    before, after = (recompute(BY_CODE[code], facts[cycle]) for cycle in (4, 5))
    panel = set(before["known"]) & set(after["known"])
    yes_before, yes_after = panel & set(before["yes"]), panel & set(after["yes"])
    b, c = len(yes_before - yes_after), len(yes_after - yes_before)
    change = client.get(f"/api/v1/indicators/{code}/").json()["change"]["panel"]
    assert change["size"] == len(panel) > 10
    assert (change["yes_no"], change["no_yes"]) == (b, c)
    assert change["yes_yes"] == len(yes_before & yes_after)
    assert change["no_no"] == len(panel - yes_before - yes_after)
    assert change["baseline"] == pytest.approx(100 * len(yes_before) / len(panel))
    assert change["midterm"] == pytest.approx(100 * len(yes_after) / len(panel))
    assert change["p_value"] == pytest.approx(mcnemar(b, c))


def test_the_dashboard_on_the_demo_data_is_labelled_and_bounded_in_queries(
    demo_data, client, django_assert_max_num_queries
):
    # 20, and the needs, the matches, their activities and their offers' published contents.
    with django_assert_max_num_queries(24):
        html = client.get("/indicators/").content.decode()
    assert "Demo data — not real national reports." in html
    assert html.count("<tr id=") == 53
