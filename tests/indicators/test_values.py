"""Values computed live from the published reports: a new or changed report shows at once, and
every number traces back to its Parties."""

import pytest

from cbap.engine.change import compare
from cbap.engine.indicators import compute
from cbap.indicators import definitions, selectors
from tests.indicators.conftest import YES_ADEQUATE, YES_NOT_ADEQUATE, publish

pytestmark = pytest.mark.django_db

A_1_B = "A.1.b"  # Q011 = Yes and Q012_adq = Yes, over Parties that answered


def a_1_b(cycle_number=5, **kwargs):
    definition = definitions.definition_for(A_1_B)
    return compute(definition, selectors.cycle_facts(cycle_number), **kwargs)


def test_the_value_counts_parties_that_answered_and_lists_everyone_else(nr5_reports):
    result = a_1_b()
    assert (result.value, result.numerator, result.denominator) == (50.0, 1, 2)
    assert (result.reported, result.parties) == (3, 5)
    assert result.members.numerator == ("KEN",)
    assert result.members.denominator == ("BRA", "KEN")
    assert result.members.no_answer == ("TLS",)
    assert result.members.not_reported == ("DEU", "EU")  # Germany's report is a draft
    assert "USA" not in result.members.denominator  # not a Party


def test_publishing_a_new_report_changes_the_value_at_once(nr5_reports, cycles, world):
    assert a_1_b().value == 50.0
    publish(cycles[5], world["DEU"], YES_ADEQUATE)
    after = a_1_b()
    assert after.value == pytest.approx(200 / 3)
    assert after.members.numerator == ("DEU", "KEN")


def test_changing_a_published_report_changes_the_value_only_once_it_is_republished(
    nr5_reports, cycles, world
):
    publish(cycles[5], world["KEN"], YES_NOT_ADEQUATE, status="draft")
    assert a_1_b().value == 50.0
    publish(cycles[5], world["KEN"], YES_NOT_ADEQUATE)
    assert a_1_b().value == 0.0


def test_each_value_of_a_page_carries_the_fingerprint_of_its_facts(nr5_reports, cycles, world):
    def fingerprints():
        data = selectors.indicator_detail(A_1_B)
        return [value.fingerprint for value in data["values"]]

    before = fingerprints()
    assert all(len(digest) == 64 for digest in before)
    # An answer that A.1.b does not read leaves it alone; one that it reads changes it.
    publish(
        cycles[5], world["KEN"], {**YES_ADEQUATE, "Q007": {"value": "implementation.fullInPlace"}}
    )
    assert fingerprints() == before
    publish(cycles[5], world["TLS"], YES_NOT_ADEQUATE)
    after = fingerprints()
    assert after[0] == before[0] and after[1] != before[1]


def test_a_registry_change_changes_the_value(nr5_reports):
    from cbap.parties.models import ProtocolMembership

    assert a_1_b().parties == 5
    ProtocolMembership.objects.filter(government__code="BRA").delete()
    result = a_1_b()
    assert (result.parties, result.value) == (4, 100.0)


def test_groups_are_computed_on_their_part_of_the_population(nr5_reports):
    result = a_1_b(by=["developing", "region:Asia-Pacific Group", "supplementary_protocol"])
    assert result.by["developing"].members.denominator == ("BRA", "KEN")
    assert result.by["region:Asia-Pacific Group"].value is None  # Timor-Leste gave no answer
    assert result.by["region:Asia-Pacific Group"].status == "no_data"
    assert result.by["supplementary_protocol"].members.not_reported == ("DEU", "EU")


def test_the_provenance_names_each_party_with_its_report_and_deciding_answers(nr5_reports):
    snapshots = selectors.cycle_snapshots()
    values = selectors.cycle_values(
        definitions.definition_for(A_1_B), snapshots, with_provenance=True
    )
    provenance = values[1].provenance
    assert [p["code"] for p in provenance["numerator"]] == ["KEN"]
    kenya = provenance["numerator"][0]
    assert kenya["name"] == "Kenya" and kenya["report_url"] == "/reports/5/KEN/"
    assert kenya["answers"] == [
        {"key": "Q011", "answered": True, "values": ["true"], "titles": ["Yes"], "number": None},
        {
            "key": "Q012_adq",
            "answered": True,
            "values": ["true"],
            "titles": ["Yes"],
            "number": None,
        },
    ]
    brazil = next(p for p in provenance["denominator"] if p["code"] == "BRA")
    assert brazil["answers"][1]["titles"] == ["No"]
    timor = provenance["no_answer"][0]
    assert timor["code"] == "TLS" and [a["answered"] for a in timor["answers"]] == [False, False]
    assert [(p["name"], p["report_url"], p["answers"]) for p in provenance["not_reported"]] == [
        ("European Union", None, []),  # by name
        ("Germany", None, []),
    ]
    assert provenance["excluded_by_condition"] == []


def test_a_condition_excludes_parties_from_the_denominator(world, cycles):
    # A.9.a: among the Parties that take socioeconomic considerations into account (Q149 or
    # Q151), those with capacity-building activities on them (Q118/Q119).
    socioeconomic = [{"identifier": "76DB23A3-F880-4AC8-8602-DF9DC45EECAF"}]
    publish(
        cycles[5],
        world["KEN"],
        {"Q149": {"value": "true"}, "Q118": {"value": "true"}, "Q119": socioeconomic},
    )
    publish(cycles[5], world["BRA"], {"Q151": {"value": "true.some"}, "Q118": {"value": "false"}})
    publish(cycles[5], world["TLS"], {"Q149": {"value": "false"}, "Q151": {"value": "false.na"}})
    result = compute(definitions.definition_for("A.9.a"), selectors.cycle_facts(5))
    assert result.members.numerator == ("KEN",)
    assert result.members.denominator == ("BRA", "KEN")
    assert result.members.excluded_by_condition == ("TLS",)
    assert result.value == 50.0


def test_a_cycle_that_is_not_loaded_reads_no_data(world):
    from cbap.reports.models import ReportingCycle

    ReportingCycle.objects.filter(number=4).update(number=3)
    values = selectors.cycle_values(definitions.definition_for(A_1_B), selectors.cycle_snapshots())
    assert values[0].cycle == 4 and values[0].value is None
    assert values[0].reason == "reporting cycle 4 is not loaded"


def test_the_engine_memoises_verdicts_without_changing_results(nr5_reports):
    cycle = selectors.cycle_facts(5)
    for definition in definitions.definitions().values():
        if definition.population == "none":  # a count of things is not broken down by group
            continue
        grouped = compute(definition, cycle, by=list(cycle.groups))
        for name, part in grouped.by.items():
            alone = compute(
                definition,
                cycle.__class__(
                    number=cycle.number,
                    deadline=cycle.deadline,
                    populations={
                        key: None if codes is None else codes & cycle.groups[name]
                        for key, codes in cycle.populations.items()
                    },
                    groups={},
                    reports=cycle.reports,
                    records=cycle.records,
                ),
            )
            assert part.to_dict() == alone.to_dict(), (definition.code, name)


def bch_overview(*answers):
    """NR5 Q102 (a)-(q), one answer per category, the last one repeated."""
    letters = "abcdefghijklmnopq"
    values = list(answers) + [answers[-1]] * (len(letters) - len(answers))
    return {
        f"Q102_{letter}": {"value": value} for letter, value in zip(letters, values, strict=True)
    }


def test_a_party_with_no_bch_information_at_all_does_not_count_for_a_2_c(world, cycles):
    publish(cycles[5], world["KEN"], bch_overview("false.notAvailable"))
    publish(cycles[5], world["BRA"], bch_overview("true.availableOnBch", "false.notAvailable"))
    publish(cycles[5], world["TLS"], bch_overview("true.availableOnBch", "true.availableNotOnBch"))
    result = compute(definitions.definition_for("A.2.c"), selectors.cycle_facts(5))
    assert result.members.numerator == ("BRA",)  # everything it has is in the BCH
    assert result.members.denominator == ("BRA", "KEN", "TLS")


def test_a_10_a_leaves_parties_to_the_supplementary_protocol_out(world, cycles):
    liability = {
        "Q118": {"value": "true"},
        "Q119": [{"identifier": "667CD9B1-4571-4C2A-A459-F78E004D7D96"}],
    }
    for code in ("KEN", "DEU"):  # Germany is a Party to the Supplementary Protocol
        publish(cycles[5], world[code], liability)
    publish(cycles[5], world["BRA"], {"Q118": {"value": "false"}})
    result = compute(definitions.definition_for("A.10.a"), selectors.cycle_facts(5))
    assert result.members.excluded_by_condition == ("DEU",)
    assert result.members.denominator == ("BRA", "KEN")
    assert result.value == 50.0


def test_a_5_b_counts_activities_in_risk_assessment_or_risk_management(world, cycles):
    def areas(*identifiers):
        return {
            "Q118": {"value": "true.some"},
            "Q119": [{"identifier": identifier} for identifier in identifiers],
        }

    publish(cycles[5], world["KEN"], areas("B6B916B4-1700-430C-BCFB-FCE81D6F1349"))  # management
    publish(cycles[5], world["BRA"], areas("09063980-88D9-4826-9F54-CB3EAC36641A"))  # research
    publish(cycles[5], world["TLS"], {"Q070_a": {"value": "10+"}})  # people trained: not read
    result = compute(definitions.definition_for("A.5.b"), selectors.cycle_facts(5))
    assert result.members.numerator == ("KEN",)
    assert result.members.denominator == ("BRA", "KEN")
    assert result.members.no_answer == ("TLS",)


def test_b_4_a_has_a_baseline_from_the_fourth_reports_collaboration_area(world, cycles):
    # "Scientific, technical and institutional collaboration at subregional, regional and
    # international levels" is an option of NR4 Q132 as of NR5 Q119: Kenya undertook
    # activities in it, Brazil in another area only, Germany none at all (a "No" is a no).
    collaboration = {"identifier": "85C0A7F0-D527-40C1-B50D-2363EA600F2D"}
    risk = {"identifier": "B6B916B4-1700-430C-BCFB-FCE81D6F1349"}
    publish(cycles[4], world["KEN"], {"Q131": {"value": "true"}, "Q132": [collaboration, risk]})
    publish(cycles[4], world["BRA"], {"Q131": {"value": "true.some"}, "Q132": [risk]})
    publish(cycles[4], world["DEU"], {"Q131": {"value": "false"}})
    definition = definitions.definition_for("B.4.a")
    baseline = compute(definition, selectors.cycle_facts(4))
    assert (baseline.fit, baseline.members.numerator) == ("proxy", ("KEN",))
    assert baseline.members.denominator == ("BRA", "DEU", "KEN")
    assert baseline.value == pytest.approx(100 / 3)
    assert compare(
        definition, baseline=selectors.cycle_facts(4), midterm=selectors.cycle_facts(5)
    ).warnings == ("not comparable: NR5 has no data (nobody in the denominator)",)
