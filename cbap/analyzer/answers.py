"""A cycle's published answers that count, normalised once and kept in the process.

The answers are read only through `reports.selectors.published_versions` (what the public sees:
a newer draft never counts). An answer whose shape does not fit its question is left out and
counted; an answer the questionnaire's rules make not applicable is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Max, Q, Sum

from cbap.bch.answers import Answer, normalize
from cbap.bch.problems import AnswerShapeError
from cbap.bch.questionnaire import Questionnaire
from cbap.bch.rules import ANSWERED, answer_states
from cbap.core.once import one_at_a_time
from cbap.reports import selectors
from cbap.reports.models import NationalReport, ReportingCycle


@dataclass
class CycleAnswers:
    """The published answers of a cycle that count, by question then government code."""

    cycle: ReportingCycle
    questionnaire: Questionnaire
    answers: dict[str, dict[str, Answer]]
    raw: dict[str, dict[str, Any]]
    reporters: frozenset[str]
    synthetic: frozenset[str]
    unreadable: int = 0  # answers whose shape does not fit their question (left out)


# Normalising a cycle's answers takes most of an analysis (~0.4 s for 160 NR5 reports), so the
# result is kept in the process until the published reports change: `_fingerprint` costs one
# small query, and every saved change of a report moves its `updated_at`. A published revision
# never changes, so each is normalised once (`_REVISIONS`): after a publication, only the new
# one is.
_ANSWERS: dict[int, tuple[tuple, CycleAnswers]] = {}
_REVISIONS: dict[int, dict[tuple, tuple[dict, dict, int]]] = {}


def _fingerprint(cycle: ReportingCycle) -> tuple:
    published = NationalReport.objects.filter(cycle=cycle, published_version__isnull=False)
    facts = published.aggregate(
        n=Count("pk"),
        ids=Sum("pk"),
        versions=Sum("version"),
        last=Max("updated_at"),
        # the demo flag is set with a queryset update (services.py), which leaves updated_at
        synthetic=Count("pk", filter=Q(is_synthetic=True)),
    )
    return (cycle.questionnaire_hash, *facts.values())


def cycle_answers(cycle: ReportingCycle) -> CycleAnswers:
    """The cycle's published answers that count, normalised (kept while the reports are
    unchanged)."""
    fingerprint = _fingerprint(cycle)
    kept = _ANSWERS.get(cycle.pk)
    if kept is None or kept[0] != fingerprint:
        with one_at_a_time(("analyzer", cycle.pk)):
            kept = _ANSWERS.get(cycle.pk)
            if kept is None or kept[0] != fingerprint:
                kept = _ANSWERS[cycle.pk] = (fingerprint, _cycle_answers(cycle))
    return replace(kept[1], cycle=cycle)


def _cycle_answers(cycle: ReportingCycle) -> CycleAnswers:
    questionnaire = selectors.questionnaire_for(cycle)
    rows = (
        NationalReport.objects.filter(cycle=cycle, published_version__isnull=False)
        .order_by("government__name")
        .values_list("pk", "government__code", "published_version", "updated_at", "is_synthetic")
    )
    keys = {
        pk: (pk, number, updated, cycle.questionnaire_hash) for pk, _, number, updated, _ in rows
    }
    kept = _REVISIONS.get(cycle.pk, {})
    missing = [pk for pk, key in keys.items() if key not in kept]
    read = {
        version.report_id: _answered(questionnaire, version.answers)
        for version in selectors.published_versions(NationalReport.objects.filter(pk__in=missing))
    }
    answers: dict[str, dict[str, Answer]] = {}
    raw: dict[str, dict[str, Any]] = {}
    reporters, synthetic, unreadable, revisions = set(), set(), 0, {}
    for pk, code, _, _, is_synthetic in rows:
        found = kept.get(keys[pk]) or read.get(pk)
        if found is None:  # a published revision without content: nothing to read
            continue
        revisions[keys[pk]] = found
        answered, texts, bad = found
        reporters.add(code)
        if is_synthetic:
            synthetic.add(code)
        unreadable += bad
        for question, answer in answered.items():
            answers.setdefault(question, {})[code] = answer
            raw.setdefault(question, {})[code] = texts[question]
    _REVISIONS[cycle.pk] = revisions  # those no longer published are let go
    return CycleAnswers(
        cycle=cycle,
        questionnaire=questionnaire,
        answers=answers,
        raw=raw,
        reporters=frozenset(reporters),
        synthetic=frozenset(synthetic),
        unreadable=unreadable,
    )


def _answered(questionnaire: Questionnaire, report: Mapping) -> tuple[dict, dict, int]:
    """A revision's answers that count, normalised and as given, by question; and how many
    answers did not fit their question's shape (left out)."""
    parsed: dict[str, Answer] = {}
    unreadable = 0
    for key, value in report.items():
        question = questionnaire.questions.get(key)
        if question is None or not question.answerable:
            continue
        try:
            answer = normalize(question, value)
        except AnswerShapeError:
            unreadable += 1
            continue
        if answer is not None:
            parsed[key] = answer
    states = answer_states(questionnaire, parsed)
    answered = {key: answer for key, answer in parsed.items() if states.get(key) == ANSWERED}
    return answered, {key: report[key] for key in answered}, unreadable
