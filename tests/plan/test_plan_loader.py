import copy

from cbap.plan import catalogue, selectors, services
from cbap.plan.models import Goal, Indicator, KeyArea, Outcome, PlanActivity, PlanVersion


def test_it_loads_14_goals_41_key_areas_46_plan_activities_and_53_indicators(plan):
    assert Goal.objects.filter(version=plan).count() == 14
    assert KeyArea.objects.filter(goal__version=plan).count() == 41
    assert PlanActivity.objects.filter(goal__version=plan).count() == 46
    assert Indicator.objects.filter(goal__version=plan).count() == 53


def test_it_keeps_texts_verbatim(plan):
    assert KeyArea.objects.get(code="A.5.5").text == (
        "Parties have qualified staff to undertake caseby-case risk assessment and risk management"
    )
    assert Indicator.objects.get(code="A.6.a").text.startswith(
        "Percentages of Parties that provide"
    )
    assert Outcome.objects.get(code="A.2.o2").text == (
        "BCH is used as the reference information platform for biosafety-related information"
    )


def test_it_knows_measures_scopes_and_articles(plan):
    assert Indicator.objects.get(code="A.5.c").measure == "number"
    assert Indicator.objects.get(code="B.1.a").measure == "percentage"
    assert KeyArea.objects.get(code="A.10.1").scope == "all"
    assert KeyArea.objects.get(code="A.10.2").scope == "supplementary_protocol"
    assert PlanActivity.objects.get(code="A.10.vi").scope == "supplementary_protocol"
    assert Goal.objects.get(code="B.2").articles == [28]


def test_it_is_idempotent_and_keeps_row_identity(plan):
    ids_before = sorted(Indicator.objects.values_list("pk", flat=True))
    version, outcome = services.plan_version_load(data=catalogue.load_file())
    assert outcome == "unchanged"
    assert version.pk == plan.pk
    assert sorted(Indicator.objects.values_list("pk", flat=True)) == ids_before
    assert PlanVersion.objects.count() == 1


def test_it_updates_a_changed_text_in_place(plan):
    data = catalogue.load_file()
    data["goals"][0]["indicators"][0]["text"] = "Edited"
    before = Indicator.objects.get(code="A.1.a").pk
    _, outcome = services.plan_version_load(data=data)
    assert outcome == "updated"
    assert Indicator.objects.get(code="A.1.a").pk == before
    assert Indicator.objects.get(code="A.1.a").text == "Edited"


def adjusted_plan() -> dict:
    """A hypothetical adjustment by a later meeting of the Parties, for the version tests only."""
    data = copy.deepcopy(catalogue.load_file())
    data["version"].update(
        code="TEST-ADJUSTED", decision="TEST", adopted_on="2026-10-30", previous="CP-10/4"
    )
    data["goals"][4]["indicators"][2]["text"] = "Number of experts able to review risk assessments"
    data["goals"][13]["indicators"].append(
        {"letter": "c", "text": "A new indicator", "measure": "number", "scope": "all"}
    )
    del data["goals"][0]["activities"][1]
    return data


def test_a_new_version_keeps_codes_and_shows_what_changed(plan):
    new, _ = services.plan_version_load(data=adjusted_plan())
    changes = selectors.version_changes(plan, new)
    elements = {(c.code, c.change, c.field) for c in changes if c.kind != "version"}
    assert elements == {
        ("A.5.c", "changed", "text"),
        ("B.4.c", "added", ""),
        ("A.1.ii", "removed", ""),
    }
    assert PlanVersion.current() == new
    assert new.previous == plan
    assert Indicator.objects.filter(code="A.5.a").count() == 2  # one per version


def test_it_loads_the_header_row_and_sections_with_the_version(plan):
    assert plan.column["indicators"] == {
        "key": "indicators",
        "title": "Indicators",
        "meaning": "Measures whether activity took place",
    }
    assert plan.section_titles == {"A": "Areas for implementation", "B": "Enabling environment"}


def test_it_marks_the_inferred_scope_of_a_10_indicators_b_to_f(plan):
    inferred = Indicator.objects.filter(goal__version=plan, scope_source="inferred")
    assert sorted(inferred.values_list("code", flat=True)) == [
        "A.10.b",
        "A.10.c",
        "A.10.d",
        "A.10.e",
        "A.10.f",
    ]
    assert KeyArea.objects.get(code="A.10.2").scope_label == (
        "For Parties to the Supplementary Protocol"
    )
    assert Indicator.objects.get(code="A.10.b").scope_label == (
        "applies to Parties to the Supplementary Protocol (inferred)"
    )
    assert Indicator.objects.get(code="A.10.a").scope_label == ""


def test_a_reload_without_scope_resets_it(plan):
    data = catalogue.load_file()
    del data["goals"][9]["indicators"][1]["scope_source"]
    services.plan_version_load(data=data)
    assert Indicator.objects.get(code="A.10.b").scope_source == "decision"


def test_it_loads_priority_periods(plan):
    data = adjusted_plan()
    data["priorities"] = [
        {
            "decision": "TEST",
            "starts_on": "2027-01-01",
            "ends_on": "2028-12-31",
            "element_codes": ["A.5", "A.5.3"],
        }
    ]
    new, _ = services.plan_version_load(data=data)
    period = new.priorities.get()
    assert (period.starts_on.isoformat(), period.element_codes) == ("2027-01-01", ["A.5", "A.5.3"])
    assert selectors.plan_as_dict(new)["priorities"][0]["ends_on"] == "2028-12-31"
