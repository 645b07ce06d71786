"""A reporting cycle as the indicator pages see it: the engine's facts and what pages add."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.urls import reverse

from cbap.bch.questionnaire import Questionnaire
from cbap.engine.facts import Cycle


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
