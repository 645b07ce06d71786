"""A reporting cycle as the indicator pages see it: the engine's facts and what pages add."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.urls import reverse

from cbap.bch.questionnaire import Questionnaire
from cbap.engine.facts import Cycle
from cbap.engine.frozen import cycle_data, cycle_from_data


@dataclass(frozen=True)
class CycleSnapshot:
    """A cycle's facts for the engine, and what pages need besides: the cycle's title and role,
    which reports are demo data, every government's name, and the questionnaire."""

    facts: Cycle
    title: str
    role: str
    synthetic: frozenset[str]
    names: Mapping[str, str]
    questionnaire: Questionnaire

    @property
    def number(self) -> int:
        return self.facts.number

    def report_url(self, government: str) -> str | None:
        if government not in self.facts.reports:
            return None
        return reverse("reports:detail", args=[self.facts.number, government])


def snapshot_data(snapshot: CycleSnapshot) -> dict:
    """The snapshot as JSON data, but its questionnaire (a file of the repository, named by
    the cycle): what a frozen dataset keeps."""
    return {
        "facts": cycle_data(snapshot.facts),
        "title": snapshot.title,
        "role": snapshot.role,
        "synthetic": sorted(snapshot.synthetic),
        "names": dict(snapshot.names),
    }


def snapshot_from_data(data: Mapping, questionnaire: Questionnaire) -> CycleSnapshot:
    """The snapshot that `snapshot_data` wrote, with the cycle's questionnaire."""
    return CycleSnapshot(
        facts=cycle_from_data(data["facts"]),
        title=data["title"],
        role=data["role"],
        synthetic=frozenset(data["synthetic"]),
        names=data["names"],
        questionnaire=questionnaire,
    )
