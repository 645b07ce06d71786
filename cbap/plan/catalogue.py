"""The plan as plain data: element codes, the list of elements, what changed between versions.

No Django here: the loader, the exports and the version comparison all build on these rows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
ADOPTED_PLAN_FILE = DATA_DIR / "cp-10-4.json"

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
            Element("goal", goal["code"], goal["code"], goal["number"], goal["title"], g_pos)
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
                    )
                )
    return rows


@dataclass(frozen=True)
class Change:
    code: str
    kind: str
    change: str  # "added" | "removed" | "changed"
    old_text: str = ""
    new_text: str = ""


def diff(old: list[Element], new: list[Element]) -> list[Change]:
    """What changed between two plan versions, element by element, matched by stable code."""
    old_by_code = {e.code: e for e in old}
    new_by_code = {e.code: e for e in new}
    changes: list[Change] = []
    for element in new:
        before = old_by_code.get(element.code)
        if before is None:
            changes.append(Change(element.code, element.kind, "added", new_text=element.text))
        elif (before.text, before.measure, before.scope) != (
            element.text,
            element.measure,
            element.scope,
        ):
            changes.append(Change(element.code, element.kind, "changed", before.text, element.text))
    for element in old:
        if element.code not in new_by_code:
            changes.append(Change(element.code, element.kind, "removed", old_text=element.text))
    return changes
