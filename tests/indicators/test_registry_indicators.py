"""Indicators from the published records of capacity-building activities, library resources and
their use ("Indicators come alive").

First the engine on hand-made facts (no database): the facet condition language, how a records
source is defined and checked, and how its value is computed (a floor over every Party: a Party
without a matching record is unknown, never "no"). Then a small world whose records are written
and published through the record services, as people do, and whose every value can be worked
out by hand: the window (from the plan's adoption to the deadline), activities that did not take
place, drafts, the use of resources, the report that decides beside the records, and the same
result on the pages, the downloads, the API and the Party scorecard.

The world at the midterm deadline (2026-02-28): the Parties are Kenya, Brazil, Germany,
Timor-Leste and the EU (5); the United States is no Party.

    record                                         counted for            why
    A1 Kenya's activity on A.5.v, 2024             A.5.f: KEN             plan activity A.5.v
    A2 regional (GRULAC) A.5.ii with academia      A.5.f: BRA             goal A.5 and academia
    A3 proposed activity on A.5.v, Germany         -                      did not take place
    A4 activity on A.5.v in Timor-Leste, 2021      -                      before the plan
    A5 draft on A.5.v for the EU                   -                      not published
    A6 fellowship in Germany, ongoing since 2020   B.3.d: DEU             ongoing in the window
    A7 fellowship in Timor-Leste, 2020, no end     -                      completed before
    A8 regional (African Group) on B.4.i, 2024     beside B.4.a: KEN      plan activity B.4.i
    R1 Kenya's training material on A.9.ii, 2024   A.9.b; B.1.d: KEN      (and in Swahili)
    R2 provider's training material on A.9.2, 2023 A.9.b                  (owner: no Party)
    R3 provider's material on A.9.ii, 2024         -                      not training material
    R4 provider's training material, June 2022     -                      before the plan
    R5 provider's training material on A.2.ii      A.2.b: its use         3 downloads in 2024
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from cbap.engine.definitions import definition_from_dict
from cbap.engine.facts import Cycle, RecordRef, Records, Selection
from cbap.engine.fingerprints import fingerprint
from cbap.engine.indicators import compute
from cbap.engine.records import Selector, check, facets_read, holds

NR5 = date(2026, 2, 28)
ADOPTED = date(2022, 12, 19)

# ------------------------------------------------------------------------------------------
# The engine, on hand-made facts
# ------------------------------------------------------------------------------------------

WHERE = {
    "any": [
        {"facet": "plan_activity", "in": ["A.5.v"]},
        {
            "all": [
                {"facet": "goal", "in": ["A.5"]},
                {"facet": "actor", "in": ["academia", "research_institutions"]},
            ]
        },
    ]
}


def definition(measure="percentage", *, population="cartagena_parties", unit=None, **source):
    return definition_from_dict(
        {
            "code": "A.5.f",
            "measure": measure,
            **({"unit": unit} if unit else {}),
            "population": population,
            "population_label": "Parties on the deadline",
            "data_needed": ["capacity_building_activities"],
            "sources": {
                5: {
                    "source": "activities",
                    "fit": "proxy",
                    "where": WHERE,
                    "rationale": "Recorded activities.",
                    "wording_change": None,
                    **source,
                },
                4: {"fit": "not_measured", "rationale": "Before the plan.", "questions": []},
            },
        }
    )


PERCENTAGE = definition(party="country")
SELECTOR = PERCENTAGE.source_for(5).record_selectors()[0]
PARTIES = frozenset({"AAA", "BBB", "CCC", "DDD"})


def cycle(selections=None, *, recorded=frozenset({"AAA", "BBB", "CCC"}), records=True):
    return Cycle(
        number=5,
        deadline=NR5,
        populations={"cartagena_parties": PARTIES},
        groups={"region:Africa": frozenset({"AAA", "CCC"}), "region:Europe": frozenset({"DDD"})},
        reports={},
        records=Records(
            since=ADOPTED,
            until=NR5,
            selections=selections
            if selections is not None
            else {SELECTOR.key: Selection(records=3, demo=1, parties={"AAA": 2, "BBB": 1})},
            recorded={"activities": recorded},
        )
        if records
        else None,
    )


def test_the_condition_language_reads_facets_in_two_values():
    facets = {"plan_activity": {"A.5.ii"}, "goal": {"A.5"}, "actor": {"academia", "iplc"}}
    assert holds(WHERE, facets)
    assert not holds(WHERE, {"goal": {"A.5"}, "actor": {"ngos"}})
    assert holds({"not": {"facet": "goal", "in": ["A.9"]}}, facets)
    languages = {"facet": "language", "other_than": ["en", "fr"]}
    assert holds(languages, {"language": {"en", "sw"}})
    assert not holds(languages, {"language": {"en"}}) and not holds(languages, {})
    assert facets_read(WHERE) == {
        "plan_activity": {"A.5.v"},
        "goal": {"A.5"},
        "actor": {"academia", "research_institutions"},
    }


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ({"facet": "training", "in": ["yes"]}, "activities have no facet 'training'"),
        ({"facet": "goal", "in": [True]}, "needs a list of strings"),
        ({"facet": "goal", "equals": ["A.5"]}, "needs facet and one of in, other_than"),
        ({"some": [{"facet": "goal", "in": ["A.5"]}]}, "unknown operator 'some'"),
        ({"all": []}, "where.all needs a non-empty list"),
    ],
)
def test_a_malformed_condition_fails_naming_where(where, message):
    with pytest.raises(ValueError, match=message):
        check(where, "activities")


def test_a_selection_is_one_whatever_the_source_that_reads_it():
    again = definition(party="country").source_for(5).record_selectors()[0]
    assert again == SELECTOR and hash(again) == hash(SELECTOR) and again.key == SELECTOR.key
    owner = Selector("activities", WHERE, "owner")
    assert owner.key != SELECTOR.key
    # A records source reads no question, and a context item is the selection with its own.
    with_context = definition(
        party="country",
        context=[{"label": "with IPLC", "where": {"facet": "actor", "in": ["iplc"]}}],
    ).source_for(5)
    assert with_context.referenced_questions() == {}
    assert with_context.record_selectors()[1].where == {
        "all": [WHERE, {"facet": "actor", "in": ["iplc"]}]
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "party: is required"),
        ({"party": "country", "count": "records"}, "count: does not apply to a percentage"),
        ({"party": "everyone"}, "party: must be one of country, owner"),
        ({"party": "country", "fit": "not_measured"}, "a records source measures"),
        ({"party": "country", "questions": ["Q118"]}, "questions: is not a known field"),
        ({"party": "country", "where": {"facet": "language", "in": ["en"]}}, "no facet"),
        ({"party": "country", "source": "tweets"}, "source: must be one of report"),
    ],
)
def test_a_malformed_records_source_fails_naming_the_code_and_field(changes, message):
    with pytest.raises(ValueError, match=f"indicator A.5.f: .*{message}"):
        definition(**changes)


def test_a_count_of_things_counts_records_or_their_use_never_parties():
    count = definition("number", population="none", unit="training materials", count="records")
    assert count.source_for(5).count == "records"
    with pytest.raises(ValueError, match="count: is required"):
        definition("number", population="none", unit="materials")
    with pytest.raises(ValueError, match="not a set of Parties"):
        definition("number", population="none", unit="Parties", count="parties", party="country")


def test_records_go_beside_a_measured_report_source_only():
    report = {
        "fit": "proxy",
        "questions": ["Q118"],
        "numerator": {"q": "Q118", "in": ["true"]},
        "rationale": "Asked.",
        "beside": {
            "source": "activities",
            "fit": "proxy",
            "where": WHERE,
            "party": "country",
            "rationale": "Recorded.",
        },
    }
    entry = {
        "code": "B.4.a",
        "measure": "percentage",
        "population": "cartagena_parties",
        "population_label": "Parties",
        "sources": {5: report},
    }
    assert definition_from_dict(entry).source_for(5).beside.kind == "activities"
    not_measured = {"fit": "not_measured", "rationale": "No.", "beside": report["beside"]}
    with pytest.raises(ValueError, match="beside: is shown beside a value"):
        definition_from_dict({**entry, "sources": {5: not_measured}})
    with pytest.raises(ValueError, match="beside: must be a records source"):
        definition_from_dict({**entry, "sources": {5: {**report, "beside": {"fit": "proxy"}}}})


def test_a_percentage_from_records_is_a_floor_over_every_party():
    result = compute(PERCENTAGE, cycle(), by=["region:Africa", "region:Europe"])
    assert (result.source, result.status, result.fit) == ("activities", "ok", "proxy")
    assert (result.value, result.numerator, result.denominator) == (50.0, 2, 4)
    assert (result.reported, result.parties, result.coverage) == (3, 4, 0.75)
    assert (result.lower_bound, result.upper_bound) == (50.0, 100.0)  # the rest are unknown
    assert (result.ci_low, result.ci_high) == (None, None)  # not a sample
    assert result.members.numerator == ("AAA", "BBB")
    assert result.members.denominator == ("AAA", "BBB", "CCC", "DDD")
    assert result.members.no_record == ("CCC", "DDD")  # unknown, never "no"
    assert result.members.not_reported == result.members.no_answer == ()
    assert (result.records.records, result.records.demo) == (3, 1)
    assert result.records.since == "2022-12-19" and result.records.until == "2026-02-28"
    africa, europe = result.by["region:Africa"], result.by["region:Europe"]
    assert (africa.value, africa.numerator, africa.denominator) == (50.0, 1, 2)
    assert (europe.status, europe.value) == ("no_data", None)  # nothing known: not 0
    assert europe.reason == "no matching record counts for a Party of the population"
    assert europe.members.no_record == ("DDD",)
    as_dict = result.to_dict()
    assert json.loads(json.dumps(as_dict)) == as_dict
    assert as_dict["members"]["no_record"] == ["CCC", "DDD"] and as_dict["source"] == "activities"


def test_with_no_matching_record_at_all_there_is_no_data_never_zero():
    empty = cycle({SELECTOR.key: Selection()})
    result = compute(PERCENTAGE, empty)
    assert (result.status, result.value, result.reason) == (
        "no_data",
        None,
        "no matching record in the window",
    )
    assert result.members.no_record == ("AAA", "BBB", "CCC", "DDD")
    unread = compute(PERCENTAGE, cycle(records=False))
    assert unread.reason == "the records of activities were not read"
    before = replace_window(cycle(), until=date(2019, 10, 1))
    assert "precedes the plan's adoption" in compute(PERCENTAGE, before).reason


def replace_window(facts: Cycle, *, until: date) -> Cycle:
    from dataclasses import replace

    return replace(facts, records=replace(facts.records, until=until))


def test_a_count_of_records_or_of_their_use_has_no_n_and_no_groups():
    items = (RecordRef("resource", 7, "A guide", demo=False),)
    counted = definition("number", population="none", unit="materials", count="records")
    downloads = definition(
        "number",
        population="none",
        unit="downloads",
        count="downloads",
        source="resources",
        where={"facet": "goal", "in": ["A.5"]},
    )
    selections = {
        counted.source_for(5).record_selectors()[0].key: Selection(records=4, items=items),
        downloads.source_for(5).record_selectors()[0].key: Selection(
            records=2, views=30, downloads=12
        ),
    }
    facts = cycle(selections)
    result = compute(counted, facts, by=["region:Africa"])
    assert (result.value, result.parties, result.reported, result.coverage) == (4, None, None, None)
    assert (result.lower_bound, result.upper_bound) == (4, None)  # open: unrecorded materials
    assert result.items == items
    assert result.by["region:Africa"].reason == "a number of materials is not broken down by group"
    used = compute(downloads, facts)
    assert (used.value, used.records.views, used.records.downloads) == (12, 30, 12)
    assert downloads.source_for(5).record_selectors()[0].by_use  # whatever the record's date


def test_context_counts_the_parties_the_selection_with_its_condition_counts_for():
    source = definition(
        party="owner", context=[{"label": "in Swahili", "where": {"facet": "goal", "in": ["A.5"]}}]
    )
    main, extra = source.source_for(5).record_selectors()
    facts = cycle(
        {
            main.key: Selection(records=2, parties={"AAA": 1, "BBB": 1}),
            extra.key: Selection(records=1, parties={"BBB": 1}),
        }
    )
    (item,) = compute(source, facts).context
    assert (item.label, item.count, item.known) == ("in Swahili", 1, 4)


def test_the_records_behind_each_part_are_those_that_count_for_one_of_its_parties():
    items = (
        RecordRef("activity", 1, "National", parties=("AAA",)),
        RecordRef("activity", 2, "Regional", parties=("BBB", "XXX")),
        RecordRef("activity", 3, "Global", parties=()),
    )
    facts = cycle({SELECTOR.key: Selection(records=3, parties={"AAA": 1, "BBB": 1}, items=items)})
    result = compute(PERCENTAGE, facts, by=["region:Africa"])
    assert [item.id for item in result.items] == [1, 2]  # the global one counts for nobody
    assert [item.id for item in result.by["region:Africa"].items] == [1]


def test_the_fingerprint_changes_with_the_records_a_value_reads():
    facts = cycle()
    other = cycle({SELECTOR.key: Selection(records=3, demo=1, parties={"AAA": 2, "CCC": 1})})
    assert fingerprint(PERCENTAGE, facts) != fingerprint(PERCENTAGE, other)
    unrelated = cycle({**facts.records.selections, "another": Selection(records=9)})
    assert fingerprint(PERCENTAGE, facts) == fingerprint(PERCENTAGE, unrelated)


# ------------------------------------------------------------------------------------------
# The definitions file
# ------------------------------------------------------------------------------------------


def test_the_window_starts_with_the_adoption_of_the_plan_of_the_data_file():
    from cbap.indicators import definitions
    from cbap.plan import catalogue

    adopted = catalogue.load_file()["version"]["adopted_on"]
    assert definitions.PLAN_ADOPTED == date.fromisoformat(adopted) == ADOPTED


def test_the_bound_indicators_read_records_at_the_midterm_only():
    from cbap.indicators import definitions

    found = {
        code: (d.source_for(5).kind, d.source_for(5).beside and d.source_for(5).beside.kind)
        for code, d in definitions.definitions().items()
        if d.source_for(5).from_records or d.source_for(5).beside
    }
    assert found == {
        "A.2.b": ("resources", None),
        "A.3.a": ("activities", "needs"),
        "A.3.c": ("activities", None),
        "A.5.f": ("activities", None),
        "A.9.b": ("resources", None),
        "A.9.d": ("activities", None),
        "B.1.d": ("resources", None),
        "B.3.a": ("resources", None),
        "B.3.d": ("activities", None),
        "B.4.a": ("report", "activities"),
        "B.4.b": ("report", "activities"),
        "A.1.a": ("report", "needs"),
        "B.1.a": ("report", "needs"),
        "B.1.b": ("report", "matches"),
        "B.1.c": ("report", "matches"),
        "B.2.d": ("report", "matches"),
    }
    assert definitions.record_selectors(4) == ()
    # With B.1.d's and B.1.b's context; B.1.c and B.2.d share theirs.
    assert len(definitions.record_selectors(5)) == 18
    # Different selections are not "the same numerator"; A.5.f and A.3.c share no Parties.
    assert "A.5.f" not in definitions.shared_numerators()


# ------------------------------------------------------------------------------------------
# A small world, its records written and published through the services
# ------------------------------------------------------------------------------------------


@pytest.fixture
def people(world, kenya_focal_point, brazil_focal_point, editor, analyst):
    """The world's Kenya and Brazil with their focal points, the provider's editor, the
    Secretariat (`world` first: the focal points' governments are the world's)."""
    from cbap.core.dataversion import data_changed

    data_changed()  # the records' checks read the world's codes anew
    return {
        "KEN": kenya_focal_point,
        "BRA": brazil_focal_point,
        "editor": editor,
        "analyst": analyst,
    }


def national(people, code, maker, **changes):
    from cbap.parties.models import Government
    from tests.activities.conftest import published

    actor = people[code]
    return published(maker(actor, party=Government.objects.get(code=code), **changes), actor)


def reference(people, provider, maker, *, publish=True, **changes):
    from tests.activities.conftest import published

    draft = maker(people["editor"], organization=provider, **changes)
    return published(draft, people["analyst"]) if publish else draft


@pytest.fixture
def records(people, provider):
    """The records of the module's table, by name."""
    from tests.activities.conftest import new_activity, new_resource

    def activity(name, **changes):
        return reference(people, provider, new_activity, **changes)

    found = {
        "A1": national(people, "KEN", new_activity, plan_codes=["A.5.v"]),
        "A2": activity(
            "A2",
            title={"en": "Regional course on risk assessment (synthetic)"},
            scope="regional",
            countries=[],
            regions=["grulac"],
            plan_codes=["A.5.ii"],
            actors=["academia"],
            start_date="2023-05-01",
            end_date="2023-05-05",
        ),
        "A3": activity(
            "A3",
            activity_status="proposed",
            countries=["DEU"],
            plan_codes=["A.5.v"],
            start_date=None,
            end_date=None,
        ),
        "A4": activity(
            "A4",
            countries=["TLS"],
            plan_codes=["A.5.v"],
            start_date="2021-06-01",
            end_date="2021-06-05",
        ),
        "A5": reference(
            people, provider, new_activity, publish=False, countries=["EU"], plan_codes=["A.5.v"]
        ),
        "A6": activity(
            "A6",
            activity_status="ongoing",
            countries=["DEU"],
            categories=["fellowship"],
            plan_codes=["B.3.iv"],
            start_date="2020-01-01",
            end_date=None,
        ),
        "A7": activity(
            "A7",
            countries=["TLS"],
            categories=["fellowship"],
            plan_codes=["B.3.iv"],
            start_date="2020-01-01",
            end_date=None,
        ),
        "A8": activity(
            "A8",
            title={"en": "Regional cooperation workshop (synthetic)"},
            scope="regional",
            countries=[],
            regions=["african_group"],
            plan_codes=["B.4.i"],
        ),
        "R1": national(
            people,
            "KEN",
            new_resource,
            plan_codes=["A.9.ii"],
            languages=["en", "sw"],
            publication_date="2024-05",
        ),
        "R2": reference(
            people,
            provider,
            new_resource,
            plan_codes=["A.9.2"],
            countries=["BRA"],
            publication_date="2023",
        ),
        "R3": reference(
            people, provider, new_resource, plan_codes=["A.9.ii"], is_training_material=False
        ),
        "R4": reference(
            people, provider, new_resource, plan_codes=["A.9.ii"], publication_date="2022-06"
        ),
        "R5": reference(
            people, provider, new_resource, plan_codes=["A.2.ii"], publication_date="2020"
        ),
    }
    from cbap.activities import services

    for month, event, times in [(date(2024, 3, 1), "downloads", 3), (date(2024, 3, 1), "views", 5)]:
        for _ in range(times):
            services.usage_count(
                resource=found["R5"], event=event, user_agent="Mozilla/5.0", when=month
            )
    for _ in range(10):  # before the window: not counted
        services.usage_count(
            resource=found["R5"], event="downloads", user_agent="Mozilla/5.0", when=date(2021, 1, 1)
        )
    services.usage_count(  # a robot: never counted at all
        resource=found["R5"], event="downloads", user_agent="Googlebot/2.1", when=date(2024, 3, 1)
    )
    return found


def value(code: str, cycle_number: int = 5, **kwargs):
    from cbap.indicators import definitions, selectors

    facts = selectors.cycle_snapshots()[cycle_number].facts
    return compute(definitions.definition_for(code), facts, **kwargs)


@pytest.mark.django_db
def test_a_5_f_counts_the_parties_covered_by_an_activity_that_took_place_in_the_window(records):
    result = value(
        "A.5.f", by=["region:African Group", "region:Western European and Others Group (WEOG)"]
    )
    assert (result.source, result.fit) == ("activities", "proxy")
    assert (result.value, result.numerator, result.denominator) == (40.0, 2, 5)
    assert result.members.numerator == ("BRA", "KEN")  # A1, A2; A3-A5 are not counted
    assert result.members.no_record == ("DEU", "EU", "TLS")
    assert "USA" not in result.members.denominator  # not a Party
    # Any record in the window: Kenya (A1, A8, R1), Brazil (A2, R2), Germany (A6, ongoing).
    assert (result.reported, result.parties) == (3, 5)
    assert (result.lower_bound, result.upper_bound) == (40.0, 100.0)
    assert (result.records.records, result.records.undated) == (2, 0)
    assert result.by["region:African Group"].value == 100.0
    weog = result.by["region:Western European and Others Group (WEOG)"]
    assert (weog.status, weog.value, weog.members.no_record) == ("no_data", None, ("DEU",))


@pytest.mark.django_db
def test_an_ongoing_activity_counts_a_completed_one_without_an_end_on_its_start(records):
    result = value("B.3.d")
    assert result.members.numerator == ("DEU",)  # A6 ongoing since 2020; A7 completed then
    assert result.value == 20.0


@pytest.mark.django_db
def test_a_9_b_counts_training_materials_published_in_the_window(records):
    result = value("A.9.b", by=["ldc"])
    assert (result.source, result.fit, result.unit) == ("resources", "direct", "training materials")
    assert (result.value, result.parties, result.reported) == (2, None, None)  # R1, R2
    assert (result.lower_bound, result.upper_bound) == (2, None)
    assert result.by["ldc"].status == "no_data"


@pytest.mark.django_db
def test_b_1_d_counts_the_party_that_published_a_resource_and_its_languages_beside(records):
    result = value("B.1.d")
    assert result.members.numerator == ("KEN",)  # R1; R2 is the provider's, for Brazil
    (languages,) = result.context
    assert (languages.count, languages.known) == (1, 5)  # R1 is in Swahili too


@pytest.mark.django_db
def test_a_2_b_counts_downloads_of_bch_training_material_in_the_window_months(records):
    result = value("A.2.b")
    assert (result.value, result.unit) == (3, "downloads")  # not 2021's, not the robot's
    assert (result.records.records, result.records.views) == (1, 5)  # R5, whatever its date


@pytest.mark.django_db
def test_the_report_decides_b_4_a_and_the_records_go_beside(records, cycles, world):
    from tests.indicators.conftest import publish

    collaboration = [{"identifier": "85C0A7F0-D527-40C1-B50D-2363EA600F2D"}]
    publish(cycles[5], world["KEN"], {"Q118": {"value": "true"}, "Q119": collaboration})
    publish(cycles[5], world["BRA"], {"Q118": {"value": "false"}})
    result = value("B.4.a", by=["region:African Group"])
    assert (result.source, result.value, result.numerator, result.denominator) == (
        "report",
        50.0,
        1,
        2,
    )
    beside = result.beside
    assert (beside.source, beside.value, beside.numerator, beside.denominator) == (
        "activities",
        20.0,
        1,
        5,
    )
    assert beside.members.numerator == ("KEN",)  # A8, regional for the African Group
    assert result.by["region:African Group"].beside.value == 100.0


@pytest.mark.django_db
def test_the_baseline_reads_no_records(records):
    result = value("A.5.f", 4)
    assert (result.fit, result.value, result.source) == ("not_measured", None, "report")


@pytest.mark.django_db
def test_withdrawing_a_record_changes_the_value_at_once(records, people):
    from cbap.records import services

    assert value("A.5.f").members.numerator == ("BRA", "KEN")
    services.record_transition(
        record=records["A1"], actor=people["KEN"], action="withdraw", message="Duplicate."
    )
    assert value("A.5.f").members.numerator == ("BRA",)


@pytest.mark.django_db
def test_the_query_selects_what_the_plain_statement_of_the_condition_selects(records):
    from collections import defaultdict

    from cbap.activities.models import Facet, Listing
    from cbap.indicators.records import where_q

    facets = defaultdict(lambda: defaultdict(set))
    for listing, name, found in Facet.objects.values_list("listing_id", "name", "value"):
        facets[listing][name].add(found)
    conditions = [
        WHERE,
        {"not": WHERE},
        {"facet": "language", "other_than": ["ar", "en", "es", "fr", "ru", "zh"]},
        {"all": [{"facet": "training", "in": ["yes"]}, {"facet": "goal", "in": ["A.9"]}]},
        {
            "any": [
                {"facet": "category", "in": ["fellowship"]},
                {"facet": "region", "in": ["grulac"]},
            ]
        },
    ]
    for where in conditions:
        selected = set(Listing.objects.filter(where_q(where)).values_list("pk", flat=True))
        stated = {
            pk for pk in Listing.objects.values_list("pk", flat=True) if holds(where, facets[pk])
        }
        assert selected == stated, where


@pytest.mark.django_db
def test_the_records_cost_one_query_whatever_their_number(records, django_assert_num_queries):
    from cbap.indicators import definitions
    from cbap.indicators.records import records_facts

    # The public index in one query, the needs in one, the matches in one (and their
    # activities' listings in another, had any support been delivered).
    with django_assert_num_queries(3):
        found = records_facts(NR5, definitions.record_selectors(5))
    assert len(found.selections) == 18
    with django_assert_num_queries(3):
        mine = records_facts(NR5, definitions.record_selectors(5), government="KEN")
    assert mine.recorded["activities"] == {"KEN"}
    assert records_facts(date(2019, 10, 1), definitions.record_selectors(5)).selections == {}


# ------------------------------------------------------------------------------------------
# The same result everywhere: pages, downloads, API, scorecard
# ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_indicator_page_shows_the_source_the_records_behind_and_who_is_unknown(client, records):
    html = client.get("/indicators/A.5.f/").content.decode()
    assert "40.0 %" in html and "with records 3 / 5 (60 %)" in html
    assert "capacity-building activities" in html
    assert "A Party counts when one of the published activities that took place" in html
    assert "Plan activity includes “A.5.v" in html  # the condition in words
    assert "- facet: plan_activity" in html  # and as reviewed
    assert f'href="/activities/{records["A1"].pk}/"' in html
    assert f'href="/activities/{records["A2"].pk}/"' in html
    assert f'href="/activities/{records["A3"].pk}/"' not in html  # did not take place
    assert "No matching record (unknown, not a no" in html
    assert "A floor: a Party without a matching record is unknown, not a no." in html
    resources = client.get("/indicators/A.9.b/").content.decode()
    assert f'href="/activities/library/{records["R1"].pk}/"' in resources
    assert "2 training materials" in resources
    assert "The number of training materials counted in each cycle." in resources
    # A count of things has no panel of Parties to compare.
    assert "computed for percentages and numbers of Parties" in resources
    beside = client.get("/indicators/B.4.a/").content.decode()
    assert "Shown beside the value, from the records of capacity-building activities" in beside
    assert "the report decides the value" in beside
    assert f'href="/activities/{records["A8"].pk}/"' in beside


@pytest.mark.django_db
def test_the_command_line_says_where_each_value_comes_from(records):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("indicators", "compute", "--cycle", "5", "--indicator", "A.5.f", stdout=out)
    (row,) = json.loads(out.getvalue())
    assert (row["source"], row["value"], row["demo_records"]) == ("activities", 40.0, 0)


@pytest.mark.django_db
def test_the_dashboard_shows_values_from_records_with_their_source(client, records):
    html = client.get("/indicators/").content.decode()
    row = html[html.index('<tr id="A.5.f">') : html.index('<tr id="A.6.a">')]
    assert "40.0 %" in row and "2 / 5 Parties" in row and "with records 3 / 5" in row
    assert "capacity-building activities" in row
    count = html[html.index('<tr id="A.9.b">') : html.index('<tr id="A.9.c">')]
    assert "2 training materials" in count and "reported" not in count


@pytest.mark.django_db
def test_the_downloads_carry_the_source_the_records_and_the_figure_beside(client, records):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/indicators/export.csv").content.decode("utf-8-sig"))
        )
    )
    a_5_f = next(r for r in rows if r["code"] == "A.5.f" and r["cycle"] == "5")
    assert (a_5_f["source"], a_5_f["value"], a_5_f["records"]) == ("activities", "40.0", "2")
    assert a_5_f["window"] == "2022-12-19/2026-02-28"
    b_4_a = next(r for r in rows if r["code"] == "B.4.a" and r["cycle"] == "5")
    assert (b_4_a["source"], b_4_a["beside_source"], b_4_a["beside_value"]) == (
        "report",
        "activities",
        "20.0",
    )
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(client.get("/indicators/A.5.f/export.xlsx").content))
    assert "Records" in workbook.sheetnames
    linked = [[c.value for c in row] for row in workbook["Records"].iter_rows(min_row=2)]
    assert {row[5] for row in linked} == {
        f"http://testserver/activities/{records[name].pk}/" for name in ("A1", "A2")
    }
    provenance = [[c.value for c in row] for row in workbook["Provenance"].iter_rows(min_row=2)]
    assert [5, "no_record", "DEU", "Germany", None, "no", None, None] in provenance
    data = json.loads(client.get("/indicators/A.5.f/export.json").content)
    assert data["values"][1]["source"] == "activities"
    assert len(data["values"][1]["items"]) == 2


@pytest.mark.django_db
def test_the_api_gives_the_same_value_with_its_provenance(client, records):
    rows = client.get("/api/v1/indicators/?cycle=5&code=A.5.f").json()
    assert (rows[0]["source"], rows[0]["value"], rows[0]["records"]["records"]) == (
        "activities",
        40.0,
        2,
    )
    data = client.get("/api/v1/indicators/A.5.f/").json()
    midterm = data["values"][1]
    assert [p["code"] for p in midterm["provenance"]["no_record"]] == [
        "EU",
        "DEU",
        "TLS",
    ]  # by name
    kenya = midterm["provenance"]["numerator"][1]
    assert kenya["code"] == "KEN"
    assert [r["url"] for r in kenya["records"]] == [f"/activities/{records['A1'].pk}/"]
    assert {item["id"] for item in midterm["items"]} == {records["A1"].pk, records["A2"].pk}
    source = data["sources"][1]
    assert source["source"] == "activities" and source["records"]["party"] == "country"
    assert source["records"]["window"] == {"since": "2022-12-19", "until": "2026-02-28"}
    assert data["sources"][0]["source"] == "report"  # the baseline: not measured
    beside = client.get("/api/v1/indicators/B.4.a/").json()
    assert beside["sources"][1]["beside"]["source"] == "activities"
    assert beside["values"][1]["beside_items"][0]["id"] == records["A8"].pk


@pytest.mark.django_db
def test_the_scorecard_says_no_matching_record_never_no(client, records):
    from cbap.indicators import selectors
    from cbap.parties.models import Government

    def cell(code, indicator):
        card = selectors.party_scorecard(Government.objects.get(code=code))
        row = next(r for r in card["indicators"] if r["code"] == indicator)
        return row["cycles"][1]["standing"], row["cycles"][1]["label"]

    assert cell("KEN", "A.5.f") == ("yes", "yes")
    assert cell("DEU", "A.5.f") == ("no_record", "no matching record (unknown, not a no)")
    assert cell("KEN", "A.9.b")[0] == "no_data"  # a count of materials: no Party's standing
    assert cell("KEN", "B.1.d")[0] == "yes"  # it published R1
    assert cell("BRA", "B.1.d")[0] == "no_record"  # R2 is the provider's


@pytest.mark.django_db
def test_demo_records_are_flagged_wherever_they_are_counted(client, records):
    from cbap.activities.models import Listing
    from cbap.core.dataversion import data_changed

    Listing.objects.filter(record_id=records["A2"].pk, kind="activity").update(is_demo=True)
    data_changed()
    assert value("A.5.f").records.demo == 1
    html = client.get("/indicators/A.5.f/").content.decode()
    assert "Demo data — not real records." in html
