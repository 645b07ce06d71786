"""IATI activity standard 2.03: published capacity-building activities out, IATI activity files
in, both streamed (one `iati-activity` at a time), so that 100,000 activities never make one tree.

Over 600 lines because one format's reader and writer stay side by side, element by element,
so that a mapping is changed in one place for both directions (the round trip is tested whole).

Where each content field goes (IATI has no element for what the tags and `cbap:` attributes
carry; tags use vocabulary 99 "Reporting Organisation" and a vocabulary-uri `urn:cbap:iati:…`):

    identifier          iati-identifier; without one, the activity's `external_id`, else the
                        cbap-made `<reporting-org ref>-<activity id>`, marked `cbap:made`
    (owner)             reporting-org: a Party as `CBAP-<government code>`, type 10; an
                        organization as the `ref` and `type` of its own entry in `organizations`,
                        else `CBAP-ORG-<id>`, type 90 (cbap-made, not registered IATI references)
    title, description  title, description type 1: one narrative per language (xml:lang)
    lessons             description type 4, `cbap:field="lessons"`
    organizations       participating-org: role (OrganisationRole), type, ref, name; collaborating
                        partners as implementing (4) with `cbap:role="collaborating"`; the
                        registered organization is found again by its exact name
    activity_status     activity-status (ActivityStatus); "approved" as 1 with `cbap:status`
    start/end_date      activity-date: actual start (2) when ongoing or completed, actual end (4)
                        when completed, planned (1, 3) otherwise
    scope               activity-scope (ActivityScope)
    countries           recipient-country (ISO alpha-2, `Government.iso2`), percentages adding
                        up to 100; a government IATI has no country code for (the EU) as a tag
                        `urn:cbap:iati:country` with its cbap code
    regions             tag `urn:cbap:iati:region`: the CBD regional groups
    plan_codes          sector vocabulary 99 `urn:cbap:iati:action-plan`, percentages adding up
                        to 100
    sdgs                tag vocabulary 2 (UN Sustainable Development Goals)
    categories …        tags `urn:cbap:iati:<name>` for funding types, categories, audiences,
                        actors, capacity-building areas, Protocol articles, GBF targets; the
                        programme (its name as code), the duration ("6 months") and new
                        technologies ("true"/"false", the note as narrative) likewise
    budget, currency,   iati-activity/@default-currency; one budget (original, indicative):
      budget_date       value, currency, value-date, period = the activity's dates
    achievements        result type 1 (output), `cbap:field="achievements"`, its description
    participants …      that result's indicator (measure 1, unit), `cbap:field="participants"`:
                        one actual value for the total, one per sex and audience (dimension)
    outputs             tag whose vocabulary-uri is this site's library address, code = the
                        resource's id (another site's ids are not read: they name its resources)
    evidence            document-link category A08 (Results, outcomes and outputs)

IATI requires some elements an activity may lack: a description, a participating-org and an
activity-date. cbap then writes the title, the reporting organisation (accountable) or the date
of the export, marked `cbap:stand-in="true"`, and its reader skips them. The `cbap:` attributes
live in the namespace `urn:cbap:iati`, which the schema lets any element carry.

Reading keeps what cbap holds and ignores the rest (transactions, locations, policy markers …).
Texts in languages other than the six of the UN are left out; a narrative without xml:lang is
in the activity's language, else English. Several budgets add up (a revised one replaces the
original of its period), to two decimals; the budget date is the earliest value date. Without an
activity-scope, one country reads as national, several countries or regions as regional, none as
global; IATI scopes cbap lacks read as their nearest term (multi-national: regional; sub-national
single area: sub-national); status "finalisation" reads as completed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree

from cbap.accounts.models import Organization
from cbap.activities import vocabularies
from cbap.activities.formats.incoming import Incoming, Reading, read_aside
from cbap.parties.models import Government

if TYPE_CHECKING:
    from cbap.activities.models import Activity

DATA = Path(__file__).resolve().parent.parent / "data" / "iati"
VERSION = "2.03"
CBAP = "urn:cbap:iati"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ACTION_PLAN = f"{CBAP}:action-plan"
# Content field → the cbap vocabulary its tags use.
TAGGED = {
    "regions": "region",
    "funding_types": "funding-type",
    "categories": "category",
    "audiences": "audience",
    "actors": "actor",
    "cb_areas": "cb-area",
    "articles": "article",
    "gbf_targets": "gbf-target",
}
FIELD_OF_TAG = {f"{CBAP}:{name}": field for field, name in TAGGED.items()}
PROGRAMME, DURATION, NEW_TECHNOLOGIES, COUNTRY = (
    f"{CBAP}:{name}" for name in ("programme", "duration", "new-technologies", "country")
)
SDG_VOCABULARY = "2"
EVIDENCE_CATEGORY = "A08"
# What cbap says in English where IATI asks for a title (data stay language-neutral).
ACHIEVEMENTS_TITLE = "Main achievements"
PARTICIPANTS_TITLE = "Participants"
EVIDENCE_TITLE = "Evidence"
# Characters XML 1.0 cannot hold; a text pasted with them is written without them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The libxml2 errors of schema validation, told apart from those of XML syntax.
SCHEMA_ERRORS = frozenset(
    getattr(etree.ErrorTypes, name) for name in dir(etree.ErrorTypes) if name.startswith("SCHEMAV_")
)
# How lxml words a syntax error met while validating: "line 7: b'Opening and ending tag …'".
LXML_WORDING = re.compile(r"^line \d+: b?(['\"])(.*)\1$", re.DOTALL)


def _cbap(name: str) -> str:
    return f"{{{CBAP}}}{name}"


def _by_iati(vocabulary: str) -> dict[str, str]:
    """IATI code → cbap term; where two terms share a code, the first (proposed before
    approved, implementing before collaborating), the other being marked by a `cbap:` attribute."""
    terms: dict[str, str] = {}
    for term in vocabularies.VOCABULARIES[vocabulary].values():
        terms.setdefault(term.iati, term.key)
    return terms


STATUS_OF = {**_by_iati("status"), "3": "completed"}
SCOPE_OF = {**_by_iati("scope"), "3": "regional", "6": "subnational", "7": "subnational"}
ROLE_OF = _by_iati("organization_role")
TYPE_OF = _by_iati("organization_type")


@cache
def codelist(name: str) -> frozenset[str]:
    """The codes of an IATI codelist copied into `data/iati/codelists/`."""
    tree = etree.parse(str(DATA / "codelists" / f"{name}.xml"))
    return frozenset(code.strip() for code in tree.xpath("//codelist-item/code/text()"))


@cache
def _schema_document() -> etree._ElementTree:
    return etree.parse(str(DATA / "iati-activities-schema.xsd"))


def schema() -> etree.XMLSchema:
    """The IATI 2.03 activity schema; a new validator per use, as each keeps its error log."""
    return etree.XMLSchema(_schema_document())


def library_uri() -> str:
    """This site's library address: the vocabulary-uri that names its resources by id."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse("activities:resources")


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Writing:
    """What every activity of an export needs, read once."""

    governments: dict[int, Government]
    iso2: dict[str, str]
    organizations: dict[int, Organization]
    library: str
    today: str


def write(pairs: Iterable[tuple[Activity, dict]], stream) -> None:
    """Write an `iati-activities` document, one `iati-activity` per (activity, the content to
    publish), to a binary stream; each activity is built and written on its own, and `pairs`
    may be an iterator that reads them a batch at a time."""
    governments = {g.pk: g for g in Government.objects.all()}
    writing = _Writing(
        governments=governments,
        iso2={g.code: g.iso2 for g in governments.values()},
        organizations=Organization.objects.in_bulk(),
        library=library_uri(),
        today=date.today().isoformat(),
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with etree.xmlfile(stream, encoding="utf-8") as xml:
        xml.write_declaration()
        with xml.element("iati-activities", {"version": VERSION, "generated-datetime": now}):
            xml.write("\n")
            for activity, content in pairs:
                xml.write(_activity(activity, content, writing), pretty_print=True)


def _present(attributes: dict[str, str]) -> dict[str, str]:
    """The attributes that have a value: IATI wants no empty attribute."""
    return {name: value for name, value in attributes.items() if value}


def _sub(parent, tag: str, attributes: dict | None = None, text: str = "") -> etree._Element:
    element = etree.SubElement(parent, tag, _present(attributes or {}))
    if text:
        element.text = NOT_XML.sub("", text)
    return element


def _narratives(parent, texts: dict[str, str]) -> None:
    for language, text in texts.items():
        if text.strip():
            _sub(parent, "narrative", {XML_LANG: language}, text)


def _shares(count: int) -> list[str]:
    """`count` percentages that add up to exactly 100 (the last takes what rounding left)."""
    if not count:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [f"{p.normalize():f}" for p in [share] * (count - 1) + [100 - share * (count - 1)]]


def _activity(activity: Activity, content: dict, writing: _Writing) -> etree._Element:
    reporting_ref, reporting_type, reporting_name = _reporting_org(activity, content, writing)
    attributes = {
        XML_LANG: "en",
        "default-currency": content.get("currency") or "",
        "last-updated-datetime": activity.updated_at.isoformat(timespec="seconds"),
    }
    root = etree.Element("iati-activity", _present(attributes), nsmap={"cbap": CBAP})
    identifier, made = _iati_identifier(activity, content, reporting_ref)
    _sub(root, "iati-identifier", {_cbap("made"): made}, identifier)
    reporter = _sub(root, "reporting-org", {"ref": reporting_ref, "type": reporting_type})
    _sub(reporter, "narrative", text=reporting_name)
    _narratives(_sub(root, "title"), content["title"])
    _descriptions(root, content)
    _participating_orgs(root, content, (reporting_ref, reporting_type, reporting_name))
    status = content["activity_status"]
    code = vocabularies.STATUSES[status].iati
    _sub(root, "activity-status", {"code": code, _cbap("status"): _marked(status, STATUS_OF[code])})
    _dates(root, content, writing.today)
    _sub(root, "activity-scope", {"code": vocabularies.SCOPES[content["scope"]].iati})
    _countries(root, content.get("countries") or [], writing)
    plan_codes = content.get("plan_codes") or []
    for plan_code, share in zip(plan_codes, _shares(len(plan_codes)), strict=True):
        attributes = {"vocabulary": "99", "vocabulary-uri": ACTION_PLAN, "code": plan_code}
        _sub(root, "sector", {**attributes, "percentage": share})
    _tags(root, content, writing)
    _budget(root, content, writing.today)
    for url in content.get("evidence") or []:
        link = _sub(root, "document-link", {"url": url, "format": _media_type(url)})
        _sub(_sub(link, "title"), "narrative", {XML_LANG: "en"}, EVIDENCE_TITLE)
        _sub(link, "category", {"code": EVIDENCE_CATEGORY})
    _result(root, content, writing.today)
    return root


def _marked(key: str, read_as: str) -> str:
    """The cbap term, where the IATI code alone would read as another."""
    return key if key != read_as else ""


def _reporting_org(activity: Activity, content: dict, writing: _Writing) -> tuple[str, str, str]:
    if activity.owner_party_id:
        government = writing.governments[activity.owner_party_id]
        return f"CBAP-{government.code}", "10", government.name
    organization = writing.organizations[activity.owner_organization_id]
    own = next(
        (e for e in content.get("organizations") or [] if e.get("organization") == organization.pk),
        {},
    )
    return (
        own.get("ref") or f"CBAP-ORG-{organization.pk}",
        own.get("type") or "90",
        organization.name,
    )


def _iati_identifier(activity: Activity, content: dict, reporting_ref: str) -> tuple[str, str]:
    """The activity's identifier, else the one it was imported under, else one cbap makes; and,
    when it is not the activity's own, where it came from."""
    if content.get("identifier"):
        return content["identifier"], ""
    if activity.external_id:
        return activity.external_id, "external_id"
    return f"{reporting_ref}-{activity.pk}", "cbap"


def _descriptions(root, content: dict) -> None:
    description = content.get("description") or {}
    if any(text.strip() for text in description.values()):
        _narratives(_sub(root, "description", {"type": "1"}), description)
    else:
        stand_in = _sub(root, "description", {"type": "1", _cbap("stand-in"): "true"})
        _narratives(stand_in, content["title"])
    lessons = content.get("lessons") or {}
    if any(text.strip() for text in lessons.values()):
        _narratives(_sub(root, "description", {"type": "4", _cbap("field"): "lessons"}), lessons)


def _participating_orgs(root, content: dict, reporter: tuple[str, str, str]) -> None:
    entries = content.get("organizations") or []
    for entry in entries:
        code = vocabularies.ORGANIZATION_ROLES[entry["role"]].iati
        attributes = {
            "ref": entry.get("ref") or "",
            "type": entry.get("type") or "",
            "role": code,
            _cbap("role"): _marked(entry["role"], ROLE_OF[code]),
        }
        _sub(_sub(root, "participating-org", attributes), "narrative", text=entry["name"])
    if not entries:
        ref, type_, name = reporter
        attributes = {"ref": ref, "type": type_, "role": "2", _cbap("stand-in"): "true"}
        _sub(_sub(root, "participating-org", attributes), "narrative", text=name)


def _dates(root, content: dict, today: str) -> None:
    """Actual dates for what has happened (the start of an ongoing or completed activity, the
    end of a completed one), planned dates otherwise."""
    status, start, end = content["activity_status"], content["start_date"], content["end_date"]
    start_type = "2" if status in ("ongoing", "completed") else "1"
    end_type = "4" if status == "completed" else "3"
    for date_type, day in ((start_type, start), (end_type, end)):
        if day:
            _sub(root, "activity-date", {"type": date_type, "iso-date": day})
    if not (start or end):
        _sub(root, "activity-date", {"type": "1", "iso-date": today, _cbap("stand-in"): "true"})


def _countries(root, countries: list[str], writing: _Writing) -> None:
    coded = [c for c in countries if writing.iso2.get(c) in codelist("Country")]
    for country, share in zip(coded, _shares(len(coded)), strict=True):
        _sub(root, "recipient-country", {"code": writing.iso2[country], "percentage": share})


def _tags(root, content: dict, writing: _Writing) -> None:
    def tag(uri: str, code: str, note: str = "") -> None:
        element = _sub(root, "tag", {"vocabulary": "99", "vocabulary-uri": uri, "code": code})
        if note:
            _sub(element, "narrative", text=note)

    for country in content.get("countries") or []:
        if writing.iso2.get(country) not in codelist("Country"):
            tag(COUNTRY, country)
    for field, name in TAGGED.items():
        for code in content.get(field) or []:
            tag(f"{CBAP}:{name}", str(code))
    for goal in content.get("sdgs") or []:
        _sub(root, "tag", {"vocabulary": SDG_VOCABULARY, "code": goal})
    if content.get("programme"):
        tag(PROGRAMME, content["programme"])
    duration = content.get("duration")
    if duration is not None or content.get("duration_unit"):
        tag(DURATION, " ".join(str(p) for p in (duration, content.get("duration_unit")) if p))
    if content.get("new_technologies") or content.get("new_technologies_note"):
        flag = "true" if content.get("new_technologies") else "false"
        tag(NEW_TECHNOLOGIES, flag, content.get("new_technologies_note") or "")
    for resource in content.get("outputs") or []:
        tag(writing.library, str(resource))


def _period(content: dict, today: str) -> tuple[str, str]:
    """The activity's dates as a period IATI accepts (both given, the end not before the start)."""
    start = content.get("start_date") or content.get("budget_date") or content.get("end_date")
    start = start or today
    end = content.get("end_date") or start
    return start, max(start, end)


def _budget(root, content: dict, today: str) -> None:
    if content.get("budget") in (None, ""):
        return
    start, end = _period(content, today)
    budget = _sub(root, "budget", {"type": "1", "status": "1"})
    _sub(budget, "period-start", {"iso-date": start})
    _sub(budget, "period-end", {"iso-date": end})
    value_date = content.get("budget_date") or start
    attributes = {"currency": content.get("currency") or "", "value-date": value_date}
    _sub(budget, "value", attributes, str(content["budget"]))


def _media_type(url: str) -> str:
    return "application/pdf" if url.lower().split("?")[0].endswith(".pdf") else "text/html"


def _result(root, content: dict, today: str) -> None:
    achievements = content.get("achievements") or {}
    total = content.get("participants")
    by_sex = content.get("participants_by_sex") or {}
    by_audience = content.get("participants_by_audience") or {}
    counted = total is not None or by_sex or by_audience
    if not (counted or any(text.strip() for text in achievements.values())):
        return
    result = _sub(root, "result", {"type": "1", _cbap("field"): "achievements"})
    _sub(_sub(result, "title"), "narrative", {XML_LANG: "en"}, ACHIEVEMENTS_TITLE)
    if any(text.strip() for text in achievements.values()):
        _narratives(_sub(result, "description"), achievements)
    if not counted:
        indicator = _sub(result, "indicator", {"measure": "5", _cbap("stand-in"): "true"})
        _sub(_sub(indicator, "title"), "narrative", {XML_LANG: "en"}, ACHIEVEMENTS_TITLE)
        return
    indicator = _sub(
        result, "indicator", {"measure": "1", "ascending": "true", _cbap("field"): "participants"}
    )
    _sub(_sub(indicator, "title"), "narrative", {XML_LANG: "en"}, PARTICIPANTS_TITLE)
    period = _sub(indicator, "period")
    start, end = _period(content, today)
    _sub(period, "period-start", {"iso-date": start})
    _sub(period, "period-end", {"iso-date": end})
    if total is not None:
        _sub(period, "actual", {"value": str(total)})
    for dimension, counts in (("sex", by_sex), ("audience", by_audience)):
        for key, number in counts.items():
            actual = _sub(period, "actual", {"value": str(number)})
            _sub(actual, "dimension", {"name": dimension, "value": key})


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Known:
    """What the reader looks codes and names up in, read once per file."""

    governments: dict[str, str]  # ISO alpha-2 → government code
    organizations: dict[str, int]  # registered name → id
    library: str

    @classmethod
    def load(cls) -> _Known:
        return cls(
            governments=dict(Government.objects.values_list("iso2", "code")),
            organizations=dict(Organization.objects.values_list("name", "pk")),
            library=library_uri(),
        )


def read(
    stream,
    *,
    file: str,
    reading: Reading,
    owner_organization: str = "",
    owner_party: str = "",
) -> Iterator[Incoming]:
    """The activities of an IATI 2.03 activity file, one at a time, owned by the organization
    (its registered name) or the Party (its government code) the importer names. Every problem
    goes to `reading`: not well-formed XML, not valid against the schema, codes IATI or cbap do
    not know, no identifier; an activity with a problem is not yielded. `file` is the name the
    problems carry already (`reading.file`), taken as every reader of the app takes it. The
    file is read in a second process, with the registry's codes and names looked up first."""
    known, validator = _Known.load(), schema()
    owners = {"owner_organization": owner_organization, "owner_party": owner_party}
    return read_aside(lambda aside: _activities(stream, known, validator, aside, **owners), reading)


def _activities(
    stream, known: _Known, validator, reading: Reading, *, owner_organization: str, owner_party: str
) -> Iterator[Incoming]:
    # No external entity (a file of the server's), no network, no DTD loaded.
    activities = etree.iterparse(
        stream,
        events=("end",),
        tag="iati-activity",
        schema=validator,
        resolve_entities="internal",
    )
    invalid = False
    try:
        for _event, element in activities:
            # The streamed validation logs an error (without its line) before the end of the
            # activity that holds it; validating that activity alone says where it is.
            if activities.error_log and not validator.validate(element):
                invalid = True
                _schema_problems(element, validator.error_log, reading)
            elif incoming := _Activity(element, known, reading).incoming():
                incoming.owner_organization = owner_organization
                incoming.owner_party = owner_party
                yield incoming
            _forget(element)
    except etree.XMLSyntaxError as error:
        if error.code not in SCHEMA_ERRORS:
            message = LXML_WORDING.sub(r"\2", error.msg)
            reading.problem(
                _("The file is not well-formed XML: %(error)s") % {"error": message},
                record=f"line {error.lineno}",
            )
        elif not invalid:  # an error outside the activities, which have no problem of their own
            root = activities.root
            reading.problem(
                _("Not valid against the IATI 2.03 activity schema: %(error)s")
                % {"error": error.msg},
                record=f"line {root.sourceline if root is not None else 1}",
            )


def _forget(element) -> None:
    """Drop a read activity and those before it, so that the tree never grows."""
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]


def _identifier(element) -> str:
    return (element.findtext("iati-identifier") or "").strip()


def _where(element, line: int) -> str:
    """Where a problem is: "line 12, activity FI-3-…" (the line alone without an identifier)."""
    identifier = _identifier(element)
    return f"line {line}, activity {identifier}" if identifier else f"line {line}"


def _schema_problems(element, errors, reading: Reading) -> None:
    for error in errors:
        reading.problem(
            _("Not valid against the IATI 2.03 activity schema: %(error)s")
            % {"error": error.message},
            record=_where(element, error.line),
            field=(error.path or "").removeprefix("/iati-activity/"),
        )


class _Activity:
    """One `iati-activity` read into cbap's content; problems go to the reading, and an activity
    with any is not handed on."""

    def __init__(self, element, known: _Known, reading: Reading):
        self.element = element
        self.known = known
        self.reading = reading
        self.where = _where(element, element.sourceline)
        self.language = (element.get(XML_LANG) or "en").lower().split("-")[0]
        self.failed = False

    def problem(self, reason: str, field: str, value: str = "") -> None:
        self.failed = True
        self.reading.problem(reason, record=self.where, field=field, value=value)

    def code(self, of: dict[str, str], name: str, field: str, value: str | None) -> str:
        """The cbap term of an IATI code of codelist `name`, or "" after saying why not."""
        value = (value or "").strip()
        if value in of:
            return of[value]
        if value in codelist(name):
            reason = _("The IATI %(codelist)s code %(code)s has no counterpart in cbap.")
        else:
            reason = _("%(code)s is not a code of the IATI %(codelist)s codelist.")
        self.problem(reason % {"code": repr(value), "codelist": name}, field, value)
        return ""

    def incoming(self) -> Incoming | None:
        identifier = _identifier(self.element)
        if not identifier:
            self.problem(_("The activity has no iati-identifier."), "iati-identifier")
        made = self.element.find("iati-identifier").get(_cbap("made"))
        content: dict[str, Any] = {
            "title": self.texts(self.element.find("title")),
            "description": self.descriptions("1"),
            "lessons": self.descriptions("4", "lessons"),
            "identifier": "" if made else identifier,
            "activity_status": self.status(),
            **self.dates(),
            "organizations": self.organizations(),
            "countries": self.countries(),
            **self.tags(),
            **self.budget(),
            **self.results(),
            "plan_codes": [
                sector.get("code", "").strip()
                for sector in self.element.iterfind("sector")
                if sector.get("vocabulary") == "99" and sector.get("vocabulary-uri") == ACTION_PLAN
            ],
            "evidence": [
                link.get("url", "").strip()
                for link in self.element.iterfind("document-link")
                if EVIDENCE_CATEGORY in [c.get("code") for c in link.iterfind("category")]
            ],
        }
        content["scope"] = self.scope(content["countries"], content["regions"])
        if self.failed:
            return None
        return Incoming(kind="activity", key=identifier, where=self.where, content=content)

    def status(self) -> str:
        status = self.element.find("activity-status")
        if status.get(_cbap("status")) in vocabularies.STATUSES:
            return status.get(_cbap("status"))
        return self.code(STATUS_OF, "ActivityStatus", "activity-status/@code", status.get("code"))

    def texts(self, parent) -> dict[str, str]:
        """{language: text} of the narratives, in the languages cbap keeps texts in."""
        texts: dict[str, str] = {}
        for narrative in parent.iterfind("narrative") if parent is not None else ():
            language = (narrative.get(XML_LANG) or self.language).lower().split("-")[0]
            text = (narrative.text or "").strip()
            if text and language in vocabularies.TEXT_LANGUAGES:
                texts[language] = f"{texts[language]}\n\n{text}" if language in texts else text
        return texts

    def name(self, parent) -> str:
        """One narrative: the one in the activity's language, else the first."""
        narratives = [n for n in parent.iterfind("narrative") if (n.text or "").strip()]
        for narrative in narratives:
            if (narrative.get(XML_LANG) or self.language).lower().split("-")[0] == self.language:
                return narrative.text.strip()
        return narratives[0].text.strip() if narratives else ""

    def descriptions(self, kind: str, field: str | None = None) -> dict[str, str]:
        texts: dict[str, str] = {}
        for description in self.element.iterfind("description"):
            if (description.get("type") or "1") != kind:
                continue
            if description.get(_cbap("stand-in")) or description.get(_cbap("field")) != field:
                continue
            for language, text in self.texts(description).items():
                texts[language] = f"{texts[language]}\n\n{text}" if language in texts else text
        return texts

    def date(self, value: str, field: str) -> str:
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            self.problem(_("Not a date cbap can keep."), field, value)
            return ""

    def dates(self) -> dict[str, str | None]:
        """The actual dates, else the planned ones."""
        dates = {
            element.get("type"): self.date(element.get("iso-date"), "activity-date/@iso-date")
            for element in self.element.iterfind("activity-date")
            if not element.get(_cbap("stand-in"))
        }
        return {
            "start_date": dates.get("2") or dates.get("1") or None,
            "end_date": dates.get("4") or dates.get("3") or None,
        }

    def organizations(self) -> list[dict]:
        entries = []
        for number, org in enumerate(self.element.iterfind("participating-org"), 1):
            if org.get(_cbap("stand-in")):
                continue
            field = f"participating-org[{number}]"
            role = org.get(_cbap("role"))
            if role not in vocabularies.ORGANIZATION_ROLES:
                role = self.code(ROLE_OF, "OrganisationRole", f"{field}/@role", org.get("role"))
            type_ = (org.get("type") or "").strip()
            if type_:
                type_ = self.code(TYPE_OF, "OrganisationType", f"{field}/@type", type_)
            ref = (org.get("ref") or "").strip()
            name = self.name(org) or ref
            if not (role and name):
                continue
            entry = {"role": role, "name": name}
            if name in self.known.organizations:
                entry["organization"] = self.known.organizations[name]
            entries.append(
                entry | ({"type": type_} if type_ else {}) | ({"ref": ref} if ref else {})
            )
        return entries

    def countries(self) -> list[str]:
        countries = []
        for country in self.element.iterfind("recipient-country"):
            code = (country.get("code") or "").strip().upper()
            if code in self.known.governments:
                countries.append(self.known.governments[code])
            else:
                self.problem(
                    _("No government with the ISO alpha-2 code %(code)s in the registry.")
                    % {"code": code},
                    "recipient-country/@code",
                    code,
                )
        tagged = [
            (tag.get("code") or "").strip()
            for tag in self.element.iterfind("tag")
            if tag.get("vocabulary") == "99" and tag.get("vocabulary-uri") == COUNTRY
        ]
        return countries + tagged

    def scope(self, countries: list[str], regions: list[str]) -> str:
        scope = self.element.find("activity-scope")
        if scope is not None:
            return self.code(SCOPE_OF, "ActivityScope", "activity-scope/@code", scope.get("code"))
        if len(countries) == 1 and not regions:
            return "national"
        return "regional" if countries or regions else "global"

    def tags(self) -> dict[str, Any]:
        """What cbap's tags and the SDG tags say."""
        content: dict[str, Any] = {
            **{field: [] for field in TAGGED},
            "sdgs": [],
            "programme": "",
            "duration": None,
            "duration_unit": "",
            "new_technologies": False,
            "new_technologies_note": "",
            "outputs": [],
        }
        for tag in self.element.iterfind("tag"):
            uri, code = tag.get("vocabulary-uri"), (tag.get("code") or "").strip()
            if tag.get("vocabulary") == SDG_VOCABULARY:
                if code in vocabularies.SDG_GOALS:
                    content["sdgs"].append(code)
            elif tag.get("vocabulary") != "99":
                continue
            elif uri in FIELD_OF_TAG:
                content[FIELD_OF_TAG[uri]].append(code)
            elif uri == PROGRAMME:
                content["programme"] = code
            elif uri == DURATION:
                number, _space, unit = code.partition(" ") if code[:1].isdigit() else ("", "", code)
                content["duration"] = int(number) if number.isdigit() else None
                content["duration_unit"] = unit
            elif uri == NEW_TECHNOLOGIES:
                content["new_technologies"] = code == "true"
                content["new_technologies_note"] = self.name(tag)
            elif uri == self.known.library and code.isdigit():
                content["outputs"].append(int(code))
        return content

    def budget(self) -> dict[str, str | None]:
        """The budgets added up: per period the revised one (type 2) if any, else the original."""
        default_currency = (self.element.get("default-currency") or "").strip()
        by_period = {}
        for budget in self.element.iterfind("budget"):
            period = tuple(
                budget.find(end).get("iso-date") for end in ("period-start", "period-end")
            )
            if budget.get("type") == "2" or period not in by_period:
                by_period[period] = budget
        values = [budget.find("value") for budget in by_period.values()]
        currencies = {(v.get("currency") or default_currency).strip() for v in values}
        currencies = currencies or ({default_currency} if default_currency else set())
        for currency in sorted(currencies - {""}):
            if currency not in codelist("Currency"):
                self.problem(
                    _("%(code)s is not a code of the IATI %(codelist)s codelist.")
                    % {"code": repr(currency), "codelist": "Currency"},
                    "budget/value/@currency" if values else "@default-currency",
                    currency,
                )
        if len(currencies) > 1:
            self.problem(
                _("The budgets are in several currencies (%(currencies)s); cbap keeps one total.")
                % {"currencies": ", ".join(sorted(currencies))},
                "budget/value/@currency",
            )
        if not values:
            return {"budget": None, "currency": default_currency, "budget_date": None}
        try:
            total = sum(Decimal(v.text.strip()) for v in values).quantize(Decimal("0.01"))
        except InvalidOperation:
            self.problem(_("Not an amount cbap can keep."), "budget/value")
            total = None
        first = min(v.get("value-date") for v in values)
        return {
            "budget": None if total is None else str(total),
            "currency": next(iter(currencies)),
            "budget_date": self.date(first, "budget/value/@value-date") or None,
        }

    def results(self) -> dict[str, Any]:
        """Achievements and participants from the result cbap writes; other results are left."""
        content: dict[str, Any] = {
            "achievements": {},
            "participants": None,
            "participants_by_sex": {},
            "participants_by_audience": {},
        }
        for result in self.element.iterfind("result"):
            if result.get(_cbap("field")) != "achievements":
                continue
            content["achievements"] = self.texts(result.find("description"))
            for indicator in result.iterfind("indicator"):
                if indicator.get(_cbap("field")) == "participants":
                    for actual in indicator.iterfind("period/actual"):
                        self.participants(actual, content)
        return content

    def participants(self, actual, content: dict[str, Any]) -> None:
        value = (actual.get("value") or "").strip()
        if not value.isdigit():
            self.problem(_("Not a whole number of participants."), "result/indicator", value)
            return
        dimension = actual.find("dimension")
        if dimension is None:
            content["participants"] = int(value)
        elif dimension.get("name") in ("sex", "audience"):
            counts = content[f"participants_by_{dimension.get('name')}"]
            counts[dimension.get("value") or ""] = int(value)
