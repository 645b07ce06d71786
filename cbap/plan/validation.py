"""Checking a plan data file before anything is written: every problem at once, each with its path.

No Django here. The loader (`services.plan_version_load`) refuses a file with any problem, so a
typo in a hand-edited adjustment file never becomes a half-loaded plan version. The format is
documented in `cbap/plan/data/README.md`; limits follow the model fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

SECTIONS = ("A", "B")
SCOPES = ("all", "supplementary_protocol")
SCOPE_SOURCES = ("decision", "inferred")
MEASURES = ("percentage", "number")
VOCABULARIES = ("actors", "target_audiences", "levels")
COLUMN_KEYS = ("goals", "key_areas", "activities", "indicators", "outcomes")

TOP_KEYS = {"version", "columns", "sections", "goals", "narrative", "vocabularies", "priorities"}
TOP_KEYS |= {"translations", "targets"}
# Official translations of the plan's texts, by the BCH's language codes (English is the source).
TRANSLATION_LANGUAGES = ("fr", "es", "ar", "zh", "ru")
TRANSLATION_KEYS = {"source", "texts"}
VERSION_KEYS = {"code", "title", "decision", "document", "adopted_on", "runs_to", "previous"}
VERSION_KEYS |= {"note"}
GOAL_KEYS = {"code", "section", "number", "title", "articles"} | set(COLUMN_KEYS[1:])
# Item fields; `code` and `articles` are what the JSON export adds, accepted so an export reloads.
ITEM_KEYS = {
    "key_areas": {"number", "text", "scope", "scope_source", "code", "articles"},
    "activities": {"number", "text", "scope", "scope_source", "code", "articles"},
    "indicators": {"letter", "text", "measure", "scope", "scope_source", "code", "articles"},
}
MARKERS = {  # how each kind numbers its items, as the decision does
    "key_areas": ("number", re.compile(r"[1-9][0-9]?"), "a number such as '3'"),
    "activities": ("number", re.compile(r"[ivxl]{1,6}"), "a roman numeral such as 'ii'"),
    "indicators": ("letter", re.compile(r"[a-z]"), "a letter such as 'c'"),
}
GOAL_NUMBER = re.compile(r"[1-9][0-9]?")
NARRATIVE_CODE = re.compile(r"[a-z0-9]+(\.[a-z0-9]+)*")
NARRATIVE_KEYS = {"code", "part", "heading", "subheading", "number", "text", "articles"}
PRIORITY_KEYS = {"decision", "starts_on", "ends_on", "element_codes", "note"}
TARGET_KEYS = {"indicator", "year", "value", "source", "note"}
RANGES = {"percentage": (0.0, 100.0), "number": (0.0, None)}
"""The values an indicator of each measure can take, and so its target."""


@dataclass(frozen=True)
class FileProblem:
    path: str  # e.g. "goals[3].key_areas[0]"; "" for the file as a whole
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class PlanDataError(ValueError):
    """A plan data file with problems; its message lists every one, prefixed by the file name."""

    def __init__(self, source: str, problems: list[FileProblem]):
        self.source = source
        self.problems = problems
        lines = [f"{source}: {len(problems)} problem(s), nothing was loaded:"]
        lines += [f"{source}: {problem}" for problem in problems]
        super().__init__("\n".join(lines))


def check(data: object, *, source: str, known_versions: frozenset[str] = frozenset()) -> None:
    """Raise PlanDataError naming `source` unless `data` is a valid plan data file."""
    found = problems(data, known_versions=known_versions)
    if found:
        raise PlanDataError(source, found)


def problems(data: object, *, known_versions: frozenset[str] = frozenset()) -> list[FileProblem]:
    """Every problem of a plan data dict; `known_versions` are the codes `previous` may name."""
    checker = _Checker()
    if not isinstance(data, dict):
        return [FileProblem("", f"expected a JSON object, not {_kind(data)}")]
    checker.keys("", data, allowed=TOP_KEYS, required=("version", "columns", "sections", "goals"))
    codes: set[str] = set()
    if isinstance(version := data.get("version"), dict):
        checker.version(version, known_versions)
    elif "version" in data:
        checker.add("version", f"expected an object, not {_kind(version)}")
    section_codes = checker.sections(data.get("sections"))
    checker.columns(data.get("columns"))
    if isinstance(goals := data.get("goals"), list):
        if not goals:
            checker.add("goals", "no goals")
        codes = checker.goals(goals, section_codes)
    elif "goals" in data:
        checker.add("goals", f"expected a list, not {_kind(goals)}")
    checker.narrative(data.get("narrative", []))
    checker.vocabularies(data.get("vocabularies", {}))
    checker.priorities(data.get("priorities", []), codes)
    checker.targets(data.get("targets", []), data)
    checker.translations(data.get("translations", {}), codes)
    return checker.found


class _Checker:
    def translations(self, translations, codes: set[str]) -> None:
        """{language: {"source": the official document, "texts": {code: text}}}: each text of a
        goal (its title) or element, in a UN language, from a named official translation."""
        if not isinstance(translations, dict):
            self.add("translations", f"expected an object, not {_kind(translations)}")
            return
        for language, given in translations.items():
            path = f"translations.{language}"
            if language not in TRANSLATION_LANGUAGES:
                self.add(
                    path, f"not a UN language besides English ({', '.join(TRANSLATION_LANGUAGES)})"
                )
                continue
            if not isinstance(given, dict):
                self.add(path, f"expected an object, not {_kind(given)}")
                continue
            self.keys(path, given, allowed=TRANSLATION_KEYS, required=("texts",))
            self.text(path, given, "source", max_length=300)
            texts = given.get("texts")
            if not isinstance(texts, dict):
                if "texts" in given:
                    self.add(f"{path}.texts", f"expected an object, not {_kind(texts)}")
                continue
            for code in texts:
                if code not in codes:
                    self.add(
                        f"{path}.texts.{code}", "not the code of a goal or element of the plan"
                    )
                else:
                    self.text(f"{path}.texts", texts, code)

    def __init__(self):
        self.found: list[FileProblem] = []

    def add(self, path: str, reason: str) -> None:
        self.found.append(FileProblem(path, reason))

    def keys(self, path, item: dict, *, allowed: set[str], required=()) -> None:
        for key in required:
            if key not in item:
                self.add(path, f"missing {key!r}")
        for key in item:
            if key not in allowed:
                self.add(
                    path, f"unknown key {key!r} (expected one of {', '.join(sorted(allowed))})"
                )

    def text(self, path, item: dict, key: str, *, max_length=None, required=True) -> str | None:
        """The string at item[key], or None after noting what is wrong with it."""
        if key not in item:
            if required:
                self.add(path, f"missing {key!r}")
            return None
        value = item[key]
        where = f"{path}.{key}" if path else key
        if not isinstance(value, str):
            self.add(where, f"expected text, not {_kind(value)}")
            return None
        if required and not value.strip():
            self.add(where, "is empty")
            return None
        if max_length and len(value) > max_length:
            self.add(where, f"longer than {max_length} characters")
            return None
        return value

    def choice(self, path, item: dict, key: str, choices, *, required=False) -> None:
        if key not in item and not required:
            return
        value = item.get(key)
        if key not in item:
            self.add(path, f"missing {key!r}")
        elif value not in choices:
            self.add(
                f"{path}.{key}", f"{value!r} is not one of {', '.join(repr(c) for c in choices)}"
            )

    def iso_date(self, path, item: dict, key: str) -> date | None:
        raw = self.text(path, item, key)
        if raw is None:
            return None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        self.add(f"{path}.{key}", f"{raw!r} is not a date as YYYY-MM-DD")
        return None

    def version(self, version: dict, known_versions: frozenset[str]) -> None:
        path = "version"
        self.keys(path, version, allowed=VERSION_KEYS)
        code = self.text(path, version, "code", max_length=40)
        if code is not None and (code != code.strip() or "?" in code or "#" in code):
            self.add(f"{path}.code", f"{code!r} has surrounding spaces, '?' or '#'")
        self.text(path, version, "title", max_length=300)
        self.text(path, version, "decision", max_length=40)
        self.text(path, version, "document", max_length=60, required=False)
        self.text(path, version, "note", required=False)
        self.iso_date(path, version, "adopted_on")
        runs_to = version.get("runs_to")
        if "runs_to" not in version:
            self.add(path, "missing 'runs_to'")
        elif not isinstance(runs_to, int) or isinstance(runs_to, bool) or not 2000 < runs_to < 2200:
            self.add(f"{path}.runs_to", f"{runs_to!r} is not a year")
        previous = version.get("previous")
        if previous is not None:
            if not isinstance(previous, str):
                self.add(f"{path}.previous", f"expected a version code, not {_kind(previous)}")
            elif previous == code:
                self.add(f"{path}.previous", "a version cannot follow itself")
            elif previous not in known_versions:
                known = ", ".join(sorted(known_versions)) or "none loaded"
                self.add(f"{path}.previous", f"no plan version {previous!r} (known: {known})")

    def sections(self, sections) -> set[str]:
        if not isinstance(sections, list):
            if sections is not None:
                self.add("sections", f"expected a list, not {_kind(sections)}")
            return set(SECTIONS)
        seen: set[str] = set()
        for i, section in enumerate(sections):
            path = f"sections[{i}]"
            if not isinstance(section, dict):
                self.add(path, f"expected an object, not {_kind(section)}")
                continue
            self.keys(path, section, allowed={"code", "title"})
            self.choice(path, section, "code", SECTIONS, required=True)
            self.text(path, section, "title", max_length=300)
            if section.get("code") in seen:
                self.add(f"{path}.code", f"section {section['code']!r} is listed twice")
            seen.add(section.get("code"))
        return seen

    def columns(self, columns) -> None:
        if not isinstance(columns, list):
            if columns is not None:
                self.add("columns", f"expected a list, not {_kind(columns)}")
            return
        seen: list[str] = []
        for i, column in enumerate(columns):
            path = f"columns[{i}]"
            if not isinstance(column, dict):
                self.add(path, f"expected an object, not {_kind(column)}")
                continue
            self.keys(path, column, allowed={"key", "title", "meaning"})
            self.choice(path, column, "key", COLUMN_KEYS, required=True)
            self.text(path, column, "title", max_length=300)
            self.text(path, column, "meaning", max_length=300)
            if column.get("key") in seen:
                self.add(f"{path}.key", f"column {column['key']!r} is listed twice")
            seen.append(column.get("key"))
        if missing := [key for key in COLUMN_KEYS if key not in seen]:
            self.add("columns", f"missing the column(s) {', '.join(missing)}")

    def goals(self, goals: list, section_codes: set[str]) -> set[str]:
        """Check the goals and their items; return every code they define."""
        codes: dict[str, str] = {}  # code -> path that defined it first

        def define(code: str, path: str) -> None:
            if code in codes:
                self.add(path, f"code {code} is already used by {codes[code]}")
            else:
                codes[code] = path

        for g, goal in enumerate(goals):
            path = f"goals[{g}]"
            if not isinstance(goal, dict):
                self.add(path, f"expected an object, not {_kind(goal)}")
                continue
            self.keys(path, goal, allowed=GOAL_KEYS, required=("code", "section", "number"))
            self.choice(path, goal, "section", SECTIONS, required=False)
            if goal.get("section") in SECTIONS and goal["section"] not in section_codes:
                self.add(f"{path}.section", f"section {goal['section']!r} is not in 'sections'")
            number = goal.get("number")
            if "number" in goal and not (isinstance(number, str) and GOAL_NUMBER.fullmatch(number)):
                self.add(f"{path}.number", f"{number!r} is not a goal number such as '5'")
            code = goal.get("code")
            expected = f"{goal.get('section')}.{number}"
            if "code" in goal:
                if code != expected:
                    self.add(f"{path}.code", f"{code!r} should be section.number, {expected!r}")
                else:
                    define(code, path)
            self.text(path, goal, "title")
            articles = goal.get("articles", [])
            if not (
                isinstance(articles, list)
                and all(isinstance(a, int) and not isinstance(a, bool) and a > 0 for a in articles)
            ):
                self.add(f"{path}.articles", "expected a list of article numbers, e.g. [18]")
            goal_code = expected  # items are numbered within section.number, even if code is wrong
            for kind, (marker_field, pattern, example) in MARKERS.items():
                items = goal.get(kind)
                if not isinstance(items, list):
                    self.add(path, f"missing {kind!r}" if items is None else f"{kind}: not a list")
                    continue
                for i, item in enumerate(items):
                    item_path = f"{path}.{kind}[{i}]"
                    if not isinstance(item, dict):
                        self.add(item_path, f"expected an object, not {_kind(item)}")
                        continue
                    self.keys(item_path, item, allowed=ITEM_KEYS[kind], required=(marker_field,))
                    self.text(item_path, item, "text")
                    self.choice(item_path, item, "scope", SCOPES)
                    self.choice(item_path, item, "scope_source", SCOPE_SOURCES)
                    if kind == "indicators":
                        self.choice(item_path, item, "measure", MEASURES, required=True)
                    marker = item.get(marker_field)
                    if marker_field not in item:
                        continue
                    if not (isinstance(marker, str) and pattern.fullmatch(marker)):
                        self.add(f"{item_path}.{marker_field}", f"{marker!r} is not {example}")
                        continue
                    item_code = f"{goal_code}.{marker}"
                    if "code" in item and item["code"] != item_code:
                        self.add(f"{item_path}.code", f"{item['code']!r} should be {item_code!r}")
                    define(item_code, item_path)
            outcomes = goal.get("outcomes")
            if not isinstance(outcomes, list):
                self.add(path, "missing 'outcomes'" if outcomes is None else "outcomes: not a list")
                continue
            for i, outcome in enumerate(outcomes):
                if not isinstance(outcome, str) or not outcome.strip():
                    self.add(f"{path}.outcomes[{i}]", "expected the outcome's text")
                else:
                    define(f"{goal_code}.o{i + 1}", f"{path}.outcomes[{i}]")
        return set(codes)

    def narrative(self, paragraphs) -> None:
        if not isinstance(paragraphs, list):
            self.add("narrative", f"expected a list, not {_kind(paragraphs)}")
            return
        seen: set[str] = set()
        for i, paragraph in enumerate(paragraphs):
            path = f"narrative[{i}]"
            if not isinstance(paragraph, dict):
                self.add(path, f"expected an object, not {_kind(paragraph)}")
                continue
            self.keys(path, paragraph, allowed=NARRATIVE_KEYS, required=("code", "part"))
            code = self.text(path, paragraph, "code", max_length=30)
            if code is not None:
                if not NARRATIVE_CODE.fullmatch(code):
                    self.add(f"{path}.code", f"{code!r} is not a code such as 'annex.21'")
                elif code in seen:
                    self.add(f"{path}.code", f"code {code} is listed twice")
                seen.add(code)
            self.text(path, paragraph, "part", max_length=20)
            self.text(path, paragraph, "heading", max_length=300, required=False)
            self.text(path, paragraph, "subheading", max_length=300, required=False)
            self.text(path, paragraph, "number", max_length=12, required=False)
            self.text(path, paragraph, "text")

    def vocabularies(self, vocabularies) -> None:
        if not isinstance(vocabularies, dict):
            self.add("vocabularies", f"expected an object, not {_kind(vocabularies)}")
            return
        for name, terms in vocabularies.items():
            path = f"vocabularies.{name}"
            if name not in VOCABULARIES:
                self.add(path, f"unknown vocabulary (expected one of {', '.join(VOCABULARIES)})")
                continue
            if not isinstance(terms, list):
                self.add(path, f"expected a list of terms, not {_kind(terms)}")
                continue
            seen: set[str] = set()
            for i, term in enumerate(terms):
                if not isinstance(term, str) or not term.strip() or len(term) > 300:
                    self.add(f"{path}[{i}]", "expected a term (text of 1–300 characters)")
                elif term in seen:
                    self.add(f"{path}[{i}]", f"{term!r} is listed twice")
                else:
                    seen.add(term)

    def priorities(self, priorities, codes: set[str]) -> None:
        if not isinstance(priorities, list):
            self.add("priorities", f"expected a list, not {_kind(priorities)}")
            return
        for i, period in enumerate(priorities):
            path = f"priorities[{i}]"
            if not isinstance(period, dict):
                self.add(path, f"expected an object, not {_kind(period)}")
                continue
            self.keys(path, period, allowed=PRIORITY_KEYS, required=("element_codes",))
            self.text(path, period, "decision", max_length=40)
            self.text(path, period, "note", required=False)
            starts, ends = (
                self.iso_date(path, period, "starts_on"),
                self.iso_date(path, period, "ends_on"),
            )
            if starts and ends and ends < starts:
                self.add(f"{path}.ends_on", "ends before it starts")
            element_codes = period.get("element_codes", [])
            if not isinstance(element_codes, list) or not element_codes:
                self.add(f"{path}.element_codes", "expected a list of element codes")
                continue
            for j, code in enumerate(element_codes):
                if code not in codes:
                    self.add(f"{path}.element_codes[{j}]", f"no element {code!r} in this version")

    def targets(self, targets, data: dict) -> None:
        """Each target names an indicator of this version, a year from the plan's adoption to
        its end, a value its measure can take, and its source; one per indicator and year."""
        if not isinstance(targets, list):
            self.add("targets", f"expected a list, not {_kind(targets)}")
            return
        measures = {
            f"{goal.get('code')}.{item.get('letter')}": item.get("measure")
            for goal in data.get("goals") or []
            if isinstance(goal, dict)
            for item in goal.get("indicators") or []
            if isinstance(item, dict)
        }
        meta = data.get("version") if isinstance(data.get("version"), dict) else {}
        first = str(meta.get("adopted_on", ""))[:4]
        last = meta.get("runs_to")
        seen = set()
        for i, target in enumerate(targets):
            path = f"targets[{i}]"
            if not isinstance(target, dict):
                self.add(path, f"expected an object, not {_kind(target)}")
                continue
            self.keys(path, target, allowed=TARGET_KEYS, required=("indicator", "year", "value"))
            self.text(path, target, "source", max_length=200)
            self.text(path, target, "note", required=False)
            code, year, value = target.get("indicator"), target.get("year"), target.get("value")
            if code not in measures:
                self.add(f"{path}.indicator", f"no indicator {code!r} in this version")
            if not isinstance(year, int) or isinstance(year, bool):
                self.add(f"{path}.year", f"expected a year, not {_kind(year)}")
            elif first.isdigit() and isinstance(last, int) and not int(first) <= year <= last:
                self.add(f"{path}.year", f"{year} is outside the plan's years ({first}–{last})")
            if not isinstance(value, int | float) or isinstance(value, bool):
                self.add(f"{path}.value", f"expected a number, not {_kind(value)}")
            elif code in measures:
                low, high = RANGES.get(measures[code], (None, None))
                if (low is not None and value < low) or (high is not None and value > high):
                    shown = f"{low:g}–{high:g}" if high is not None else f"{low:g} or more"
                    self.add(
                        f"{path}.value",
                        f"{value:g} is outside the range of a {measures[code]} ({shown})",
                    )
            if (code, year) in seen:
                self.add(path, f"{code} has a target for {year} twice")
            seen.add((code, year))


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), "null" if value is None else type(value).__name__)
