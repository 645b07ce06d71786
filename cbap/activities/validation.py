"""The rules about one activity or resource, as {field: message}; the models' `clean()` raises
them, so forms, the API and every import refuse the same things with the same words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from cbap.activities import vocabularies
from cbap.activities.vocabularies import TEXT_LANGUAGES
from cbap.core.dataversion import data_version

SEXES = tuple(vocabularies.SEXES)
TEXT_MAX = 10_000
TITLE_MAX = 500
# The Cartagena Protocol has 40 articles.
ARTICLES = {str(number) for number in range(1, 41)}
PUBLICATION_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Known:
    """The registry's and the plan's codes, read once per version of the data (an import checks
    thousands of records against them)."""

    countries: frozenset[str]
    regions: frozenset[str]
    plan_codes: frozenset[str]
    organizations: frozenset[int]


_known: dict[str, Known] = {}
# Set while an import checks its records: the codes read once for all of them.
_pinned: ContextVar[Known | None] = ContextVar("pinned", default=None)


def known() -> Known:
    if pinned := _pinned.get():
        return pinned
    version = data_version()
    if version not in _known:
        _known.clear()
        _known[version] = _read()
    return _known[version]


def _read() -> Known:
    from cbap.accounts.models import Organization
    from cbap.parties.models import Government, Grouping
    from cbap.plan.selectors import addressable_codes

    return Known(
        countries=frozenset(Government.objects.values_list("code", flat=True)),
        regions=frozenset(
            Grouping.objects.filter(kind=Grouping.Kind.REGION).values_list("code", flat=True)
        ),
        plan_codes=addressable_codes(),
        organizations=frozenset(Organization.objects.values_list("pk", flat=True)),
    )


@contextmanager
def pinned() -> Iterator[None]:
    """Check many records against the codes as they are now, read once (an import's)."""
    token = _pinned.set(_read())
    try:
        yield
    finally:
        _pinned.reset(token)


def activity_errors(activity) -> dict[str, str]:
    errors: dict[str, str] = {}
    _text(errors, "title", activity.title, required=True, limit=TITLE_MAX)
    for name in ("description", "achievements", "lessons"):
        _text(errors, name, getattr(activity, name))
    for name, vocabulary in [
        ("categories", "category"),
        ("audiences", "audience"),
        ("actors", "actor"),
        ("funding_types", "funding_type"),
        ("sdgs", "sdg"),
        ("gbf_targets", "gbf_target"),
    ]:
        _terms(errors, name, getattr(activity, name), vocabulary)
    if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
        errors["end_date"] = _("The end date is before the start date.")
    if activity.activity_status in ("ongoing", "completed") and not activity.start_date:
        errors["start_date"] = _("An ongoing or completed activity has a start date.")
    if activity.duration is not None and not activity.duration_unit:
        errors["duration_unit"] = _("Say whether the duration is in days, months or years.")
    _countries(errors, "countries", activity.countries)
    _regions(errors, activity.regions)
    if activity.scope == "national" and not activity.countries and not activity.owner_party_id:
        errors["countries"] = _("A national activity names its country.")
    if activity.scope == "regional" and not (activity.regions or activity.countries):
        errors["regions"] = _("A regional activity names its regions or countries.")
    _organizations(errors, activity.organizations, roles=True)
    if activity.budget is not None:
        if activity.budget < 0:
            errors["budget"] = _("A budget is not negative.")
        if not CURRENCY.match(activity.currency or ""):
            errors["currency"] = _("Give the budget's currency as its ISO 4217 code, e.g. USD.")
    _participants(errors, activity)
    _plan_codes(errors, activity.plan_codes)
    _cb_areas(errors, activity.cb_areas)
    if bad := [a for a in _list(activity.articles) if str(a) not in ARTICLES]:
        errors["articles"] = _("Not an article of the Protocol (1–40): %(values)s.") % {
            "values": ", ".join(map(str, bad))
        }
    _outputs(errors, activity.outputs, activity._meta.apps.get_model("activities", "Resource"))
    return errors


def resource_errors(resource) -> dict[str, str]:
    errors: dict[str, str] = {}
    _text(errors, "title", resource.title, required=True, limit=TITLE_MAX)
    _text(errors, "summary", resource.summary, required=True)
    if not resource.resource_types:
        errors["resource_types"] = _("Give at least one type of resource.")
    _terms(errors, "resource_types", resource.resource_types, "resource_type")
    if not PUBLICATION_DATE.match(resource.publication_date or ""):
        errors["publication_date"] = _(
            "Give a year, a year and month, or a date: 2024, 2024-12, 2024-12-05."
        )
    elif resource.publication_date[:4] > str(date.today().year + 1):
        errors["publication_date"] = _("The publication date is in the future.")
    if bad := [code for code in _list(resource.languages) if not LANGUAGE_CODE.match(str(code))]:
        errors["languages"] = _("Give languages as ISO 639 codes (en, fr, es …): %(values)s.") % {
            "values": ", ".join(map(str, bad))
        }
    if not resource.links and not resource.files:
        errors["links"] = _("Give a link to the resource or upload its file.")
    _countries(errors, "countries", resource.countries)
    _organizations(errors, resource.organizations, roles=False)
    _plan_codes(errors, resource.plan_codes)
    _cb_areas(errors, resource.cb_areas)
    return errors


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(errors, name: str, value, *, required: bool = False, limit: int = TEXT_MAX) -> None:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        errors[name] = _('Give the text by language, e.g. {"en": "…"}.')
        return
    if unknown := sorted(set(value) - set(TEXT_LANGUAGES)):
        errors[name] = _("Texts are in the UN languages (%(languages)s), not %(unknown)s.") % {
            "languages": ", ".join(TEXT_LANGUAGES),
            "unknown": ", ".join(unknown),
        }
    elif required and not any(text.strip() for text in value.values()):
        errors[name] = _("This field is required.")
    elif any(len(text) > limit for text in value.values()):
        errors[name] = _("At most %(max)s characters.") % {"max": limit}
    elif any("\x00" in text for text in value.values()):
        errors[name] = _("The text holds a NUL character.")


def _terms(errors, name: str, keys, vocabulary: str) -> None:
    terms = vocabularies.VOCABULARIES[vocabulary]
    if not isinstance(keys, list):
        errors[name] = _("Give a list of terms.")
    elif unknown := [str(key) for key in keys if key not in terms]:
        errors[name] = _("Unknown term(s): %(values)s (known: %(known)s).") % {
            "values": ", ".join(unknown),
            "known": ", ".join(terms),
        }


def _countries(errors, name: str, codes) -> None:
    if unknown := [str(code) for code in _list(codes) if code not in known().countries]:
        errors[name] = _("No government %(codes)s in the registry.") % {"codes": ", ".join(unknown)}


def _regions(errors, codes) -> None:
    if unknown := [str(code) for code in _list(codes) if code not in known().regions]:
        errors["regions"] = _("No region %(codes)s among the regional groups.") % {
            "codes": ", ".join(unknown)
        }


def _organizations(errors, entries, *, roles: bool) -> None:
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        errors["organizations"] = _("Give a list of organizations.")
        return
    registered = set(known().organizations)
    if missing := {e.get("organization") for e in entries} - registered - {None}:
        from cbap.accounts.models import Organization  # registered since the codes were read

        ids = [i for i in missing if isinstance(i, int) and not isinstance(i, bool)]
        registered |= set(Organization.objects.filter(pk__in=ids).values_list("pk", flat=True))
    for number, entry in enumerate(entries, 1):
        problem = ""
        if not str(entry.get("name") or "").strip():
            problem = _("its name is missing")
        elif roles and entry.get("role") not in vocabularies.ORGANIZATION_ROLES:
            problem = _("its role %(role)s is not one of %(roles)s") % {
                "role": f"{entry.get('role')!r}",
                "roles": ", ".join(vocabularies.ORGANIZATION_ROLES),
            }
        elif (entry.get("type") or "") and entry["type"] not in vocabularies.ORGANIZATION_TYPES:
            problem = _("its type %(type)s is not an IATI organisation type") % {
                "type": f"{entry['type']!r}"
            }
        elif entry.get("organization") is not None and entry["organization"] not in registered:
            problem = _("no organization %(id)s is registered") % {"id": entry["organization"]}
        elif set(entry) - {"role", "name", "organization", "type", "ref"}:
            problem = _("unknown keys %(keys)s") % {
                "keys": ", ".join(
                    sorted(set(entry) - {"role", "name", "organization", "type", "ref"})
                )
            }
        if problem:
            errors["organizations"] = _("Organization %(number)s: %(problem)s.") % {
                "number": number,
                "problem": problem,
            }
            return


def _participants(errors, activity) -> None:
    by_sex = activity.participants_by_sex
    by_audience = activity.participants_by_audience
    for name, counts, keys in [
        ("participants_by_sex", by_sex, SEXES),
        ("participants_by_audience", by_audience, tuple(vocabularies.AUDIENCES)),
    ]:
        if not isinstance(counts, dict):
            errors[name] = _("Give numbers by key.")
            continue
        if unknown := sorted(set(counts) - set(keys)):
            errors[name] = _("Unknown key(s) %(keys)s (known: %(known)s).") % {
                "keys": ", ".join(unknown),
                "known": ", ".join(keys),
            }
        elif any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in counts.values()):
            errors[name] = _("Numbers of participants are whole numbers, 0 or more.")
        elif activity.participants is not None and sum(counts.values()) > activity.participants:
            errors[name] = _("These add up to more than the %(n)s participants.") % {
                "n": activity.participants
            }


def _plan_codes(errors, codes) -> None:
    if unknown := [str(code) for code in _list(codes) if code not in known().plan_codes]:
        errors["plan_codes"] = _(
            "Not a goal, key area or activity of the Action Plan: %(codes)s (codes look like "
            "A.8, A.8.1 or A.8.i)."
        ) % {"codes": ", ".join(unknown)}


def _cb_areas(errors, identifiers) -> None:
    known = vocabularies.cb_areas()
    if unknown := [str(i) for i in _list(identifiers) if i not in known]:
        errors["cb_areas"] = _(
            "Not a capacity-building area of the national reports: %(values)s."
        ) % {"values": ", ".join(unknown)}


def _outputs(errors, ids, Resource) -> None:  # noqa: N803 (the model, without an import cycle)
    ids = _list(ids)
    if any(not isinstance(i, int) or isinstance(i, bool) for i in ids):
        errors["outputs"] = _("Outputs are library resources named by their id.")
        return
    stored = set(Resource.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    if unknown := [str(i) for i in ids if i not in stored]:
        errors["outputs"] = _("No library resource %(ids)s.") % {"ids": ", ".join(unknown)}
