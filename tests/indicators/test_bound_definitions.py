"""The definitions are loaded once, checked by the engine, and bound to the plan's indicators."""

import pytest

from cbap.indicators import definitions
from cbap.plan.models import Indicator

pytestmark = pytest.mark.django_db


def test_every_plan_indicator_has_a_definition_and_every_definition_an_indicator(plan):
    plan_codes = list(Indicator.objects.filter(goal__version=plan).values_list("code", flat=True))
    assert len(plan_codes) == 53
    assert definitions.unmatched(plan_codes) == ([], [])
    assert set(definitions.definitions()) == set(plan_codes)


def test_bound_indicators_carry_the_verbatim_text_in_plan_order(plan, django_assert_num_queries):
    with django_assert_num_queries(2):  # the current version, then the indicators
        bound = definitions.bound_indicators()
    assert [item.code for item in bound][:3] == ["A.1.a", "A.1.b", "A.2.a"]
    first = bound[0]
    assert first.indicator.text.startswith("Percentage of Parties with training needs")
    assert first.definition.measure == "percentage"
    assert first.definition.source_for(5).fit == "proxy"


def test_a_mismatch_between_plan_and_definitions_names_the_codes(plan):
    Indicator.objects.filter(code="A.1.b").update(code="A.1.z")
    with pytest.raises(LookupError, match=r"no definition for \['A.1.z'\].*\['A.1.b'\]"):
        definitions.bound_indicators()


def test_the_definitions_are_parsed_once():
    assert definitions.definitions() is definitions.definitions()


def test_a_broken_definition_file_fails_with_the_code_and_field(tmp_path):
    broken = tmp_path / "definitions.yaml"
    broken.write_text(
        "- code: A.1.a\n  measure: percent\n  population: cartagena_parties\n"
        "  population_label: x\n  sources: {5: {fit: direct, rationale: r}}\n"
    )
    with pytest.raises(ValueError, match="indicator A.1.a: measure"):
        definitions.load_definitions(broken)


def test_questions_read_are_every_key_a_cycle_reads():
    nr5 = definitions.questions_read(5)
    assert {"Q011", "Q012_adq", "Q118", "Q119", "Q070_a"} <= nr5
    assert "Q131" in definitions.questions_read(4) and "Q131" not in nr5
