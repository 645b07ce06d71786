"""Reading the plan: one version with all its elements, as objects or as the export dict."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from cbap.plan import catalogue
from cbap.plan.models import (
    Goal,
    Indicator,
    KeyArea,
    Outcome,
    PlanActivity,
    PlanVersion,
    PriorityPeriod,
    VocabularyTerm,
)

ELEMENT_RELATIONS = ("key_areas", "plan_activities", "indicators", "outcomes")


def plan_version(code: str | None = None) -> PlanVersion:
    """The version with that code, or the current one."""
    if code:
        return PlanVersion.objects.get(code=code)
    return PlanVersion.current()


def goals_with_elements(version: PlanVersion):
    return version.goals.prefetch_related(*ELEMENT_RELATIONS)


def goal_with_elements(version: PlanVersion, code: str) -> Goal:
    return goals_with_elements(version).get(code=code)


def element_by_code(version: PlanVersion, code: str):
    """The goal or goal element with that code in the version, or None."""
    if code.count(".") == 1:
        return version.goals.filter(code=code).first()
    for model in (KeyArea, PlanActivity, Indicator, Outcome):
        found = model.objects.select_related("goal").filter(goal__version=version, code=code)
        if element := found.first():
            return element
    return None


def plan_as_dict(version: PlanVersion) -> dict:
    """The whole plan in the documented export shape: the JSON download, the API's plan root and
    the version comparison all use it, and it loads back as a plan data file."""
    return {
        "version": version_as_dict(version),
        "columns": version.columns,
        "sections": version.sections,
        "goals": [goal_as_dict(goal) for goal in goals_with_elements(version)],
        "narrative": [
            {
                "code": p.code,
                "part": p.part,
                "heading": p.heading,
                "subheading": p.subheading,
                "number": p.number,
                "text": p.text,
                "articles": catalogue.cited_articles(p.text),
            }
            for p in version.narrative.all()
        ],
        "vocabularies": vocabularies(version),
        "priorities": [priority_as_dict(p) for p in version.priorities.all()],
    }


def version_as_dict(version: PlanVersion) -> dict:
    return {
        "code": version.code,
        "title": version.title,
        "decision": version.decision,
        "document": version.document,
        "adopted_on": version.adopted_on.isoformat(),
        "runs_to": version.runs_to,
        "previous": version.previous.code if version.previous else None,
        "note": version.note,
    }


def vocabularies(version: PlanVersion) -> dict[str, list[str]]:
    """The plan's vocabularies in the order the model declares them (actors, audiences, levels)."""
    terms = {name: [] for name in VocabularyTerm.Vocabulary.values}
    for term in version.terms.all():
        terms[term.vocabulary].append(term.text)
    return {name: texts for name, texts in terms.items() if texts}


def priority_as_dict(period: PriorityPeriod) -> dict:
    return {
        "decision": period.decision,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "element_codes": period.element_codes,
        "note": period.note,
    }


def _scoped(item) -> dict:
    return {
        "text": item.text,
        "scope": item.scope,
        "scope_source": item.scope_source,
        "articles": catalogue.cited_articles(item.text),
    }


def goal_as_dict(goal: Goal) -> dict:
    return {
        "code": goal.code,
        "section": goal.section,
        "number": goal.number,
        "title": goal.title,
        "articles": goal.articles,
        "key_areas": [
            {"code": k.code, "number": k.number, **_scoped(k)} for k in goal.key_areas.all()
        ],
        "activities": [
            {"code": a.code, "number": a.number, **_scoped(a)} for a in goal.plan_activities.all()
        ],
        "indicators": [
            {"code": i.code, "letter": i.letter, "measure": i.measure, **_scoped(i)}
            for i in goal.indicators.all()
        ],
        "outcomes": [o.text for o in goal.outcomes.all()],
    }


def version_elements(version: PlanVersion) -> list[catalogue.Element]:
    return catalogue.elements(plan_as_dict(version))


def version_changes(old: PlanVersion, new: PlanVersion) -> list[catalogue.VersionChange]:
    """Everything that changed from one version to another (catalogue.diff)."""
    return catalogue.diff(plan_as_dict(old), plan_as_dict(new))


def prioritized(version: PlanVersion) -> dict[str, list[PriorityPeriod]]:
    """Element code → the version's priority periods that name it."""
    found: dict[str, list[PriorityPeriod]] = {}
    for period in version.priorities.all():
        for code in period.element_codes:
            found.setdefault(code, []).append(period)
    return found


@dataclass(frozen=True)
class SearchHit:
    kind: str
    code: str
    text: str
    goal: str
    url: str


def plan_search(version: PlanVersion, query: str, limit: int = 200) -> list[SearchHit]:
    """Elements and narrative paragraphs whose text contains every word of the query; links stay
    in the version searched."""
    words = query.split()
    if not words:
        return []
    text_filter = Q()
    for word in words:
        text_filter &= Q(text__icontains=word)
    goal_filter = Q()
    for word in words:
        goal_filter &= Q(title__icontains=word)
    in_version = version.query()
    hits = [
        SearchHit("goal", g.code, g.title, g.code, g.get_absolute_url() + in_version)
        for g in version.goals.filter(goal_filter)
    ]
    for kind, model in (
        ("key_areas", KeyArea),
        ("activities", PlanActivity),
        ("indicators", Indicator),
        ("outcomes", Outcome),
    ):
        rows = model.objects.select_related("goal").filter(text_filter, goal__version=version)
        hits += [
            SearchHit(kind, r.code, r.text, r.goal.code, r.get_absolute_url() + in_version)
            for r in rows
        ]
    hits += [
        SearchHit("narrative", p.code, p.text, "", narrative_url(version, p.code))
        for p in version.narrative.filter(text_filter)
    ]
    return hits[:limit]


def narrative_url(version: PlanVersion, code: str) -> str:
    return f"{reverse('plan:about')}{version.query()}#{code}"


@dataclass(frozen=True)
class Citation:
    """A goal, goal element or narrative paragraph that cites a Protocol article."""

    kind: str  # "goal", a key of catalogue.ELEMENT_KINDS, or "narrative"
    code: str
    text: str
    url: str


def article_citations(version: PlanVersion) -> dict[int, list[Citation]]:
    """Every Protocol article the version's texts cite ("Article 17 …"), in article order, with
    what cites it: goals and their elements in plan order, then the decision and its annex."""
    cited: dict[int, list[Citation]] = {}

    def add(numbers, citation: Citation) -> None:
        for number in numbers:
            cited.setdefault(number, []).append(citation)

    in_version = version.query()
    for goal in goals_with_elements(version):
        numbers = dict.fromkeys([*goal.articles, *catalogue.cited_articles(goal.title)])
        add(numbers, Citation("goal", goal.code, goal.title, goal.get_absolute_url() + in_version))
        for kind, relation in zip(catalogue.ELEMENT_KINDS, ELEMENT_RELATIONS, strict=True):
            for item in getattr(goal, relation).all():
                url = item.get_absolute_url() + in_version
                add(catalogue.cited_articles(item.text), Citation(kind, item.code, item.text, url))
    for paragraph in version.narrative.all():
        url = narrative_url(version, paragraph.code)
        citation = Citation("narrative", paragraph.code, paragraph.text, url)
        add(catalogue.cited_articles(paragraph.text), citation)
    return dict(sorted(cited.items()))


def addressable_texts(version: PlanVersion | None = None) -> dict[str, str]:
    """code → text of what a capacity-building activity or resource may say it addresses: the
    goals, key areas and plan activities of the version (default: the current one)."""
    version = version or PlanVersion.current()
    texts = dict(version.goals.values_list("code", "title"))
    for model in (KeyArea, PlanActivity):
        texts.update(model.objects.filter(goal__version=version).values_list("code", "text"))
    return texts


def addressable_codes(version: PlanVersion | None = None) -> frozenset[str]:
    return frozenset(addressable_texts(version))
