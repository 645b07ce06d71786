"""The rules about a self-assessment, as {field: message} for the model's `clean()` (forms,
the API) and as one problem per line and field for a workbook's rows (`line_problems`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from cbap.core.dataversion import data_version
from cbap.needs.vocabularies import KINDS, LEVELS, audiences

LINE_FIELDS = ("level", "rank", "audiences", "kinds", "notes", "confidential")
NOTES_MAX = 2000
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")

_key_areas: dict[str, tuple[str, ...]] = {}


def key_area_codes() -> tuple[str, ...]:
    """The key areas of the current plan, in the plan's order (read once per data version)."""
    from cbap.plan.models import KeyArea, PlanVersion

    version = data_version()
    if version not in _key_areas:
        _key_areas.clear()
        current = PlanVersion.current()
        _key_areas[version] = tuple(
            KeyArea.objects.filter(goal__version=current)
            .order_by("goal__position", "position")
            .values_list("code", flat=True)
        )
    return _key_areas[version]


@dataclass(frozen=True)
class LineProblem:
    key_area: str
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.key_area}, {self.field}: {self.reason}"


def line_problems(lines, key_areas: tuple[str, ...]) -> list[LineProblem]:
    """Every problem of the lines: an unknown key area, a level off the scale, a rank that is
    not a positive whole number or is given twice, unknown audiences or kinds of support."""
    if not isinstance(lines, dict):
        return [LineProblem("", "lines", repr(lines), _("The lines are not a table by key area."))]
    problems: list[LineProblem] = []
    ranks: dict[int, str] = {}
    known_audiences = audiences()
    for key_area, line in lines.items():
        if key_area not in key_areas:
            problems.append(
                LineProblem(
                    key_area, "key_area", key_area, _("No key area of the plan has this code.")
                )
            )
            continue
        if not isinstance(line, dict) or set(line) - set(LINE_FIELDS):
            problems.append(
                LineProblem(key_area, "line", repr(line)[:80], _("Not a line of the assessment."))
            )
            continue
        level = line.get("level", "not_assessed")
        if level not in LEVELS:
            scale = ", ".join(str(label).lower() for label in LEVELS.values())
            problems.append(
                LineProblem(
                    key_area,
                    "level",
                    str(level),
                    _("The level is not on the scale (%(scale)s).") % {"scale": scale},
                )
            )
        rank = line.get("rank")
        if rank is not None:
            if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
                problems.append(
                    LineProblem(key_area, "rank", str(rank), _("A rank is a whole number from 1."))
                )
            elif rank in ranks:
                problems.append(
                    LineProblem(
                        key_area,
                        "rank",
                        str(rank),
                        _("The rank %(rank)s is already given to %(other)s.")
                        % {"rank": rank, "other": ranks[rank]},
                    )
                )
            else:
                ranks[rank] = key_area
        for name, known in (("audiences", known_audiences), ("kinds", KINDS)):
            unknown = [v for v in line.get(name) or [] if v not in known]
            if unknown:
                problems.append(
                    LineProblem(
                        key_area,
                        name,
                        ", ".join(map(str, unknown)),
                        _("Not a term of this list."),
                    )
                )
        if len(str(line.get("notes") or "")) > NOTES_MAX:
            problems.append(
                LineProblem(
                    key_area,
                    "notes",
                    "",
                    _("Notes have at most %(max)s characters.") % {"max": NOTES_MAX},
                )
            )
    return problems


def self_assessment_errors(assessment) -> dict[str, str]:
    errors = {}
    if assessment.owner_organization_id or not assessment.owner_party_id:
        errors["owner_party"] = _("A self-assessment is a Party's: its owner is a Party.")
    if assessment.assessed_on and assessment.assessed_on > timezone.localdate():
        errors["assessed_on"] = _("The date of the assessment is in the future.")
    if bad := [c for c in assessment.languages or [] if not LANGUAGE_CODE.match(str(c))]:
        errors["languages"] = _("Not an ISO 639 language code: %(codes)s.") % {
            "codes": ", ".join(map(str, bad))
        }
    problems = line_problems(assessment.lines, key_area_codes())
    if problems:
        errors["lines"] = " ".join(str(problem) for problem in problems)
    return errors


def _known_places() -> frozenset[str]:
    from cbap.parties.models import Government, Grouping

    return frozenset(Government.objects.values_list("code", flat=True)) | frozenset(
        Grouping.objects.values_list("code", flat=True)
    )


def offer_errors(offer) -> dict[str, str]:
    """What an offer must say: the key areas or goals it serves (codes of the current plan),
    the kinds of support from the list, known Parties and groupings, language codes, known
    audiences, a period that ends after it starts, a currency with a budget."""
    errors = {}
    key_areas = set(key_area_codes())
    goals = {code.rsplit(".", 1)[0] for code in key_areas}
    codes = list(offer.key_areas or [])
    if not codes:
        errors["key_areas"] = _("Name at least one key area or goal.")
    elif unknown := [c for c in codes if c not in key_areas and c not in goals]:
        errors["key_areas"] = _("Not a key area or goal of the plan: %(codes)s.") % {
            "codes": ", ".join(map(str, unknown))
        }
    if not offer.kinds:
        errors["kinds"] = _("Name at least one kind of support.")
    elif unknown := [k for k in offer.kinds if k not in KINDS]:
        errors["kinds"] = _("Not a kind of support of the list: %(kinds)s.") % {
            "kinds": ", ".join(map(str, unknown))
        }
    if offer.eligible and (unknown := [c for c in offer.eligible if c not in _known_places()]):
        errors["eligible"] = _("No government or grouping has this code: %(codes)s.") % {
            "codes": ", ".join(map(str, unknown))
        }
    if bad := [c for c in offer.languages or [] if not LANGUAGE_CODE.match(str(c))]:
        errors["languages"] = _("Not an ISO 639 language code: %(codes)s.") % {
            "codes": ", ".join(map(str, bad))
        }
    if unknown := [a for a in offer.audiences or [] if a not in audiences()]:
        errors["audiences"] = _("Not a target audience of the list: %(terms)s.") % {
            "terms": ", ".join(map(str, unknown))
        }
    if offer.start_date and offer.end_date and offer.end_date < offer.start_date:
        errors["end_date"] = _("The offer ends before it starts.")
    if offer.budget is not None and not CURRENCY.match(offer.currency or ""):
        errors["currency"] = _("A budget needs its currency (ISO 4217, e.g. USD).")
    return errors


def _named(values) -> str:
    return ", ".join(map(str, values))


def request_errors(request, assessed: dict[str, dict]) -> dict[str, str]:
    """What a request for support must say: what is needed, key areas that its Party's
    published self-assessment rates as needs (`assessed`: key area → line), kinds of support
    and audiences from the lists, language codes."""
    errors = {}
    if not (request.title or "").strip():
        errors["title"] = _("Say what is needed.")
    codes = list(request.key_areas or [])
    if not codes:
        errors["key_areas"] = _("Name at least one key area.")
    elif unknown := [c for c in codes if c not in key_area_codes()]:
        errors["key_areas"] = _("Not a key area of the plan: %(codes)s.") % {
            "codes": _named(unknown)
        }
    elif unassessed := [c for c in codes if c not in assessed]:
        errors["key_areas"] = _(
            "Not a need of the Party's published self-assessment (rate it low, medium or high "
            "there first): %(codes)s."
        ) % {"codes": _named(unassessed)}
    if unknown := [k for k in request.kinds or [] if k not in KINDS]:
        errors["kinds"] = _("Not a kind of support of the list: %(kinds)s.") % {
            "kinds": _named(unknown)
        }
    if unknown := [a for a in request.audiences or [] if a not in audiences()]:
        errors["audiences"] = _("Not a target audience of the list: %(terms)s.") % {
            "terms": _named(unknown)
        }
    if bad := [c for c in request.languages or [] if not LANGUAGE_CODE.match(str(c))]:
        errors["languages"] = _("Not an ISO 639 language code: %(codes)s.") % {"codes": _named(bad)}
    return errors
