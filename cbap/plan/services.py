"""Writing the plan: loading a version from its data file, idempotently."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from cbap.core.dataversion import data_changed
from cbap.plan import catalogue, validation
from cbap.plan.models import (
    Goal,
    Indicator,
    IndicatorTarget,
    KeyArea,
    NarrativeParagraph,
    Outcome,
    PlanActivity,
    PlanVersion,
    PriorityPeriod,
    Scope,
    ScopedElement,
    ScopeSource,
    VocabularyTerm,
)

ELEMENT_MODELS = {
    "key_areas": (KeyArea, "number"),
    "activities": (PlanActivity, "number"),
    "indicators": (Indicator, "letter"),
    "outcomes": (Outcome, "number"),
}


@transaction.atomic
def plan_version_load(
    *, data: dict, make_current: bool = True, source: str = "plan data"
) -> tuple[PlanVersion, str]:
    """Create or update a plan version from its data; return it and "created"/"updated"/"unchanged".

    The whole file is checked first (`validation.PlanDataError` names `source` and lists every
    problem), so nothing is written for a bad file. Elements are matched by code, so rows other
    records point at survive a reload.
    """
    known = frozenset(PlanVersion.objects.values_list("code", flat=True))
    validation.check(data, source=source, known_versions=known)
    meta = data["version"]
    digest = catalogue.content_hash(data)
    version = PlanVersion.objects.filter(code=meta["code"]).first()
    if version and version.content_hash == digest:
        if make_current and not version.is_current:
            _make_current(version)
        return version, "unchanged"
    outcome = "updated" if version else "created"
    version = version or PlanVersion(code=meta["code"])
    version.title = meta["title"]
    version.decision = meta["decision"]
    version.document = meta.get("document", "")
    version.adopted_on = date.fromisoformat(meta["adopted_on"])
    version.runs_to = meta["runs_to"]
    version.note = meta.get("note", "")
    version.previous = (
        PlanVersion.objects.get(code=meta["previous"]) if meta.get("previous") else None
    )
    version.columns = data["columns"]
    version.sections = data["sections"]
    version.content_hash = digest
    version.translation_sources = {
        language: given["source"] for language, given in data.get("translations", {}).items()
    }
    version.save()
    _load_goals(version, data["goals"], _translations_by_code(data.get("translations", {})))
    _replace(version.narrative, NarrativeParagraph, _narrative_rows(data.get("narrative", [])))
    _replace(version.terms, VocabularyTerm, _vocabulary_rows(data.get("vocabularies", {})))
    _replace(version.priorities, PriorityPeriod, _priority_rows(data.get("priorities", [])))
    _replace(version.targets, IndicatorTarget, _target_rows(data.get("targets", [])))
    if make_current:
        _make_current(version)
    data_changed()
    return version, outcome


def plan_version_load_reference(*, data: dict, source: str) -> tuple[PlanVersion, str]:
    """Load the adopted plan for `cbap setup`: current only when no version is current yet, so a
    later adjusted version made current stays current."""
    has_current = PlanVersion.objects.filter(is_current=True).exists()
    return plan_version_load(data=data, make_current=not has_current, source=source)


def _make_current(version: PlanVersion) -> None:
    data_changed()
    PlanVersion.objects.exclude(pk=version.pk).update(is_current=False)
    PlanVersion.objects.filter(pk=version.pk).update(is_current=True)
    version.is_current = True


def _translations_by_code(translations: dict) -> dict[str, dict[str, str]]:
    """{code: {language: text}} from the file's {language: {"texts": {code: text}}}."""
    by_code: dict[str, dict[str, str]] = {}
    for language, given in translations.items():
        for code, text in given["texts"].items():
            by_code.setdefault(code, {})[language] = text
    return by_code


def _load_goals(version: PlanVersion, goals: list[dict], translated: dict) -> None:
    kept_goals = []
    for position, item in enumerate(goals):
        goal, _ = Goal.objects.update_or_create(
            version=version,
            code=item["code"],
            defaults={
                "section": item["section"],
                "number": item["number"],
                "title": item["title"],
                "articles": item.get("articles", []),
                "position": position,
                "translations": translated.get(item["code"], {}),
            },
        )
        kept_goals.append(goal.pk)
        for kind, (model, marker_field) in ELEMENT_MODELS.items():
            items = catalogue.outcome_items(item) if kind == "outcomes" else item[kind]
            kept = []
            for pos, element in enumerate(items):
                marker = element[marker_field]
                code = catalogue.element_code(goal.code, marker)
                defaults = {
                    "text": element["text"],
                    "position": pos,
                    marker_field: marker,
                    "translations": translated.get(code, {}),
                }
                if issubclass(model, ScopedElement):  # a missing scope means all Parties
                    defaults["scope"] = element.get("scope", Scope.ALL)
                    defaults["scope_source"] = element.get("scope_source", ScopeSource.DECISION)
                if model is Indicator:
                    defaults["measure"] = element["measure"]
                row, _ = model.objects.update_or_create(goal=goal, code=code, defaults=defaults)
                kept.append(row.pk)
            model.objects.filter(goal=goal).exclude(pk__in=kept).delete()
    version.goals.exclude(pk__in=kept_goals).delete()


def _narrative_rows(paragraphs: list[dict]) -> list[dict]:
    fields = ("code", "part", "heading", "subheading", "number", "text")
    return [{**{f: p.get(f, "") for f in fields}, "position": i} for i, p in enumerate(paragraphs)]


def _vocabulary_rows(vocabularies: dict[str, list[str]]) -> list[dict]:
    return [
        {"vocabulary": name, "text": text, "position": i}
        for name, terms in vocabularies.items()
        for i, text in enumerate(terms)
    ]


def _priority_rows(periods: list[dict]) -> list[dict]:
    return [
        {
            "decision": p["decision"],
            "starts_on": date.fromisoformat(p["starts_on"]),
            "ends_on": date.fromisoformat(p["ends_on"]),
            "element_codes": p["element_codes"],
            "note": p.get("note", ""),
        }
        for p in periods
    ]


def _target_rows(targets: list[dict]) -> list[dict]:
    return [
        {
            "indicator_code": t["indicator"],
            "year": t["year"],
            "value": float(t["value"]),
            "source": t["source"],
            "note": t.get("note", ""),
        }
        for t in targets
    ]


def _replace(related_manager, model, rows: list[dict]) -> None:
    """Narrative, vocabularies, priorities and targets carry no identity of their own: replace
    them."""
    related_manager.all().delete()
    model.objects.bulk_create(model(version=related_manager.instance, **row) for row in rows)
