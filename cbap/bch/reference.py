"""The reference data of national reports as it sits in `cbap/bch/data/`: which cycles exist,
their question sets, the BCH mapping to the previous cycle and the reviewed cautions.

Reading only (plain Python and files); `cbap.reports.services.reference_data_load` writes it to
the database. A new cycle is a row in `cycles.csv` plus its question-set JSON (and mapping JSON,
and a block in `mapping-cautions.yaml`); no code changes.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
CYCLES_FILE = DATA_DIR / "cycles.csv"
CAUTIONS_FILE = DATA_DIR / "mapping-cautions.yaml"


@dataclass(frozen=True)
class MappingSpec:
    """One mapped pair: a question of the cycle and the previous cycle's question it continues."""

    key: str
    previous_key: str
    value_mapping: dict[str, str]
    equivalent: bool = True
    caution: str = ""


@dataclass(frozen=True)
class CycleSpec:
    number: int
    schema: str
    title: str
    deadline: date
    format_decision: str
    role: str
    previous: int | None
    questionnaire: dict[str, Any]
    mappings: list[MappingSpec] = field(default_factory=list)
    skipped_mappings: list[str] = field(default_factory=list)


def content_hash(data: Any) -> str:
    """SHA-256 of the canonical JSON of `data` (key order and spacing do not matter)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_json(relative: str, base: Path = DATA_DIR) -> Any:
    return json.loads((base / relative).read_text(encoding="utf-8"))


def read_cautions(path: Path = CAUTIONS_FILE) -> dict[int, dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {int(number): block or {} for number, block in data.items()}


def cycle_specs(
    cycles_file: Path = CYCLES_FILE, cautions_file: Path = CAUTIONS_FILE
) -> list[CycleSpec]:
    """Every cycle of `cycles.csv` with its question set and reviewed mapping, oldest first.
    File names in `cycles.csv` are relative to its folder."""
    with cycles_file.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["number"]))
    cautions = read_cautions(cautions_file)
    specs: dict[int, CycleSpec] = {}
    for row in rows:
        number = int(row["number"])
        questionnaire = read_json(row["questions"], cycles_file.parent)
        previous = int(row["previous"]) if row.get("previous") else None
        mappings: list[MappingSpec] = []
        skipped: list[str] = []
        if row.get("mapping"):
            if previous not in specs:
                raise ValueError(f"cycles.csv: cycle {number} maps to unknown cycle {previous}")
            mappings, skipped = _mappings(
                read_json(row["mapping"], cycles_file.parent),
                questionnaire,
                specs[previous].questionnaire,
                cautions.get(number, {}),
                number,
            )
        specs[number] = CycleSpec(
            number=number,
            schema=row["schema"],
            title=row["title"],
            deadline=date.fromisoformat(row["deadline"]),
            format_decision=row.get("format_decision", ""),
            role=row.get("role", ""),
            previous=previous,
            questionnaire=questionnaire,
            mappings=mappings,
            skipped_mappings=skipped,
        )
    return list(specs.values())


def question_keys(questionnaire: dict[str, Any]) -> set[str]:
    keys: set[str] = set()

    def walk(entries):
        for entry in entries or ():
            keys.add(entry["key"])
            walk(entry.get("questions"))

    for section in questionnaire["sections"]:
        walk(section.get("questions"))
    return keys


def _mappings(
    mapping: dict, current: dict, previous: dict, reviewed: dict, number: int
) -> tuple[list[MappingSpec], list[str]]:
    """The BCH mapping's pairs whose two keys exist in the question sets, with the reviewed
    cautions and value-mapping additions; and the pairs left out (general-information keys that
    the question sets do not hold)."""
    current_keys, previous_keys = question_keys(current), question_keys(previous)
    cautions = {(c["key"], c["previous_key"]): c["caution"] for c in reviewed.get("cautions", [])}
    additions = {
        (v["key"], v["previous_key"]): v["add"] for v in reviewed.get("value_mappings", [])
    }
    result, skipped, pairs = [], [], set()
    for entry in mapping["mappings"]:
        pair = (entry["current"], entry["previous"])
        if pair[0] not in current_keys or pair[1] not in previous_keys:
            skipped.append(f"{pair[0]}←{pair[1]}")
            continue
        pairs.add(pair)
        value_mapping = {**(entry.get("valueMapping") or {}), **additions.get(pair, {})}
        result.append(
            MappingSpec(
                key=pair[0],
                previous_key=pair[1],
                value_mapping={str(k): str(v) for k, v in value_mapping.items()},
                equivalent=pair not in cautions,
                caution=" ".join(cautions.get(pair, "").split()),
            )
        )
    unknown = (set(cautions) | set(additions)) - pairs
    if unknown:
        raise ValueError(
            f"mapping-cautions.yaml, cycle {number}: no such mapped pair {sorted(unknown)}"
        )
    return result, skipped
