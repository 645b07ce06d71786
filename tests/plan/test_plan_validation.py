"""A plan data file is checked whole before anything is written: every problem, with its path."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from cbap.plan import catalogue, services, validation
from cbap.plan.models import Indicator, PlanVersion

KNOWN = frozenset({"CP-10/4"})


def adopted() -> dict:
    return copy.deepcopy(catalogue.load_file())


def problems(data, known=KNOWN) -> list[str]:
    return [str(p) for p in validation.problems(data, known_versions=known)]


def test_the_adopted_plan_has_no_problems():
    assert problems(adopted(), known=frozenset()) == []


def test_an_empty_object_misses_the_required_parts():
    assert problems({}) == [
        "missing 'version'",
        "missing 'columns'",
        "missing 'sections'",
        "missing 'goals'",
    ]


def test_a_file_that_is_not_an_object_is_refused():
    assert problems([]) == ["expected a JSON object, not a list"]


def test_a_missing_key_area_text_is_named_by_its_path():
    data = adopted()
    del data["goals"][3]["key_areas"][0]["text"]
    assert problems(data) == ["goals[3].key_areas[0]: missing 'text'"]


def test_a_bad_date_is_named():
    data = adopted()
    data["version"]["adopted_on"] = "19 December 2022"
    assert problems(data) == ["version.adopted_on: '19 December 2022' is not a date as YYYY-MM-DD"]
    data["version"]["adopted_on"] = "2022-02-30"
    assert problems(data) == ["version.adopted_on: '2022-02-30' is not a date as YYYY-MM-DD"]


def test_a_duplicate_goal_code_is_refused():
    data = adopted()
    data["goals"].append(copy.deepcopy(data["goals"][0]))
    found = problems(data)
    assert "goals[14]: code A.1 is already used by goals[0]" in found
    assert "goals[14].key_areas[0]: code A.1.1 is already used by goals[0].key_areas[0]" in found


def test_a_goal_code_must_be_its_section_and_number():
    data = adopted()
    data["goals"][13]["code"] = "A.1"
    assert problems(data) == ["goals[13].code: 'A.1' should be section.number, 'B.4'"]


def test_an_unknown_measure_section_or_scope_is_refused():
    data = adopted()
    data["goals"][0]["indicators"][0]["measure"] = "ratio"
    data["goals"][1]["section"] = "C"
    data["goals"][9]["key_areas"][1]["scope"] = "supplementary"
    data["goals"][9]["indicators"][1]["scope_source"] = "guessed"
    found = problems(data)
    assert "goals[0].indicators[0].measure: 'ratio' is not one of 'percentage', 'number'" in found
    assert "goals[1].section: 'C' is not one of 'A', 'B'" in found
    assert (
        "goals[9].key_areas[1].scope: 'supplementary' is not one of 'all', "
        "'supplementary_protocol'" in found
    )
    assert (
        "goals[9].indicators[1].scope_source: 'guessed' is not one of 'decision', 'inferred'"
        in found
    )


def test_an_indicator_letter_may_not_reuse_an_activity_code():
    data = adopted()
    data["goals"][0]["indicators"].append(
        {"letter": "i", "text": "Ninth", "measure": "number", "scope": "all"}
    )
    assert problems(data) == [
        "goals[0].indicators[2]: code A.1.i is already used by goals[0].activities[0]"
    ]


def test_previous_must_be_a_loaded_version():
    data = adopted()
    data["version"].update(code="CP-12/1", previous="CP-11/9")
    assert problems(data) == ["version.previous: no plan version 'CP-11/9' (known: CP-10/4)"]
    data["version"]["previous"] = "CP-12/1"
    assert problems(data) == ["version.previous: a version cannot follow itself"]


def test_priorities_must_name_elements_of_the_version_and_have_dates():
    data = adopted()
    data["priorities"] = [
        {
            "decision": "X",
            "starts_on": "2027-01-01",
            "ends_on": "2026-12-31",
            "element_codes": ["A.5.3", "A.99"],
        }
    ]
    assert problems(data) == [
        "priorities[0].ends_on: ends before it starts",
        "priorities[0].element_codes[1]: no element 'A.99' in this version",
    ]


def test_targets_name_an_indicator_a_year_of_the_plan_a_value_in_range_and_a_source():
    data = adopted()
    source = "Hypothetical decision CP-99/1"
    data["targets"] = [
        {"indicator": "A.1.b", "year": 2030, "value": 80, "source": source},  # fine
        {"indicator": "A.1.b", "year": 2028, "value": 120, "source": source},
        {"indicator": "A.9.b", "year": 2030, "value": -3, "source": source},  # a number
        {"indicator": "A.1.z", "year": 2031, "value": "high", "source": source},
        {"indicator": "A.1.b", "year": 2030, "value": 90},
    ]
    assert problems(data) == [
        "targets[1].value: 120 is outside the range of a percentage (0–100)",
        "targets[2].value: -3 is outside the range of a number (0 or more)",
        "targets[3].indicator: no indicator 'A.1.z' in this version",
        "targets[3].year: 2031 is outside the plan's years (2022–2030)",
        "targets[3].value: expected a number, not text",
        "targets[4]: missing 'source'",
        "targets[4]: A.1.b has a target for 2030 twice",
    ]


def test_unknown_keys_are_refused_so_typos_are_caught():
    data = adopted()
    data["priority"] = []
    data["goals"][0]["key_areas"][0]["txt"] = "typo"
    found = problems(data)
    assert any(p.startswith("unknown key 'priority'") for p in found)
    assert any(p.startswith("goals[0].key_areas[0]: unknown key 'txt'") for p in found)


def test_every_problem_is_reported_at_once():
    data = adopted()
    del data["goals"][3]["key_areas"][0]["text"]
    data["goals"][0]["indicators"][0]["measure"] = "ratio"
    data["version"]["adopted_on"] = "soon"
    assert len(problems(data)) == 3


def test_the_error_names_the_file_on_every_line():
    data = adopted()
    del data["goals"][3]["key_areas"][0]["text"]
    data["goals"][0]["indicators"][0]["measure"] = "ratio"
    with pytest.raises(validation.PlanDataError) as error:
        validation.check(data, source="bad.json", known_versions=KNOWN)
    lines = str(error.value).splitlines()
    assert lines[0] == "bad.json: 2 problem(s), nothing was loaded:"
    assert "bad.json: goals[3].key_areas[0]: missing 'text'" in lines
    assert all(line.startswith("bad.json: ") for line in lines)


# --- through the loader and the command: nothing is written ------------------------------


def write(tmp_path, data, name="bad.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_command_refuses_an_empty_object_cleanly(no_preloaded_plan, tmp_path):
    path = write(tmp_path, {})
    with pytest.raises(CommandError) as error:
        call_command("plan", "load", str(path))
    assert f"{path}: missing 'version'" in str(error.value)
    assert PlanVersion.objects.count() == 0


@pytest.mark.django_db
def test_the_command_writes_nothing_for_a_bad_adjustment(plan, tmp_path):
    data = adopted()
    data["version"].update(code="CP-12/1", previous="CP-10/4")
    data["goals"].append(copy.deepcopy(data["goals"][0]))  # 15 goals, A.1 twice
    path = write(tmp_path, data)
    with pytest.raises(CommandError) as error:
        call_command("plan", "load", str(path))
    assert f"{path}: goals[14]: code A.1 is already used by goals[0]" in str(error.value)
    assert list(PlanVersion.objects.values_list("code", flat=True)) == ["CP-10/4"]
    assert PlanVersion.current() == plan


@pytest.mark.django_db
def test_a_bad_reload_leaves_the_loaded_version_as_it_was(plan, tmp_path):
    data = adopted()
    data["goals"][0]["indicators"][0]["text"] = "Edited"
    data["goals"][0]["indicators"][1]["measure"] = "ratio"
    with pytest.raises(validation.PlanDataError):
        services.plan_version_load(data=data, source="bad.json")
    assert Indicator.objects.get(code="A.1.a").text.startswith("Percentage of Parties with")


@pytest.mark.django_db
def test_the_command_says_when_a_file_is_not_json_or_missing(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.json: not valid JSON"):
        call_command("plan", "load", str(path))
    with pytest.raises(CommandError, match=r"nope\.json: cannot read: No such file"):
        call_command("plan", "load", str(tmp_path / "nope.json"))


@pytest.mark.django_db
def test_the_json_export_loads_back_as_a_plan_file(plan, tmp_path):
    out = tmp_path / "plan.json"
    call_command("plan", "export", "--output", str(out))
    exported = json.loads(out.read_text())
    exported["version"].update(code="ROUND-TRIP", previous="CP-10/4")
    version, outcome = services.plan_version_load(data=exported, make_current=False)
    assert outcome == "created"
    assert Indicator.objects.filter(goal__version=version).count() == 53
    assert catalogue.diff(catalogue.load_file(), exported)[0].field == "previous"
