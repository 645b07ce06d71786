"""What changed between two plan versions (catalogue.diff): pure, on plan dicts."""

import copy

from cbap.plan import catalogue


def adopted() -> dict:
    return copy.deepcopy(catalogue.load_file())


def changes(old, new) -> set[tuple]:
    return {(c.code, c.change, c.field, c.before, c.after) for c in catalogue.diff(old, new)}


def test_identical_plans_have_no_changes():
    assert catalogue.diff(adopted(), adopted()) == []


def test_a_measure_only_change_names_the_field_and_both_values():
    new = adopted()
    new["goals"][4]["indicators"][2]["measure"] = "percentage"
    assert changes(adopted(), new) == {("A.5.c", "changed", "measure", "number", "percentage")}


def test_a_scope_only_change_names_the_field():
    new = adopted()
    new["goals"][9]["key_areas"][0]["scope"] = "supplementary_protocol"
    new["goals"][9]["indicators"][1]["scope_source"] = "decision"
    assert changes(adopted(), new) == {
        ("A.10.1", "changed", "scope", "all", "supplementary_protocol"),
        ("A.10.b", "changed", "scope_source", "inferred", "decision"),
    }


def test_a_text_change_gives_before_and_after():
    new = adopted()
    new["goals"][0]["outcomes"][0] = "Edited outcome"
    ((code, change, field, before, after),) = changes(adopted(), new)
    assert (code, change, field, after) == ("A.1.o1", "changed", "text", "Edited outcome")
    assert before.startswith("Functional national biosafety frameworks")


def test_goal_articles_are_compared():
    new = adopted()
    new["goals"][6]["articles"] = [18, 22]
    assert changes(adopted(), new) == {("A.7", "changed", "articles", "18", "18, 22")}


def test_narrative_paragraphs_are_compared_by_code():
    new = adopted()
    new["narrative"][-1]["text"] = "Edited"
    new["narrative"].append({"code": "annex.25", "part": "annex", "number": "25", "text": "New"})
    found = changes(adopted(), new)
    assert ("annex.25", "added", "", "", "New") in found
    assert any(c[:3] == ("annex.24", "changed", "text") for c in found)


def test_vocabulary_terms_added_and_removed():
    new = adopted()
    new["vocabularies"]["levels"] = ["national", "regional", "subregional"]
    assert changes(adopted(), new) == {
        ("vocabularies.levels", "added", "", "", "subregional"),
        ("vocabularies.levels", "removed", "", "global", ""),
    }


def test_header_row_and_section_titles_are_compared():
    new = adopted()
    new["columns"][3]["meaning"] = "Edited meaning"
    new["sections"][1]["title"] = "Edited section"
    assert changes(adopted(), new) == {
        ("columns.indicators", "changed", "meaning", "Measures whether activity took place", "Edited meaning"),
        ("sections.B", "changed", "title", "Enabling environment", "Edited section"),
    }  # fmt: skip


def test_priority_periods_are_compared():
    period = {"decision": "X", "starts_on": "2027-01-01", "ends_on": "2028-12-31"}
    old, new = adopted(), adopted()
    old["priorities"] = [{**period, "element_codes": ["A.5"]}]
    new["priorities"] = [
        {**period, "element_codes": ["A.5", "B.1"]},
        {**period, "starts_on": "2029-01-01", "ends_on": "2030-12-31", "element_codes": ["A.1"]},
    ]
    assert changes(old, new) == {
        ("X 2027-01-01/2028-12-31", "changed", "element_codes", "A.5", "A.5, B.1"),
        ("X 2029-01-01/2030-12-31", "added", "", "", "A.1"),
    }


def test_version_metadata_is_compared():
    new = adopted()
    new["version"].update(code="CP-12/1", decision="CP-12/1", adopted_on="2026-11-30")
    assert changes(adopted(), new) == {
        ("version", "changed", "decision", "CP-10/4", "CP-12/1"),
        ("version", "changed", "adopted_on", "2022-12-19", "2026-11-30"),
    }


def test_changes_have_readable_kinds():
    new = adopted()
    del new["goals"][0]["activities"][1]
    (change,) = catalogue.diff(adopted(), new)
    assert (change.kind, change.kind_label) == ("activities", "plan activity")
