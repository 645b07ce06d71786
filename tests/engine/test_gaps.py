import random
from dataclasses import replace

import pytest

from cbap.engine.gaps import (
    ALL,
    OPEN,
    Cell,
    Coverage,
    NeedLine,
    Support,
    candidate_priorities,
    gap_table,
)

# A world small enough to count by hand.
#
#   key areas: A.1.1 and A.1.2 (goal A.1), A.2.1 (goal A.2)
#   groups:    africa {KEN, UGA, NGA}, ldc {UGA, HTI}, sids {FJI, HTI}; "all" is the five
#
#            A.1.1     A.1.2    A.2.1
#   KEN      high      low      none
#   UGA      high      medium   not_assessed
#   HTI      medium    high     high
#   FJI      none      -        -          (a self-assessment with one line)
#   NGA      -         -        -          (no self-assessment)

KEY_AREAS = {"A.1.1": "A.1", "A.1.2": "A.1", "A.2.1": "A.2"}
GROUPS = {
    "africa": frozenset({"KEN", "UGA", "NGA"}),
    "ldc": frozenset({"UGA", "HTI"}),
    "sids": frozenset({"FJI", "HTI"}),
}
LEVELS = {
    "KEN": {"A.1.1": "high", "A.1.2": "low", "A.2.1": "none"},
    "UGA": {"A.1.1": "high", "A.1.2": "medium", "A.2.1": "not_assessed"},
    "HTI": {"A.1.1": "medium", "A.1.2": "high", "A.2.1": "high"},
    "FJI": {"A.1.1": "none"},
}
LINES = [
    NeedLine(party, key_area, level)
    for party, levels in LEVELS.items()
    for key_area, level in levels.items()
]


def codes(*values):
    return frozenset(values)


def offer(key_area, *parties, key=None):
    return Support(key_area, "offer", codes(*parties), key=key)


def activity(key_area, *countries, key=None):
    return Support(key_area, "activity", codes(*countries), key=key)


def match(key_area, party, delivered=True):
    return Support(key_area, "match", codes(party), delivered=delivered)


SUPPORTS = [
    offer("A.1.1", "KEN"),  # KEN needs A.1.1 (high)
    offer("A.1.1", "NGA"),  # NGA has no need anywhere: counts nowhere
    offer("A.1", OPEN),  # the whole goal, open to every Party
    offer("A.2.1", OPEN),  # only HTI needs A.2.1
    activity("A.1.1", "NGA", "USA"),  # reached NGA; the USA is not a Party
    activity("A.1.1", "USA"),  # reached no Party: counts nowhere
    match("A.1.1", "KEN"),
    match("A.1.1", "UGA", delivered=False),
    match("A.1.2", "HTI"),
]


def table(lines=LINES, supports=SUPPORTS, groups=GROUPS, **options):
    return gap_table(lines, supports, groups, KEY_AREAS, **options)


def counts(cell):
    """A cell's counts, in field order: parties_assessed, high, medium, low, none, not_assessed,
    offers, activities, matches_delivered, unmet_high, unmet_medium, unmet_low."""
    return (
        cell.parties_assessed,
        cell.high,
        cell.medium,
        cell.low,
        cell.none,
        cell.not_assessed,
        cell.offers,
        cell.activities,
        cell.matches_delivered,
        cell.unmet_high,
        cell.unmet_medium,
        cell.unmet_low,
    )


@pytest.mark.parametrize(
    ("key_area", "group", "expected"),
    [
        # assessed, high, medium, low, none, not_assessed, offers, activities, delivered, unmet h/m/l
        ("A.1.1", "all", (4, 2, 1, 0, 1, 0, 2, 1, 1, 1, 1, 0)),
        ("A.1.1", "africa", (2, 2, 0, 0, 0, 0, 2, 1, 1, 1, 0, 0)),
        ("A.1.1", "ldc", (2, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0)),
        ("A.1.1", "sids", (2, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0)),
        ("A.1.2", "all", (3, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1)),
        ("A.1.2", "africa", (2, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1)),
        ("A.1.2", "ldc", (2, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0)),
        ("A.1.2", "sids", (1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0)),
        ("A.2.1", "all", (3, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0)),
        ("A.2.1", "africa", (2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0)),
        ("A.2.1", "ldc", (2, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0)),
        ("A.2.1", "sids", (1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0)),
    ],
)
def test_it_counts_every_figure_of_every_cell(key_area, group, expected):
    cell = table().cell(key_area, group)
    assert (cell.key_area, cell.group) == (key_area, group)
    assert counts(cell) == expected
    assert (
        cell.parties_assessed == cell.high + cell.medium + cell.low + cell.none + cell.not_assessed
    )


def test_a_cell_is_a_plain_value():
    assert table().cell("A.1.1", "ldc") == Cell(
        key_area="A.1.1",
        group="ldc",
        parties_assessed=2,
        high=1,
        medium=1,
        low=0,
        none=0,
        not_assessed=0,
        offers=1,
        activities=0,
        matches_delivered=0,
        unmet_high=1,
        unmet_medium=1,
        unmet_low=0,
    )


def test_group_all_is_every_party_of_the_groups_and_lines():
    extra = [NeedLine("MEX", "A.1.1", "high")]  # in no group: still a Party
    all_ = table(lines=LINES + extra).cell("A.1.1", ALL)
    assert (all_.parties_assessed, all_.high, all_.unmet_high) == (5, 3, 2)
    assert table(lines=LINES + extra).coverage[ALL] == Coverage(ALL, parties=6, assessed=5)


def test_coverage_counts_the_parties_with_a_self_assessment_at_all():
    coverage = table().coverage
    assert coverage == {
        ALL: Coverage(ALL, parties=5, assessed=4),
        "africa": Coverage("africa", parties=3, assessed=2),
        "ldc": Coverage("ldc", parties=2, assessed=2),
        "sids": Coverage("sids", parties=2, assessed=2),
    }
    assert coverage["africa"].without == 1


def test_a_party_without_a_self_assessment_is_not_counted_as_no_need():
    before = table().cell("A.1.1", "africa")
    with_nga = table(lines=LINES + [NeedLine("NGA", "A.1.1", "none")]).cell("A.1.1", "africa")
    assert (before.none, before.parties_assessed) == (0, 2)
    assert (with_nga.none, with_nga.parties_assessed) == (1, 3)


def test_not_assessed_is_kept_apart_from_none():
    cell = table().cell("A.2.1", "africa")
    assert (cell.none, cell.not_assessed) == (1, 1)


def test_a_delivered_match_removes_a_party_from_unmet_high_and_lowers_the_score():
    delivered = table()
    pending = table(supports=[s for s in SUPPORTS if s != match("A.1.1", "KEN")])
    assert delivered.cell("A.1.1", "africa").unmet_high == 1
    assert pending.cell("A.1.1", "africa").unmet_high == 2
    assert pending.cell("A.1.1", "africa").matches_delivered == 0
    [before] = [p for p in candidate_priorities(pending) if p.key_area == "A.1.1"]
    [after] = [p for p in candidate_priorities(delivered) if p.key_area == "A.1.1"]
    assert (before.score, before.met) == (8, 0)
    assert (after.score, after.met) == (5, 1)


def test_an_undelivered_match_meets_no_need():
    promised = table(supports=[match("A.1.1", "KEN", delivered=False)])
    assert counts(promised.cell("A.1.1", "africa"))[8:] == (0, 2, 0, 0)


def test_a_delivered_match_for_a_party_without_that_need_counts_but_meets_nothing():
    cell = table(supports=[match("A.2.1", "KEN")]).cell("A.2.1", "africa")  # KEN: none
    assert (cell.matches_delivered, cell.met, cell.unmet_high) == (1, 0, 0)


@pytest.mark.parametrize(
    ("support", "key_area", "expected"),
    [
        (offer("A.1.1", "KEN"), "A.1.1", {"all": 1, "africa": 1, "ldc": 0, "sids": 0}),
        (offer("A.1.1", "FJI"), "A.1.1", {"all": 0, "africa": 0, "ldc": 0, "sids": 0}),
        (offer("A.1.2", "KEN"), "A.1.2", {"all": 0, "africa": 0, "ldc": 0, "sids": 0}),
        (offer("A.1.2", "UGA", "FJI"), "A.1.2", {"all": 1, "africa": 1, "ldc": 1, "sids": 0}),
        (offer("A.2.1", OPEN), "A.2.1", {"all": 1, "africa": 0, "ldc": 1, "sids": 1}),
        (offer("A.2", OPEN), "A.2.1", {"all": 1, "africa": 0, "ldc": 1, "sids": 1}),
        (offer("A.1", "HTI"), "A.1.1", {"all": 1, "africa": 0, "ldc": 1, "sids": 1}),
    ],
    ids=[
        "eligible Party needs it high",
        "eligible Party rates no need",
        "eligible Party needs it low",
        "one of two eligible Parties needs it",
        "open: wherever a Party needs it high or medium",
        "whole goal, open",
        "whole goal, one Party needing it medium",
    ],
)
def test_an_offer_counts_where_an_eligible_party_needs_the_key_area_high_or_medium(
    support, key_area, expected
):
    built = table(supports=[support])
    assert {group: built.cell(key_area, group).offers for group in expected} == expected


def test_an_offer_for_a_goal_counts_in_each_of_its_key_areas():
    built = table(supports=[offer("A.1", OPEN)])
    assert [built.cell(key_area, ALL).offers for key_area in KEY_AREAS] == [1, 1, 0]


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        ({"NGA"}, {"all": 1, "africa": 1, "ldc": 0, "sids": 0}),
        ({"HTI", "USA"}, {"all": 1, "africa": 0, "ldc": 1, "sids": 1}),
        ({"USA"}, {"all": 0, "africa": 0, "ldc": 0, "sids": 0}),
        (set(), {"all": 0, "africa": 0, "ldc": 0, "sids": 0}),
    ],
    ids=["a Party without self-assessment", "a Party and a non-Party", "a non-Party", "unknown"],
)
def test_an_activity_counts_where_it_reached_a_party(countries, expected):
    built = table(supports=[activity("A.1.2", *countries)])
    assert {group: built.cell("A.1.2", group).activities for group in expected} == expected


def test_supports_sharing_a_key_count_once_and_supports_without_one_each_count():
    keyed = [offer("A.1", OPEN, key="O-1"), offer("A.1.1", OPEN, key="O-1")]
    unkeyed = [offer("A.1", OPEN), offer("A.1.1", OPEN)]
    assert table(supports=keyed).cell("A.1.1", ALL).offers == 1
    assert table(supports=unkeyed).cell("A.1.1", ALL).offers == 2
    twice = [activity("A.1.1", "KEN", key="X"), activity("A.1", "KEN", key="X")]
    assert table(supports=twice).cell("A.1.1", "africa").activities == 1


def test_rows_run_in_key_area_order_with_cells_in_group_order():
    rows = table().rows()
    assert [(row.key_area, row.goal) for row in rows] == [
        ("A.1.1", "A.1"),
        ("A.1.2", "A.1"),
        ("A.2.1", "A.2"),
    ]
    assert [cell.group for cell in rows[1].cells] == ["all", "africa", "ldc", "sids"]
    assert {cell.key_area for cell in rows[1].cells} == {"A.1.2"}
    assert table().groups == ("all", "africa", "ldc", "sids")
    assert len(table().cells) == 12


def test_the_key_areas_keep_the_order_given():
    reordered = dict(reversed(KEY_AREAS.items()))
    built = gap_table(LINES, SUPPORTS, GROUPS, reordered)
    assert [row.key_area for row in built.rows()] == ["A.2.1", "A.1.2", "A.1.1"]
    assert gap_table(LINES, SUPPORTS, GROUPS, list(KEY_AREAS.items())) == table()


def test_an_unknown_cell_is_a_key_error():
    with pytest.raises(KeyError, match="A.9.9"):
        table().cell("A.9.9", ALL)
    with pytest.raises(KeyError, match="grulac"):
        table().cell("A.1.1", "grulac")


def test_the_parties_given_are_group_all_and_bound_the_groups():
    built = table(
        parties={"KEN", "UGA", "HTI", "FJI", "NGA", "MEX"},
        groups={"ldc": codes("UGA", "HTI", "TUV")},
    )
    assert built.coverage[ALL] == Coverage(ALL, parties=6, assessed=4)
    assert built.coverage["ldc"] == Coverage("ldc", parties=2, assessed=2)  # TUV: not a Party


def test_same_inputs_give_the_same_table_and_ranking_whatever_their_order():
    expected_table, expected_ranking = table(), candidate_priorities(table())
    for seed in range(20):
        rng = random.Random(seed)
        lines, supports = LINES[:], SUPPORTS[:]
        rng.shuffle(lines)
        rng.shuffle(supports)
        shuffled = table(lines=lines, supports=supports)
        assert shuffled == expected_table
        assert candidate_priorities(shuffled) == expected_ranking


def test_candidate_priorities_rank_by_score_and_break_ties_in_key_area_order():
    ranking = candidate_priorities(table())
    # A.1.1: UGA high and HTI medium unmet (KEN met) = 3 + 2; A.1.2: UGA medium, KEN low (HTI met)
    # = 2 + 1; A.2.1: HTI high = 3, tied with A.1.2, which comes first in the Action Plan.
    assert [(p.key_area, p.score) for p in ranking] == [("A.1.1", 5), ("A.1.2", 3), ("A.2.1", 3)]
    first = ranking[0]
    assert (first.parties_high, first.parties_medium, first.parties_low, first.met) == (2, 1, 0, 1)


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"high": 3, "medium": 2, "low": 1}, [("A.1.1", 5), ("A.1.2", 3), ("A.2.1", 3)]),
        ({"high": 1, "medium": 1, "low": 1}, [("A.1.1", 2), ("A.1.2", 2), ("A.2.1", 1)]),
        ({"high": 10, "medium": 0, "low": 0}, [("A.1.1", 10), ("A.2.1", 10), ("A.1.2", 0)]),
        ({"high": 0, "medium": 0, "low": 5}, [("A.1.2", 5), ("A.1.1", 0), ("A.2.1", 0)]),
        ({"high": 2.5, "medium": 0.5, "low": 0}, [("A.1.1", 3.0), ("A.2.1", 2.5), ("A.1.2", 0.5)]),
    ],
)
def test_the_priority_score_weighs_each_unmet_need_by_its_level(weights, expected):
    ranking = candidate_priorities(table(), weights=weights)
    assert [(p.key_area, p.score) for p in ranking] == expected


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("africa", [("A.1.1", 3), ("A.1.2", 3), ("A.2.1", 0)]),
        ("ldc", [("A.1.1", 5), ("A.2.1", 3), ("A.1.2", 2)]),
        ("sids", [("A.2.1", 3), ("A.1.1", 2), ("A.1.2", 0)]),
    ],
)
def test_candidate_priorities_of_a_group_count_only_its_parties(group, expected):
    ranking = candidate_priorities(table(), group=group)
    assert [(p.key_area, p.score) for p in ranking] == expected


def test_the_reasons_say_who_needs_it_what_was_met_how_the_score_adds_up_and_who_is_left_out():
    by_key_area = {p.key_area: p.reasons for p in candidate_priorities(table())}
    assert by_key_area["A.1.1"] == (
        "2 Parties rate it high, 1 medium",
        "1 need met by delivered support",
        "Score 5 = 3 × 1 unmet high + 2 × 1 unmet medium",
        "Not counted: 1 Party rates no need, 1 of 5 Parties has no self-assessment",
    )
    assert by_key_area["A.2.1"] == (
        "1 Party rates it high",
        "No need met by delivered support",
        "Score 3 = 3 × 1 unmet high",
        "Not counted: 1 Party rates no need, 1 Party did not assess it, "
        "1 Party has no line for it, 1 of 5 Parties has no self-assessment",
    )


def test_a_key_area_that_nobody_rated_a_need_scores_zero_and_says_why():
    nothing = table(lines=[NeedLine("KEN", "A.1.1", "high")])
    [_, a12, _] = candidate_priorities(nothing, group="africa")
    assert (a12.key_area, a12.score) == ("A.1.2", 0)
    assert a12.reasons == (
        "No Party rates it high, medium or low",
        "Score 0: no unmet need",
        "Not counted: 1 Party has no line for it, 2 of 3 Parties have no self-assessment",
    )


def test_all_needs_met_scores_zero():
    supports = [match("A.1.1", party) for party in ("KEN", "UGA", "HTI")]
    [priority] = [
        p for p in candidate_priorities(table(supports=supports)) if p.key_area == "A.1.1"
    ]
    assert (priority.score, priority.met) == (0, 3)
    assert priority.reasons[1:3] == ("3 needs met by delivered support", "Score 0: no unmet need")


@pytest.mark.parametrize(
    "weights",
    [
        {"high": 3, "medium": 2},
        {"high": 3, "medium": 2, "low": 1, "none": 1},
        {"high": -1, "medium": 2, "low": 1},
    ],
    ids=["a level missing", "a level too many", "negative"],
)
def test_it_refuses_weights_other_than_one_non_negative_number_per_level_of_need(weights):
    with pytest.raises(ValueError, match="weights"):
        candidate_priorities(table(), weights=weights)


def test_it_refuses_an_unknown_group_for_priorities():
    with pytest.raises(ValueError, match="grulac"):
        candidate_priorities(table(), group="grulac")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: NeedLine("KEN", "A.1.1", "urgent"), "unknown level"),
        (lambda: Support("A.1.1", "grant", codes("KEN")), "unknown kind"),
        (lambda: Support("A.1.1", "offer", codes()), "no eligible Party"),
        (lambda: Support("A.1.1", "activity", codes(OPEN)), "only an offer"),
        (lambda: Support("A.1.1", "match", codes("KEN", "UGA")), "one Party"),
        (lambda: Support("A.1.1", "offer", codes("KEN"), delivered=True), "only a match"),
    ],
)
def test_it_refuses_malformed_inputs(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lines": LINES + [NeedLine("KEN", "A.1.1", "low")]}, "two lines of KEN for A.1.1"),
        ({"lines": [NeedLine("KEN", "A.9.1", "low")]}, "unknown key area 'A.9.1'"),
        ({"supports": [offer("A.9", OPEN)]}, "offer #1: unknown key area 'A.9'"),
        ({"supports": [activity("A.9", "KEN", key="X")]}, "activity X: unknown key area"),
        ({"supports": [match("A.1", "KEN")]}, "'A.1' is not a key area"),
        ({"supports": [match("A.1.1", "USA")]}, "USA is not a Party"),
        ({"groups": {**GROUPS, "all": codes("KEN")}}, "no group may be named so"),
        ({"parties": {"KEN", "UGA", "HTI"}}, "not among the Parties: FJI"),
    ],
)
def test_it_refuses_what_it_does_not_know(options, message):
    with pytest.raises(ValueError, match=message):
        table(**options)


def test_the_input_dataclasses_are_frozen():
    line = NeedLine("KEN", "A.1.1", "high")
    with pytest.raises(AttributeError):
        line.level = "low"
    assert replace(line, level="low").level == "low"
