"""Matching Parties' capacity-building needs with support offers, by a score whose every term can
be read.

Over 600 lines because the terms, the full ranking and the fast limited one stay side by side:
the limited path must add the very same numbers in the same order as the matches it keeps.

A need is one line of a Party's self-assessment: a key area of the Action Plan (A.5.1) at a level
(low, medium, high), perhaps ranked among the Party's priorities, with the kinds of support, the
audiences, the languages and the date it wants. An offer is what a provider, a donor or a Party
offers: key areas or whole goals, kinds of support, who is eligible, languages, audiences, a period
and what remains of it.

A pair is a candidate when three gates hold: the offer covers the key area (by name, or through its
whole goal), the Party is eligible, and something remains. A candidate's score adds up weighted
terms, and each term keeps its value and why: a reason code with its facts (`REASONS`), read in
plain English as `Term.reason` or in the reader's language by a page, so that it can show why an
offer ranks where it does ("6 of 10") and a Party can dispute it. What a side did not state is
unknown, not a mismatch: the term earns half its weight, and the match lists it under `unknown`
rather than hide the guess in the total.

A provider whose declaration of interest is conflicted for the Party, or for the need's key area
or its goal (a topic), is flagged (`conflict`), not dropped: the match stays visible and ranked,
and whoever arranges the support decides. The status of the provider's declaration comes with
every match too, so that a page can mark "no current declaration".

    need = Need("KEN:A.5.1", party="KEN", key_area="A.5.1", level="high",
                languages=frozenset({"en"}), memberships=frozenset({"KEN", "african_group"}))
    offer = Offer("UNEP-17", provider="UNEP", key_areas=frozenset({"A.5"}),
                  languages=frozenset({"en", "fr"}))
    [match] = offers_for(need, [offer], today=date(2026, 3, 1))
    match.score, match.possible    # 6.0, 10: goal 1.5 + language 2 + half of 2, 1, 1 and 1
    [term.name for term in match.unknown]    # ["kind", "audience", "timing", "capacity"]

Nothing here reads the clock: "today" is an argument, so the same inputs give the same ranking.
Nothing is rounded either; pages round what they show.

`match_all` and `rank_all` never compare every need with every offer: they index the offers by the
key areas and goals they name and by who may apply, and build each distinct term once (a Party's
languages meet the same few languages of offers thousands of times). What remains grows with the
candidate pairs, a few microseconds each when every one becomes a match. Pages show the best few
matches of a need and how many there are, which `limit` asks for: each candidate is then scored
from numbers, a tenth of that, and only the kept ones become matches (figures in
bench/README.md, `make bench-needs`).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

LEVELS = ("low", "medium", "high")
"""The levels of need that are matched."""
UNMATCHED_LEVELS = ("none", "not_assessed")
"""Levels a self-assessment may give that ask for no support: `match_all` and `needs_for` skip
them, `offers_for` refuses them. Any other level is a mistake, refused when a Need is made."""
DECLARATIONS = ("accepted", "managed", "conflicted", "pending", "none")
"""Statuses of a provider's declaration of interest; "none": no current declaration."""

WEIGHTS = {
    "key_area": 3,
    "eligibility": 0,
    "language": 2,
    "kind": 2,
    "audience": 1,
    "timing": 1,
    "capacity": 1,
}
"""The terms of every match, in the order they are listed, and their weights. Covering the key
area weighs most; language and kind of support decide whether the support can be used at all;
audience, timing and capacity refine. Eligibility is a gate that every candidate passed: it adds
nothing to the score but says why the Party may apply. The weights add up to 10."""
NEED_WEIGHTS = {"level": 2, "rank": 1}
"""The two terms that `needs_for` adds, to put the neediest and highest-ranked lines first."""
LEVEL_VALUES = {"high": 1.0, "medium": 0.5, "low": 0.25}


@dataclass(frozen=True)
class Need:
    """One line of a Party's self-assessment. An empty set, or None, means "not stated".

    `memberships` are the Party's code (added when missing) and every grouping it belongs to (region
    codes, "ldc", "sids" …): what an offer's eligibility is read against. `rank` is the Party's
    priority (1 = first).
    """

    key: str
    party: str
    key_area: str
    level: str
    rank: int | None = None
    audiences: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    by: date | None = None
    memberships: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.level not in LEVELS + UNMATCHED_LEVELS:
            known = ", ".join(LEVELS + UNMATCHED_LEVELS)
            raise ValueError(f"need {self.key}: unknown level {self.level!r} (known: {known})")
        if self.rank is not None and self.rank < 1:
            raise ValueError(f"need {self.key}: rank {self.rank} is not 1 or more")
        if self.party not in self.memberships:
            object.__setattr__(self, "memberships", self.memberships | {self.party})

    @property
    def goal(self) -> str:
        return goal_of(self.key_area)


@dataclass(frozen=True)
class Offer:
    """Support that a provider offers. An empty set, or None, means "not stated", except
    `eligible`: empty means open to every Party.

    `key_areas` holds key-area codes (A.5.1) or whole goals (A.5). `eligible` holds government and
    grouping codes. `capacity` is the places or units remaining. `conflicted` are the Parties for
    which the provider's declaration of interest is conflicted, `conflicted_topics` the key
    areas or goals, and `declaration` its status.
    """

    key: str
    provider: str
    key_areas: frozenset[str]
    kinds: frozenset[str] = frozenset()
    eligible: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()
    start: date | None = None
    end: date | None = None
    capacity: int | None = None
    conflicted: frozenset[str] = frozenset()
    conflicted_topics: frozenset[str] = frozenset()
    declaration: str = "none"

    def __post_init__(self) -> None:
        if self.declaration not in DECLARATIONS:
            known = ", ".join(DECLARATIONS)
            raise ValueError(
                f"offer {self.key}: unknown declaration {self.declaration!r} (known: {known})"
            )
        if self.capacity is not None and self.capacity < 0:
            raise ValueError(f"offer {self.key}: capacity {self.capacity} is negative")


REASONS = {
    "key_area": "offers {key_area}",
    "goal": "offers goal {goal}, not key area {key_area} by name",
    "open": "open to every Party",
    "by_name": "{party} is eligible by name",
    "through": "{party} is eligible through {through}",
    "unstated": "stated by neither",
    "unstated_by_party": "not stated by the Party",
    "unstated_by_offer": "not stated by the offer",
    "common_language": "in {languages}",
    "no_common_language": "no common language (offer: {offered}; Party: {wanted})",
    "every_kind": "covers every kind wanted: {covered}",
    "some_kinds": "covers {count} of {wanted_count} kinds wanted: {covered} (not {missing})",
    "no_kind": "covers none of the kinds wanted: {wanted} (offers {offered})",
    "every_audience": "covers every audience wanted: {covered}",
    "some_audiences": (
        "covers {count} of {wanted_count} audiences wanted: {covered} (not {missing})"
    ),
    "no_audience": "covers none of the audiences wanted: {wanted} (offers {offered})",
    "undated": "no dates stated by the offer",
    "ended": "ended on {end}",
    "until": "offered until {end}; no date stated by the Party",
    "until_in_time": "offered until {end}: in time",
    "from": "offered from {start}; no date stated by the Party",
    "from_in_time": "offered from {start}: in time",
    "from_to": "offered from {start} to {end}; no date stated by the Party",
    "from_to_in_time": "offered from {start} to {end}: in time",
    "late": "starts on {start}, after the date needed",
    "remaining": "{capacity} remaining",
    "high": "high need",
    "medium": "medium need",
    "low": "low need",
    "unranked": "not ranked by the Party",
    "priority": "the Party's priority {rank}",
}
"""Why a term earned what it did, by code, in plain English: the facts of a term fill the
placeholders (a set of codes as a sorted list). A page says the same in its reader's language,
code by code."""


@dataclass(frozen=True)
class Term:
    """One reason in a score: its value (0 to 1, None when a side did not state it), its weight,
    and why: a code of `REASONS` and the facts it names (name → a text, a number, a date, or a
    sorted tuple of codes). An unknown term earns half its weight."""

    name: str
    weight: float
    value: float | None
    why: str
    facts: tuple[tuple[str, object], ...] = ()
    earned: float = field(init=False)

    def __post_init__(self) -> None:
        earned = self.weight / 2 if self.value is None else self.weight * self.value
        object.__setattr__(self, "earned", earned)

    @property
    def unknown(self) -> bool:
        return self.value is None

    @property
    def reason(self) -> str:
        """Why, in plain English."""
        shown = {
            name: ", ".join(value) if isinstance(value, tuple) else value
            for name, value in self.facts
        }
        return REASONS[self.why].format(**shown)


@dataclass(frozen=True, slots=True)  # match_all may make a million: slots halve their size
class Match:
    """A candidate pair, its score, and every term behind it.

    The score is the sum of what the terms earned, out of `possible`. `conflict`: the provider's
    declaration of interest is conflicted for the need's Party, key area or goal. `declaration`:
    the status of the provider's declaration ("none": no current one)."""

    need: Need
    offer: Offer
    score: float
    terms: tuple[Term, ...]

    @property
    def possible(self) -> float:
        return sum(term.weight for term in self.terms)

    @property
    def unknown(self) -> tuple[Term, ...]:
        """The terms a side did not state, each counted at half its weight."""
        return tuple(term for term in self.terms if term.unknown)

    @property
    def conflict(self) -> bool:
        topics = self.offer.conflicted_topics
        need = self.need
        return need.party in self.offer.conflicted or bool(
            topics and {need.key_area, need.goal} & topics
        )

    @property
    def declaration(self) -> str:
        return self.offer.declaration

    def term(self, name: str) -> Term:
        return {term.name: term for term in self.terms}[name]


@dataclass(frozen=True, slots=True)
class Ranking:
    """The best matches of a need, best first, and how many offers are candidates in all (a
    page's "12 offers fit, the best 5 shown")."""

    matches: tuple[Match, ...]
    candidates: int


def goal_of(key_area: str) -> str:
    """The goal of a key area: A.5.1 → A.5, A.10.3 → A.10, B.1.2 → B.1."""
    return key_area.rpartition(".")[0]


def offers_for(need: Need, offers: Iterable[Offer], *, today: date) -> list[Match]:
    """The candidate offers for a need, best first (ties by offer key). Raises ValueError for a
    need whose level is not matched ("none", "not_assessed")."""
    if need.level not in LEVELS:
        matched = ", ".join(LEVELS)
        raise ValueError(f"need {need.key}: level {need.level!r} is not matched ({matched} are)")
    return _Scorer(today).offers_for(need, offers)


def needs_for(offer: Offer, needs: Iterable[Need], *, today: date) -> list[Match]:
    """The needs that an offer fits, neediest first: the terms of `offers_for` and two more, the
    need's level and the Party's rank (ties by need key). Needs of an unmatched level are skipped.
    """
    scorer = _Scorer(today)
    found = [
        match
        for need in needs
        if need.level in LEVELS
        for match in scorer.matches(need, [offer], reverse=True)
    ]
    return sorted(found, key=lambda match: (-match.score, match.need.key))


def match_all(
    needs: Iterable[Need], offers: Iterable[Offer], *, today: date, limit: int | None = None
) -> dict[str, list[Match]]:
    """`offers_for` of every need of a matched level, by need key (in key order); needs of an
    unmatched level are skipped. With a `limit`, the best `limit` of each only (none at 0).

    The matches of `rank_all` without their count, for a caller that wants the lists alone; a
    page that says "12 offers fit, the best 5 shown" calls `rank_all`."""
    rankings = rank_all(needs, offers, today=today, limit=limit)
    return {key: list(ranking.matches) for key, ranking in rankings.items()}


def rank_all(
    needs: Iterable[Need], offers: Iterable[Offer], *, today: date, limit: int | None = None
) -> dict[str, Ranking]:
    """The ranking of every need of a matched level, by need key (in key order): its best
    `limit` matches in the order of `offers_for` (all of them when `limit` is None, none when
    it is 0) and the number of its candidates. Needs of an unmatched level are skipped.

    A ranking is one value, rather than a count beside `match_all`'s lists, because both come
    from the same pass over the candidates and a page shows them together. Each need meets only
    the offers that name its key area or goal and admit its Party (an index built first), and
    every distinct term is built once. With a limit, every candidate is scored from numbers
    alone (the same terms, added in the same order: the very same scores), the score of the
    `limit`-th best is found with a heap, and only the candidates that reach it are sorted
    (ties by offer key) and made into matches: the cost per candidate is a small fraction of a
    match's. Offer keys are taken to be unique. A negative limit is refused (ValueError)."""
    if limit is not None and limit < 0:
        raise ValueError(f"limit {limit} is negative")
    matched = sorted((need for need in needs if need.level in LEVELS), key=lambda need: need.key)
    scorer = _Scorer(today)
    if limit is None:
        index = _Index(offers)
        rankings = {}
        for need in matched:
            found = scorer.offers_for(need, index.candidates(need))
            rankings[need.key] = Ranking(tuple(found), len(found))
        return rankings
    shortlist = _Shortlist(offers, {need.key_area for need in matched}, scorer)
    return {need.key: shortlist.ranking(need, limit) for need in matched}


class _Index:
    """Offers by each key area or goal they name, then by who may apply: open to every Party, or
    admitting a government or grouping code."""

    def __init__(self, offers: Iterable[Offer]) -> None:
        self.open: dict[str, list[Offer]] = {}
        self.admitting: dict[tuple[str, str], list[Offer]] = {}
        for offer in offers:
            for code in offer.key_areas:
                if not offer.eligible:
                    self.open.setdefault(code, []).append(offer)
                for place in offer.eligible:
                    self.admitting.setdefault((code, place), []).append(offer)

    def candidates(self, need: Need) -> list[Offer]:
        """The offers that name the need's key area or goal and admit its Party, each once (an
        offer may name both, or admit the Party through several groupings)."""
        found = {}
        for code in (need.key_area, need.goal):
            for offer in self.open.get(code, ()):
                found[id(offer)] = offer
            for place in need.memberships:
                for offer in self.admitting.get((code, place), ()):
                    found[id(offer)] = offer
        return list(found.values())


class _Shortlist:
    """The offers as numbers, to score every candidate of a need without making its match.

    Offers with something remaining are numbered in key order (so that a number breaks a tie
    as the key does) and indexed by each key area of the needs they reach, by name or through
    its goal, then by who may apply, as `_Index` does. Each offer keeps, by number, what its
    timing and capacity terms earn and the position of its languages, kinds and audiences
    among the distinct values offered; a need-side value gets, once, the list of what its term
    earns with each of those. A candidate's score is then a few look-ups added in the order of
    its terms, the very float its match gets."""

    def __init__(self, offers: Iterable[Offer], key_areas: set[str], scorer: _Scorer) -> None:
        self.scorer = scorer
        self.offers = sorted((offer for offer in offers if offer.capacity != 0), key=_offer_key)
        goals: dict[str, list[str]] = {}
        for key_area in key_areas:
            goals.setdefault(goal_of(key_area), []).append(key_area)
        # (key area, named by name) → the offers open to every Party; (…, place) → admitting it
        self.open: dict[tuple[str, bool], list[int]] = {}
        self.admitting: dict[tuple[str, bool, str], list[int]] = {}
        self.values: dict[Callable[..., Term], dict[frozenset[str], int]] = {
            _language: {},
            _kind: {},
            _audience: {},
        }
        # By offer number: the positions of its values among the distinct ones offered …
        self.languages: list[int] = []
        self.kinds: list[int] = []
        self.audiences: list[int] = []
        # … what its capacity earns, and its timing when the need's date is met, is not met or
        # is not given (`starts`: the day it starts, as an ordinal; 0 when it gives none)
        self.capacity: list[float] = []
        self.in_time: list[float] = []
        self.late: list[float] = []
        self.undated: list[float] = []
        self.starts: list[int] = []
        timing, capacity = scorer.table(_timing, scorer.today), scorer.table(_capacity)
        for number, offer in enumerate(self.offers):
            for code in offer.key_areas:
                reached = [(code, True)] if code in key_areas else []
                reached += [
                    (area, False) for area in goals.get(code, ()) if area not in offer.key_areas
                ]
                for named in reached:
                    if not offer.eligible:
                        self.open.setdefault(named, []).append(number)
                    for place in offer.eligible:
                        self.admitting.setdefault((*named, place), []).append(number)
            for build, offered, kept in (
                (_language, offer.languages, self.languages),
                (_kind, offer.kinds, self.kinds),
                (_audience, offer.audiences, self.audiences),
            ):
                values = self.values[build]
                kept.append(values.setdefault(offered, len(values)))
            start, end = offer.start, offer.end
            self.starts.append(0 if start is None else start.toordinal())
            self.in_time.append(timing[start, end, True].earned)
            self.late.append(timing[start, end, False].earned)
            self.undated.append(timing[start, end, None].earned)
            self.capacity.append(capacity[offer.capacity].earned)
        self.earned: dict[tuple, list[float]] = {}

    def ranking(self, need: Need, limit: int) -> Ranking:
        """The best `limit` matches of the need (`limit` > 0 for any) and its candidates."""
        key_area = need.key_area
        named = list(self.open.get((key_area, True), ()))
        through_goal = list(self.open.get((key_area, False), ()))
        admitted_named, admitted_through_goal = set(), set()  # an offer may admit several places
        for place in need.memberships:
            admitted_named.update(self.admitting.get((key_area, True, place), ()))
            admitted_through_goal.update(self.admitting.get((key_area, False, place), ()))
        named += admitted_named
        through_goal += admitted_through_goal
        candidates = len(named) + len(through_goal)
        if not limit or not candidates:
            return Ranking((), candidates)
        key_areas = self.scorer.table(_key_area, key_area)
        eligible = self.scorer.table(_eligibility, need.party)[frozenset()].earned
        numbers = named + through_goal
        scores = self.scores(need, named, key_areas[key_area].earned + eligible)
        scores += self.scores(need, through_goal, key_areas[need.goal].earned + eligible)
        if candidates > limit:
            least = heapq.nlargest(limit, scores)[-1]
            best = sorted(
                (-score, n) for score, n in zip(scores, numbers, strict=True) if score >= least
            )
        else:
            best = sorted((-score, n) for score, n in zip(scores, numbers, strict=True))
        offers = [self.offers[number] for _score, number in best[:limit]]
        return Ranking(tuple(self.scorer.matches(need, offers)), candidates)

    def scores(self, need: Need, numbers: list[int], start: float) -> list[float]:
        """The scores of these offers for the need: `start` (its key-area and eligibility
        terms) then each further term, added in the order of a match's terms."""
        language = self.earned_with(_language, need.languages)
        kind = self.earned_with(_kind, need.kinds)
        audience = self.earned_with(_audience, need.audiences)
        languages, kinds, audiences = self.languages, self.kinds, self.audiences
        capacity = self.capacity
        if need.by is None:
            undated = self.undated
            return [
                start
                + language[languages[n]]
                + kind[kinds[n]]
                + audience[audiences[n]]
                + undated[n]
                + capacity[n]
                for n in numbers
            ]
        by, starts, in_time, late = need.by.toordinal(), self.starts, self.in_time, self.late
        return [
            start
            + language[languages[n]]
            + kind[kinds[n]]
            + audience[audiences[n]]
            + (in_time[n] if starts[n] <= by else late[n])
            + capacity[n]
            for n in numbers
        ]

    def earned_with(self, build: Callable[..., Term], wanted: frozenset[str]) -> list[float]:
        """What the term earns for this need-side value with each distinct offered value."""
        found = self.earned.get((build, wanted))
        if found is None:
            table = self.scorer.table(build, wanted)
            found = [table[offered].earned for offered in self.values[build]]
            self.earned[build, wanted] = found
        return found


def _offer_key(offer: Offer) -> str:
    return offer.key


class _Scorer:
    """The matches made on one day, each distinct term built once.

    A term reads one input of the need (its languages …) and one of the offer, and thousands of
    pairs share them: the terms are kept in a table per need-side input, keyed by the offer-side
    input, and shared between matches (a Term is immutable)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.tables: dict[tuple, _Table] = {}

    def offers_for(self, need: Need, offers: Iterable[Offer]) -> list[Match]:
        found = self.matches(need, offers)
        return sorted(found, key=lambda match: (-match.score, match.offer.key))

    def matches(
        self, need: Need, offers: Iterable[Offer], *, reverse: bool = False
    ) -> Iterator[Match]:
        """The matches of a need with the offers that pass the gates; `reverse` adds the terms
        that rank needs for an offer."""
        key_area, goal, by = need.key_area, need.goal, need.by
        key_areas = self.table(_key_area, key_area)
        eligibility = self.table(_eligibility, need.party)
        language = self.table(_language, need.languages)
        kind = self.table(_kind, need.kinds)
        audience = self.table(_audience, need.audiences)
        timing = self.table(_timing, self.today)
        capacity = self.table(_capacity)
        if reverse:
            need_terms = (self.table(_level)[need.level], self.table(_rank)[need.rank])
        for offer in offers:
            if key_area in offer.key_areas:
                named = key_area
            elif goal in offer.key_areas:
                named = goal
            else:
                continue
            through = offer.eligible & need.memberships
            if (offer.eligible and not through) or offer.capacity == 0:
                continue
            # Worked out here rather than in _timing, so that needs of every date share the
            # timing terms (their reasons name the offer's dates only).
            in_time = None if by is None else offer.start is None or offer.start <= by
            terms = (
                key_areas[named],
                eligibility[through],
                language[offer.languages],
                kind[offer.kinds],
                audience[offer.audiences],
                timing[offer.start, offer.end, in_time],
                capacity[offer.capacity],
            )
            if reverse:
                terms += need_terms
            yield Match(need, offer, _total(terms), terms)

    def table(self, build: Callable[..., Term], *need_side) -> _Table:
        key = (build, *need_side)
        table = self.tables.get(key)
        if table is None:
            table = self.tables[key] = _Table(build, need_side)
        return table


class _Table(dict):
    """The terms that a need-side input makes with each offer-side input, built when first
    asked for."""

    def __init__(self, build: Callable[..., Term], need_side: tuple) -> None:
        super().__init__()
        self.build, self.need_side = build, need_side

    def __missing__(self, offer_side) -> Term:
        term = self[offer_side] = self.build(*self.need_side, offer_side)
        return term


def _total(terms: tuple[Term, ...]) -> float:
    """What the terms earned, added one after the other in their order: `_Shortlist.scores`
    adds the same numbers in the same order, so that both give the very same float."""
    total = 0.0
    for term in terms:
        total += term.earned
    return total


def _key_area(key_area: str, named: str) -> Term:
    weight = WEIGHTS["key_area"]
    if named == key_area:
        return Term("key_area", weight, 1.0, "key_area", (("key_area", key_area),))
    return Term("key_area", weight, 0.5, "goal", (("goal", named), ("key_area", key_area)))


def _eligibility(party: str, through: frozenset[str]) -> Term:
    """`through`: the offer's eligible codes that admit the Party; none when it is open."""
    weight = WEIGHTS["eligibility"]
    if not through:
        return Term("eligibility", weight, 1.0, "open")
    if party in through:
        return Term("eligibility", weight, 1.0, "by_name", (("party", party),))
    facts = (("party", party), ("through", _listed(through)))
    return Term("eligibility", weight, 1.0, "through", facts)


def _language(wanted: frozenset[str], offered: frozenset[str]) -> Term:
    weight = WEIGHTS["language"]
    if not wanted or not offered:
        return Term("language", weight, None, _unstated(wanted, offered))
    if common := wanted & offered:
        return Term("language", weight, 1.0, "common_language", (("languages", _listed(common)),))
    facts = (("offered", _listed(offered)), ("wanted", _listed(wanted)))
    return Term("language", weight, 0.0, "no_common_language", facts)


def _kind(wanted: frozenset[str], offered: frozenset[str]) -> Term:
    return _share("kind", "kinds", wanted, offered)


def _audience(wanted: frozenset[str], offered: frozenset[str]) -> Term:
    return _share("audience", "audiences", wanted, offered)


def _share(name: str, plural: str, wanted: frozenset[str], offered: frozenset[str]) -> Term:
    """The share of what the need wants that the offer covers."""
    weight = WEIGHTS[name]
    if not wanted or not offered:
        return Term(name, weight, None, _unstated(wanted, offered))
    covered, missing = wanted & offered, wanted - offered
    value = len(covered) / len(wanted)
    if not missing:
        return Term(name, weight, value, f"every_{name}", (("covered", _listed(covered)),))
    if covered:
        facts = (
            ("count", len(covered)),
            ("wanted_count", len(wanted)),
            ("covered", _listed(covered)),
            ("missing", _listed(missing)),
        )
        return Term(name, weight, value, f"some_{plural}", facts)
    facts = (("wanted", _listed(wanted)), ("offered", _listed(offered)))
    return Term(name, weight, value, f"no_{name}", facts)


def _timing(today: date, dates: tuple[date | None, date | None, bool | None]) -> Term:
    """Whether the offer runs in time: it has not ended and starts by the date the need gives.
    `dates`: the offer's start and end, and whether it starts by the need's date (None when the
    need gives none). An offer with an end but no start is taken as open now."""
    weight = WEIGHTS["timing"]
    start, end, in_time = dates
    if start is None and end is None:
        return Term("timing", weight, None, "undated")
    if end is not None and end < today:
        return Term("timing", weight, 0.0, "ended", (("end", end),))
    if in_time is False:
        return Term("timing", weight, 0.0, "late", (("start", start),))
    why = "until" if start is None else "from" if end is None else "from_to"
    facts = tuple((name, day) for name, day in (("start", start), ("end", end)) if day)
    return Term("timing", weight, 1.0, f"{why}_in_time" if in_time else why, facts)


def _capacity(capacity: int | None) -> Term:
    if capacity is None:
        return Term("capacity", WEIGHTS["capacity"], None, "unstated_by_offer")
    return Term("capacity", WEIGHTS["capacity"], 1.0, "remaining", (("capacity", capacity),))


def _level(level: str) -> Term:
    return Term("level", NEED_WEIGHTS["level"], LEVEL_VALUES[level], level)


def _rank(rank: int | None) -> Term:
    if rank is None:
        return Term("rank", NEED_WEIGHTS["rank"], None, "unranked")
    return Term("rank", NEED_WEIGHTS["rank"], 1 / rank, "priority", (("rank", rank),))


def _unstated(wanted: frozenset[str], offered: frozenset[str]) -> str:
    if not wanted and not offered:
        return "unstated"
    return "unstated_by_party" if not wanted else "unstated_by_offer"


def _listed(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(codes))
