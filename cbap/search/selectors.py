"""Search across everything public: the plan, the national-report questions, the Parties, the
organizations and what Parties wrote in their published reports, ranked and grouped by kind.

On PostgreSQL the database's full-text search (English stemming: "consideration" finds
"considerations") also matches and ranks; on SQLite every word must occur as typed. Either
way a hyphenated word matches its other spellings (`matching`). Each kind is a source: a later
record type (activities, resources, offers) adds one function to `SOURCES`, nothing else.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, Value
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from cbap.activities import selectors as activity_selectors
from cbap.bch.text import answer_value, texts
from cbap.organizations.models import OrganizationProfile
from cbap.parties.models import Government
from cbap.plan.models import Indicator, KeyArea, Outcome, PlanActivity, PlanVersion
from cbap.plan.selectors import narrative_url
from cbap.records.selectors import published_contents
from cbap.reports import selectors as reports
from cbap.reports.models import NationalReport, Question
from cbap.search import matching

PER_KIND = 20


@dataclass(frozen=True)
class Hit:
    title: str
    snippet: SafeString
    url: str
    rank: float


@dataclass(frozen=True)
class Group:
    kind: str
    label: str  # in the reader's language
    hits: list[Hit]


def search(query: str, kind: str = "") -> list[Group]:
    """The groups with hits, in `SOURCES` order; only `kind`'s when given."""
    if not matching.words(query):
        return []
    groups = []
    for key, (label, source) in SOURCES.items():
        if kind and key != kind:
            continue
        hits = sorted(source(query), key=lambda hit: -hit.rank)
        if hits:
            groups.append(Group(key, str(label), hits))
    return groups


def _matching(queryset: QuerySet, fields: list[str], query: str, also: Q | None = None) -> QuerySet:
    """Rows where every word occurs (any spelling), or `also` holds (a code typed as such); on
    PostgreSQL also full-text matches, with `rank` from the database (else 0)."""
    words_match = matching.condition(fields, query) | (also or Q(pk__in=[]))
    if connection.vendor != "postgresql":
        return queryset.filter(words_match).annotate(rank=Value(0.0))
    tsquery = reduce(
        operator.and_,
        (
            reduce(
                operator.or_,
                (
                    SearchQuery(s, search_type="websearch", config="english")
                    for s in matching.spellings(word)
                ),
            )
            for word in matching.words(query)
        ),
    )
    vector = SearchVector(*fields, config="english")
    return queryset.annotate(document=vector, rank=SearchRank(vector, tsquery)).filter(
        Q(document=tsquery) | words_match
    )


def _ranked(text: str, query: str, exact: bool, rank: float) -> float:
    return (1000 if exact else 0) + matching.score(text, query) + 10 * (rank or 0)


def _plan(query: str) -> list[Hit]:
    """Goals, elements and narrative paragraphs by their words, and by their code ("A.5.c")."""
    version = PlanVersion.objects.filter(is_current=True).first()
    if version is None:
        return []
    code = query.strip().upper()
    by_code = Q(code__iexact=code)
    in_version = version.query()
    rows = [*_matching(version.goals.all(), ["title"], query, by_code)] + [
        row
        for model in (KeyArea, PlanActivity, Indicator, Outcome)
        for row in _matching(model.objects.filter(goal__version=version), ["text"], query, by_code)
    ]
    hits = []
    for row in rows:
        url, text = row.get_absolute_url() + in_version, getattr(row, "text", None) or row.title
        rank = _ranked(text, query, row.code.upper() == code, row.rank)
        hits.append(Hit(row.code, matching.marked(text, query), url, rank))
    for paragraph in _matching(version.narrative.all(), ["text"], query):
        url = narrative_url(version, paragraph.code)
        rank = _ranked(paragraph.text, query, False, paragraph.rank)
        hits.append(Hit(paragraph.code, matching.marked(paragraph.text, query), url, rank))
    return hits


def _questions(query: str) -> list[Hit]:
    """By words of the title, and by key ("Q011") or number ("11", "Q11") typed alone."""
    typed = query.strip()
    by_code = Q(key__iexact=typed) | Q(number=typed.lstrip("Qq0") or typed)
    questions = Question.objects.select_related("cycle").exclude(type="legend")
    hits = []
    for question in _matching(questions, ["title", "key"], query, by_code)[:200]:
        exact = question.key.upper() == typed.upper()
        number = f" ({question.number})" if question.number else ""
        hits.append(
            Hit(
                f"NR{question.cycle.number} {question.key}{number}",
                matching.marked(question.title, query),
                f"{reverse('analyzer:index')}?cycle={question.cycle.number}&question={question.key}",
                _ranked(question.title, query, exact, question.rank),
            )
        )
    return hits


def _parties(query: str) -> list[Hit]:
    typed = query.strip().upper()
    by_code = Q(code=typed) | Q(iso2=typed) | Q(iso3=typed)
    rows = Government.objects.filter(matching.condition(["name"], query) | by_code)
    return [
        Hit(
            government.name,
            matching.marked(f"{government.name} ({government.code})", query),
            government.get_absolute_url(),
            _ranked(government.name, query, typed in (government.code, government.iso2), 0),
        )
        for government in rows[:100]
    ]


def _organizations(query: str) -> list[Hit]:
    """Published profiles, as published: a newer draft's words are nobody's business yet."""
    public = list(OrganizationProfile.objects.filter(published_version__isnull=False))
    hits = []
    for profile, content in zip(public, _contents(public), strict=True):
        words = " ".join(str(content.get(f) or "") for f in ("name", "acronym", "profile"))
        if matching.contains_all(words, query):
            shown = content.get("name") or ""
            text = shown if matching.contains_all(shown, query) else content.get("profile") or ""
            rank = _ranked(words, query, False, 0)
            hits.append(Hit(shown, matching.marked(text, query), profile.get_absolute_url(), rank))
    return hits


def _contents(records: list) -> list[dict]:
    contents = published_contents(records)
    return [contents.get(record.pk, {}) for record in records]


def _answers(query: str) -> list[Hit]:
    """Free texts of published reports only (their published version: never a draft)."""
    hits = []
    for version in reports.published_versions(NationalReport.objects.all()):
        for key, raw in version.answers.items():
            for text in _free_texts(raw):
                if matching.contains_all(text, query):
                    page = reverse(
                        "reports:detail", args=[version.cycle_number, version.government.code]
                    )
                    hits.append(
                        Hit(
                            f"{version.government.name}, NR{version.cycle_number} {key}",
                            matching.marked(text, query),
                            f"{page}#{key}",
                            _ranked(text, query, False, 0),
                        )
                    )
    return hits


def _free_texts(raw) -> list[str]:
    """The texts a stored answer holds: free text in every language, and the additional
    information typed beside options."""
    value = answer_value(raw)
    if isinstance(value, str | dict):
        return list(texts(value).values())
    found = []
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, dict) and isinstance(item.get("additionalInformation"), str | dict):
            found += texts(answer_value(item["additionalInformation"])).values()
    return found


def _listings(kind: str, url_name: str) -> Callable[[str], list[Hit]]:
    """Published activities or resources whose words start with the query's (the faceted
    search's own index), newest first."""

    def source(query: str) -> list[Hit]:
        ids = activity_selectors.matching(kind, {}, query)[:PER_KIND]
        return [
            Hit(
                listing.title,
                matching.marked(listing.title, query),
                reverse(url_name, args=[listing.record_id]),
                float(-number),
            )
            for number, listing in enumerate(activity_selectors.listings_of(ids))
        ]

    return source


SOURCES: dict[str, tuple[str, Callable[[str], list[Hit]]]] = {
    "plan": (gettext_lazy("The Action Plan"), _plan),
    "questions": (gettext_lazy("National-report questions"), _questions),
    "parties": (gettext_lazy("Parties and other governments"), _parties),
    "organizations": (gettext_lazy("Organizations"), _organizations),
    "activities": (
        gettext_lazy("Capacity-building activities"),
        _listings("activity", "activities:detail"),
    ),
    "resources": (
        gettext_lazy("The virtual library"),
        _listings("resource", "activities:resource"),
    ),
    "answers": (gettext_lazy("What Parties wrote in their published reports"), _answers),
}
