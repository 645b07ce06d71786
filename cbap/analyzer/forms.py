"""The analyzer page's GET form: what it offers for a cycle, and the values it shows."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from cbap.analyzer.columns import by_options
from cbap.analyzer.query import (
    MEASURE_CHOICES,
    MEASURE_ORIGINS,
    Choices,
    measures_note,
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
    find = "".join(values_of(query, "find")[-1:]).strip()[:100]
    chosen = "".join(values_of(query, "question")[-1:]).strip()
    sections: list[dict[str, Any]] = []
    matches = 0
    if cycle is not None and cycle.questionnaire_hash:
        full = ReportingCycle.objects.get(pk=cycle.pk)
        questionnaire = selectors.questionnaire_for(full, translation.get_language())
        for section in questionnaire.sections:
            in_section = [
                q
                for q in questionnaire.questions.values()
                if q.section == section.key and q.type != "legend"
            ]
            matched = [q for q in in_section if found(find, q.key, q.number, q.plain_title)]
            matches += len(matched)
            entries = [  # the question shown stays offered, matching or not
                (q.key, _short(f"{q.key} – {q.plain_title}"), q.number)
                for q in in_section
                if q in matched or q.key == chosen
            ]
            if entries or not find:
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
        "measures_note": measures_note(),
        "previous": previous,
        "default_question": f"section:{sections[0]['key']}" if sections else "all",
        "find": find,
        "found": matches if find else None,
    }


def found(find: str, key: str, number: str, title: str) -> bool:
    """Whether a question matches what was typed in "Find a question": its key ("Q011",
    "q11"), its number ("11"), or every word in its title; the same rule as the page's script."""
    if not find:
        return True
    typed = find.casefold()
    if typed == key.casefold() or (number and typed in (number, "q" + number)):
        return True
    text = f"{key} {title}".casefold()
    return all(word in text for word in typed.split())


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
