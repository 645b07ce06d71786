import re

import pytest
import yaml

from cbap.engine.definitions import Definition, Source, definition_from_dict

EXAMPLE = yaml.safe_load(
    """
- code: A.1.b
  measure: percentage
  population: cartagena_parties
  population_label: "Parties to the Cartagena Protocol on the cycle's deadline"
  data_needed: [capacity_building_activities]
  sources:
    5:
      fit: direct
      questions: [Q011, Q012]
      condition: {q: Q118, in: ['true']}
      numerator: {all: [{q: Q011, in: ['true']}, {q: Q012, min: 1}]}
      rationale: "NR5 asks both things directly."
      wording_change: "NR5 asks about the last four years."
    4: {fit: not_measured, rationale: "NR4 did not ask about it.", questions: []}
"""
)[0]


def with_source(cycle, **changes):
    d = {**EXAMPLE, "sources": {**EXAMPLE["sources"]}}
    d["sources"][cycle] = {**d["sources"][cycle], **changes}
    return d


def without(mapping, key):
    return {name: value for name, value in mapping.items() if name != key}


def test_it_builds_a_definition_from_a_yaml_entry():
    definition = definition_from_dict(EXAMPLE)
    assert definition == Definition(
        code="A.1.b",
        measure="percentage",
        population="cartagena_parties",
        population_label="Parties to the Cartagena Protocol on the cycle's deadline",
        data_needed=("capacity_building_activities",),
        sources={
            5: Source(
                fit="direct",
                questions=("Q011", "Q012"),
                condition={"q": "Q118", "in": ["true"]},
                numerator={"all": [{"q": "Q011", "in": ["true"]}, {"q": "Q012", "min": 1}]},
                rationale="NR5 asks both things directly.",
                wording_change="NR5 asks about the last four years.",
            ),
            4: Source(fit="not_measured", rationale="NR4 did not ask about it."),
        },
    )


def test_it_tells_which_questions_a_source_reads():
    source = definition_from_dict(EXAMPLE).source_for(5)
    assert source.referenced_questions() == {"Q118": {"true"}, "Q011": {"true"}, "Q012": set()}


def test_it_has_no_source_for_a_cycle_the_definition_does_not_mention():
    assert definition_from_dict(EXAMPLE).source_for(3) is None


def test_it_is_not_changed_by_later_edits_of_the_loaded_mapping():
    raw = with_source(5, condition={"q": "Q118", "in": ["true"]})
    definition = definition_from_dict(raw)
    raw["sources"][5]["condition"]["in"].append("false")
    assert definition.source_for(5).condition == {"q": "Q118", "in": ["true"]}


@pytest.mark.parametrize(
    ("measure", "field", "value", "read"),
    [
        ("number", "numerator", {"q": "Q011", "in": ["true"]}, {"q": "Q011", "in": ["true"]}),
        ("sum", "sum_of", ["Q012", "Q013"], ("Q012", "Q013")),
    ],
)
def test_it_accepts_each_measure_with_what_it_counts(measure, field, value, read):
    source = {"fit": "proxy", "rationale": "Close enough.", field: value}
    raw = {**EXAMPLE, "measure": measure, "unit": "cases", "sources": {5: source}}
    definition = definition_from_dict(raw)
    assert getattr(definition.source_for(5), field) == read
    assert definition.unit == "cases"


BANDED = {
    **EXAMPLE,
    "measure": "sum",
    "unit": "cases",
    "sources": {
        5: {
            "fit": "proxy",
            "rationale": "Banded.",
            "sum_of": ["Q076", "Q012"],
            "bands": {"Q076": {"0": [0, 0], "1+": [1, 4], "10+": [10, None]}},
            "context": [{"label": "Releases", "condition": {"q": "Q074", "in": ["1+"]}}],
        }
    },
}


def test_it_reads_bands_and_context_and_what_they_read():
    source = definition_from_dict(BANDED).source_for(5)
    assert source.bands == {"Q076": {"0": (0, 0), "1+": (1, 4), "10+": (10, None)}}
    assert [item.label for item in source.context] == ["Releases"]
    assert source.referenced_questions() == {
        "Q074": {"1+"},
        "Q076": {"0", "1+", "10+"},
        "Q012": set(),
    }


def with_sum_source(**changes):
    return {**BANDED, "sources": {5: {**BANDED["sources"][5], **changes}}}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (without(EXAMPLE, "code"), "code must be a non-empty string"),
        ({**EXAMPLE, "measure": "ratio"}, "A.1.b: measure: must be one of"),
        (without(EXAMPLE, "population"), "A.1.b: population: must be a non-empty string"),
        ({**EXAMPLE, "population_label": ""}, "A.1.b: population_label:"),
        ({**EXAMPLE, "sources": {}}, "A.1.b: sources: must map cycle numbers"),
        ({**EXAMPLE, "sources": {"5": EXAMPLE["sources"][5]}}, "A.1.b: sources.5: cycle numbers"),
        ({**EXAMPLE, "data_needed": "activities"}, "A.1.b: data_needed: must be a list"),
        ({**EXAMPLE, "colour": "red"}, "A.1.b: colour: is not a known field"),
        (with_source(5, fit="perfect"), "A.1.b: sources.5.fit: must be one of"),
        (with_source(5, rationale=" "), "A.1.b: sources.5.rationale: must be a non-empty"),
        (with_source(5, numerator=None), "A.1.b: sources.5.numerator: is required"),
        (with_source(5, sum_of="Q012"), "A.1.b: sources.5.sum_of: does not apply to a percentage"),
        (with_source(5, numerator={"q": "Q011"}), "A.1.b: sources.5.numerator: condition node"),
        (with_source(5, condition={"or": []}), "A.1.b: sources.5.condition: condition node"),
        (with_source(5, questions="Q011"), "A.1.b: sources.5.questions: must be a list"),
        (with_source(5, wording_change=3), "A.1.b: sources.5.wording_change: must be text"),
        (with_source(5, numerators={}), "A.1.b: sources.5.numerators: is not a known field"),
        (
            with_source(4, numerator={"q": "Q1", "in": ["x"]}),
            "A.1.b: sources.4.numerator: does not apply to a not_measured source",
        ),
        (
            {**BANDED, "sources": {5: {"fit": "direct", "rationale": "r"}}},
            "A.1.b: sources.5.sum_of: is required for a sum measure",
        ),
        (with_sum_source(sum_of="Q012"), "A.1.b: sources.5.sum_of: must be a list of strings"),
        (with_sum_source(sum_of=[]), "A.1.b: sources.5.sum_of: must list at least one"),
        (with_sum_source(bands={"Q999": {"0": [0, 0]}}), "sources.5.bands.Q999: is not a question"),
        (with_sum_source(bands={"Q076": {"1+": [4, 1]}}), "sources.5.bands.Q076.1+: must be"),
        (with_sum_source(bands={"Q076": {"1+": [1]}}), "sources.5.bands.Q076.1+: must be"),
        (with_sum_source(bands={"Q076": {"1+": [-1, 4]}}), "sources.5.bands.Q076.1+: must be"),
        (with_sum_source(context=[{"label": "x"}]), "sources.5.context.0: must have exactly"),
        (
            with_sum_source(context=[{"label": "x", "condition": {"q": "Q1"}}]),
            "sources.5.context.0: condition node",
        ),
        (with_source(5, bands={"Q011": {}}), "sources.5.bands: does not apply to a percentage"),
        ({**BANDED, "unit": None}, "A.1.b: unit: is required for a sum measure"),
        ({**BANDED, "unit": "Parties"}, "A.1.b: unit: a sum adds up things"),
        ({**EXAMPLE, "unit": "Parties"}, "A.1.b: unit: does not apply to a percentage"),
        ("A.1.b", "must be a mapping"),
        (
            {**EXAMPLE, "population": "none"},
            "A.1.b: sources.5.fit: population 'none' is not a set of Parties",
        ),
    ],
)
def test_it_refuses_a_malformed_definition_naming_the_code_and_field(raw, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        definition_from_dict(raw)


def test_it_accepts_a_population_of_things_that_reports_do_not_measure():
    unmeasured = {5: {"fit": "not_measured", "rationale": "Secretariat records."}}
    definition = definition_from_dict({**EXAMPLE, "population": "none", "sources": unmeasured})
    assert definition.population == "none"
