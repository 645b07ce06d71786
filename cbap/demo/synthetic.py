"""Seeded, reproducible SYNTHETIC national reports for demonstrations and tests.

Plain Python with no Django import. Nothing here is real data: every report is flagged
``"synthetic": true`` and every free text starts with ``[synthetic]``.

:func:`generate_reports` writes report-analyzer feed objects (see :mod:`cbap.bch.documents`)
for one questionnaire and a list of governments::

    nr4 = generate_reports(nr4_questionnaire, governments, seed=7)
    nr5 = generate_reports(
        nr5_questionnaire, governments, seed=7,
        previous={r["government"]["identifier"]: r for r in nr4},
        mapping=json.loads(Path(".../nr5-nr4-mapping.json").read_text()),
    )

How the data is made plausible:

* each government has a capacity *propensity* in [0.05, 0.95] (:func:`propensity`): a base per
  UN regional group, lower for LDCs and SIDS, plus a government-specific deviation drawn from
  the seed (the same in every cycle), plus a small gain per cycle after the 4th;
* Parties report with a probability of about 0.7 + 0.3 x propensity (≈ 85 % on average),
  non-Parties with about 0.15; with `previous`, a government that reported last time is more
  likely to report again and one that did not is less likely;
* options are scored from "weak" to "strong" (Yes > Yes, to some extent > No, larger counts >
  smaller ones, the listed order otherwise, inverted for questions about remaining *needs*) and
  a government picks options near its propensity, shifted by a per-question difficulty;
* with `previous` and `mapping`, about half of the answers to a mapped question repeat the
  government's previous answer (translated with the mapping's ``valueMapping``), sometimes one
  step better, so cycles are correlated and the later one is slightly better on average;
* answers follow every rule of the questionnaire (questions are answered in order and only when
  the rules make them applicable; mandatory ones always), never combine an exclusive option with
  others, and put free text only on options that take it (about 60 % of the time);
* submission dates mostly fall within 8 months before the deadline; 5-20 % of reports are late,
  more so for low propensity.

Randomness comes from ``random.Random`` seeded with strings built from `seed`, the schema and
the government code, so the output does not depend on the order or the number of governments,
on PYTHONHASHSEED or on the platform.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cbap.bch.answers import Answer
from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.rules import RuleWalk, walk_rules
from cbap.bch.text import item_value, plain

__all__ = [
    "DEADLINES",
    "REGION_PROPENSITY",
    "GovernmentProfile",
    "generate_reports",
    "propensity",
]

# Reporting deadlines, from app/app-data/report-analyzer-mapping.js of scbd/absch.cbd.int.
DEADLINES: Mapping[int, date] = {4: date(2019, 10, 1), 5: date(2026, 2, 28)}

# Base capacity propensity per UN regional group (illustrative values, not measurements).
REGION_PROPENSITY: Mapping[str, float] = {
    "African Group": 0.44,
    "Asia-Pacific Group": 0.50,
    "Eastern European Group": 0.57,
    "GRULAC": 0.50,
    "WEOG": 0.65,
}
_REGION_ALIASES = {
    "latin american and caribbean group": "GRULAC",
    "western european and others group": "WEOG",
    "asia and the pacific group": "Asia-Pacific Group",
    "asia-pacific": "Asia-Pacific Group",
    "africa": "African Group",
    "cee": "Eastern European Group",
}
DEFAULT_PROPENSITY = 0.5
LDC_PENALTY = 0.10
SIDS_PENALTY = 0.06
CYCLE_GAIN = 0.04  # per cycle after the 4th
GOVERNMENT_SPREAD = 0.10  # standard deviation of the government-specific deviation

_PARTY_QUESTION = re.compile(r"Is your country a Party to the Cartagena Protocol", re.I)
# Questions where "Yes" (or more options) means a gap: "Does your country still have
# capacity-building needs?", "…which areas still need capacity-building", "…specific needs for
# further guidance…". (Not: "…funding for its capacity-building needs", "…needs assessment".)
_NEEDS_QUESTION = re.compile(r"\bstill (?:have [\w-]+ needs|need)\b|\bhave specific needs\b", re.I)
_COUNT_VALUE = re.compile(r"^(?:0|none|USD0|\d+\+|\d+-\d+|USD\d+(?:-\d+|\+))$", re.I)
_NEUTRAL_VALUES = frozenset({"na", "n/a", "false.na", "false.notApplicable"})
_OTHER_TITLE = re.compile(r"^\s*other\b", re.I)

_TEXTS = (
    "Further details are available from the national competent authority.",
    "The national biosafety framework is under review and will address this.",
    "Work is coordinated by the national biosafety committee.",
    "Training was delivered with support from regional partners.",
    "Guidelines on this topic were adopted during the reporting period.",
    "Progress has been limited by available funding and staff.",
    "Information has been shared through the Biosafety Clearing-House.",
    "A national workshop discussed this topic with stakeholders.",
    "Pilot activities were carried out in two provinces.",
    "A draft regulation is awaiting approval.",
)
_OPTION_TEXTS = (
    "Partially, through sectoral guidelines.",
    "Only for some categories of LMOs.",
    "Ad hoc arrangements are in place.",
    "Through a regional project.",
    "In selected institutions only.",
)
_OTHER_TEXTS = (
    "Regional guidance documents.",
    "University training materials.",
    "Materials from a bilateral cooperation project.",
    "Customs and border control procedures.",
)


@dataclass(frozen=True)
class GovernmentProfile:
    """A government as the generator sees it. `region` is a UN regional group as in
    ``country_groupings.csv`` ("African Group", "Asia-Pacific Group", "Eastern European Group",
    "GRULAC", "WEOG"; "A|B" averages both; others get the default propensity)."""

    code_iso2: str
    region: str
    is_party: bool = True
    ldc: bool = False
    sids: bool = False


def _region_base(region: str) -> float:
    bases = []
    for part in (region or "").split("|"):
        name = part.strip()
        name = _REGION_ALIASES.get(name.lower(), name)
        lowered = {k.lower(): v for k, v in REGION_PROPENSITY.items()}
        bases.append(lowered.get(name.lower(), DEFAULT_PROPENSITY))
    return sum(bases) / len(bases)


def propensity(profile: GovernmentProfile, *, seed: int, cycle: int) -> float:
    """The capacity propensity of a government in a cycle, in [0.05, 0.95]."""
    rng = random.Random(f"cbap-synthetic:{seed}:propensity:{profile.code_iso2.lower()}")
    value = _region_base(profile.region) + rng.gauss(0.0, GOVERNMENT_SPREAD)
    if profile.ldc:
        value -= LDC_PENALTY
    if profile.sids:
        value -= SIDS_PENALTY
    value += CYCLE_GAIN * max(0, cycle - 4)
    return min(0.95, max(0.05, value))


# --------------------------------------------------------------------------------------------


def _option_scores(question: Question) -> list[float | None]:
    """How "strong" each option is, in [0, 1]; None for neutral ones (not applicable…)."""
    values = [o.value for o in question.options]
    scores: list[float | None] = [None] * len(values)
    graded = [i for i, v in enumerate(values) if v not in _NEUTRAL_VALUES]
    if graded and all(_COUNT_VALUE.match(values[i]) for i in graded):
        for rank, i in enumerate(graded):  # counts are listed in ascending order
            scores[i] = rank / max(1, len(graded) - 1)
    elif any(v == "true" or v.startswith("true.") or v == "false" for v in values):
        yes = [i for i in graded if values[i].startswith("true.") and values[i] != "true.some"]
        for i in graded:
            value = values[i]
            if value == "true":
                scores[i] = 1.0
            elif value == "true.some":
                scores[i] = 0.55
            elif i in yes:
                scores[i] = 0.95 - 0.35 * yes.index(i) / max(1, len(yes) - 1)
            elif value == "false":
                scores[i] = 0.0
            elif value.startswith("false."):
                scores[i] = 0.1
            else:
                scores[i] = 0.5
    else:
        for rank, i in enumerate(graded):  # otherwise options are listed strongest first
            scores[i] = 1.0 - rank / max(1, len(graded) - 1)
    for i, option in enumerate(question.options):
        if option.exclusive:
            scores[i] = 0.0
    if _NEEDS_QUESTION.search(question.plain_title):
        scores = [None if s is None else 1.0 - s for s in scores]
    return scores


class _Generator:
    def __init__(
        self,
        questionnaire: Questionnaire,
        *,
        seed: int,
        previous_keys: Mapping[str, tuple[str, Mapping[str, str]]],
    ):
        self.qn = questionnaire
        self.seed = seed
        self.previous_keys = previous_keys
        self.scores = {
            q.key: _option_scores(q) for q in questionnaire.questions.values() if q.options
        }
        rng = random.Random(f"cbap-synthetic:{seed}:{questionnaire.schema}:difficulty")
        self.difficulty = {key: rng.uniform(-0.2, 0.2) for key in questionnaire.questions}
        self.needs = {
            q.key for q in questionnaire.questions.values() if _NEEDS_QUESTION.search(q.plain_title)
        }
        self.party = {
            q.key
            for q in questionnaire.questions.values()
            if _PARTY_QUESTION.search(q.plain_title) and q.option("true") and q.option("false")
        }

    # -- one report --------------------------------------------------------------------------

    def report(
        self, profile: GovernmentProfile, capacity: float, previous: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        rng = random.Random(
            f"cbap-synthetic:{self.seed}:{self.qn.schema}:answers:{profile.code_iso2.lower()}"
        )
        answers: dict[str, Any] = {}
        parsed: dict[str, Any] = {}
        walk = RuleWalk(self.qn, {})
        for question in self.qn.questions.values():
            answer = None
            if question.answerable and walk.applicable(question.key):
                raw = self.answer(question, rng, profile, capacity, previous)
                if raw is not None:
                    answer = _as_answer(question, raw)
                    answers[question.key] = raw
                    parsed[question.key] = answer
            walk.visit(question, answer)
        self._settle(answers, parsed, rng, profile, capacity, previous)
        return answers

    def _settle(self, answers, parsed, rng, profile, capacity, previous) -> None:
        # The in-order pass above already follows the rules; this re-checks the whole report
        # (a custom rule may read a later question) and repairs it if needed.
        for _ in range(5):
            walk = walk_rules(self.qn, parsed)
            changed = False
            for question in self.qn.answerable:
                key = question.key
                if not walk.applicable(key):
                    if key in answers:
                        del answers[key], parsed[key]
                        changed = True
                elif question.mandatory and key not in answers:
                    raw = self.answer(question, rng, profile, capacity, previous)
                    answers[key], parsed[key] = raw, _as_answer(question, raw)
                    changed = True
            if not changed:
                break
        order = {key: i for i, key in enumerate(self.qn.questions)}
        ordered = sorted(answers.items(), key=lambda item: order[item[0]])
        answers.clear()
        answers.update(ordered)

    def answer(self, question, rng, profile, capacity, previous) -> Any:
        kind = question.type
        if not question.mandatory and question.key not in self.party:
            chance = {
                "option": 0.8 + 0.15 * capacity,
                "term": 0.8 + 0.15 * capacity,
                "int": 0.85,
            }.get(kind, 0.12 + 0.3 * capacity)
            if rng.random() >= chance:
                return None
        if kind in ("option", "term"):
            level = capacity + self.difficulty[question.key] + rng.gauss(0.0, 0.12)
            prior = self._previous_values(question, previous)
            if question.multiple:
                return self._several(question, rng, level, prior)
            return self._one(question, rng, level, prior, profile)
        if kind == "int":
            return {"value": rng.randint(1, 2 + int(20 * capacity))}
        text = f"[synthetic] {rng.choice(_TEXTS)}"
        if kind == "text":
            return text
        return {"value": {"en": text}}

    def _previous_values(self, question: Question, previous: Mapping[str, Any] | None):
        if previous is None or question.key not in self.previous_keys:
            return None
        key, value_mapping = self.previous_keys[question.key]
        raw = previous.get(key)
        if raw is None:
            return None
        items = raw if isinstance(raw, list) else [raw]
        values = []
        for item in items:
            value = item_value(item)
            if value is not None:
                value = value_mapping.get(value, value)
                if question.option(value) is not None and value not in values:
                    values.append(value)
        return values

    def _one(self, question, rng, level, prior, profile) -> dict[str, Any]:
        if question.key in self.party:
            return {"value": "true" if profile.is_party else "false"}
        options = question.options
        values = [o.value for o in options]
        scores = self.scores[question.key]
        index = None
        if prior and rng.random() < 0.55:
            index = values.index(prior[0])
            if scores[index] is not None and rng.random() < 0.2:
                better = [
                    i
                    for i, s in enumerate(scores)
                    if s is not None and s > scores[index] and not options[i].exclusive
                ]
                if better:
                    index = min(better, key=lambda i: scores[i])
        if index is None:
            weights = [0.05 if s is None else math.exp(-((s - level) ** 2) / 0.2) for s in scores]
            index = rng.choices(range(len(options)), weights=weights)[0]
        option = options[index]
        item: dict[str, Any] = {"value": option.value}
        self._extra(item, option, rng)
        return item

    def _several(self, question, rng, level, prior) -> list[dict[str, Any]]:
        # The options of a multiple-choice question are alternatives, not grades: stronger
        # governments tick more of them, except on questions about remaining needs.
        options = question.options
        base = 1.0 - level if question.key in self.needs else level
        chosen = []
        chances = []
        for option in options:
            if option.exclusive:
                chances.append(0.0)
                continue
            if option.takes_text and _OTHER_TITLE.match(plain(option.title)):
                chance = 0.06 + 0.1 * base
            else:
                chance = 0.1 + 0.7 * base + rng.gauss(0.0, 0.08)
            if prior is not None:
                chance = 0.8 if option.value in prior else 0.6 * chance
            chance = min(0.95, max(0.02, chance))
            chances.append(chance)
            if rng.random() < chance:
                chosen.append(option)
        if not chosen:
            exclusive = [o for o in options if o.exclusive]
            if exclusive:
                chosen = [exclusive[0]]
            else:
                weights = [c or 0.01 for c in chances]
                chosen = [options[rng.choices(range(len(options)), weights=weights)[0]]]
        items = []
        numbers = self._shares(rng, sum(1 for o in chosen if o.takes_number))
        for option in chosen:
            item: dict[str, Any] = {"value": option.value}
            if option.takes_number:
                item["additionalInformation"] = numbers.pop()
            else:
                self._extra(item, option, rng)
            items.append(item)
        return items

    @staticmethod
    def _extra(item: dict[str, Any], option, rng: random.Random) -> None:
        if option.takes_number:
            item["additionalInformation"] = rng.randint(1, 100)
        elif option.takes_text:
            is_other = bool(_OTHER_TITLE.match(plain(option.title)))
            if rng.random() < (0.9 if is_other else 0.6):
                text = rng.choice(_OTHER_TEXTS if is_other else _OPTION_TEXTS)
                item["additionalInformation"] = {"en": f"[synthetic] {text}"}

    @staticmethod
    def _shares(rng: random.Random, count: int) -> list[int]:
        """`count` whole percentages, each at least 1, adding up to 100."""
        if count == 0:
            return []
        cuts = sorted(rng.sample(range(1, 100), count - 1))
        bounds = [0, *cuts, 100]
        return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


def _as_answer(question: Question, raw: Any) -> Answer:
    """The Answer of a generated raw answer (the shapes written above only; a shortcut of
    questionnaire.normalize, which the tests use to check the generated reports)."""
    if question.type in ("option", "term"):
        items = raw if isinstance(raw, list) else [raw]
        with_text = set()
        texts = []
        for item in items:
            info = item.get("additionalInformation")
            if info:
                with_text.add(item["value"])
                if isinstance(info, dict):
                    texts.append(info["en"])
        return Answer(
            values=tuple(item["value"] for item in items),
            with_text=frozenset(with_text),
            text="\n".join(texts) or None,
        )
    if question.type == "int":
        return Answer(number=raw["value"])
    if question.type == "text":
        return Answer(text=raw)
    return Answer(text=raw["value"]["en"])


def _previous_keys(
    questionnaire: Questionnaire, mapping: Mapping | None
) -> dict[str, tuple[str, Mapping[str, str]]]:
    """{current key: (previous key, valueMapping)} from a mapping file such as
    ``nr5-nr4-mapping.json`` (``{"mappings": [{"current", "previous", "valueMapping"}]}``), a
    plain {current: previous} mapping, or {current: {"previous"|"prevQuestion"|"question": …,
    "valueMapping"?: …}}. Without a mapping, keys map to themselves."""
    if mapping is None:
        return {key: (key, {}) for key in questionnaire.questions}
    result: dict[str, tuple[str, Mapping[str, str]]] = {}
    entries = mapping.get("mappings") if isinstance(mapping.get("mappings"), list) else None
    if entries is not None:
        for entry in entries:
            result[entry["current"]] = (entry["previous"], entry.get("valueMapping") or {})
        return result
    for current, target in mapping.items():
        if isinstance(target, str):
            result[current] = (target, {})
        elif isinstance(target, Mapping):
            key = target.get("previous") or target.get("prevQuestion") or target.get("question")
            if key:
                result[current] = (key, target.get("valueMapping") or {})
    return result


def _submission_date(rng: random.Random, deadline: date, capacity: float) -> date:
    if rng.random() < 0.05 + 0.15 * (1.0 - capacity):
        return deadline + timedelta(days=int(rng.triangular(1, 270, 20)))
    return deadline - timedelta(days=int(rng.triangular(0, 240, 5)))


def generate_reports(
    questionnaire: Questionnaire,
    governments: Sequence[GovernmentProfile],
    *,
    seed: int,
    previous: Mapping[str, dict] | None = None,
    mapping: Mapping | None = None,
    deadline: date | None = None,
) -> list[dict[str, Any]]:
    """Synthetic report-analyzer feed objects, one per government that "reports", in the order
    of `governments`::

        {"government": {"identifier": "ke"}, "documentId": 500017, "synthetic": True,
         "submittedOn": "2026-01-12", "Q007": {"value": "implementation.partiallyInPlace"}, …}

    `previous`: the previous cycle's reports keyed by government identifier (feed objects or
    plain answer dicts); `mapping`: links this questionnaire's keys to the previous one's (e.g.
    the parsed ``nr5-nr4-mapping.json``; without it keys are taken to be the same).
    `deadline` defaults to :data:`DEADLINES` for the questionnaire's cycle. Document ids are
    ``cycle * 100000 + n`` with n following the submission order. Same arguments, same output.
    """
    if deadline is None:
        if questionnaire.cycle not in DEADLINES:
            raise ValueError(f"no known deadline for cycle {questionnaire.cycle}; pass deadline=")
        deadline = DEADLINES[questionnaire.cycle]
    codes = [g.code_iso2.lower() for g in governments]
    if len(set(codes)) != len(codes):
        raise ValueError("a government appears twice")
    previous_by_code = {k.lower(): v for k, v in (previous or {}).items()}
    generator = _Generator(
        questionnaire,
        seed=seed,
        previous_keys=_previous_keys(questionnaire, mapping) if previous is not None else {},
    )
    reports = []
    for profile, code in zip(governments, codes, strict=True):
        capacity = propensity(profile, seed=seed, cycle=questionnaire.cycle)
        rng = random.Random(f"cbap-synthetic:{seed}:{questionnaire.schema}:report:{code}")
        chance = 0.70 + 0.30 * capacity if profile.is_party else 0.08 + 0.12 * capacity
        earlier = previous_by_code.get(code)
        if previous is not None:  # habits persist
            chance = chance + 0.3 * (1.0 - chance) if earlier is not None else 0.7 * chance
        if rng.random() >= min(0.98, max(0.02, chance)):
            continue
        submitted = _submission_date(rng, deadline, capacity)
        answers = generator.report(profile, capacity, earlier)
        reports.append(
            {
                "government": {"identifier": code},
                "documentId": None,
                "synthetic": True,
                "submittedOn": submitted.isoformat(),
                **answers,
            }
        )
    by_submission = sorted(reports, key=lambda r: (r["submittedOn"], r["government"]["identifier"]))
    for number, report in enumerate(by_submission, start=1):
        report["documentId"] = questionnaire.cycle * 100000 + number
    return reports
