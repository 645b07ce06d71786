"""`cbap needs match` and `cbap needs gaps`: the matching and the gap analysis for scripts."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.needs.conftest import new_offer, validated


def run(*args) -> str:
    out = io.StringIO()
    call_command("needs", *args, stdout=out)
    return out.getvalue()


def test_match_lists_the_ranked_offers_of_each_need_with_their_terms(
    kenya_needs, provider, editor, analyst
):
    offer = validated(new_offer(editor, organization=provider), editor, analyst)
    document = json.loads(run("match", "--party", "KEN", "--format", "json"))
    assert document["party"] == "KEN" and document["self_assessment"] == kenya_needs.pk
    needs = {need["key_area"]: need for need in document["needs"]}
    assert set(needs) == {"A.8.2", "A.5.2", "A.5.4"}  # the confidential line too: the operator's
    [detection] = needs["A.8.2"]["offers"]
    assert (detection["offer"], detection["score"], detection["possible"]) == (offer.pk, 8.0, 10)
    assert [t["name"] for t in detection["terms"]][:2] == ["key_area", "eligibility"]
    assert detection["declaration"] == "none"


def test_gaps_as_csv_has_a_row_per_key_area_and_group(kenya_needs, regions):
    rows = list(csv.DictReader(io.StringIO(run("gaps", "--by", "region", "--format", "csv"))))
    assert len(rows) == 41 * 3  # all Parties, the African Group, GRULAC
    [row] = [r for r in rows if (r["key_area"], r["group"]) == ("A.8.2", "african_group")]
    assert (row["high"], row["unmet_high"], row["group_assessed"]) == ("1", "1", "1")


def test_gaps_as_json_carries_coverage_and_priorities(kenya_needs, regions):
    document = json.loads(run("gaps", "--format", "json"))
    assert document["coverage"]["african_group"] == {"parties": 1, "assessed": 1}
    ranked = [(p["key_area"], p["score"]) for p in document["priorities"][:3]]
    assert ranked == [("A.5.4", 3), ("A.8.2", 3), ("A.5.2", 2)]  # ties in the plan's order


@pytest.mark.parametrize(
    "party, message", [("ZZZ", "No government"), ("BRA", "no self-assessment")]
)
def test_match_says_why_it_has_nothing(plan, brazil, party, message):
    with pytest.raises(CommandError, match=message):
        run("match", "--party", party)
