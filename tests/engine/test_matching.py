import random
from datetime import date

import pytest

from cbap.engine.matching import (
    LEVELS,
    WEIGHTS,
    Need,
    Offer,
    Ranking,
    Term,
    goal_of,
    match_all,
    needs_for,
    offers_for,
    rank_all,
)

TODAY = date(2026, 3, 1)


def codes(*values):
    return frozenset(values)


def a_need(**changes):
    fields = {
        "key": "KEN:A.5.1",
        "party": "KEN",
        "key_area": "A.5.1",
        "level": "high",
        "memberships": codes("KEN", "african_group", "ldc"),
    }
    return Need(**{**fields, **changes})


def an_offer(**changes):
    fields = {"key": "O-1", "provider": "UNEP", "key_areas": codes("A.5.1")}
    return Offer(**{**fields, **changes})


def the_match(need, offer):
    """The one match of a pair, or None when a gate keeps the offer out."""
    matches = offers_for(need, [offer], today=TODAY)
    assert len(matches) <= 1
    return matches[0] if matches else None


@pytest.mark.parametrize(
    ("key_area", "goal"),
    [("A.5.1", "A.5"), ("A.10.3", "A.10"), ("B.1.2", "B.1")],
)
def test_it_reads_the_goal_of_a_key_area(key_area, goal):
    assert goal_of(key_area) == goal


@pytest.mark.parametrize(
    ("need", "offer"),
    [
        ({}, {"key_areas": codes("A.5.2")}),
        ({}, {"key_areas": codes("A.6")}),
        ({"key_area": "A.1.1"}, {"key_areas": codes("A.10")}),
        ({"key_area": "A.10.3"}, {"key_areas": codes("A.1")}),
        ({}, {"key_areas": codes("A.5.1.2")}),
        ({}, {"eligible": codes("asia_pacific", "UGA")}),
        ({"memberships": codes("african_group")}, {"eligible": codes("ldc")}),
        ({}, {"capacity": 0}),
    ],
    ids=[
        "another key area",
        "another goal",
        "goal A.10 is not A.1",
        "goal A.1 is not A.10",
        "a code below the key area",
        "Party not eligible",
        "grouping the Party is not in",
        "nothing remains",
    ],
)
def test_it_returns_no_match_when_a_gate_fails(need, offer):
    assert offers_for(a_need(**need), [an_offer(**offer)], today=TODAY) == []


@pytest.mark.parametrize(
    ("need", "key_areas", "value", "reason"),
    [
        ({}, codes("A.5.1"), 1.0, "offers A.5.1"),
        ({}, codes("A.5.3", "A.5.1"), 1.0, "offers A.5.1"),
        ({}, codes("A.5"), 0.5, "offers goal A.5, not key area A.5.1 by name"),
        ({}, codes("A.5", "A.5.1"), 1.0, "offers A.5.1"),
        (
            {"key_area": "A.10.3"},
            codes("A.10"),
            0.5,
            "offers goal A.10, not key area A.10.3 by name",
        ),
    ],
)
def test_it_scores_the_key_area_in_full_by_name_and_half_through_the_goal(
    need, key_areas, value, reason
):
    term = the_match(a_need(**need), an_offer(key_areas=key_areas)).term("key_area")
    assert (term.weight, term.value, term.reason) == (3, value, reason)


@pytest.mark.parametrize(
    ("eligible", "reason"),
    [
        (codes(), "open to every Party"),
        (codes("KEN", "UGA"), "KEN is eligible by name"),
        (codes("KEN", "african_group"), "KEN is eligible by name"),
        (
            codes("ldc", "african_group", "asia_pacific"),
            "KEN is eligible through african_group, ldc",
        ),
    ],
)
def test_it_says_how_the_party_is_eligible_without_scoring_it(eligible, reason):
    match = the_match(a_need(), an_offer(eligible=eligible))
    term = match.term("eligibility")
    assert (term.weight, term.value, term.earned, term.reason) == (0, 1.0, 0.0, reason)


def test_it_takes_the_partys_own_code_as_one_of_its_memberships():
    need = Need("KEN:A.5.1", party="KEN", key_area="A.5.1", level="low")
    assert need.memberships == codes("KEN")
    assert the_match(need, an_offer(eligible=codes("KEN"))) is not None


@pytest.mark.parametrize(
    ("wanted", "offered", "value", "reason"),
    [
        (codes("en"), codes("en", "fr"), 1.0, "in en"),
        (codes("en", "fr"), codes("fr", "en", "es"), 1.0, "in en, fr"),
        (codes("en"), codes("fr", "es"), 0.0, "no common language (offer: es, fr; Party: en)"),
        (codes(), codes("fr"), None, "not stated by the Party"),
        (codes("en"), codes(), None, "not stated by the offer"),
        (codes(), codes(), None, "stated by neither"),
    ],
)
def test_it_scores_a_common_language(wanted, offered, value, reason):
    term = the_match(a_need(languages=wanted), an_offer(languages=offered)).term("language")
    assert (term.weight, term.value, term.reason) == (2, value, reason)


@pytest.mark.parametrize(
    ("wanted", "offered", "value", "reason"),
    [
        (
            codes("training", "funding"),
            codes("funding", "training", "experts"),
            1.0,
            "covers every kind wanted: funding, training",
        ),
        (
            codes("training", "funding"),
            codes("training"),
            0.5,
            "covers 1 of 2 kinds wanted: training (not funding)",
        ),
        (
            codes("training", "funding", "equipment"),
            codes("training", "equipment"),
            2 / 3,
            "covers 2 of 3 kinds wanted: equipment, training (not funding)",
        ),
        (
            codes("funding"),
            codes("training", "experts"),
            0.0,
            "covers none of the kinds wanted: funding (offers experts, training)",
        ),
        (codes(), codes("training"), None, "not stated by the Party"),
        (codes("training"), codes(), None, "not stated by the offer"),
    ],
)
def test_it_scores_the_share_of_the_kinds_of_support_wanted(wanted, offered, value, reason):
    term = the_match(a_need(kinds=wanted), an_offer(kinds=offered)).term("kind")
    assert (term.weight, term.value, term.reason) == (2, value, reason)


@pytest.mark.parametrize(
    ("wanted", "offered", "value", "reason"),
    [
        (
            codes("customs_officers"),
            codes("customs_officers", "policymakers"),
            1.0,
            "covers every audience wanted: customs_officers",
        ),
        (
            codes("customs_officers", "policymakers"),
            codes("policymakers"),
            0.5,
            "covers 1 of 2 audiences wanted: policymakers (not customs_officers)",
        ),
        (
            codes("policymakers"),
            codes("civil_society"),
            0.0,
            "covers none of the audiences wanted: policymakers (offers civil_society)",
        ),
        (codes(), codes(), None, "stated by neither"),
    ],
)
def test_it_scores_the_share_of_the_audiences_wanted(wanted, offered, value, reason):
    term = the_match(a_need(audiences=wanted), an_offer(audiences=offered)).term("audience")
    assert (term.weight, term.value, term.reason) == (1, value, reason)


JUNE_30 = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("by", "start", "end", "value", "reason"),
    [
        (JUNE_30, None, None, None, "no dates stated by the offer"),
        (None, None, None, None, "no dates stated by the offer"),
        (JUNE_30, date(2026, 4, 1), None, 1.0, "offered from 2026-04-01: in time"),
        (
            JUNE_30,
            JUNE_30,
            date(2026, 9, 30),
            1.0,
            "offered from 2026-06-30 to 2026-09-30: in time",
        ),
        (JUNE_30, date(2026, 7, 1), None, 0.0, "starts on 2026-07-01, after the date needed"),
        (JUNE_30, None, date(2026, 12, 31), 1.0, "offered until 2026-12-31: in time"),
        (JUNE_30, date(2025, 1, 1), date(2026, 2, 28), 0.0, "ended on 2026-02-28"),
        (None, date(2025, 1, 1), date(2026, 2, 28), 0.0, "ended on 2026-02-28"),
        (None, None, TODAY, 1.0, "offered until 2026-03-01; no date stated by the Party"),
        (None, date(2027, 1, 1), None, 1.0, "offered from 2027-01-01; no date stated by the Party"),
    ],
    ids=[
        "no dates",
        "no dates on either side",
        "starts before the date needed",
        "starts on the date needed",
        "starts after the date needed",
        "open now",
        "ended before today",
        "ended, no date needed",
        "ends today",
        "no date needed, not ended",
    ],
)
def test_it_scores_whether_the_offer_runs_in_time(by, start, end, value, reason):
    term = the_match(a_need(by=by), an_offer(start=start, end=end)).term("timing")
    assert (term.weight, term.value, term.reason) == (1, value, reason)


@pytest.mark.parametrize(
    ("capacity", "value", "reason"),
    [(None, None, "not stated by the offer"), (1, 1.0, "1 remaining"), (12, 1.0, "12 remaining")],
)
def test_it_scores_what_remains_of_an_offer(capacity, value, reason):
    term = the_match(a_need(), an_offer(capacity=capacity)).term("capacity")
    assert (term.weight, term.value, term.reason) == (1, value, reason)


@pytest.mark.parametrize(
    ("weight", "value", "earned"),
    [
        (3, 1.0, 3.0),
        (3, 0.5, 1.5),
        (2, 0.0, 0.0),
        (2, None, 1.0),
        (1, None, 0.5),
        (2, 2 / 3, 4 / 3),
    ],
)
def test_a_term_earns_its_weight_times_its_value_and_half_its_weight_when_unknown(
    weight, value, earned
):
    term = Term("any", weight, value, "why")
    assert (term.earned, term.unknown) == (earned, value is None)


def test_a_fully_stated_match_scores_the_sum_of_its_weighted_terms():
    need = a_need(
        languages=codes("en"),
        kinds=codes("training", "funding"),
        audiences=codes("customs_officers"),
        by=JUNE_30,
    )
    offer = an_offer(
        key_areas=codes("A.5"),
        languages=codes("fr"),
        kinds=codes("training"),
        audiences=codes("customs_officers"),
        start=date(2026, 4, 1),
        capacity=5,
    )
    match = the_match(need, offer)
    assert [(term.name, term.value) for term in match.terms] == [
        ("key_area", 0.5),
        ("eligibility", 1.0),
        ("language", 0.0),
        ("kind", 0.5),
        ("audience", 1.0),
        ("timing", 1.0),
        ("capacity", 1.0),
    ]
    assert match.score == 3 * 0.5 + 0 + 2 * 0.0 + 2 * 0.5 + 1 + 1 + 1 == 5.5
    assert match.possible == sum(WEIGHTS.values()) == 10
    assert match.unknown == ()


def test_unknown_terms_earn_half_their_weight_and_are_reported_as_unknown():
    need = a_need(languages=codes("en"), memberships=codes("KEN", "african_group"))
    offer = an_offer(key_areas=codes("A.5"), languages=codes("en", "fr"))
    [match] = offers_for(need, [offer], today=TODAY)  # the module's example
    assert (match.score, match.possible) == (6.0, 10)
    assert [term.name for term in match.unknown] == ["kind", "audience", "timing", "capacity"]
    assert [term.earned for term in match.unknown] == [1.0, 0.5, 0.5, 0.5]
    assert [term.reason for term in match.unknown] == [
        "stated by neither",
        "stated by neither",
        "no dates stated by the offer",
        "not stated by the offer",
    ]


def test_a_stated_mismatch_scores_below_an_unknown():
    need = a_need(languages=codes("en"))
    unknown = the_match(need, an_offer(key="O-1"))
    mismatch = the_match(need, an_offer(key="O-2", languages=codes("fr")))
    assert unknown.score - mismatch.score == 1.0  # half of the language's weight


def test_a_conflicted_provider_is_flagged_and_still_ranked():
    conflicted = an_offer(
        key="O-1",
        languages=codes("en"),
        capacity=3,
        conflicted=codes("KEN"),
        declaration="conflicted",
    )
    elsewhere = an_offer(key="O-2", conflicted=codes("UGA"), declaration="managed")
    undeclared = an_offer(key="O-3", key_areas=codes("A.5"))
    matches = offers_for(
        a_need(languages=codes("en")), [undeclared, elsewhere, conflicted], today=TODAY
    )
    assert [(m.offer.key, m.score, m.conflict, m.declaration) for m in matches] == [
        ("O-1", 8.0, True, "conflicted"),
        ("O-2", 6.5, False, "managed"),
        ("O-3", 5.0, False, "none"),
    ]


@pytest.mark.parametrize(
    ("topics", "flagged"),
    [
        (codes("A.5.1"), True),  # the need's key area
        (codes("A.5"), True),  # its goal
        (codes("A.5.2", "A.6"), False),  # other topics
        (codes(), False),
    ],
)
def test_a_provider_conflicted_on_the_topic_is_flagged(topics, flagged):
    offer = an_offer(conflicted_topics=topics, declaration="conflicted")
    assert the_match(a_need(), offer).conflict is flagged


OFFERS = [
    an_offer(key="O-5", languages=codes("en")),
    an_offer(key="O-3", languages=codes("en")),
    an_offer(key="O-9", key_areas=codes("A.5"), languages=codes("en")),
    an_offer(key="O-1", key_areas=codes("A.5")),
    an_offer(key="O-4", languages=codes("en"), capacity=2),
    an_offer(key="O-2", languages=codes("en"), capacity=2),
    an_offer(key="O-7"),
    an_offer(key="O-8", key_areas=codes("A.6")),
]


@pytest.mark.parametrize("seed", range(5))
def test_it_ranks_by_score_then_offer_key_whatever_the_order_of_the_offers(seed):
    offers = list(OFFERS)
    random.Random(seed).shuffle(offers)
    matches = offers_for(a_need(languages=codes("en")), offers, today=TODAY)
    assert [(m.offer.key, m.score) for m in matches] == [
        ("O-2", 8.0),
        ("O-4", 8.0),
        ("O-3", 7.5),
        ("O-5", 7.5),
        ("O-7", 6.5),
        ("O-9", 6.0),
        ("O-1", 5.0),
    ]


@pytest.mark.parametrize("level", ["none", "not_assessed"])
def test_offers_for_refuses_a_need_of_an_unmatched_level(level):
    with pytest.raises(ValueError, match=f"KEN:A.5.1: level '{level}' is not matched"):
        offers_for(a_need(level=level), [an_offer()], today=TODAY)


@pytest.mark.parametrize(
    ("make", "changes", "message"),
    [
        (a_need, {"level": "hgih"}, "unknown level 'hgih'"),
        (a_need, {"rank": 0}, "rank 0 is not 1 or more"),
        (an_offer, {"declaration": "acepted"}, "unknown declaration 'acepted'"),
        (an_offer, {"capacity": -1}, "capacity -1 is negative"),
    ],
)
def test_it_refuses_values_it_does_not_know(make, changes, message):
    with pytest.raises(ValueError, match=message):
        make(**changes)


@pytest.mark.parametrize(
    ("level", "rank", "level_value", "rank_value", "rank_reason"),
    [
        ("high", 1, 1.0, 1.0, "the Party's priority 1"),
        ("medium", 2, 0.5, 0.5, "the Party's priority 2"),
        ("low", 4, 0.25, 0.25, "the Party's priority 4"),
        ("high", None, 1.0, None, "not ranked by the Party"),
    ],
)
def test_needs_for_adds_the_level_and_the_rank(level, rank, level_value, rank_value, rank_reason):
    [match] = needs_for(an_offer(), [a_need(level=level, rank=rank)], today=TODAY)
    level_term, rank_term = match.terms[-2:]
    assert (level_term.name, level_term.weight, level_term.value) == ("level", 2, level_value)
    assert level_term.reason == f"{level} need"
    assert (rank_term.name, rank_term.weight, rank_term.value) == ("rank", 1, rank_value)
    assert rank_term.reason == rank_reason
    assert match.possible == 13
    assert match.score == 6.5 + 2 * level_value + (0.5 if rank is None else rank_value)


@pytest.mark.parametrize("seed", range(3))
def test_needs_for_ranks_the_neediest_first_then_by_need_key(seed):
    needs = [
        a_need(key="UGA:A.5.1", party="UGA", level="medium", rank=1),
        a_need(key="KEN:A.5.1", level="high", rank=2),
        a_need(key="ETH:A.5.1", party="ETH", level="high", rank=2),
        a_need(key="GHA:A.5.1", party="GHA", level="low"),
        a_need(key="TZA:A.5.1", party="TZA", level="none"),
        a_need(key="MLI:A.5.1", party="MLI", level="not_assessed"),
        a_need(key="KEN:A.6.1", key_area="A.6.1", level="high", rank=1),
    ]
    random.Random(seed).shuffle(needs)
    matches = needs_for(an_offer(), needs, today=TODAY)
    assert [(m.need.key, m.score) for m in matches] == [
        ("ETH:A.5.1", 9.0),
        ("KEN:A.5.1", 9.0),
        ("UGA:A.5.1", 8.5),
        ("GHA:A.5.1", 7.5),
    ]


def a_workload(seed):
    """Needs of 12 Parties in 4 key areas and 120 offers, drawn at random but the same per seed."""
    draw = random.Random(seed)
    regions = ["african_group", "asia_pacific", "grulac"]
    key_areas = ["A.1.1", "A.10.3", "A.5.1", "A.5.2"]
    needs = []
    for number in range(12):
        party = f"P{number:02d}"
        memberships = codes(party, draw.choice(regions), *(["ldc"] if draw.random() < 0.5 else []))
        for key_area in key_areas:
            needs.append(
                Need(
                    f"{party}:{key_area}",
                    party=party,
                    key_area=key_area,
                    level=draw.choice(LEVELS + ("none", "not_assessed")),
                    languages=codes(*draw.sample(["en", "fr", "es"], draw.randint(0, 2))),
                    kinds=codes(
                        *draw.sample(["training", "funding", "experts"], draw.randint(0, 2))
                    ),
                    by=draw.choice([None, date(2026, 6, 30)]),
                    memberships=memberships,
                )
            )
    offers = [
        Offer(
            f"O-{number:03d}",
            provider="anyone",
            key_areas=codes(*draw.sample(key_areas + ["A.1", "A.10", "A.5"], draw.randint(1, 3))),
            eligible=codes(*draw.sample(regions + ["ldc", "P03", "P07"], draw.randint(0, 2))),
            languages=codes(*draw.sample(["en", "fr", "es"], draw.randint(0, 2))),
            kinds=codes(*draw.sample(["training", "funding", "experts"], draw.randint(0, 2))),
            start=draw.choice([None, date(2026, 4, 1), date(2026, 8, 1)]),
            end=draw.choice([None, date(2026, 2, 1), date(2026, 12, 31)]),
            capacity=draw.choice([None, 0, 4]),
            conflicted=codes(*draw.sample(["P01", "P02"], draw.randint(0, 1))),
        )
        for number in range(120)
    ]
    return needs, offers


@pytest.mark.parametrize("seed", range(4))
def test_match_all_gives_what_offers_for_gives_each_need(seed):
    needs, offers = a_workload(seed)
    matches = match_all(needs, offers, today=TODAY)
    matched = sorted(need.key for need in needs if need.level in LEVELS)
    assert list(matches) == matched
    assert sum(map(len, matches.values())) > 100  # the workload has candidates to compare
    for need in needs:
        if need.level in LEVELS:
            assert matches[need.key] == offers_for(need, offers, today=TODAY), need.key


def test_match_all_lists_an_offer_once_however_it_reaches_the_need():
    offer = an_offer(key_areas=codes("A.5", "A.5.1"), eligible=codes("african_group", "ldc", "KEN"))
    matches = match_all([a_need()], [offer], today=TODAY)
    assert [(m.offer.key, m.term("key_area").value) for m in matches["KEN:A.5.1"]] == [("O-1", 1.0)]


def test_match_all_skips_needs_of_an_unmatched_level_and_keeps_those_without_candidates():
    needs = [
        a_need(key="KEN:A.5.1", level="none"),
        a_need(key="KEN:A.5.2", key_area="A.5.2", level="not_assessed"),
        a_need(key="KEN:A.6.1", key_area="A.6.1", level="low"),
    ]
    assert match_all(needs, [an_offer()], today=TODAY) == {"KEN:A.6.1": []}


def a_varied_workload(seed):
    """Needs of 20 Parties in 6 key areas of two goals and 300 offers, drawn at random but the
    same per seed: shares in thirds and quarters, dates wanted, offers reaching a need several
    ways (by name and through the goal, through the Party and its groupings), none remaining."""
    draw = random.Random(seed)
    regions = ["african_group", "asia_pacific_group", "grulac"]
    key_areas = ["A.5.1", "A.5.2", "A.5.3", "A.10.1", "A.10.2", "A.10.3"]
    kinds = ["training", "funding", "experts", "equipment"]
    audiences = ["policymakers", "customs_officers", "laboratory_technicians"]
    languages = ["en", "fr", "es", "ar"]
    parties = [f"P{number:02d}" for number in range(20)]
    needs = []
    for party in parties:
        groupings = [draw.choice(regions)] + [g for g in ("ldc", "sids") if draw.random() < 0.3]
        spoken = codes(*draw.sample(languages, draw.randint(0, 2)))
        for key_area in key_areas:
            needs.append(
                Need(
                    f"{party}:{key_area}",
                    party=party,
                    key_area=key_area,
                    level=draw.choice(LEVELS + ("none",)),
                    rank=draw.choice([None, None, 1, 2, 3]),
                    audiences=codes(*draw.sample(audiences, draw.randint(0, 3))),
                    kinds=codes(*draw.sample(kinds, draw.randint(0, 4))),
                    languages=spoken,
                    by=draw.choice([None, date(2026, 6, 30), date(2027, 1, 31)]),
                    memberships=codes(party, *groupings),
                )
            )
    offers = []
    for number in range(300):
        named = draw.sample(key_areas + ["A.5", "A.10"], draw.randint(1, 3))
        places = draw.sample(regions + ["ldc", "sids"] + parties, draw.randint(1, 3))
        offers.append(
            Offer(
                f"O-{number:03d}",
                provider="anyone",
                key_areas=codes(*named),
                eligible=codes(*places) if draw.random() < 0.6 else codes(),
                languages=codes(*draw.sample(languages, draw.randint(0, 3))),
                kinds=codes(*draw.sample(kinds, draw.randint(0, 3))),
                audiences=codes(*draw.sample(audiences, draw.randint(0, 2))),
                start=draw.choice(
                    [None, date(2026, 1, 1), JUNE_30, date(2026, 9, 1), date(2027, 3, 1)]
                ),
                end=draw.choice([None, date(2026, 2, 1), date(2027, 12, 31)]),
                capacity=draw.choice([None, 0, 1, 10]),
            )
        )
    return needs, offers


WORKLOADS = [(a_workload, seed) for seed in range(3)] + [(a_varied_workload, s) for s in range(5)]


@pytest.mark.parametrize("limit", [1, 2, 5, 20])
@pytest.mark.parametrize(
    ("workload", "seed"), WORKLOADS, ids=[f"{w.__name__}-{s}" for w, s in WORKLOADS]
)
def test_a_limit_keeps_the_first_matches_of_the_whole_ranking_and_counts_them_all(
    workload, seed, limit
):
    needs, offers = workload(seed)
    everything = match_all(needs, offers, today=TODAY)
    rankings = rank_all(needs, offers, today=TODAY, limit=limit)
    assert list(rankings) == list(everything)
    assert any(len(matches) > limit for matches in everything.values())  # the limit cuts
    for key, matches in everything.items():
        assert rankings[key] == Ranking(tuple(matches[:limit]), candidates=len(matches)), key
    assert match_all(needs, offers, today=TODAY, limit=limit) == {
        key: matches[:limit] for key, matches in everything.items()
    }


@pytest.mark.parametrize("seed", range(3))
def test_without_a_limit_a_ranking_holds_every_match(seed):
    needs, offers = a_varied_workload(seed)
    everything = match_all(needs, offers, today=TODAY)
    assert match_all(needs, offers, today=TODAY, limit=None) == everything
    assert rank_all(needs, offers, today=TODAY) == {
        key: Ranking(tuple(matches), len(matches)) for key, matches in everything.items()
    }


@pytest.mark.parametrize("seed", range(3))
def test_a_limit_of_0_keeps_no_match_and_still_counts_the_candidates(seed):
    needs, offers = a_varied_workload(seed)
    everything = match_all(needs, offers, today=TODAY)
    assert rank_all(needs, offers, today=TODAY, limit=0) == {
        key: Ranking((), len(matches)) for key, matches in everything.items()
    }
    assert match_all(needs, offers, today=TODAY, limit=0) == {key: [] for key in everything}


@pytest.mark.parametrize(
    ("limit", "kept"),
    [
        (1, ["O-2"]),
        (2, ["O-2", "O-4"]),
        (3, ["O-2", "O-4", "O-3"]),
        (6, ["O-2", "O-4", "O-3", "O-5", "O-7", "O-9"]),
    ],
)
@pytest.mark.parametrize("seed", range(3))
def test_a_limit_breaks_ties_by_offer_key(seed, limit, kept):
    offers = list(OFFERS)
    random.Random(seed).shuffle(offers)
    [ranking] = rank_all([a_need(languages=codes("en"))], offers, today=TODAY, limit=limit).values()
    assert [m.offer.key for m in ranking.matches] == kept
    assert ranking.candidates == 7


def test_a_ranking_counts_an_offer_once_however_it_reaches_the_need():
    offer = an_offer(key_areas=codes("A.5", "A.5.1"), eligible=codes("african_group", "ldc", "KEN"))
    through_goal = an_offer(
        key="O-2", key_areas=codes("A.5"), eligible=codes("african_group", "ldc")
    )
    rankings = rank_all([a_need()], [offer, through_goal], today=TODAY, limit=5)
    ranking = rankings["KEN:A.5.1"]
    assert ranking.candidates == 2
    assert [(m.offer.key, m.term("key_area").value) for m in ranking.matches] == [
        ("O-1", 1.0),
        ("O-2", 0.5),
    ]


def test_a_ranking_keeps_needs_without_candidates_and_skips_unmatched_levels():
    needs = [
        a_need(key="KEN:A.5.1", level="none"),
        a_need(key="KEN:A.6.1", key_area="A.6.1", level="low"),
    ]
    assert rank_all(needs, [an_offer()], today=TODAY, limit=3) == {"KEN:A.6.1": Ranking((), 0)}


def test_a_negative_limit_is_refused():
    with pytest.raises(ValueError, match="limit -1 is negative"):
        rank_all([a_need()], [an_offer()], today=TODAY, limit=-1)
