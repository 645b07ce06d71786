"""The analysis: every question asked for, tabulated by column (and compared with the previous
cycle), as one :class:`Analysis` that feeds every output.

:func:`analyze` reads what it needs once — the cycle's normalised published answers
(:mod:`cbap.analyzer.answers`), a few queries for the registry on the cycle's deadline — and
leaves the table maths to :mod:`cbap.engine.analyzer`. The :class:`Analysis` it returns feeds
the page's tables and charts, CSV and XLSX (:mod:`cbap.analyzer.exports`, the lines of
:func:`cbap.analyzer.tables.table_lines`, exactly as the page shows them) and JSON
(:func:`cbap.analyzer.tables.analysis_json`, identical for the API and the CLI).

What is counted:

* only reports with a published revision, as the public sees them (a newer draft never counts);
* only governments that answered the question; an answer the questionnaire's rules make not
  applicable (a question hidden or disabled by another answer) does not count;
* a multiple-choice answer counts once for each option ticked; the BCH's "% by column" and
  "% overall" are shares of those ticks, cbap's "% of responding governments" a share of the
  governments that answered (see ``cbap.engine.analyzer``);
* a free-text or number question has the BCH's one row, "Answered", in the measure chosen, and
  its texts are listed;
* the "parties" measure divides by every Party of the column on the cycle's deadline, reporting
  or not, and counts only Parties' answers (see ``cbap.engine.analyzer.tabulate``); its n is
  the Parties that answered, so n never exceeds N;
* a comparison with the previous cycle is in the measure chosen (for "parties" over each
  cycle's own Parties; "count" deltas are differences in numbers of governments);
* a government in two columns (Türkiye is in two UN regional groups) counts in both and once in
  Total; every output names such governments (`Analysis.overlaps`);
* a cross-filter keeps the governments that gave an answer, for every question, for the
  denominators of the "parties" measure, and for the comparison with the previous cycle (whose
  answers are then those same governments' earlier answers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from cbap.analyzer.answers import CycleAnswers, cycle_answers
from cbap.analyzer.charts import question_chart
from cbap.analyzer.columns import columns_for
from cbap.analyzer.query import (
    AnalyzerError,
    Choices,
    filter_titles,
    previous_cycle,
    questions_chosen,
)
from cbap.analyzer.results import Analysis, QuestionResult, Text
from cbap.analyzer.tables import table_lines
from cbap.bch.answers import Answer, normalize
from cbap.bch.questionnaire import CHOICE_TYPES, Question
from cbap.bch.text import answer_value, item_value, plain_option_title
from cbap.engine import analyzer as engine
from cbap.parties.models import Government
from cbap.reports import selectors
from cbap.reports.models import QuestionMapping, ReportingCycle

TEXT_TYPES = frozenset({"lstring", "lstringRte", "text", "int"})


def analyze(choices: Choices) -> Analysis:
    """The analysis for `choices`. Raises AnalyzerError on a choice that does not fit the
    cycle."""
    cycle = ReportingCycle.objects.filter(number=choices.cycle).first()
    if cycle is None:
        raise AnalyzerError(_("There is no reporting cycle %(cycle)s.") % {"cycle": choices.cycle})
    if not cycle.questionnaire:
        raise AnalyzerError(
            _("%(cycle)s has no questionnaire loaded (run `cbap setup`).") % {"cycle": cycle}
        )
    current = cycle_answers(cycle)
    # the same questions, titled in the reader's language (the answers are language-neutral)
    questionnaire = selectors.questionnaire_for(cycle, translation.get_language())
    entries = questions_chosen(questionnaire, choices.question, cycle)
    titles = filter_titles(questionnaire, choices.filters, cycle)

    names = dict(Government.objects.values_list("code", "name"))
    party_codes = frozenset(selectors.party_codes_on(cycle.deadline))
    columns = columns_for(choices.by, cycle.deadline, names=names, party_codes=party_codes)

    kept: frozenset[str] | None = None
    for answer_filter in choices.filters:
        chosen = engine.cross_filter(
            {answer_filter.question: _values(current.answers.get(answer_filter.question, {}))},
            answer_filter.question,
            answer_filter.value,
        )
        kept = chosen if kept is None else kept & chosen

    previous, before, mappings, previous_parties = None, None, {}, frozenset()
    if choices.compare is not None:
        previous = previous_cycle(cycle, choices.compare)
        before = cycle_answers(previous)
        mappings = selectors.mappings_of(cycle)
        previous_parties = frozenset(selectors.party_codes_on(previous.deadline))

    def keep(codes: frozenset[str]) -> frozenset[str]:
        return codes if kept is None else codes & kept

    members = {c.label: c.members for c in columns}
    parties_now = {c.label: keep(c.parties) for c in columns}
    parties_before = {c.label: keep(c.members & previous_parties) for c in columns}

    results = []
    for question in entries:
        if not question.answerable:
            results.append(QuestionResult(question=question, kind="heading"))
            continue
        kind = "choice" if question.type in CHOICE_TYPES else "text"
        result = QuestionResult(
            question=question,
            kind=kind,
            parent=questionnaire.questions.get(question.parent_key or ""),
        )
        given = _kept(current.answers.get(question.key, {}), kept)
        if kind == "choice":
            spec, answers = _engine_question(question), _values(given)
        else:
            spec, answers = engine.answered_question(question.key), engine.answered(given)
        result.table = engine.tabulate(
            spec, answers, columns=members, parties=parties_now, measure=choices.measure
        )
        result.texts = _texts(question, current.raw.get(question.key, {}), given, names)
        if before is not None:
            _compare(
                result,
                spec,
                answers,
                before=before,
                mapping=mappings.get(question.key),
                kept=kept,
                columns=members,
                parties_now=parties_now,
                parties_before=parties_before,
                measure=choices.measure,
            )
        results.append(result)

    counted = keep(current.reporters)
    synthetic = bool(counted & current.synthetic)
    if before is not None:
        synthetic = synthetic or bool(keep(before.reporters) & before.synthetic)
    analysis = Analysis(
        choices=choices,
        cycle=cycle,
        previous=previous,
        columns=columns,
        results=results,
        names=names,
        reporters=current.reporters,
        governments=kept,
        synthetic=synthetic,
        unreadable=current.unreadable + (before.unreadable if before else 0),
        filter_titles=titles,
    )
    for result in analysis.tables:
        result.lines = table_lines(result, analysis)
    return analysis


def draw_charts(results: Iterable[QuestionResult], analysis: Analysis) -> None:
    """The charts (SVG) of the choice questions among `results`: those a page shows."""
    for result in results:
        if result.kind == "choice":
            result.chart = question_chart(result, analysis)


def _compare(
    result: QuestionResult,
    spec: engine.ChoiceQuestion,
    answers: Mapping[str, tuple[str, ...]],
    *,
    before: CycleAnswers,
    mapping: QuestionMapping | None,
    kept: frozenset[str] | None,
    columns: Mapping[str, frozenset[str]],
    parties_now: Mapping[str, frozenset[str]],
    parties_before: Mapping[str, frozenset[str]],
    measure: str,
) -> None:
    """Compare `result` with the mapped question of the previous cycle, through the mapping's
    value translations, in `measure`; say why not, or warn, where the pair is missing or not
    equivalent."""
    number = before.cycle.number
    if result.kind != "choice":
        result.warning = _("Free-text answers are not compared.")
        return
    shown_before = selectors.questionnaire_for(before.cycle, translation.get_language())
    previous = shown_before.questions.get(mapping.previous_key) if mapping else None
    if mapping is None or previous is None or not previous.answerable:
        result.warning = _(
            "No NR%(number)s question is mapped to %(key)s: there is nothing to compare with."
        ) % {"number": number, "key": result.key}
        return
    result.previous_key = mapping.previous_key
    result.equivalent = mapping.equivalent
    if not mapping.equivalent:
        # the mapping's caution is data (in English); the sentence around it is not
        caution = mapping.caution or _("The two questions do not ask the same thing.")
        result.warning = _(
            "Not directly comparable: %(key)s and NR%(number)s %(previous_key)s are not "
            "equivalent. %(caution)s"
        ) % {
            "key": result.key,
            "number": number,
            "previous_key": mapping.previous_key,
            "caution": caution,
        }
    given = _kept(before.answers.get(mapping.previous_key, {}), kept)
    mapped = engine.map_previous(_values(given), mapping.value_mapping)
    known = {value for value, _title in spec.options}
    result.left_out = tuple(sorted({v for values in mapped.values() for v in values} - known))
    # a question that was multiple choice before (or the reverse) still compares, by option
    multiple = spec.multiple or any(len(values) > 1 for values in mapped.values())
    result.comparison = engine.compare(
        replace(spec, multiple=multiple),
        current=answers,
        previous=mapped,
        columns=columns,
        parties_current=parties_now,
        parties_previous=parties_before,
        measure=measure,
    )


def _kept(answers: Mapping[str, Answer], kept: frozenset[str] | None) -> Mapping[str, Answer]:
    """The answers of the governments the cross-filters keep (all without filters)."""
    if kept is None:
        return answers
    return {code: answer for code, answer in answers.items() if code in kept}


def _values(answers: Mapping[str, Answer]) -> dict[str, tuple[str, ...]]:
    return {code: answer.values for code, answer in answers.items()}


def _engine_question(question: Question) -> engine.ChoiceQuestion:
    return engine.ChoiceQuestion(
        key=question.key,
        options=tuple((o.value, plain_option_title(o.title)) for o in question.options),
        multiple=question.multiple,
    )


def _texts(
    question: Question,
    raw: Mapping[str, Any],
    given: Mapping[str, Answer],
    names: Mapping[str, str],
) -> list[Text]:
    """Free text of the governments in `given`: text answers, numbers of `int` questions, and
    the additional information given on options (text, or a number on an option taking one)."""
    result = []
    for code, answer in given.items():
        name = names.get(code, code)
        if question.type in TEXT_TYPES:
            text = answer.text if answer.number is None else str(answer.number)
            if text:
                result.append(Text(code, name, "", "", text))
            continue
        if not answer.with_text:
            continue
        items = raw.get(code)
        for item in items if isinstance(items, list) else [items]:
            if not isinstance(item, Mapping) or item.get("additionalInformation") in (None, ""):
                continue
            value = item_value(item)
            option = question.option(value)
            if option is None or value not in answer.with_text:
                continue
            info = item["additionalInformation"]
            if option.takes_number:
                text = str(answer_value(info))
            else:
                one = normalize(question, [item] if question.multiple else item)
                text = one.text if one else ""
            if text:
                result.append(Text(code, name, value, plain_option_title(option.title), text))
    return sorted(result, key=lambda t: (t.name, t.option))
