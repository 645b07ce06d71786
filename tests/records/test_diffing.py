import subprocess
import sys

import pytest

from cbap.records.diffing import (
    Clash,
    FieldChange,
    changed_fields,
    changes_as_dict,
    diff_content,
    merge_three_way,
)


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ({"name": "A"}, {"name": "A"}, {}),
        ({"name": "A"}, {"name": "B"}, {"name": FieldChange("A", "B")}),
        (
            {"emails": ["a@x.org"]},
            {"emails": ["a@x.org", "b@x.org"]},
            {"emails": FieldChange(["a@x.org"], ["a@x.org", "b@x.org"])},
        ),
        (
            {"emails": ["a", "b"]},
            {"emails": ["b", "a"]},
            {"emails": FieldChange(["a", "b"], ["b", "a"])},
        ),
        ({}, {"city": "Nairobi"}, {"city": FieldChange(None, "Nairobi")}),
        ({"city": "Nairobi"}, {}, {"city": FieldChange("Nairobi", None)}),
        ({"count": 1}, {"count": 1.0}, {}),
        ({"flag": True}, {"flag": 1}, {"flag": FieldChange(True, 1)}),
        ({"city": ""}, {"city": None}, {"city": FieldChange("", None)}),
    ],
)
def test_diff_content_gives_each_changed_field_with_its_old_and_new_value(old, new, expected):
    assert diff_content(old, new) == expected


def test_diff_lists_fields_in_the_new_contents_order_then_fields_only_in_the_old():
    old = {"a": 1, "b": 1, "gone": 1}
    new = {"b": 2, "a": 2}
    assert changed_fields(old, new) == ["b", "a", "gone"]


def test_changes_have_a_json_shape_for_the_api():
    assert changes_as_dict({"name": FieldChange("A", "B")}) == {"name": {"old": "A", "new": "B"}}


def test_diffing_does_not_import_django():
    code = (
        "import sys, cbap.records.diffing; print(any(m.startswith('django') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "base,theirs,yours,content,clashes,taken",
    [
        # You changed nothing: their change comes in, nothing clashes.
        ({"a": "x"}, {"a": "y"}, {"a": "x"}, {"a": "y"}, {}, ["a"]),
        # Only you changed it: yours stays.
        ({"a": "x"}, {"a": "x"}, {"a": "z"}, {"a": "z"}, {}, []),
        # You both changed it, differently: a clash, yours kept in the form.
        ({"a": "x"}, {"a": "y"}, {"a": "z"}, {"a": "z"}, {"a": Clash("x", "y", "z")}, []),
        # You both changed it to the same value: no clash.
        ({"a": "x"}, {"a": "y"}, {"a": "y"}, {"a": "y"}, {}, []),
        # Different fields: both changes kept.
        (
            {"a": "x", "b": [1]},
            {"a": "y", "b": [1]},
            {"a": "x", "b": [1, 2]},
            {"a": "y", "b": [1, 2]},
            {},
            ["a"],
        ),
        # A field missing from the base (added to the model later) counts as null.
        ({}, {"a": None}, {"a": "new"}, {"a": "new"}, {}, []),
        ({"a": True}, {"a": 1}, {"a": True}, {"a": 1}, {}, ["a"]),
    ],
)
def test_merge_three_way_keeps_your_changes_and_theirs_and_names_real_clashes(
    base, theirs, yours, content, clashes, taken
):
    merged = merge_three_way(base, theirs, yours)
    assert (merged.content, merged.clashes, merged.theirs_taken) == (content, clashes, taken)
