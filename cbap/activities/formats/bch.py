"""BCH documents of capacity development initiatives (schema `capacityBuildingInitiative`, CDI:
activities) and of the virtual library (schema `resource`, VLR: resources), read and written field
by field as the BCH describes them (`cbap/bch/data/bch/record-types-cb.json`).

Over 600 lines because one format's reader and writer stay side by side, field by field, so
that a mapping is changed in one place for both directions (the round trip is tested whole).

    reading = Reading("cdi.json")
    incoming = bch.read(data, file="cdi.json", reading=reading, owner_organization="…")
    records_import(incoming=incoming, file="cdi.json", actor=user, reading=reading)
    data = bch.write([(activity, activity.content()), (resource, resource.content())])

A file holds one document, a JSON list of them, or {"documents": [...]}. `header.identifier` is
the key a re-import changes the same record by: cbap writes the record's source identifier, or
`cbap-activity-<id>` / `cbap-resource-<id>` for a record made in cbap.

Activity fields and the CDI fields they travel in:
    title, description, achievements, lessons  title, description, resultsAchievements,
                                               bestPractices ({language: text})
    activity_status, scope                     status, geographicScope (terms)
    start_date, end_date                       startDate, endDate ("2024-11-04")
    duration, duration_unit                    durationPeriod, durationText ("Months")
    programme                                  isProjectProgramme, projectProgrammeName
    identifier                                 projectNumber
    countries, regions                         countryRegions: {"identifier": "ke"} (ISO alpha-2,
                                               lower case), {"identifier": "cbap:region:<code>"}
    categories, audiences, funding_types       categories, targetGroups, fundingSourceTypes
    gbf_targets                                gbfTargets ({"identifier": "GBF-TARGET-17"})
    budget in US dollars                       totalBudget (the BCH's amount is in US dollars)
    outputs                                    resultsReference (the resources' identifiers)
    evidence                                   relevantDocuments (read: and resultsOutputs)
    organizations, read only                   coreFundingSources, coFinancingSources (funding),
                                               implementingAgencies, executingAgencies
                                               (implementing), collaboratingPartners
Resource fields and the VLR fields: title, summary; resource_types → resourceTypes; authors,
publisher; publication_date → publicationDate; links → resourceLinks; countries → countryRegions;
organizations, read only, from organizations.

Terms travel as their BCH thesaurus identifier where `vocabularies` knows it, else as
`cbap:<vocabulary>:<key>`. A text cbap keeps as one string (programme, identifier, authors,
publisher) is written in the document's main language (English when it is one of its languages)
and read from it, else from the first language given.

Why the `cbap` block: much of what cbap records has no BCH field. The Action Plan elements, the
capacity-building areas, actors, participants and their breakdowns, Protocol articles, SDGs, new
technologies and their note, the organizations with their roles, types and registered ids (a BCH
document only references organization records), a budget in another currency than the US dollar
and the budget's value date; of resources their languages, files and whether they are training
material; and the organization owning a reference record. They travel in one extra top-level key
under cbap's own field names and values, so that import → export → import loses nothing:

    "cbap": {"plan_codes": ["A.8.i"], "participants": 24, "owner": {"organization": "…"},
             "organizations": [{"role": "funding", "name": "…", "type": "40"}], "synthetic": true}

A national record names its Party as BCH national records do, `"government": {"identifier":
"ke"}`; a reference record names its registered organization in `cbap.owner.organization`;
`synthetic` marks demo data. The block wins over the BCH fields: only a document without
`cbap.organizations` has its organizations read from the references above, each named by the
identifier of its BCH record (the document holds no name), in the role of its field.

Read, checked and not kept (cbap has no place for them): references to BCH contacts and broader
projects, the type of initiative (activityScope), libraries, thematic areas, CBD subjects, Aichi
targets, key areas, tags, notes, other relevant information, the free text of an "Other" term,
the names of links; of resources also the source, rights, covers, GBF targets, regions, other
relevant documents and the Nagoya and biosafety details. An output is a library resource cbap
already holds: import resources before the activities that reference them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.accounts.models import Organization
from cbap.activities import vocabularies
from cbap.activities.formats.incoming import Incoming, Reading
from cbap.activities.models import Activity, Resource
from cbap.bch.reference import read_json
from cbap.parties.models import Government, Grouping

SCHEMAS = {"capacityBuildingInitiative": "activity", "resource": "resource"}
SCHEMA_OF = {kind: schema for schema, kind in SCHEMAS.items()}

# What the `cbap` block carries of each kind, and the JSON each value must be.
BLOCK = {
    "activity": {
        "plan_codes": "list",
        "cb_areas": "list",
        "actors": "list",
        "participants": "int",
        "participants_by_sex": "object",
        "participants_by_audience": "object",
        "articles": "list",
        "sdgs": "list",
        "new_technologies": "bool",
        "new_technologies_note": "string",
        "organizations": "list",
        "budget": "amount",
        "currency": "string",
        "budget_date": "DateTime",
    },
    "resource": {
        "plan_codes": "list",
        "cb_areas": "list",
        "organizations": "list",
        "languages": "list",
        "files": "list",
        "new_technologies": "bool",
        "is_training_material": "bool",
    },
}
BLOCK_OWNER = {"owner": "owner", "synthetic": "bool"}

# Types of the fields the BCH's description leaves without one (form-only fields) or whose
# examples it writes otherwise (totalBudget 1234, publicationDate "2024-12"); and cbap's two.
FIELD_TYPES = {
    "collaboratingPartners": "Reference[]",
    "notes": "string",
    "totalBudget": "amount",
    "publicationDate": "date text",
    "government": "Term",
    "cbap": "object",
}

# The CDI fields that reference organization records, and the role cbap reads them in.
ROLE_FIELDS = {
    "activity": {
        "coreFundingSources": "funding",
        "coFinancingSources": "funding",
        "implementingAgencies": "implementing",
        "executingAgencies": "implementing",
        "collaboratingPartners": "collaborating",
    },
    "resource": {"organizations": ""},
}

# Identifiers the BCH's own CDI example gives terms whose thesaurus identifier is unknown, read
# (never written): geographicScope 528B1187-… is "Regional / Multilateral" (thesaurus-domains.json).
READ_ALIASES = {("scope", "528B1187-F1BD-4479-9FB3-ADBD9076D361"): "regional"}

TEXT_FIELDS = {
    "activity": ("title", "description", "achievements", "lessons"),
    "resource": ("title", "summary"),
}
# The longest identifier a record keeps of its source.
IDENTIFIER_MAX = Activity._meta.get_field("external_id").max_length
REGION = "cbap:region:"
COUNTRY = re.compile(r"[A-Za-z]{2}")
OWN_RESOURCE = re.compile(r"cbap-resource-(\d+)")
REVISION = re.compile(r"@\d+$")

EXPECTED = {
    "lstring": gettext_lazy('a text by language, e.g. {"en": "…"}'),
    "lstring[]": gettext_lazy('a list of texts by language, e.g. [{"en": "…"}]'),
    "string": gettext_lazy("a text"),
    "string[]": gettext_lazy("a list of texts"),
    "int": gettext_lazy("a whole number"),
    "bool": gettext_lazy("true or false"),
    "DateTime": gettext_lazy('a date, e.g. "2024-11-04"'),
    "Term": gettext_lazy('a term, e.g. {"identifier": "…"}'),
    "Term[]": gettext_lazy('a list of terms, e.g. [{"identifier": "…"}]'),
    "Reference": gettext_lazy('a reference to a BCH record, e.g. {"identifier": "…"}'),
    "Reference[]": gettext_lazy('a list of references to BCH records, e.g. [{"identifier": "…"}]'),
    "Link[]": gettext_lazy('a list of links, e.g. [{"url": "https://…"}]'),
    "amount": gettext_lazy('an amount, e.g. 1234 or "1234.50"'),
    "date text": gettext_lazy('a year, a year and month, or a date, e.g. "2024-12"'),
    "list": gettext_lazy("a list"),
    "object": gettext_lazy("a JSON object"),
    "owner": gettext_lazy('the owning organization, e.g. {"organization": "…"}'),
}


def read(
    data: bytes,
    *,
    file: str,
    reading: Reading,
    owner_party: str = "",
    owner_organization: str = "",
) -> list[Incoming]:
    """Every document of the file that reads without a problem; each problem goes to
    `reading`. `file` is the name every reader takes (`reading` names it in each problem);
    `owner_party` (a government code) or `owner_organization` (a registered organization's
    name) owns the documents that name no owner."""
    registry = _Registry()
    incoming = []
    for number, document in enumerate(_documents(data, reading), start=1):
        item = _Document(number, reading, registry).read(document, owner_party, owner_organization)
        if item is not None:
            incoming.append(item)
    return incoming


def write(pairs: Iterable[tuple[Activity | Resource, dict]]) -> bytes:
    """A JSON list of BCH documents, one per (record, content): the content is the record's
    current one, or the published one, as the caller chooses."""
    pairs = list(pairs)
    names = _Names(pairs)
    documents = [names.document(record, content) for record, content in pairs]
    return json.dumps(documents, ensure_ascii=False, indent=2).encode("utf-8")


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


def _documents(data: bytes, reading: Reading) -> list:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        reading.problem(_("The file is not UTF-8 text."))
        return []
    except json.JSONDecodeError as error:
        lines = error.doc.splitlines()
        line = lines[error.lineno - 1] if error.lineno <= len(lines) else ""
        reading.problem(
            _("Not valid JSON: %(error)s.") % {"error": error.msg},
            record=_("line %(line)s, column %(column)s")
            % {"line": error.lineno, "column": error.colno},
            value=line[max(0, error.colno - 40) : error.colno + 40].strip(),
        )
        return []
    except RecursionError:
        reading.problem(_("The JSON is nested deeper than any BCH document."))
        return []
    if isinstance(parsed, list):
        return parsed
    if isinstance(parsed, dict) and "header" in parsed:
        return [parsed]
    if isinstance(parsed, dict) and isinstance(parsed.get("documents"), list):
        return parsed["documents"]
    reading.problem(
        _(
            'Expected a BCH document (an object with a "header"), a list of them, or '
            '{"documents": [...]}.'
        ),
        value=_shown(parsed),
    )
    return []


@cache
def _field_types(schema: str) -> dict[str, str]:
    """Every top-level field of a record type → its type, as the BCH describes it (a structure
    cbap does not look into is an "object")."""
    record_type = next(
        t for t in read_json("bch/record-types-cb.json")["recordTypes"] if t["schema"] == schema
    )
    types = {}
    for field in record_type["fields"]:
        name = field["field"]
        if "." not in name and name != "header":
            kind = FIELD_TYPES.get(name) or field.get("type") or "object"
            types[name] = kind if kind in EXPECTED else "object"
    return types | {"government": FIELD_TYPES["government"], "cbap": FIELD_TYPES["cbap"]}


class _Registry:
    """The registry and the library a file's documents are checked against: read once per
    file, and only when a document needs them."""

    @cached_property
    def countries(self) -> dict[str, str]:
        """ISO alpha-2 in lower case, as the BCH writes it → the government's code."""
        return {iso2.lower(): code for code, iso2 in Government.objects.values_list("code", "iso2")}

    @cached_property
    def regions(self) -> frozenset[str]:
        return frozenset(
            Grouping.objects.filter(kind=Grouping.Kind.REGION).values_list("code", flat=True)
        )

    def resources(self, identifiers: list[str]) -> dict[str, int]:
        """Identifier → the library resource it names: its source identifier, or
        cbap-resource-<id> for a resource made in this cbap (it has none)."""
        if not identifiers:
            return {}
        found = dict(
            Resource.objects.filter(external_id__in=identifiers).values_list("external_id", "pk")
        )
        own = {
            identifier: int(match[1])
            for identifier in identifiers
            if identifier not in found and (match := OWN_RESOURCE.fullmatch(identifier))
        }
        made_here = set(
            Resource.objects.filter(pk__in=own.values(), external_id="").values_list(
                "pk", flat=True
            )
        )
        return found | {identifier: pk for identifier, pk in own.items() if pk in made_here}


class _Document:
    """One document as it is read: where it is, its fields of the right type, and whether
    anything in it was wrong (a wrong document yields no record)."""

    def __init__(self, number: int, reading: Reading, registry: _Registry):
        self.number = number
        self.reading = reading
        self.registry = registry
        self.where = _("document %(number)s") % {"number": number}
        self.identifier = ""
        self.main = "en"
        self.given: dict[str, Any] = {}
        self.wrong = False

    def problem(self, reason: str, *, field: str = "", value: Any = None) -> None:
        self.wrong = True
        self.reading.problem(reason, record=self.where, field=field, value=_shown(value))

    def read(self, document: Any, owner_party: str, owner_organization: str) -> Incoming | None:
        schema = self.header(document)
        if not schema:
            return None
        kind = SCHEMAS[schema]
        self.given = self.fields(document, schema)
        block = self.block(kind)
        content = self.activity() if kind == "activity" else self.resource()
        content |= {name: block[name] for name in BLOCK[kind] if name in block}
        party = self.government()
        organization = block.get("owner", {}).get("organization", "")
        if self.wrong:
            return None
        if not party and not organization:
            party, organization = owner_party, owner_organization
        return Incoming(
            kind=kind,
            key=self.identifier,
            where=self.where,
            content=content,
            owner_party=party,
            owner_organization=organization,
            synthetic=block.get("synthetic", False),
        )

    def header(self, document: Any) -> str:
        """The document's schema, once its header is found whole; "" if not."""
        if not isinstance(document, dict):
            self.problem(_("A BCH document is a JSON object."), value=document)
            return ""
        header = document.get("header")
        if not isinstance(header, dict):
            self.problem(
                _("The document has no header (identifier, schema, languages)."),
                field="header",
                value=header,
            )
            return ""
        identifier = header.get("identifier")
        if isinstance(identifier, str) and identifier.strip():
            self.identifier = identifier.strip()
            self.where = _("document %(number)s (%(identifier)s)") % {
                "number": self.number,
                "identifier": self.identifier,
            }
            if len(self.identifier) > IDENTIFIER_MAX:
                self.problem(
                    _("An identifier has at most %(max)s characters.") % {"max": IDENTIFIER_MAX},
                    field="header.identifier",
                    value=identifier,
                )
        else:
            self.problem(
                _("The document has no identifier."), field="header.identifier", value=identifier
            )
        schema = header.get("schema")
        if not isinstance(schema, str) or schema not in SCHEMAS:
            self.problem(
                _("cbap reads BCH documents of the schemas %(schemas)s, not this one.")
                % {"schemas": ", ".join(SCHEMAS)},
                field="header.schema",
                value=schema,
            )
        languages = header.get("languages", [])
        if _fits("string[]", languages):
            self.main = _main_language(languages)
        else:
            self.problem(
                _("Expected %(expected)s.") % {"expected": EXPECTED["string[]"]},
                field="header.languages",
                value=languages,
            )
        return "" if self.wrong else schema

    def fields(self, document: dict, schema: str) -> dict[str, Any]:
        """The document's fields of the right type (a null is a field left empty)."""
        types = _field_types(schema)
        given = {}
        for name, value in document.items():
            if name == "header" or value is None:
                continue
            kind = types.get(name)
            if kind is None:
                self.problem(
                    _("Not a field of a BCH %(schema)s document.") % {"schema": schema},
                    field=name,
                    value=value,
                )
            elif not _fits(kind, value):
                self.problem(
                    _("Expected %(expected)s.") % {"expected": EXPECTED[kind]},
                    field=name,
                    value=value,
                )
            else:
                given[name] = value
        return given

    def block(self, kind: str) -> dict[str, Any]:
        """The `cbap` block's values, each of the JSON its field takes."""
        expected = BLOCK[kind] | BLOCK_OWNER
        kept = {}
        for name, value in self.given.get("cbap", {}).items():
            if value is None:
                continue
            if name not in expected:
                self.problem(
                    _("Not a field of the cbap block of a %(kind)s (it has %(fields)s).")
                    % {"kind": kind, "fields": ", ".join(expected)},
                    field=f"cbap.{name}",
                    value=value,
                )
            elif not _fits(expected[name], value):
                self.problem(
                    _("Expected %(expected)s.") % {"expected": EXPECTED[expected[name]]},
                    field=f"cbap.{name}",
                    value=value,
                )
            else:
                kept[name] = _normalized(expected[name], value)
        return kept

    def activity(self) -> dict[str, Any]:
        countries, regions = self.places()
        content = {
            "title": self.text("title"),
            "description": self.text("description"),
            "activity_status": self.term("status", "status"),
            "start_date": self.date("startDate"),
            "end_date": self.date("endDate"),
            "duration": self.given.get("durationPeriod"),
            "duration_unit": self.duration_unit(),
            "programme": self.string("projectProgrammeName")
            if _truth(self.given.get("isProjectProgramme", True))
            else "",
            "identifier": self.string("projectNumber"),
            "scope": self.term("geographicScope", "scope"),
            "countries": countries,
            "regions": regions,
            "organizations": self.organizations("activity"),
            "funding_types": self.terms("fundingSourceTypes", "funding_type"),
            "categories": self.terms("categories", "category"),
            "audiences": self.terms("targetGroups", "audience"),
            "gbf_targets": self.terms("gbfTargets", "gbf_target"),
            "achievements": self.text("resultsAchievements"),
            "lessons": self.text("bestPractices"),
            "outputs": self.outputs(),
            "evidence": self.evidence(),
        }
        if "totalBudget" in self.given:
            content |= {"budget": _amount(self.given["totalBudget"]), "currency": "USD"}
        return content

    def resource(self) -> dict[str, Any]:
        publication_date = self.given.get("publicationDate", "")
        return {
            "title": self.text("title"),
            "resource_types": self.terms("resourceTypes", "resource_type"),
            "authors": self.string("authors"),
            "organizations": self.organizations("resource"),
            "publisher": self.string("publisher"),
            "publication_date": publication_date
            if isinstance(publication_date, str)
            else self.string("publicationDate"),
            "summary": self.text("summary"),
            "links": [link["url"] for link in self.given.get("resourceLinks", [])],
            "countries": self.places()[0],
        }

    def text(self, field: str) -> dict[str, str]:
        return dict(self.given.get(field, {}))

    def string(self, field: str) -> str:
        """The one text cbap keeps of a text by language: the main language's, else the first
        one given."""
        texts = self.given.get(field, {})
        return texts.get(self.main) or next((text for text in texts.values() if text), "")

    def date(self, field: str) -> str | None:
        value = self.given.get(field)
        return value[:10] if value else None

    def term(self, field: str, vocabulary: str) -> str:
        value = self.given.get(field)
        return self.key(field, vocabulary, value["identifier"]) if value else ""

    def terms(self, field: str, vocabulary: str) -> list[str]:
        keys = [self.key(field, vocabulary, t["identifier"]) for t in self.given.get(field, [])]
        return [key for key in keys if key]

    def key(self, field: str, vocabulary: str, identifier: str) -> str:
        key = _term_key(vocabulary, identifier)
        if key is None:
            self.problem(
                _(
                    "Unknown term: neither a BCH thesaurus identifier cbap knows nor "
                    "cbap:%(vocabulary)s:<key> with a key of %(keys)s."
                )
                % {
                    "vocabulary": vocabulary,
                    "keys": ", ".join(vocabularies.VOCABULARIES[vocabulary]),
                },
                field=field,
                value=identifier,
            )
        return key or ""

    def duration_unit(self) -> str:
        text = self.given.get("durationText", "")
        word = re.sub(r"[^a-z]", "", text.lower())
        unit = word if word.endswith("s") or not word else f"{word}s"
        if unit and unit not in vocabularies.DURATION_UNITS:
            self.problem(
                _("Not a unit of duration: give Days, Months or Years."),
                field="durationText",
                value=text,
            )
            return ""
        return unit

    def places(self) -> tuple[list[str], list[str]]:
        """The government codes and region codes of `countryRegions`."""
        countries, regions = [], []
        for term in self.given.get("countryRegions", []):
            identifier = term["identifier"]
            if identifier.startswith(REGION):
                region = identifier.removeprefix(REGION)
                if region in self.registry.regions:
                    regions.append(region)
                else:
                    self.problem(
                        _("No regional group in the registry has this code."),
                        field="countryRegions",
                        value=identifier,
                    )
            elif COUNTRY.fullmatch(identifier):
                if code := self.country(identifier, "countryRegions"):
                    countries.append(code)
            else:
                self.problem(
                    _(
                        'Unknown term: a country is named by its ISO code ("ke"), a region as '
                        "cbap:region:<code>."
                    ),
                    field="countryRegions",
                    value=identifier,
                )
        return countries, regions

    def country(self, identifier: str, field: str) -> str:
        code = self.registry.countries.get(identifier.lower())
        if code is None:
            self.problem(
                _("No government in the registry has this ISO 3166 alpha-2 code."),
                field=field,
                value=identifier,
            )
        return code or ""

    def government(self) -> str:
        term = self.given.get("government")
        return self.country(term["identifier"], "government") if term else ""

    def organizations(self, kind: str) -> list[dict[str, str]]:
        """The organizations the BCH fields reference, named by their record's identifier."""
        entries: list[dict[str, str]] = []
        for field, role in ROLE_FIELDS[kind].items():
            for reference in self.given.get(field, []):
                identifier = reference["identifier"]
                entry = {"role": role} if role else {}
                entry |= {"name": REVISION.sub("", identifier), "ref": identifier}
                if entry not in entries:
                    entries.append(entry)
        return entries

    def outputs(self) -> list[int]:
        given = [reference["identifier"] for reference in self.given.get("resultsReference", [])]
        found = self.registry.resources([REVISION.sub("", identifier) for identifier in given])
        outputs = []
        for identifier in given:
            resource = found.get(REVISION.sub("", identifier))
            if resource is None:
                self.problem(
                    _("No library resource in cbap has this identifier; import it first."),
                    field="resultsReference",
                    value=identifier,
                )
            else:
                outputs.append(resource)
        return outputs

    def evidence(self) -> list[str]:
        documents = [link["url"] for link in self.given.get("relevantDocuments", [])]
        outputs = [link["url"] for link in self.given.get("resultsOutputs", [])]
        return documents + [url for url in outputs if url not in documents]


def _term_key(vocabulary: str, identifier: str) -> str | None:
    prefix = f"cbap:{vocabulary}:"
    if identifier.startswith(prefix):
        key = identifier.removeprefix(prefix)
        return key if key in vocabularies.VOCABULARIES[vocabulary] else None
    return _bch_keys(vocabulary).get(identifier.upper())


@cache
def _bch_keys(vocabulary: str) -> dict[str, str]:
    """BCH thesaurus identifier (upper case) → the term's key."""
    terms = vocabularies.VOCABULARIES[vocabulary].values()
    keys = {term.bch.upper(): term.key for term in terms if term.bch}
    return keys | {
        identifier: key for (name, identifier), key in READ_ALIASES.items() if name == vocabulary
    }


def _fits(kind: str, value: Any) -> bool:
    if kind.endswith("[]"):
        return isinstance(value, list) and all(_fits(kind[:-2], item) for item in value)
    return FITS[kind](value)


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(text, str) for text in value.values())


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_bool(value: Any) -> bool:
    """true or false; the BCH's own examples write "True"."""
    return isinstance(value, bool) or (
        isinstance(value, str) and value.lower() in ("true", "false")
    )


def _is_date(value: Any) -> bool:
    """A date, alone or starting a date and time ("2024-11-04T00:00:00Z")."""
    if not isinstance(value, str) or value[10:11] not in ("", "T"):
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _is_term(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("identifier"), str)


def _is_link(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("url"), str)


def _is_amount(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        return Decimal(str(value)).is_finite()
    except InvalidOperation:
        return False


def _is_owner(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"organization"}
        and isinstance(value["organization"], str)
    )


FITS = {
    "lstring": _is_text,
    "string": lambda value: isinstance(value, str),
    "int": _is_int,
    "bool": _is_bool,
    "DateTime": _is_date,
    "Term": _is_term,
    "Reference": _is_term,
    "Link": _is_link,
    "amount": _is_amount,
    "date text": lambda value: isinstance(value, str) or _is_text(value),
    "list": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
    "owner": _is_owner,
}


def _normalized(kind: str, value: Any) -> Any:
    """A value of the cbap block as the model stores it."""
    if kind == "amount":
        return _amount(value)
    if kind == "bool":
        return _truth(value)
    if kind == "DateTime":
        return value[:10]
    return value


def _truth(value: bool | str) -> bool:
    return value if isinstance(value, bool) else value.lower() == "true"


def _amount(value: int | float | str) -> str:
    """An amount with its cents, as the database gives it back (so that a re-import of the
    same amount changes nothing)."""
    return f"{Decimal(str(value)):.2f}"


def _main_language(languages: list[str]) -> str:
    return "en" if "en" in languages or not languages else languages[0]


def _shown(value: Any) -> str:
    """A value as the file gives it, for a problem."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


class _Names:
    """What documents name otherwise than cbap: governments by ISO alpha-2 code, owning
    organizations by name, library resources by identifier; read once for all documents."""

    def __init__(self, pairs: list[tuple[Activity | Resource, dict]]):
        governments = list(Government.objects.values_list("pk", "code", "iso2"))
        self.iso2_of_party = {pk: iso2.lower() for pk, code, iso2 in governments}
        self.iso2_of_code = {code: iso2.lower() for pk, code, iso2 in governments}
        owners = {record.owner_organization_id for record, content in pairs}
        self.organizations = dict(
            Organization.objects.filter(pk__in=owners - {None}).values_list("pk", "name")
        )
        outputs = {pk for record, content in pairs for pk in content.get("outputs") or []}
        self.resources = {
            pk: external_id or f"cbap-resource-{pk}"
            for pk, external_id in Resource.objects.filter(pk__in=outputs).values_list(
                "pk", "external_id"
            )
        }

    def document(self, record: Activity | Resource, content: dict) -> dict[str, Any]:
        kind = "activity" if isinstance(record, Activity) else "resource"
        languages = _languages([content.get(name) for name in TEXT_FIELDS[kind]])
        document: dict[str, Any] = {
            "header": {
                "identifier": record.external_id or f"cbap-{kind}-{record.pk}",
                "schema": SCHEMA_OF[kind],
                "languages": languages,
            }
        }
        if record.owner_party_id:
            document["government"] = {"identifier": self.iso2_of_party[record.owner_party_id]}
        main = _main_language(languages)
        fields = (self.activity if kind == "activity" else self.resource)(content, main)
        document |= {
            name: value
            for name, value in fields.items()
            if name == "isProjectProgramme" or not _is_empty(value)
        }
        if block := self.block(record, content, kind):
            document["cbap"] = block
        return document

    def activity(self, content: dict, main: str) -> dict[str, Any]:
        in_dollars = content.get("currency") == "USD"
        return {
            "title": content.get("title"),
            "projectNumber": _texts_in(main, content.get("identifier")),
            "geographicScope": _term("scope", content.get("scope")),
            "countryRegions": self.places(content),
            "status": _term("status", content.get("activity_status")),
            "startDate": content.get("start_date"),
            "endDate": content.get("end_date"),
            "durationPeriod": content.get("duration"),
            "durationText": (content.get("duration_unit") or "").capitalize(),
            "isProjectProgramme": bool(content.get("programme")),
            "projectProgrammeName": _texts_in(main, content.get("programme")),
            "description": content.get("description"),
            "categories": _terms("category", content.get("categories")),
            "targetGroups": _terms("audience", content.get("audiences")),
            "gbfTargets": _terms("gbf_target", content.get("gbf_targets")),
            "fundingSourceTypes": _terms("funding_type", content.get("funding_types")),
            "totalBudget": content.get("budget") if in_dollars else None,
            "resultsAchievements": content.get("achievements"),
            "resultsReference": [
                {"identifier": self.resources.get(pk, f"cbap-resource-{pk}")}
                for pk in content.get("outputs") or []
            ],
            "bestPractices": content.get("lessons"),
            "relevantDocuments": [{"url": url} for url in content.get("evidence") or []],
        }

    def resource(self, content: dict, main: str) -> dict[str, Any]:
        return {
            "title": content.get("title"),
            "resourceTypes": _terms("resource_type", content.get("resource_types")),
            "authors": _texts_in(main, content.get("authors")),
            "publisher": _texts_in(main, content.get("publisher")),
            "publicationDate": content.get("publication_date"),
            "resourceLinks": [{"url": url} for url in content.get("links") or []],
            "summary": content.get("summary"),
            "countryRegions": self.places(content),
        }

    def places(self, content: dict) -> list[dict[str, str]]:
        countries = [
            {"identifier": self.iso2_of_code.get(code, code.lower())}
            for code in content.get("countries") or []
        ]
        return countries + [{"identifier": REGION + code} for code in content.get("regions") or []]

    def block(self, record: Activity | Resource, content: dict, kind: str) -> dict[str, Any]:
        names = list(BLOCK[kind])
        if content.get("currency") == "USD" and content.get("budget") is not None:
            names = [name for name in names if name not in ("budget", "currency")]
        block = {name: content.get(name) for name in names if not _is_empty(content.get(name))}
        if record.owner_organization_id:
            block["owner"] = {"organization": self.organizations[record.owner_organization_id]}
        if record.is_synthetic:
            block["synthetic"] = True
        return block


def _term(vocabulary: str, key: str | None) -> dict[str, str] | None:
    if not key:
        return None
    term = vocabularies.VOCABULARIES[vocabulary].get(key)
    return {"identifier": term.bch if term and term.bch else f"cbap:{vocabulary}:{key}"}


def _terms(vocabulary: str, keys: list[str] | None) -> list[dict[str, str]]:
    return [term for key in keys or [] if (term := _term(vocabulary, key))]


def _texts_in(language: str, text: str | None) -> dict[str, str] | None:
    return {language: text} if text else None


def _languages(texts: list[Any]) -> list[str]:
    """The languages the texts are written in, in the order of the UN's; English if none."""
    found = {
        language
        for text in texts
        if isinstance(text, dict)
        for language, words in text.items()
        if words
    }
    ordered = [language for language in vocabularies.TEXT_LANGUAGES if language in found]
    return ordered + sorted(found - set(ordered)) or ["en"]


def _is_empty(value: Any) -> bool:
    """Nothing to write: absent from a document, the field reads back as the model's default."""
    return value is None or value is False or value in ("", [], {})
