"""The reviewed table from the national reports' capacity-building areas to the plan's key
areas (`data/cb-areas-key-areas.csv`, its provenance in `data/README.md`), and which report
questions state a Party's remaining needs."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# Cycle → (does the Party still have needs?, which areas still need capacity-building?): the
# "stillNeeded" questions of cb-areas-nr.json and the yes/no questions they depend on.
NEEDS_QUESTIONS = {5: ("Q122", "Q123"), 4: ("Q134", "Q135")}
FITS = ("direct", "partial", "none")


@dataclass(frozen=True)
class Link:
    """One line of the table: a report's area, the key area it is carried to (or none), how
    well it fits and why."""

    cb_area: str
    cb_area_title: str
    key_area: str
    fit: str
    rationale: str


@cache
def links() -> tuple[Link, ...]:
    with (DATA / "cb-areas-key-areas.csv").open(encoding="utf-8", newline="") as stream:
        return tuple(Link(**row) for row in csv.DictReader(stream))


def links_of(cb_area: str) -> list[Link]:
    return [link for link in links() if link.cb_area == cb_area]
