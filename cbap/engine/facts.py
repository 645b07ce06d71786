"""The facts the engine computes on: plain, immutable data with no Django in sight.

Selectors in the Django apps read the database and build these; the engine never queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


class Answer(Protocol):
    """One government's answer to one question, as the engine reads it.

    A protocol, not a class of the engine's own: the answers are made by the BCH format library
    (`cbap.bch.answers.Answer`, normalised from the BCH answer shapes), and the engine and that
    library stay independent of each other, so the engine names only what it reads.

    `values` holds option values or thesaurus term identifiers (one for single choice);
    `with_text` the values whose option carries free text (BCH `additionalInformation`);
    `number` an integer answer; `text` free text (any language, English preferred).
    A question that was not answered has no Answer at all.
    """

    @property
    def values(self) -> tuple[str, ...]: ...

    @property
    def with_text(self) -> frozenset[str]: ...

    @property
    def number(self) -> int | None: ...

    @property
    def text(self) -> str | None: ...


@dataclass(frozen=True)
class Report:
    """A published national report of one government in one reporting cycle."""

    government: str  # ISO 3166-1 alpha-3 code (EUR for the European Union)
    answers: Mapping[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True)
class RecordRef:
    """One published record behind a records source's figure: an activity, a resource, a need
    (a line of a self-assessment: `id` is the self-assessment's) or a match (support delivered:
    `id` is the activity that delivered it).

    `parties` are the Parties it counts for: the countries it covers (those it names, and every
    member of a region it names) or the Party that recorded it, as the source says."""

    kind: str  # "activity", "resource", "need" or "match"
    id: int
    title: str
    parties: tuple[str, ...] = ()
    demo: bool = False
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Selection:
    """What the published records hold of one records selection (`records.Selector`) in a
    cycle's window.

    `records` counted (of them `demo` demo data); `undated` matching records without a date,
    whose place in the window is unknown (not counted, shown); `parties` the Parties that a
    counted record counts for; `views` and `downloads` of the selected resources in the window's
    months; `items` the records themselves, when read (an indicator's page), else None."""

    records: int = 0
    demo: int = 0
    undated: int = 0
    parties: frozenset[str] = frozenset()
    views: int = 0
    downloads: int = 0
    items: tuple[RecordRef, ...] | None = None


@dataclass(frozen=True)
class Records:
    """The published records as a cycle's records sources read them: the window (from `since`,
    the plan's adoption, to `until`, the cycle's deadline), each selection by its key
    (`records.Selector.key`), and `recorded`, by source (activities, resources, needs, matches),
    the Parties that any published record of it in the window counts for (the records'
    coverage, as "reported" is the reports'; activities and resources share the public index's).
    """

    since: date
    until: date
    selections: Mapping[str, Selection] = field(default_factory=dict)
    recorded: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Cycle:
    """Everything known about one reporting cycle on its deadline.

    `populations` are registry facts on the deadline (e.g. "cartagena_parties",
    "supplementary_protocol_parties"), or None for a population nobody knows the members of yet
    (e.g. "non_compliant_parties" before the Compliance Committee's cases are recorded): its
    indicators have no data and no number of Parties, and `member_of` it is unknown. `groups`
    are the disaggregations
    (e.g. "region:African Group", "ldc", "sids", "lldc", "developing",
    "supplementary_protocol"); `reports` are keyed by government code and may include
    non-Parties, which populations then leave out. `unknown_members`, by population or group
    name, holds the governments that may or may not belong to it on the deadline (the registry
    has no date for them): the populations and groups leave them out, and indicators on them
    are computed on both readings (`indicators.compute`).
    """

    number: int
    deadline: date
    populations: Mapping[str, frozenset[str] | None]
    groups: Mapping[str, frozenset[str]]
    reports: Mapping[str, Report]
    unknown_members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    records: Records | None = None
    """The published records of activities and resources, for the cycle's records sources
    (None: no source of the cycle reads them, or they were not read)."""
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    """What the engine derives from these facts, kept while the Cycle lives so that every
    indicator computed on it shares it (each condition's sets, see `conditions.verdicts`; each
    group's reporters). Facts read anew make a new Cycle, so nothing derived outlives the facts
    it was derived from."""
