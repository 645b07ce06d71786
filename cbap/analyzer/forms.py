"""The analyzer page's GET form: what it offers for a cycle, and the values it shows."""

from __future__ import annotations

from typing import Any

from cbap.analyzer.columns import by_options
from cbap.analyzer.query import (
    MEASURE_CHOICES,
    MEASURE_ORIGINS,
    MEASURES_NOTE,
    Choices,
    values_of,
)
from cbap.bch.text import plain
from cbap.reports import selectors
from cbap.reports.models import ReportingCycle


def form_options(query: Any) -> dict[str, Any]:
    """What the page's GET form offers for the cycle in `query` (else the latest): cycles,
    questions by section, ways to choose the columns, measures (the BCH's, then cbap's) and the
    sentence that says which is which, the cycle to compare with, and `default_question` (the
    first section, so that the page opens small)."""
    cycles = list(ReportingCycle.objects.defer("questionnaire").order_by("-number"))
    wanted = "".join(values_of(query, "cycle")[-1:]).strip()
    cycle = next((c for c in cycles if str(c.number) == wanted), cycles[0] if cycles else None)
    sections: list[dict[str, Any]] = []
    if cycle is not None and cycle.questionnaire_hash:
        full = ReportingCycle.objects.get(pk=cycle.pk)
        questionnaire = selectors.questionnaire_for(full)
        for section in questionnaire.sections:
            entries = [
                (q.key, _short(f"{q.key} – {q.plain_title}"))
                for q in questionnaire.questions.values()
                if q.section == section.key and q.type != "legend"
            ]
            sections.append(
                {"key": section.key, "title": plain(section.title), "questions": entries}
            )
    previous = next((c for c in cycles if cycle and c.pk == cycle.previous_id), None)
    return {
        "cycles": cycles,
        "cycle": cycle,
        "sections": sections,
        "by_options": by_options(),
        "measure_groups": [
            (origin, [(code, MEASURE_CHOICES[code]) for code in codes])
            for origin, codes in MEASURE_ORIGINS
        ],
        "measures_note": MEASURES_NOTE,
        "previous": previous,
        "default_question": f"section:{sections[0]['key']}" if sections else "all",
    }


def form_values(query: Any, choices: Choices | None, default_question: str) -> dict[str, str]:
    """The form's current values: those of the analysis shown, else what the query asked for."""
    if choices is not None:
        return {
            "question": choices.question,
            "by": "countries" if choices.countries else choices.by,
            "countries": ",".join(choices.countries),
            "measure": choices.measure,
            "compare": "" if choices.compare is None else str(choices.compare),
        }

    def get(name: str, default: str = "") -> str:
        return "".join(values_of(query, name)[-1:]).strip() or default

    by = get("by", "region")
    countries = get("countries")
    if by.startswith("countries:"):
        by, countries = "countries", by.split(":", 1)[1]
    return {
        "question": get("question", default_question),
        "by": by,
        "countries": countries,
        "measure": get("measure", "count"),
        "compare": get("compare"),
    }


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
