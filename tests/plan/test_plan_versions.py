"""Adjusted versions: the example adjustment file end to end, `cbap setup` keeping the current
version, the compare page, and priority periods."""

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from cbap.plan import catalogue, selectors, services
from cbap.plan.models import PlanVersion

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/hypothetical-plan-adjustment.json"
EXAMPLE_CODE = "HYPOTHETICAL-EXAMPLE"


def load_example(*args) -> str:
    out = io.StringIO()
    call_command("plan", "load", str(EXAMPLE), *args, stdout=out)
    return out.getvalue()


def test_the_example_adjustment_says_it_is_hypothetical():
    data = json.loads(EXAMPLE.read_text())
    assert data["version"]["code"] == EXAMPLE_CODE
    assert data["version"]["title"].startswith("HYPOTHETICAL EXAMPLE, not adopted")
    assert "No meeting of the Parties adopted it" in data["version"]["note"]
    for change in catalogue.diff(catalogue.load_file(), data):
        if change.kind != "version" and change.after:
            assert "HYPOTHETICAL EXAMPLE" in change.after or change.kind == "priority_period"
    assert "HYPOTHETICAL EXAMPLE" in data["priorities"][0]["note"]


def test_the_example_is_the_adopted_plan_with_only_its_marked_changes():
    """If the adopted plan's file changes, this fails until the example is regenerated from it."""
    data = json.loads(EXAMPLE.read_text())
    found = {(c.code, c.change, c.field) for c in catalogue.diff(catalogue.load_file(), data)}
    assert {f for f in found if f[0] != "version"} == {
        ("A.5.3", "changed", "text"),
        ("A.1.ii", "removed", ""),
        ("B.4.c", "added", ""),
        ("vocabularies.target_audiences", "added", ""),
        ("none (hypothetical) 2027-01-01/2028-12-31", "added", ""),
    }


def test_the_cli_loads_the_example_without_making_it_current_and_diffs_it(plan):
    assert load_example("--not-current") == f"{EXAMPLE_CODE}: created (not current)\n"
    assert PlanVersion.current() == plan
    out = io.StringIO()
    call_command("plan", "diff", "CP-10/4", EXAMPLE_CODE, stdout=out)
    text = out.getvalue()
    assert "changed text" in text and "A.5.3" in text
    assert "    - Access to infrastructure and technical expertise for risk assessment" in text
    assert "removed" in text and "A.1.ii" in text
    assert "added" in text and "B.4.c" in text
    assert "priority period" in text
    assert text.endswith(f"11 change(s) from CP-10/4 to {EXAMPLE_CODE}\n")


def test_the_cli_diff_speaks_json(plan):
    load_example("--not-current")
    out = io.StringIO()
    call_command("plan", "diff", "CP-10/4", EXAMPLE_CODE, "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert {"code": "A.1.ii", "kind": "activities", "kind_label": "plan activity"}.items() <= next(
        r for r in rows if r["code"] == "A.1.ii"
    ).items()


def test_the_compare_page_shows_the_example_changes(plan, client):
    load_example("--not-current")
    html = client.get("/plan/versions/", {"from": "CP-10/4", "to": EXAMPLE_CODE}).content.decode()
    assert f"Changes from CP-10/4 to {EXAMPLE_CODE}" in html
    assert "11 changes." in html
    assert "changed <strong>text</strong>" in html
    assert "HYPOTHETICAL EXAMPLE of an added indicator" in html


def test_the_compare_page_preselects_the_previous_and_the_current_version(plan, client):
    load_example()
    html = client.get("/plan/versions/").content.decode()
    assert "<option selected>CP-10/4</option>" in html
    assert f"<option selected>{EXAMPLE_CODE}</option>" in html


def test_with_one_version_the_compare_page_says_there_is_nothing_to_compare(plan, client):
    html = client.get("/plan/versions/", {"from": "CP-10/4", "to": "CP-10/4"}).content.decode()
    assert "Only one version of the plan is loaded (CP-10/4)" in html
    assert "Changes from" not in html and "<select" not in html


def test_the_same_version_twice_is_not_compared(plan, client):
    load_example("--not-current")
    html = client.get("/plan/versions/", {"from": "CP-10/4", "to": "CP-10/4"}).content.decode()
    assert "Choose two different versions" in html and "Changes from" not in html


def test_setup_keeps_an_adjusted_version_current(plan):
    adjusted, _ = services.plan_version_load(
        data=json.loads(EXAMPLE.read_text()), source=str(EXAMPLE)
    )
    out = io.StringIO()
    apps.get_app_config("plan").load_reference_data(out)
    assert PlanVersion.current() == adjusted
    assert "kept; another version is current" in out.getvalue()


def test_setup_makes_the_adopted_plan_current_when_none_is(no_preloaded_plan):
    out = io.StringIO()
    apps.get_app_config("plan").load_reference_data(out)
    assert PlanVersion.current().code == "CP-10/4"
    assert out.getvalue() == "Plan CP-10/4: created (current)"


def test_setup_makes_the_adopted_plan_current_again_only_if_none_is(plan):
    PlanVersion.objects.update(is_current=False)
    apps.get_app_config("plan").load_reference_data(io.StringIO())
    assert PlanVersion.current() == plan


# --- priority periods --------------------------------------------------------------------


def test_the_plan_says_no_priorities_have_been_set(plan, client):
    html = client.get("/plan/").content.decode()
    assert "The meeting of the Parties has not yet set priorities for a period of work" in html
    html = client.get("/plan/versions/").content.decode()
    assert "none set" in html


def test_priorities_of_a_version_show_on_its_pages(plan, client):
    load_example("--not-current")
    query = {"version": EXAMPLE_CODE}
    html = client.get("/plan/", query).content.decode()
    assert "1 January 2027 – 31 December 2028" in html
    assert "has not yet set priorities" not in html
    goal = client.get("/plan/A.5/", query).content.decode()
    assert goal.count("priority 2027–2028") == 2  # the goal and key area A.5.3
    versions = client.get("/plan/versions/").content.decode()
    assert "2027–2028</a> (none (hypothetical))" in versions


def test_priorities_are_in_the_selectors_export(plan):
    load_example("--not-current")
    version = PlanVersion.objects.get(code=EXAMPLE_CODE)
    assert selectors.plan_as_dict(version)["priorities"][0]["element_codes"] == [
        "A.5",
        "A.5.3",
        "B.1.a",
    ]
    assert [p.decision for p in selectors.prioritized(version)["A.5.3"]] == ["none (hypothetical)"]
