"""The facts of a cycle, read from the database: who is a Party on the deadline, which groups,
and which reports count (published ones, as published)."""

from datetime import date

import pytest

from cbap.bch.answers import Answer
from cbap.indicators import selectors
from tests.indicators.conftest import YES_ADEQUATE, YES_NOT_ADEQUATE, publish

pytestmark = pytest.mark.django_db


def test_populations_are_the_parties_on_the_cycles_deadline(world):
    nr4, nr5 = selectors.cycle_facts(4), selectors.cycle_facts(5)
    assert nr4.deadline == date(2019, 10, 1)
    # Timor-Leste became a Party in 2020: not at the baseline, yes at the midterm.
    assert nr4.populations["cartagena_parties"] == {"KEN", "BRA", "DEU", "EU"}
    assert nr5.populations["cartagena_parties"] == {"KEN", "BRA", "DEU", "EU", "TLS"}
    assert nr5.populations["supplementary_protocol_parties"] == {"DEU", "EU"}


def test_groups_are_the_five_regions_the_groupings_and_the_supplementary_protocol(world):
    groups = selectors.cycle_facts(5).groups
    assert list(groups) == [
        "region:African Group",
        "region:Asia-Pacific Group",
        "region:Eastern European Group",
        "region:Latin American and Caribbean Group (GRULAC)",
        "region:Western European and Others Group (WEOG)",
        "ldc",
        "sids",
        "lldc",
        "developing",
        "supplementary_protocol",
    ]
    assert groups["region:Western European and Others Group (WEOG)"] == {"DEU", "USA"}
    assert groups["region:Eastern European Group"] == frozenset()
    assert groups["ldc"] == {"TLS"} and groups["developing"] == {"KEN", "BRA"}
    assert groups["supplementary_protocol"] == {"DEU", "EU"}


def test_a_grouping_membership_counts_only_while_it_is_valid(world):
    from cbap.parties.models import GroupingMembership

    GroupingMembership.objects.filter(government__code="TLS", grouping__code="sids").update(
        valid_from=date(2021, 1, 1)
    )
    assert "TLS" in selectors.cycle_facts(5).groups["sids"]
    GroupingMembership.objects.filter(government__code="TLS", grouping__code="sids").update(
        valid_to=date(2025, 12, 31)
    )
    assert "TLS" not in selectors.cycle_facts(5).groups["sids"]


def test_the_baseline_uses_the_ldc_list_of_its_day(world):
    from cbap.parties.models import Government, Grouping, GroupingMembership

    bhutan = Government.objects.create(code="BTN", iso3="BTN", iso2="BT", name="Bhutan")
    GroupingMembership.objects.create(
        grouping=Grouping.objects.get(code="ldc_2020"), government=bhutan
    )
    assert "BTN" in selectors.cycle_facts(4).groups["ldc"]
    assert "BTN" not in selectors.cycle_facts(5).groups["ldc"]


def test_published_reports_count_drafts_do_not_and_non_parties_stay_out_of_the_population(
    nr5_reports,
):
    cycle = selectors.cycle_facts(5)
    assert set(cycle.reports) == {"KEN", "BRA", "TLS", "USA"}  # Germany has a draft only
    assert "USA" not in cycle.populations["cartagena_parties"]
    assert cycle.reports["KEN"].answers["Q011"] == Answer(values=("true",))


def test_a_report_changed_after_publication_counts_as_published(nr5_reports, cycles, world):
    publish(cycles[5], world["KEN"], YES_NOT_ADEQUATE, status="draft")  # edited, not republished
    answers = selectors.cycle_facts(5).reports["KEN"].answers
    assert answers["Q012_adq"] == Answer(values=("true",))
    publish(cycles[5], world["KEN"], YES_NOT_ADEQUATE)
    assert selectors.cycle_facts(5).reports["KEN"].answers["Q012_adq"] == Answer(values=("false",))


def test_only_the_questions_asked_for_are_normalised(nr5_reports):
    cycle = selectors.cycle_facts(5, questions={"Q011"})
    assert set(cycle.reports["KEN"].answers) == {"Q011"}
    assert "Q012" not in selectors.cycle_facts(5).reports["KEN"].answers  # no definition reads it


def test_the_facts_cost_a_fixed_number_of_queries(
    nr5_reports, cycles, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):  # 10, and the needs and the matches
        selectors.cycle_snapshot(5)
    for code in ("DEU", "EU"):
        publish(cycles[5], world[code], YES_ADEQUATE)
    publish(cycles[5], world["BRA"], YES_ADEQUATE, status="draft")  # needs its published revision
    with django_assert_max_num_queries(12):
        snapshot = selectors.cycle_snapshot(5)
    assert len(snapshot.facts.reports) == 6


def test_the_snapshot_names_governments_and_flags_demo_reports(world, cycles):
    publish(cycles[5], world["KEN"], YES_ADEQUATE, synthetic=True)
    snapshot = selectors.cycle_snapshot(5)
    assert snapshot.synthetic == {"KEN"}
    assert snapshot.names["TLS"] == "Timor-Leste"
    assert snapshot.report_url("KEN") == "/reports/5/KEN/"
    assert snapshot.report_url("BRA") is None


def test_normalised_answers_are_read_once_per_published_revision(nr5_reports, cycles, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    selectors.cycle_snapshot(5)
    with CaptureQueriesContext(connection) as queries:
        again = selectors.cycle_snapshot(5)
    assert not any('"answers"' in q["sql"] for q in queries.captured_queries)
    assert again.facts.reports["BRA"].answers["Q012_adq"] == Answer(values=("false",))
    publish(cycles[5], world["BRA"], YES_ADEQUATE)
    assert selectors.cycle_facts(5).reports["BRA"].answers["Q012_adq"] == Answer(values=("true",))
