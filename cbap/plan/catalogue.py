"""The plan as plain data: element codes, the list of elements, cited articles, version changes.

No Django here: the loader, the exports and the version comparison all build on these rows. They
work on the plan dict of the data file, which is also the shape of the JSON export.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
ADOPTED_PLAN_FILE = DATA_DIR / "cp-10-4.json"
ARTICLES_FILE = DATA_DIR / "articles.json"

# Element kinds, in the order of the plan's columns, with the field that numbers them.
ELEMENT_KINDS = {
    "key_areas": "number",
    "activities": "number",
    "indicators": "letter",
    "outcomes": None,
}
KIND_LABELS = {
    "goal": "Goals",
    "key_areas": "Key areas",
    "activities": "Plan activities",
    "indicators": "Indicators",
    "outcomes": "Outcomes",
}


def element_code(goal_code: str, marker: str) -> str:
    """`A.5` + `3` → `A.5.3`; + `ii` → `A.5.ii`; + `c` → `A.5.c`; + `o1` → `A.5.o1`."""
    return f"{goal_code}.{marker}"


@dataclass(frozen=True)
class Element:
    kind: str  # "goal" or a key of ELEMENT_KINDS
    goal: str
    code: str
    marker: str
    text: str
    position: int
    measure: str = ""
    scope: str = "all"
    scope_source: str = "decision"
    articles: tuple[int, ...] = ()  # goals only: the articles the data file says the title cites


def load_file(path: Path = ADOPTED_PLAN_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def content_hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def outcome_items(goal: dict) -> list[dict]:
    """Outcomes are bare statements in the decision; they are numbered o1, o2 … in order."""
    return [{"number": f"o{i}", "text": text} for i, text in enumerate(goal["outcomes"], start=1)]


def elements(data: dict) -> list[Element]:
    """Every goal and goal element of a plan data dict, in plan order, with its code."""
    rows: list[Element] = []
    for g_pos, goal in enumerate(data["goals"]):
        rows.append(
            Element(
                "goal",
                goal["code"],
                goal["code"],
                goal["number"],
                goal["title"],
                g_pos,
                articles=tuple(goal.get("articles", ())),
            )
        )
        for kind, marker_field in ELEMENT_KINDS.items():
            items = outcome_items(goal) if kind == "outcomes" else goal[kind]
            for pos, item in enumerate(items):
                marker = item[marker_field or "number"]
                rows.append(
                    Element(
                        kind=kind,
                        goal=goal["code"],
                        code=element_code(goal["code"], marker),
                        marker=marker,
                        text=item["text"],
                        position=pos,
                        measure=item.get("measure", ""),
                        scope=item.get("scope", "all"),
                        scope_source=item.get("scope_source", "decision"),
                    )
                )
    return rows


# --- Articles cited in the texts ------------------------------------------------------------

# "Article 17", "Articles 22 and 28"; an article "of the Convention on Biological Diversity" is
# not one of the Protocol's (annex ¶24 cites Article 24 of the Convention).
ARTICLE_MENTION = re.compile(
    r"\bArticles? (?P<first>\d+)(?: and (?P<second>\d+))?"
    r"(?P<convention> of the Convention on Biological Diversity)?"
)


@dataclass(frozen=True)
class ArticleMention:
    """One article number in a text, where it stands, and whether it is a Protocol article."""

    number: int
    start: int
    end: int
    protocol: bool


def article_mentions(text: str) -> list[ArticleMention]:
    """Every "Article N" in a text, with the span to link ("Article 17", or "28" in
    "Articles 22 and 28"); the text itself is never changed."""
    found = []
    for match in ARTICLE_MENTION.finditer(text):
        protocol = match["convention"] is None
        first_end = match.start("first") + len(match["first"])
        found.append(ArticleMention(int(match["first"]), match.start(), first_end, protocol))
        if match["second"]:
            found.append(
                ArticleMention(
                    int(match["second"]), match.start("second"), match.end("second"), protocol
                )
            )
    return found


def cited_articles(text: str) -> list[int]:
    """The Protocol articles a text cites, in order of first mention."""
    numbers: list[int] = []
    for mention in article_mentions(text):
        if mention.protocol and mention.number not in numbers:
            numbers.append(mention.number)
    return numbers


@functools.cache
def article_titles() -> dict[int, str]:
    """Protocol article headings; only those the repository has a source for (articles.json)."""
    data = json.loads(ARTICLES_FILE.read_text(encoding="utf-8"))
    return {int(number): title for number, title in data["titles"].items()}


# --- What changed between two versions ------------------------------------------------------

VERSION_FIELDS = ("title", "decision", "document", "adopted_on", "runs_to", "previous", "note")
ELEMENT_FIELDS = ("text", "measure", "scope", "scope_source", "articles")
NARRATIVE_FIELDS = ("part", "heading", "subheading", "number", "text")
PRIORITY_FIELDS = ("element_codes", "note")


@dataclass(frozen=True)
class VersionChange:
    """One difference: something added or removed, or one field of it changed."""

    code: str  # element or paragraph code, "version", "columns.indicators", "vocabularies.actors" …
    kind: str  # goal, key_areas … outcomes, narrative, vocabulary, priority_period, version …
    change: str  # "added" | "removed" | "changed"
    field: str = ""  # for "changed": which field, e.g. "text", "measure", "scope"
    before: str = ""
    after: str = ""

    @property
    def kind_label(self) -> str:
        return CHANGE_KINDS.get(self.kind, self.kind)


CHANGE_KINDS = {
    "version": "version",
    "column": "header row",
    "section": "section",
    "goal": "goal",
    "key_areas": "key area",
    "activities": "plan activity",
    "indicators": "indicator",
    "outcomes": "outcome",
    "narrative": "paragraph",
    "vocabulary": "vocabulary term",
    "priority_period": "priority period",
}


def diff(old: dict, new: dict) -> list[VersionChange]:
    """What changed from one plan dict to another: version metadata, header rows, elements
    (matched by stable code), narrative paragraphs, vocabularies and priority periods."""
    changes = _fields("version", "version", old["version"], new["version"], VERSION_FIELDS)
    changes += _matched(
        {c["key"]: c for c in old.get("columns", [])},
        {c["key"]: c for c in new.get("columns", [])},
        kind="column",
        fields=("title", "meaning"),
        label="title",
        prefix="columns.",
    )
    changes += _matched(
        {s["code"]: s for s in old.get("sections", [])},
        {s["code"]: s for s in new.get("sections", [])},
        kind="section",
        fields=("title",),
        label="title",
        prefix="sections.",
    )
    changes += element_changes(elements(old), elements(new))
    changes += _matched(
        {p["code"]: p for p in old.get("narrative", [])},
        {p["code"]: p for p in new.get("narrative", [])},
        kind="narrative",
        fields=NARRATIVE_FIELDS,
        label="text",
    )
    changes += _vocabulary_changes(old.get("vocabularies", {}), new.get("vocabularies", {}))
    changes += _matched(
        {priority_key(p): p for p in old.get("priorities", [])},
        {priority_key(p): p for p in new.get("priorities", [])},
        kind="priority_period",
        fields=PRIORITY_FIELDS,
        label="element_codes",
    )
    return changes


def element_changes(old: list[Element], new: list[Element]) -> list[VersionChange]:
    """Element by element, matched by stable code; one change per changed field."""
    return _matched(
        {e.code: e.__dict__ for e in old},
        {e.code: e.__dict__ for e in new},
        kind=None,
        fields=ELEMENT_FIELDS,
        label="text",
    )


def priority_key(period: dict) -> str:
    """A priority period is known by its decision and dates: "CP-12/5 2027-01-01/2028-12-31"."""
    return f"{period.get('decision', '')} {period.get('starts_on', '')}/{period.get('ends_on', '')}"


def _matched(old: dict, new: dict, *, kind, fields, label, prefix="") -> list[VersionChange]:
    changes: list[VersionChange] = []
    for key, after in new.items():
        item_kind = kind or after["kind"]
        if key not in old:
            changes.append(
                VersionChange(prefix + key, item_kind, "added", after=_show(after.get(label)))
            )
        else:
            changes += _fields(prefix + key, item_kind, old[key], after, fields)
    for key, before in old.items():
        if key not in new:
            item_kind = kind or before["kind"]
            changes.append(
                VersionChange(prefix + key, item_kind, "removed", before=_show(before.get(label)))
            )
    return changes


def _fields(code, kind, before: dict, after: dict, fields) -> list[VersionChange]:
    return [
        VersionChange(
            code, kind, "changed", field, _show(before.get(field)), _show(after.get(field))
        )
        for field in fields
        if _show(before.get(field)) != _show(after.get(field))
    ]


def _vocabulary_changes(old: dict, new: dict) -> list[VersionChange]:
    changes = []
    for name in dict.fromkeys([*old, *new]):
        before, after = old.get(name, []), new.get(name, [])
        code = f"vocabularies.{name}"
        changes += [
            VersionChange(code, "vocabulary", "added", after=t) for t in after if t not in before
        ]
        changes += [
            VersionChange(code, "vocabulary", "removed", before=t) for t in before if t not in after
        ]
    return changes


def _show(value) -> str:
    """Field values as text for the change list: lists joined, None and missing as ""."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)
