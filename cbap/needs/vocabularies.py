"""The terms of needs and offers. Levels of need are the issue's scale; kinds of support are
the issue's list (training, technical assistance, funding, equipment or reference materials,
fellowships, experts). Audiences are the activities' (¶15 of the annex and the BCH's list)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from cbap.activities import vocabularies as activity_vocabularies

LEVELS = {
    "high": gettext_lazy("High"),
    "medium": gettext_lazy("Medium"),
    "low": gettext_lazy("Low"),
    "none": gettext_lazy("None"),
    "not_assessed": gettext_lazy("Not assessed"),
}
MATCHED_LEVELS = ("high", "medium", "low")

KINDS = {
    "training": gettext_lazy("Training"),
    "technical_assistance": gettext_lazy("Technical assistance"),
    "funding": gettext_lazy("Funding"),
    "equipment": gettext_lazy("Equipment or reference materials"),
    "fellowships": gettext_lazy("Fellowships"),
    "experts": gettext_lazy("Experts"),
}


def audiences() -> dict[str, str]:
    return {key: term.title for key, term in activity_vocabularies.AUDIENCES.items()}


# The terms of a match's score (`cbap.engine.matching`), as pages name them.
TERMS = {
    "key_area": gettext_lazy("Key area"),
    "eligibility": gettext_lazy("Eligibility"),
    "language": gettext_lazy("Language"),
    "kind": gettext_lazy("Kind of support"),
    "audience": gettext_lazy("Audience"),
    "timing": gettext_lazy("Timing"),
    "capacity": gettext_lazy("Places left"),
    "level": gettext_lazy("Level of need"),
    "rank": gettext_lazy("Priority rank"),
}
