"""The report analyzer: tables of the published national reports of a cycle, as the BCH has.

The choices (cycle, questions, columns, measure, comparison, cross-filters) are parsed into
:class:`Choices`, the same for the page, the API and ``cbap analyze``. :func:`analyze` then reads
what it needs once — one query for the reports of a cycle (answers JSON), a few for the registry
on the cycle's deadline — normalises every answer once and leaves the table maths to
:mod:`cbap.engine.analyzer`. The one :class:`Analysis` it returns feeds every output: the page's
tables and charts, CSV and XLSX (:data:`RENDERERS`, the lines of :func:`table_lines`, exactly as
the page shows them) and JSON (:func:`analysis_json`, identical for the API and the CLI).

What is counted:

* only reports with a published revision, as the public sees them (a newer draft never counts);
* only governments that answered the question; an answer the questionnaire's rules make not
  applicable (a question hidden or disabled by another answer) does not count;
* a multiple-choice answer counts once for each option ticked;
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

import csv
import io
import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

import altair as alt
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, Sum
from django.utils.safestring import SafeString
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cbap.bch.answers import Answer, normalize
from cbap.bch.problems import AnswerShapeError
from cbap.bch.questionnaire import CHOICE_TYPES, Question, Questionnaire
from cbap.bch.rules import ANSWERED, answer_states
from cbap.bch.text import answer_value, item_value, plain, plain_option_title
from cbap.core.charts import render_svg
from cbap.engine import analyzer as engine
from cbap.parties import registry
from cbap.parties import selectors as parties
from cbap.parties.models import Government, Grouping, GroupingMembership
from cbap.records.models import Revision, Status
from cbap.reports import selectors
from cbap.reports.models import NationalReport, QuestionMapping, ReportingCycle

SYNTHETIC_NOTICE = "Demo data — not real national reports."
MEASURES = {
    "count": "Number of governments",
    "row": "% by row: share of the answer's governments in each column",
    "column": "% by column: share of the column's governments that answered the question",
    "overall": "% overall: share of all governments that answered the question",
    "parties": "% of all Parties of the column on the deadline, non-reporting Parties included",
}
FIGURES = {
    "count": "count",
    "row": "% by row",
    "column": "% by column",
    "overall": "% overall",
    "parties": "% of Parties",
}
MEASURE_CHOICES = {
    "count": "Count",
    "row": "% by row",
    "column": "% by column",
    "overall": "% overall",
    "parties": "% of all Parties (non-reporters included)",
}
BY_FIXED = {
    "region": "The five regions (UN regional groups)",
    "party-status": "Parties / non-Parties",
    "supplementary": "Parties to the Supplementary Protocol",
    "countries": "Chosen countries",
}
# Groupings offered first, in this order; any other grouping code of the registry works too.
BY_GROUPINGS = ("ldc", "sids", "lldc", "developing")
NO_REGION = "Not in a regional group"
OTHERS = "Other governments"
MAX_CHARTS = 40  # charts cost ~40 ms each to draw (then cached); a whole cycle is ~190 questions
TEXT_TYPES = frozenset({"lstring", "lstringRte", "text", "int"})


class AnalyzerError(ValueError):
    """A choice that cannot be analysed; the message says what to choose instead."""


# ------------------------------------------------------------------------------------------
# The choices
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerFilter:
    """Keep only the governments that gave `value` as their answer to `question`."""

    question: str
    value: str

    @classmethod
    def parse(cls, text: str) -> AnswerFilter:
        """ "Q011:true" or "Q011=true"."""
        match = re.fullmatch(r"\s*([A-Za-z0-9_]+)\s*[:=]\s*(\S.*?)\s*", text or "")
        if not match:
            raise AnalyzerError(f"A filter is QUESTION:ANSWER, e.g. Q011:true; got {text!r}.")
        return cls(match[1], match[2])

    def __str__(self) -> str:
        return f"{self.question}:{self.value}"


@dataclass(frozen=True)
class Choices:
    """Everything a view of the analyzer depends on; `query_string()` makes it shareable.

    `question` is "all", "section:KEY" or a question key (a sub-section key means its
    questions); `by` is "region", "party-status", "supplementary", a grouping code (ldc, sids …)
    or "countries:KEN,BRA"; `compare` the number of the previous cycle.
    """

    cycle: int
    question: str = "all"
    by: str = "region"
    measure: str = "count"
    compare: int | None = None
    filters: tuple[AnswerFilter, ...] = ()

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise AnalyzerError(
                f"The measure must be one of {', '.join(MEASURES)}; got {self.measure!r}."
            )

    @property
    def countries(self) -> tuple[str, ...]:
        return _country_codes(self.by)

    def params(self) -> list[tuple[str, str]]:
        pairs = [
            ("cycle", str(self.cycle)),
            ("question", self.question),
            ("by", self.by),
            ("measure", self.measure),
        ]
        if self.compare is not None:
            pairs.append(("compare", str(self.compare)))
        pairs += [("filter", str(f)) for f in self.filters]
        return pairs

    def query_string(self) -> str:
        return "?" + urlencode(self.params())

    def adding(self, answer_filter: AnswerFilter) -> Choices:
        if answer_filter in self.filters:
            return self
        return replace(self, filters=(*self.filters, answer_filter))

    def removing(self, answer_filter: AnswerFilter) -> Choices:
        return replace(self, filters=tuple(f for f in self.filters if f != answer_filter))


def _country_codes(by: str) -> tuple[str, ...]:
    """ "countries:ken, BRA" -> ("KEN", "BRA"); () for any other `by`."""
    if not by.startswith("countries:"):
        return ()
    codes = re.split(r"[\s,;]+", by.split(":", 1)[1].upper())
    return tuple(dict.fromkeys(code for code in codes if code))


def choices_from_query(query: Any, *, default_question: str = "all") -> Choices:
    """Choices from a query string (a Django QueryDict or {name: [values]}); the cycle defaults
    to the latest, `by` to region, the measure to count. Raises AnalyzerError."""

    def get(name: str, default: str = "") -> str:
        values = _getlist(query, name)
        return (values[-1] if values else default).strip() or default

    number = get("cycle")
    if number:
        if not number.isdigit():
            raise AnalyzerError(f"The cycle is a number such as 5; got {number!r}.")
        cycle = int(number)
    else:
        latest = ReportingCycle.objects.order_by("-number").values_list("number", flat=True)
        cycle = latest.first()
        if cycle is None:
            raise AnalyzerError("No reporting cycle is loaded (run `cbap setup`).")
    by = get("by", "region")
    if by == "countries":  # the page's form sends the codes in a field of their own
        by = "countries:" + get("countries")
    compare = get("compare")
    if compare and not compare.isdigit():
        raise AnalyzerError(f"compare is the number of the previous cycle; got {compare!r}.")
    filters = tuple(
        dict.fromkeys(AnswerFilter.parse(text) for text in _getlist(query, "filter") if text)
    )
    return Choices(
        cycle=cycle,
        question=get("question", default_question),
        by=by,
        measure=get("measure", "count"),
        compare=int(compare) if compare else None,
        filters=filters,
    )


def _getlist(query: Any, name: str) -> list[str]:
    if hasattr(query, "getlist"):
        return query.getlist(name)
    value = query.get(name, [])
    return [value] if isinstance(value, str) else list(value)


# ------------------------------------------------------------------------------------------
# Reading a cycle: one query for its published reports, every answer normalised once
# ------------------------------------------------------------------------------------------


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


def published_answers(cycle: ReportingCycle) -> list[tuple[str, bool, dict[str, Any]]]:
    """(government code, is synthetic, answers) of every report of the cycle with a published
    revision, as the public sees it: one query, plus one for the published revisions of reports
    that have a newer draft (as `services.report_published_answers`, in bulk)."""
    rows = list(
        NationalReport.objects.filter(cycle=cycle, published_version__isnull=False)
        .order_by("government__code")
        .values_list(
            "pk",
            "government__code",
            "is_synthetic",
            "status",
            "version",
            "published_version",
            "answers",
        )
    )
    older = {
        pk: published
        for pk, _, _, status, version, published, _ in rows
        if not (status == Status.PUBLISHED and published == version)
    }
    revisions: dict[int, dict[str, Any]] = {}
    if older:
        for object_id, number, content in Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(NationalReport),
            object_id__in=older,
            number__in=set(older.values()),
        ).values_list("object_id", "number", "content"):
            if older.get(object_id) == number:
                revisions[object_id] = content.get("answers") or {}
    result = []
    for pk, code, synthetic, _, _, _, answers in rows:
        if pk in older:
            if pk not in revisions:
                continue  # the published revision is gone: nothing public to count
            answers = revisions[pk]
        result.append((code, synthetic, answers or {}))
    return result


# Normalising a cycle's answers takes most of an analysis (~0.7 s for 160 NR5 reports), so the
# result is kept in the process until the published reports change: `_fingerprint` costs one
# small query, and every saved change of a report moves its `updated_at`.
_ANSWERS: dict[int, tuple[tuple, CycleAnswers]] = {}


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
    if kept is not None and kept[0] == fingerprint:
        return replace(kept[1], cycle=cycle)
    result = _cycle_answers(cycle)
    _ANSWERS[cycle.pk] = (fingerprint, result)
    return result


def _cycle_answers(cycle: ReportingCycle) -> CycleAnswers:
    questionnaire = selectors.questionnaire_for(cycle)
    answers: dict[str, dict[str, Answer]] = {}
    raw: dict[str, dict[str, Any]] = {}
    reporters, synthetic, unreadable = set(), set(), 0
    for code, is_synthetic, report in published_answers(cycle):
        reporters.add(code)
        if is_synthetic:
            synthetic.add(code)
        parsed: dict[str, Answer] = {}
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
        for key, answer in parsed.items():
            if states.get(key) == ANSWERED:
                answers.setdefault(key, {})[code] = answer
                raw.setdefault(key, {})[code] = report[key]
    return CycleAnswers(
        cycle=cycle,
        questionnaire=questionnaire,
        answers=answers,
        raw=raw,
        reporters=frozenset(reporters),
        synthetic=frozenset(synthetic),
        unreadable=unreadable,
    )


# ------------------------------------------------------------------------------------------
# Columns: groups of governments on the cycle's deadline
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column: its governments and which of them are Parties on the deadline."""

    key: str
    label: str
    members: frozenset[str]
    parties: frozenset[str]


def by_options() -> list[tuple[str, str]]:
    """(value, label) of every way to choose the columns, for forms and help texts."""
    groupings = dict(
        Grouping.objects.exclude(kind=Grouping.Kind.REGION).values_list("code", "name")
    )
    first = [(code, groupings.pop(code)) for code in BY_GROUPINGS if code in groupings]
    options = [("region", BY_FIXED["region"]), *first]
    options += [("party-status", BY_FIXED["party-status"])]
    options += [("supplementary", BY_FIXED["supplementary"])]
    options += sorted(groupings.items(), key=lambda item: item[1])
    return [*options, ("countries", BY_FIXED["countries"])]


def columns_for(
    by: str, day: date, *, names: Mapping[str, str], party_codes: frozenset[str]
) -> tuple[Column, ...]:
    """The columns for `by` on `day`. Every government of the registry is in some column except
    with chosen countries, so that "Total" (the union of the columns) is everyone."""
    everyone = frozenset(names)

    def column(key: str, label: str, members: Iterable[str]) -> Column:
        members = frozenset(members)
        return Column(key=key, label=label, members=members, parties=members & party_codes)

    if by == "region":
        regions: dict[str, tuple[str, set[str]]] = {}
        for code, name, government in (
            GroupingMembership.objects.filter(
                parties.valid_q(day), grouping__kind=Grouping.Kind.REGION
            )
            .order_by("grouping__position", "grouping__name")
            .values_list("grouping__code", "grouping__name", "government__code")
        ):
            regions.setdefault(code, (name, set()))[1].add(government)
        columns = [column(code, name, members) for code, (name, members) in regions.items()]
        if rest := everyone.difference(*(c.members for c in columns)):
            columns.append(column("no-region", NO_REGION, rest))
        return tuple(columns)
    if by == "party-status":
        return (
            column("parties", "Parties", party_codes & everyone),
            column("non-parties", "Non-Parties", everyone - party_codes),
        )
    if by == "supplementary":
        members = frozenset(
            parties.parties_on(day, registry.SUPPLEMENTARY).values_list("code", flat=True)
        )
        return (
            column("supplementary", BY_FIXED["supplementary"], members),
            column("others", OTHERS, everyone - members),
        )
    if by.startswith("countries:"):
        codes = _country_codes(by)
        if not codes:
            raise AnalyzerError("Name the countries by their codes, e.g. countries:KEN,BRA.")
        if unknown := [code for code in codes if code not in names]:
            raise AnalyzerError(f"No government with the code {', '.join(unknown)}.")
        return tuple(column(code, names[code], {code}) for code in codes)
    grouping = Grouping.objects.filter(code=by).values_list("name", flat=True).first()
    if grouping is None:
        choices = ", ".join(value for value, _ in by_options())
        raise AnalyzerError(f"Columns by {by!r} are unknown; choose one of {choices}.")
    members = frozenset(parties.grouping_members_on(by, day).values_list("code", flat=True))
    return (column(by, grouping, members), column("others", OTHERS, everyone - members))


# ------------------------------------------------------------------------------------------
# The analysis
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Free text of one government: a text answer, or the additional information on an option."""

    government: str
    name: str
    value: str  # the option carrying the text, "" for a text answer
    option: str
    text: str


@dataclass
class QuestionResult:
    """One question (or a sub-section heading) of the analysis."""

    question: Question
    kind: str  # "choice", "text" or "heading"
    parent: Question | None = None
    table: engine.Table | None = None
    comparison: engine.Comparison | None = None
    previous_key: str | None = None
    equivalent: bool = True
    warning: str = ""  # set when the comparison is not of equivalent questions, or impossible
    left_out: tuple[str, ...] = ()  # previous answers with no option in this cycle
    texts: list[Text] = field(default_factory=list)
    chart: SafeString | None = None
    lines: list[Line] = field(default_factory=list)  # the tables as shown and downloaded

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def title(self) -> str:
        return plain(self.question.title)

    @property
    def main_lines(self) -> list[Line]:
        return [line for line in self.lines if line.table == MAIN]

    @property
    def cross_section_lines(self) -> list[Line]:
        return [line for line in self.lines if line.table == CROSS_SECTION]

    @property
    def panel_lines(self) -> list[Line]:
        return [line for line in self.lines if line.table == PANEL]

    @property
    def comparison_tables(self) -> list[tuple[str, list[Line]]]:
        return [(CROSS_SECTION, self.cross_section_lines), (PANEL, self.panel_lines)]


@dataclass
class Analysis:
    """Every question asked for, tabulated (and compared), with what the page shows around."""

    choices: Choices
    cycle: ReportingCycle
    previous: ReportingCycle | None
    columns: tuple[Column, ...]
    results: list[QuestionResult]
    names: Mapping[str, str]
    reporters: frozenset[str]
    governments: frozenset[str] | None  # those the filters keep; None without filters
    synthetic: bool
    unreadable: int
    filter_titles: dict[AnswerFilter, str]
    charts_drawn: bool

    @property
    def labels(self) -> list[str]:
        return [column.label for column in self.columns] + [engine.TOTAL]

    @property
    def single(self) -> bool:
        """One question asked for (the JSON is then one object, not a list)."""
        return any(r.key == self.choices.question for r in self.tables)

    @property
    def tables(self) -> list[QuestionResult]:
        return [r for r in self.results if r.kind != "heading"]

    @property
    def measure_label(self) -> str:
        return MEASURES[self.choices.measure]

    @property
    def parties_label(self) -> str:
        """The label of the N line of the main tables."""
        deadline = f"{self.cycle.deadline.day} {self.cycle.deadline:%b %Y}"
        return f"Parties on {deadline}{FILTERED * bool(self.choices.filters)} (N)"

    @property
    def comparison_label(self) -> str:
        """What the comparison tables hold, in words."""
        if self.choices.measure == "count":
            return "numbers of governments; change in governments"
        return f"{FIGURES[self.choices.measure]}; change in percentage points"

    @cached_property
    def overlaps(self) -> list[dict[str, Any]]:
        """Governments counted in more than one column: {code, name, columns}."""
        columns = {column.label: column.members for column in self.columns}
        return [
            {"code": code, "name": self.names.get(code, code), "columns": list(names)}
            for code, names in engine.overlaps(columns).items()
        ]

    @cached_property
    def overlap_note(self) -> str:
        """The footnote on governments counted in several columns ("" when there are none)."""
        if not self.overlaps:
            return ""
        each = "; ".join(
            f"{o['name']} ({o['code']}) is in {_and(o['columns'])}" for o in self.overlaps
        )
        return (
            f"{each}. A government in several columns counts in each of them and once in "
            "Total, so the columns add up to more than Total."
        )

    def column_members(self) -> list[dict[str, Any]]:
        """Each column with its governments (name order): Party on the deadline? reported?"""
        result = []
        for column in self.columns:
            members = sorted(column.members, key=lambda code: self.names.get(code, code))
            result.append(
                {
                    "column": column,
                    "parties": len(column.parties),
                    "reported": len(column.members & self.reporters),
                    "members": [
                        {
                            "code": code,
                            "name": self.names.get(code, code),
                            "party": code in column.parties,
                            "reported": code in self.reporters,
                        }
                        for code in members
                    ],
                }
            )
        return result

    def filter_chips(self) -> list[dict[str, str]]:
        return [
            {
                "filter": str(f),
                "title": self.filter_titles.get(f, str(f)),
                "remove": self.choices.removing(f).query_string(),
            }
            for f in self.choices.filters
        ]


def analyze(choices: Choices, *, charts: bool = False) -> Analysis:
    """The analysis for `choices`; charts (SVG) only when asked for, and for at most
    MAX_CHARTS questions. Raises AnalyzerError on a choice that does not fit the cycle."""
    cycle = ReportingCycle.objects.filter(number=choices.cycle).first()
    if cycle is None:
        raise AnalyzerError(f"There is no reporting cycle {choices.cycle}.")
    if not cycle.questionnaire:
        raise AnalyzerError(f"{cycle} has no questionnaire loaded (run `cbap setup`).")
    current = cycle_answers(cycle)
    questionnaire = current.questionnaire
    entries = _entries(questionnaire, choices.question, cycle)
    filter_titles = _check_filters(questionnaire, choices.filters, cycle)

    names = dict(Government.objects.values_list("code", "name"))
    party_codes = _party_codes(cycle.deadline)
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
        previous = _previous(cycle, choices.compare)
        before = cycle_answers(previous)
        mappings = {m.key: m for m in QuestionMapping.objects.filter(cycle=cycle)}
        previous_parties = _party_codes(previous.deadline)

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
        spec = _engine_question(question)
        answers = _values(given) if kind == "choice" else {code: () for code in given}
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
        filter_titles=filter_titles,
        charts_drawn=False,
    )
    for result in analysis.tables:
        result.lines = table_lines(result, analysis)
    choice_results = [r for r in results if r.kind == "choice"]
    if charts and len(choice_results) <= MAX_CHARTS:
        for result in choice_results:
            result.chart = question_chart(result, analysis)
        analysis.charts_drawn = True
    return analysis


def _compare(
    result: QuestionResult,
    spec: engine.Question,
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
        result.warning = "Free-text answers are not compared."
        return
    previous = before.questionnaire.questions.get(mapping.previous_key) if mapping else None
    if mapping is None or previous is None or not previous.answerable:
        result.warning = (
            f"No NR{number} question is mapped to {result.key}: there is nothing to compare with."
        )
        return
    result.previous_key = mapping.previous_key
    result.equivalent = mapping.equivalent
    if not mapping.equivalent:
        caution = mapping.caution or "The two questions do not ask the same thing."
        result.warning = (
            f"Not directly comparable: {result.key} and NR{number} {mapping.previous_key} are "
            f"not equivalent. {caution}"
        )
    given = _kept(before.answers.get(mapping.previous_key, {}), kept)
    mapped = engine.map_previous(_values(given), mapping.value_mapping)
    known = {value for value, _ in spec.options}
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


def _entries(questionnaire: Questionnaire, chosen: str, cycle: ReportingCycle) -> list[Question]:
    questions = questionnaire.questions
    if chosen == "all":
        return list(questions.values())
    if chosen.startswith("section:"):
        key = chosen.split(":", 1)[1]
        entries = [q for q in questions.values() if q.section == key]
        if not entries:
            sections = ", ".join(s.key for s in questionnaire.sections)
            raise AnalyzerError(
                f"NR{cycle.number} has no section {key!r}; its sections: {sections}."
            )
        return entries
    question = questions.get(chosen)
    if question is None or question.type == "legend":
        raise AnalyzerError(
            f"{chosen!r} is not a question of NR{cycle.number}: give a question key such as "
            f"{next(iter(questionnaire.answerable)).key}, section:KEY or all."
        )
    if question.answerable:
        return [question]
    return [question, *(questions[key] for key in question.children)]


def _check_filters(
    questionnaire: Questionnaire, filters: Iterable[AnswerFilter], cycle: ReportingCycle
) -> dict[AnswerFilter, str]:
    titles = {}
    for answer_filter in filters:
        question = questionnaire.questions.get(answer_filter.question)
        if question is None or question.type not in CHOICE_TYPES:
            raise AnalyzerError(
                f"Filter {answer_filter}: {answer_filter.question} is not a choice question of "
                f"NR{cycle.number}."
            )
        option = question.option(answer_filter.value)
        if option is None:
            values = ", ".join(o.value for o in question.options)
            raise AnalyzerError(
                f"Filter {answer_filter}: {answer_filter.value!r} is not an answer to "
                f"{question.key}; its answers: {values}."
            )
        titles[answer_filter] = f"{question.key}: {plain_option_title(option.title)}"
    return titles


def _previous(cycle: ReportingCycle, number: int) -> ReportingCycle:
    previous = cycle.previous
    if previous is None:
        raise AnalyzerError(f"NR{cycle.number} has no previous cycle to compare with.")
    if previous.number != number:
        raise AnalyzerError(
            f"NR{cycle.number} is mapped to NR{previous.number} only; compare with "
            f"{previous.number}."
        )
    if not previous.questionnaire:
        raise AnalyzerError(f"{previous} has no questionnaire loaded (run `cbap setup`).")
    return previous


def _party_codes(day: date) -> frozenset[str]:
    return frozenset(parties.parties_on(day).values_list("code", flat=True))


def _kept(answers: Mapping[str, Answer], kept: frozenset[str] | None) -> Mapping[str, Answer]:
    """The answers of the governments the cross-filters keep (all without filters)."""
    if kept is None:
        return answers
    return {code: answer for code, answer in answers.items() if code in kept}


def _values(answers: Mapping[str, Answer]) -> dict[str, tuple[str, ...]]:
    return {code: answer.values for code, answer in answers.items()}


def _engine_question(question: Question) -> engine.Question:
    return engine.Question(
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


# ------------------------------------------------------------------------------------------
# The page's form
# ------------------------------------------------------------------------------------------


def form_options(query: Any) -> dict[str, Any]:
    """What the page's GET form offers for the cycle in `query` (else the latest): cycles,
    questions by section, ways to choose the columns, measures, the cycle to compare with, and
    `default_question` (the first section, so that the page opens small)."""
    cycles = list(ReportingCycle.objects.defer("questionnaire").order_by("-number"))
    wanted = "".join(_getlist(query, "cycle")[-1:]).strip()
    cycle = next((c for c in cycles if str(c.number) == wanted), cycles[0] if cycles else None)
    sections: list[dict[str, Any]] = []
    if cycle is not None and cycle.questionnaire_hash:
        full = ReportingCycle.objects.get(pk=cycle.pk)
        questionnaire = selectors.questionnaire_for(full)
        for section in questionnaire.sections:
            entries = [
                (q.key, _short(f"{q.key} – {plain(q.title)}"))
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
        "measures": MEASURE_CHOICES,
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
        return "".join(_getlist(query, name)[-1:]).strip() or default

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


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------------------------------
# The tables as shown: one list of lines feeds the page, CSV and XLSX
# ------------------------------------------------------------------------------------------

MAIN, CROSS_SECTION, PANEL = "table", "cross-section", "panel"


@dataclass(frozen=True)
class Line:
    """One row of a table as shown: an answer's cells, or the n / N of each column.

    `cells` follow `Analysis.labels`, rounded as shown (percentages and percentage points to
    one decimal); None where a denominator is 0. `filter` is the query string that adds a
    cross-filter on this answer (main table only).
    """

    table: str  # MAIN, CROSS_SECTION or PANEL
    value: str  # the answer's option value; "" for n / N lines
    label: str
    figure: str
    cells: tuple[float | int | None, ...]
    style: str = "count"  # "count", "percent" or "delta"
    filter: str = ""

    @property
    def shown(self) -> list[str]:
        return [_shown(cell, self.style) for cell in self.cells]


def _shown(cell: float | int | None, style: str) -> str:
    if cell is None:
        return "–"
    if style == "percent":
        return f"{cell:.1f} %"
    if style == "delta":
        return f"{cell:+d}" if isinstance(cell, int) else f"{cell:+.1f}"
    return str(cell)


def _rounded(cell: float | int | None, style: str) -> float | int | None:
    if cell is None or style == "count":
        return cell
    return round(cell, 1)


ANSWERED_ALL = "Answered, non-Parties included"
FILTERED = " that gave the filtered answers"


def table_lines(result: QuestionResult, analysis: Analysis) -> list[Line]:
    """The question's tables: the measure with n and N, then (when comparing) the
    cross-section and the panel, each answer as now / before / change, in the same measure.

    n is the measure's own (`engine.Table.n`): with "% of all Parties" the Parties that
    answered, followed by everyone that answered, non-Parties included."""
    labels, choices = analysis.labels, analysis.choices
    table = result.table
    measure = choices.measure
    style = "count" if measure == "count" else "percent"

    def line(part, value, label, figure, cells: Mapping, style=style, **extra) -> Line:
        rounded = tuple(_rounded(cells[name], style) for name in labels)
        return Line(part, value, label, figure, rounded, style, **extra)

    lines = [
        line(
            MAIN,
            row.value,
            row.title,
            FIGURES[measure],
            row.cells,
            filter=choices.adding(AnswerFilter(result.key, row.value)).query_string(),
        )
        for row in table.rows
    ]
    if measure == "parties":
        lines.append(line(MAIN, "", "Parties that answered (n)", "n", table.n, "count"))
        lines.append(line(MAIN, "", ANSWERED_ALL, "answered", table.respondents, "count"))
    else:
        lines.append(line(MAIN, "", "Answered (n)", "n", table.n, "count"))
    lines.append(line(MAIN, "", analysis.parties_label, "N", table.parties, "count"))
    comparison = result.comparison
    if comparison is None:
        return lines
    now, before = f"NR{analysis.cycle.number}", f"NR{analysis.previous.number}"
    unit, change = ("count", "change (count)") if measure == "count" else ("%", "change (pp)")
    for part, attribute in ((CROSS_SECTION, "cross_section"), (PANEL, "panel")):
        for row in comparison.rows:
            shifts = getattr(row, attribute)
            for figure, name, kind in (
                (f"{now} {unit}", "now", style),
                (f"{before} {unit}", "before", style),
                (change, "delta", "delta"),
            ):
                cells = {label: getattr(shift, name) for label, shift in shifts.items()}
                lines.append(line(part, row.value, row.title, figure, cells, kind))
        bases: list[tuple[str, str, Mapping[str, int]]] = []
        if part == CROSS_SECTION and measure == "parties":
            bases += [
                ("Parties that answered (n)", f"{now} n", comparison.party_respondents_now),
                ("Parties that answered (n)", f"{before} n", comparison.party_respondents_before),
            ]
        elif part == CROSS_SECTION:
            bases += [
                ("Answered (n)", f"{now} n", comparison.respondents_now),
                ("Answered (n)", f"{before} n", comparison.respondents_before),
            ]
        elif measure == "parties":
            both = "Answered both times, a Party on the deadline (n)"
            bases += [
                (both, f"{now} n", comparison.panel_parties_now),
                (both, f"{before} n", comparison.panel_parties_before),
            ]
        else:
            bases.append(("Answered both times (n)", "n", comparison.panel_size))
        if measure == "parties":
            parties = "Parties on the deadline" + FILTERED * bool(choices.filters) + " (N)"
            bases += [
                (parties, f"{now} N", comparison.parties_now),
                (parties, f"{before} N", comparison.parties_before),
            ]
        lines += [line(part, "", label, figure, cells, "count") for label, figure, cells in bases]
    return lines


# ------------------------------------------------------------------------------------------
# JSON (the API and `cbap analyze`)
# ------------------------------------------------------------------------------------------


def analysis_json(analysis: Analysis) -> dict | list[dict]:
    """One object for one question; a list of them for several (sections, all)."""
    objects = [question_json(result, analysis) for result in analysis.tables]
    return objects[0] if analysis.single else objects


def question_json(result: QuestionResult, analysis: Analysis) -> dict[str, Any]:
    question = result.question
    data: dict[str, Any] = {"cycle": analysis.cycle.number, **result.table.to_dict()}
    data.update(
        title=result.title,
        section=question.section,
        parent={"question": result.parent.key, "title": plain(result.parent.title)}
        if result.parent
        else None,
        type=question.type,
        multiple=question.multiple,
        by=analysis.choices.by,
        members={c.label: sorted(c.members) for c in analysis.columns},
        filters=[str(f) for f in analysis.choices.filters],
        overlaps=analysis.overlaps,
        overlap_note=analysis.overlap_note or None,
        synthetic=analysis.synthetic,
        texts=[
            {"government": t.government, "name": t.name, "value": t.value or None, "text": t.text}
            for t in result.texts
        ],
    )
    if analysis.previous is not None:
        compared: dict[str, Any] = {
            "cycle": analysis.previous.number,
            "previous_question": result.previous_key,
            "equivalent": result.equivalent if result.previous_key else None,
            "warning": result.warning or None,
            "left_out": list(result.left_out),
        }
        if result.comparison is not None:
            compared.update(
                {k: v for k, v in result.comparison.to_dict().items() if k != "question"}
            )
        data["comparison"] = compared
    if analysis.synthetic:
        data["notice"] = SYNTHETIC_NOTICE
    return data


# ------------------------------------------------------------------------------------------
# CSV and XLSX: exactly the lines of the page's tables
# ------------------------------------------------------------------------------------------


def download_header(analysis: Analysis) -> list[str]:
    fixed = ["question", "question_title", "table", "answer_value", "answer", "figure"]
    return [*fixed, *analysis.labels, "warning"]


NOTE = "note"


def download_rows(analysis: Analysis) -> list[list[Any]]:
    """The header, then every line of every table shown, in page order, then the page's
    footnotes as rows whose `table` is "note" (the text in `answer`)."""
    rows: list[list[Any]] = [download_header(analysis)]
    for result in analysis.tables:
        for line in result.lines:
            rows.append(
                [
                    result.key,
                    result.title,
                    line.table,
                    line.value,
                    line.label,
                    line.figure,
                    *line.cells,
                    result.warning,
                ]
            )
    if analysis.overlap_note:
        blank = [None] * len(analysis.labels)
        rows.append(["", "", NOTE, "", analysis.overlap_note, "", *blank, ""])
    return rows


def render_csv(analysis: Analysis, *, bom: bool = True) -> bytes:
    """UTF-8 CSV (with a BOM for spreadsheets, unless told not to); demo data says so on its
    first line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if analysis.synthetic:
        writer.writerow([SYNTHETIC_NOTICE])
    for row in download_rows(analysis):
        writer.writerow(["" if cell is None else cell for cell in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def render_xlsx(analysis: Analysis) -> bytes:
    """The same rows on a sheet "Analysis", and what was chosen on a sheet "About"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Analysis"
    if analysis.synthetic:
        sheet.append([SYNTHETIC_NOTICE])
        sheet.cell(row=1, column=1).font = Font(bold=True)
    for row in download_rows(analysis):
        sheet.append(row)
    header_row = 2 if analysis.synthetic else 1
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=7)
    about = book.create_sheet("About")
    for name, value in about_rows(analysis):
        about.append([name, value])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
        about.cell(row=about.max_row, column=2).alignment = Alignment(wrap_text=True)
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def about_rows(analysis: Analysis) -> list[tuple[str, str]]:
    choices = analysis.choices
    rows = [
        ("Data", SYNTHETIC_NOTICE if analysis.synthetic else "Published national reports."),
        ("Reporting cycle", f"{analysis.cycle.title} (NR{analysis.cycle.number})"),
        ("Questions", choices.question),
        ("Columns", choices.by),
        ("Measure", MEASURES[choices.measure]),
        (
            "Compared with",
            f"{analysis.previous.title} (NR{analysis.previous.number}), in "
            f"{analysis.comparison_label}"
            if analysis.previous
            else "–",
        ),
        ("Filters", "; ".join(analysis.filter_titles.values()) or "–"),
        ("Query", choices.query_string()),
    ]
    if analysis.overlap_note:
        rows.append(("Note", analysis.overlap_note))
    for column in analysis.columns:
        members = sorted(analysis.names.get(code, code) for code in column.members)
        rows.append((f"Column: {column.label}", ", ".join(members)))
    return rows


RENDERERS = {"csv": render_csv, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(analysis: Analysis, fmt: str) -> str:
    question = re.sub(r"[^A-Za-z0-9_-]+", "-", analysis.choices.question)
    by = re.sub(r"[^A-Za-z0-9_-]+", "-", analysis.choices.by)
    return f"cbap-nr{analysis.cycle.number}-{question}-{by}-{analysis.choices.measure}.{fmt}"


# ------------------------------------------------------------------------------------------
# Charts: the main table's numbers as stacked horizontal bars
# ------------------------------------------------------------------------------------------


def question_chart(result: QuestionResult, analysis: Analysis) -> SafeString:
    """The main table of a choice question as accessible inline SVG (see `chart_spec`)."""
    figure = FIGURES[analysis.choices.measure]
    answers = [line.label for line in result.main_lines if line.value]
    multiple = " A government may tick several answers, so a bar can pass 100 %." * bool(
        result.question.multiple and analysis.choices.measure != "count"
    )
    return render_svg(
        chart_spec(result, analysis),
        title=f"{result.key}: {figure} of each answer, by column",
        description=(
            f"Stacked bars, one per column ({', '.join(analysis.labels)}), one segment per "
            f"answer ({', '.join(answers)}); the table beside gives the same numbers.{multiple}"
        ),
    )


# Labels are wrapped (vl-convert draws each line of "a\nb" apart) so that the chart stays narrow
# enough to sit beside its table; these are the longest lines, in characters.
COLUMN_LINE, ANSWER_LINE = 24, 42


def chart_spec(result: QuestionResult, analysis: Analysis) -> dict:
    """Stacked horizontal bars: one bar per column (n / N under its label), one segment per
    answer, the main table's cells as they are shown."""
    table = result.table
    axis = [
        f"{_wrap(label, COLUMN_LINE)}\n(n {table.n[label]}/N {table.parties[label]})"
        for label in analysis.labels
    ]
    answers = [line for line in result.main_lines if line.value]
    names = [_wrap(line.label, ANSWER_LINE) for line in answers]
    tallest = max((name.count("\n") + 1 for name in axis), default=1)
    values = [
        {"column": axis[i], "answer": names[order], "order": order, "value": cell}
        for order, line in enumerate(answers)
        for i, cell in enumerate(line.cells)
        if cell is not None
    ]
    lines = "split(datum.label, '\\n')"
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X(
                "value:Q",
                stack="zero",
                title=FIGURES[analysis.choices.measure],
                axis=alt.Axis(tickCount=5),
            ),
            # vl-convert measures text with its own fonts, the browser draws it with others:
            # leave the labels room to spare so that none is cut off
            y=alt.Y(
                "column:N",
                sort=axis,
                title=None,
                axis=alt.Axis(labelExpr=lines, labelLimit=400, minExtent=7 * COLUMN_LINE),
            ),
            color=alt.Color(
                "answer:N",
                sort=names,
                scale=alt.Scale(scheme="tableau20"),
                legend=alt.Legend(
                    orient="bottom",
                    direction="vertical",
                    labelExpr=lines,
                    labelLimit=400,
                    title=None,
                ),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(
            width=180,
            height=alt.Step(11 * tallest + 8),
            # room for legend labels the browser draws wider than vl-convert measured them
            padding={"left": 5, "top": 5, "bottom": 5, "right": 5 + ANSWER_LINE},
        )
    )
    return chart.to_dict()


def _wrap(text: str, width: int) -> str:
    """`text` in lines of at most `width` characters (longer words stay whole), joined by
    newlines."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text
