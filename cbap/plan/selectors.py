"""Reading the plan: one version with all its elements, as objects or as the export dict."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from cbap.plan import catalogue
from cbap.plan.models import Goal, Indicator, KeyArea, Outcome, PlanActivity, PlanVersion

ELEMENT_RELATIONS = ("keyareas", "planactivitys", "indicators", "outcomes")


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
    """The plan in the documented export shape (also what the JSON download and the API give)."""
    return {
        "version": {
            "code": version.code,
            "title": version.title,
            "decision": version.decision,
            "document": version.document,
            "adopted_on": version.adopted_on.isoformat(),
            "runs_to": version.runs_to,
            "previous": version.previous.code if version.previous else None,
            "note": version.note,
        },
        "goals": [goal_as_dict(goal) for goal in goals_with_elements(version)],
    }


def goal_as_dict(goal: Goal) -> dict:
    return {
        "code": goal.code,
        "section": goal.section,
        "number": goal.number,
        "title": goal.title,
        "articles": goal.articles,
        "key_areas": [
            {"code": k.code, "number": k.number, "text": k.text, "scope": k.scope}
            for k in goal.keyareas.all()
        ],
        "activities": [
            {"code": a.code, "number": a.number, "text": a.text, "scope": a.scope}
            for a in goal.planactivitys.all()
        ],
        "indicators": [
            {
                "code": i.code,
                "letter": i.letter,
                "text": i.text,
                "measure": i.measure,
                "scope": i.scope,
            }
            for i in goal.indicators.all()
        ],
        "outcomes": [o.text for o in goal.outcomes.all()],
    }


def version_elements(version: PlanVersion) -> list[catalogue.Element]:
    return catalogue.elements(plan_as_dict(version))


@dataclass(frozen=True)
class SearchHit:
    kind: str
    code: str
    text: str
    goal: str
    url: str


def plan_search(version: PlanVersion, query: str, limit: int = 200) -> list[SearchHit]:
    """Elements and narrative paragraphs whose text contains every word of the query."""
    words = query.split()
    if not words:
        return []
    text_filter = Q()
    for word in words:
        text_filter &= Q(text__icontains=word)
    goal_filter = Q()
    for word in words:
        goal_filter &= Q(title__icontains=word)
    hits = [
        SearchHit("goal", g.code, g.title, g.code, g.get_absolute_url())
        for g in version.goals.filter(goal_filter)
    ]
    for kind, model in (
        ("key_areas", KeyArea),
        ("activities", PlanActivity),
        ("indicators", Indicator),
        ("outcomes", Outcome),
    ):
        rows = model.objects.select_related("goal").filter(text_filter, goal__version=version)
        hits += [SearchHit(kind, r.code, r.text, r.goal.code, r.get_absolute_url()) for r in rows]
    hits += [
        SearchHit("narrative", p.code, p.text, "", f"/plan/about/#{p.code}")
        for p in version.narrative.filter(text_filter)
    ]
    return hits[:limit]
