"""The registry's reference data as it sits in `cbap/parties/data/`, read and checked.

Plain Python and files only; `services.reference_data_load` writes the result to the database.
Every problem is a `ReferenceDataError` naming the file, the row (as a spreadsheet numbers it:
the header is row 1) and the field, so a bad edit to a CSV file is found in seconds.

Which governments are in the registry: every UN Member State (a row with a UN regional group),
every Party to either protocol (Niue, State of Palestine and the European Union have no UN group),
and the Cook Islands, a Party to the CBD that signed the Cartagena Protocol but has not ratified it.
Territories (Aruba, Åland Islands …) cannot be Parties and are left out, also from groupings.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from cbap.parties import registry

DATA_DIR = Path(__file__).resolve().parent / "data"
GROUPINGS_FILE = "country_groupings.csv"
PARTY_FILES = {
    registry.CARTAGENA: "cartagena_protocol_parties.csv",
    registry.SUPPLEMENTARY: "nkl_supplementary_protocol_parties.csv",
}
PARTY_FLAG_COLUMNS = {registry.CARTAGENA: "cartagena_party", registry.SUPPLEMENTARY: "nkl_party"}
PARTY_TYPES = {"state": "state", "regional_economic_integration_organization": "reio"}

# Non-Parties that are not UN members but could report (README: CBD Parties that signed the
# Cartagena Protocol and have not ratified it).
ALSO_IN_REGISTRY = {"COK"}

# LDC graduations the sources date (README: UN DESA CDP news page, "44 countries remaining").
# A country on the 2024 M49 list but off the current list needs its date here, or loading fails.
LDC_GRADUATIONS = {"STP": date(2024, 12, 13)}

REGIONS = {
    # value in un_regional_group: (code, name)
    "African Group": ("african_group", "African Group"),
    "Asia-Pacific Group": ("asia_pacific_group", "Asia-Pacific Group"),
    "Eastern European Group": ("eastern_european_group", "Eastern European Group"),
    "GRULAC": ("grulac", "Latin American and Caribbean Group (GRULAC)"),
    "WEOG": ("weog", "Western European and Others Group (WEOG)"),
}
REGION_DESCRIPTION = (
    "UN regional groups of Member States, used as an approximation of the CBD's five regions "
    "(the CBD's own regional-group lists were not available). Türkiye is in two groups "
    "(Asia-Pacific Group and WEOG); Niue, the State of Palestine, the European Union and the "
    "Cook Islands are not UN members and are in none."
)
REGION_SOURCE = (
    "openclimatedata/countrygroups data/un-regional-groups.csv @8b1dfff3 (2019-04-10; "
    'UN DGACM "Regional Groups of Member States")'
)
COUNTRY_CODES = "datasets/country-codes data/country-codes.csv"

LDC_DESCRIPTION = (
    "Least developed countries, current list: the UNSD M49 list as updated on 2024-09-30 (45) "
    "less São Tomé and Príncipe, which graduated on 2024-12-13; 44 countries. Only graduations "
    "the sources date are recorded, so before 2024 this list is not the list of the day: for "
    "the baseline use the 2020 list."
)
LDC_SOURCE = (
    f"{COUNTRY_CODES} @caa72d1e (LDC column last changed 2024-09-30); graduation: UN DESA CDP "
    "news, https://policy.desa.un.org/themes/cdp-news-and-events/news/"
    "sao-tome-and-principe-graduated-from-ldc-status"
)


@dataclass(frozen=True)
class GroupingColumn:
    """A grouping read from one column of country_groupings.csv: members have `value` there."""

    code: str
    name: str
    kind: str
    column: str
    value: str
    description: str
    source: str


COLUMN_GROUPINGS = (
    GroupingColumn(
        "ldc_2020",
        "Least developed countries (2020 list)",
        "ldc",
        "ldc_m49_2020",
        "1",
        "Least developed countries in the UNSD M49 revision of 2020-10-15 (47, including Bhutan, "
        "Vanuatu and São Tomé and Príncipe, which have graduated since): the status at the time "
        "of the 4th national reports, the plan's baseline. A fixed list without dates.",
        f"{COUNTRY_CODES} @4b783b02 (2020-10-15)",
    ),
    GroupingColumn(
        "sids",
        "Small island developing States",
        "sids",
        "sids_m49",
        "1",
        "Small island developing States in UNSD M49 (53 countries and areas; the territories "
        "among them are not in the registry).",
        f"{COUNTRY_CODES} @caa72d1e (SIDS column last changed 2024-09-30)",
    ),
    GroupingColumn(
        "lldc",
        "Landlocked developing countries",
        "lldc",
        "lldc_m49",
        "1",
        "Landlocked developing countries in UNSD M49 (32).",
        f"{COUNTRY_CODES} @caa72d1e (LLDC column last changed 2024-09-30)",
    ),
    GroupingColumn(
        "developing",
        "Developing countries (M49, 2020)",
        "development",
        "m49_developed_developing_2020",
        "Developing",
        "Developing in the UNSD M49 'Developed / Developing Countries' designation (2020 "
        "revision, since removed from M49). Not the CBD's or the GEF's eligibility list: M49 "
        "calls all of Europe developed (e.g. Republic of Moldova, North Macedonia, Ukraine).",
        f"{COUNTRY_CODES} @4b783b02 (2020-10-15)",
    ),
    GroupingColumn(
        "developed",
        "Developed countries (M49, 2020)",
        "development",
        "m49_developed_developing_2020",
        "Developed",
        "Developed in the UNSD M49 'Developed / Developing Countries' designation (2020 "
        "revision, since removed from M49). Not the CBD's or the GEF's list: M49 calls all of "
        "Europe developed (e.g. Republic of Moldova, North Macedonia, Ukraine).",
        f"{COUNTRY_CODES} @4b783b02 (2020-10-15)",
    ),
)
DEVELOPMENT_VALUES = {"Developing", "Developed", ""}

EIT = {
    "code": "eit",
    "name": "Economies in transition",
    "kind": "eit",
    "description": (
        "No authoritative machine-readable list of economies in transition was found (candidates: "
        "UN DESA World Economic Situation and Prospects; UNFCCC Annex I economies in transition; "
        "the CBD's Central and Eastern Europe group), so cbap ships this grouping empty and the "
        "Secretariat's administrators add its members, with their dates, on cbap (each change "
        "is in the audit trail). It is never inferred from the M49 developed/developing "
        "designation."
    ),
    "source": "",
}


class ReferenceDataError(ValueError):
    def __init__(self, file: str, row: int, field: str, message: str):
        self.file, self.row, self.field = file, row, field
        super().__init__(f"{file}, row {row}, field {field}: {message}")


@dataclass(frozen=True)
class GovernmentSpec:
    code: str
    iso3: str
    iso2: str
    m49: str
    name: str
    kind: str


@dataclass(frozen=True)
class MembershipSpec:
    government: str
    protocol: str
    signed_on: date | None
    deposited_on: date | None
    entry_into_force_on: date | None
    date_quality: str
    source: str
    notes: str
    not_before: date | None = None


@dataclass(frozen=True)
class MemberSpec:
    government: str
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = ""


@dataclass(frozen=True)
class GroupingSpec:
    """A grouping and its members; `members` is None when the files do not manage them (EIT)."""

    code: str
    name: str
    kind: str
    description: str
    source: str
    members: tuple[MemberSpec, ...] | None


@dataclass(frozen=True)
class ReferenceData:
    governments: tuple[GovernmentSpec, ...]
    memberships: tuple[MembershipSpec, ...]
    groupings: tuple[GroupingSpec, ...]


@dataclass(frozen=True)
class _Row:
    file: str
    number: int
    values: dict[str, str]

    def __getitem__(self, field: str) -> str:
        if field not in self.values:
            raise self.error(field, "missing column")
        return (self.values[field] or "").strip()

    def error(self, field: str, message: str) -> ReferenceDataError:
        return ReferenceDataError(self.file, self.number, field, message)

    def date(self, field: str) -> date | None:
        text = self[field]
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self.error(field, f"{text!r} is not a date (YYYY-MM-DD)") from None

    def flag(self, field: str) -> bool:
        if self[field] not in ("0", "1"):
            raise self.error(field, f"{self[field]!r} is neither 0 nor 1")
        return self[field] == "1"


def _rows(data_dir: Path, name: str) -> list[_Row]:
    with (data_dir / name).open(encoding="utf-8", newline="") as handle:
        return [_Row(name, number, row) for number, row in enumerate(csv.DictReader(handle), 2)]


def read_reference_data(data_dir: Path | None = None) -> ReferenceData:
    """Governments, their protocol memberships and their groupings, from the three CSV files
    in `data_dir` (default: the app's `data/`)."""
    data_dir = data_dir or DATA_DIR
    country_rows = _rows(data_dir, GROUPINGS_FILE)
    by_iso2: dict[str, _Row] = {}
    for row in country_rows:
        if not row["iso2"]:
            raise row.error("iso2", "empty")
        if row["iso2"] in by_iso2:
            raise row.error("iso2", f"{row['iso2']} appears twice")
        by_iso2[row["iso2"]] = row

    party_rows = {protocol: _rows(data_dir, name) for protocol, name in PARTY_FILES.items()}
    kinds: dict[str, str] = {}
    memberships: list[MembershipSpec] = []
    for protocol, rows in party_rows.items():
        seen: set[str] = set()
        for row in rows:
            country = _country_of(row, by_iso2)
            if row["iso2"] in seen:
                raise row.error("iso2", f"{row['iso2']} appears twice")
            seen.add(row["iso2"])
            if row["party_type"] not in PARTY_TYPES:
                raise row.error("party_type", f"unknown type {row['party_type']!r}")
            kinds[row["iso2"]] = PARTY_TYPES[row["party_type"]]
            memberships.append(_membership(row, protocol, _code(country)))
        for iso2, country in by_iso2.items():
            if country.flag(PARTY_FLAG_COLUMNS[protocol]) != (iso2 in seen):
                raise country.error(
                    PARTY_FLAG_COLUMNS[protocol], f"disagrees with {PARTY_FILES[protocol]}"
                )
    _check_supplementary_follows_cartagena(party_rows, memberships)

    in_registry = [
        row
        for row in country_rows
        if row["un_regional_group"] or row["iso2"] in kinds or row["iso3"] in ALSO_IN_REGISTRY
    ]
    governments = tuple(
        GovernmentSpec(
            code=_code(row),
            iso3=row["iso3"],
            iso2=row["iso2"],
            m49=row["m49"],
            name=row["name"],
            kind=kinds.get(row["iso2"], "state"),
        )
        for row in in_registry
    )
    return ReferenceData(governments, tuple(memberships), _groupings(in_registry))


def _code(country: _Row) -> str:
    """ISO alpha-3, or the alpha-2 code for the European Union, which has no alpha-3 code."""
    if country["iso3"]:
        return country["iso3"]
    if country["iso2"] == "EU":
        return "EU"
    raise country.error("iso3", "empty (only the European Union may have no ISO alpha-3 code)")


def _country_of(row: _Row, by_iso2: dict[str, _Row]) -> _Row:
    country = by_iso2.get(row["iso2"])
    if country is None:
        raise row.error("iso2", f"{row['iso2']!r} is not in {GROUPINGS_FILE}")
    for field in ("iso3", "m49"):
        if row[field] != country[field]:
            raise row.error(
                field,
                f"{row[field]!r} but {GROUPINGS_FILE} row {country.number} has {country[field]!r}",
            )
    return country


NOT_BEFORE = "not a party before"
NOT_BEFORE_MONTH = re.compile(r"not a Party before ([A-Z][a-z]+ \d{4})\b")


def _not_before(row: _Row) -> date | None:
    """The first day of the month in "not a Party before February 2019: …" at the start of
    `notes`: what the sources rule out for a Party without dates."""
    notes = row["notes"]
    if not notes.lower().startswith(NOT_BEFORE):
        return None
    match = NOT_BEFORE_MONTH.match(notes)
    try:
        return datetime.strptime(match[1], "%B %Y").date()
    except (TypeError, ValueError):  # no match, or no such month
        raise row.error(
            "notes", "begins “not a Party before” but names no month and year"
        ) from None


def _membership(row: _Row, protocol: str, code: str) -> MembershipSpec:
    deposited_on, in_force_on = row.date("deposit_date"), row.date("entry_into_force_date")
    not_before = _not_before(row)
    if deposited_on and in_force_on and in_force_on < deposited_on:
        raise row.error("entry_into_force_date", "before the deposit date")
    if not_before and in_force_on and in_force_on < not_before:
        raise row.error("entry_into_force_date", f"before {not_before} (notes: not a Party before)")
    if in_force_on is None and not row["date_quality"]:
        raise row.error("date_quality", "empty, but the row has no entry-into-force date: say why")
    return MembershipSpec(
        government=code,
        protocol=protocol,
        signed_on=row.date("signature_date"),
        deposited_on=deposited_on,
        entry_into_force_on=in_force_on,
        date_quality=row["date_quality"],
        source=row["source"],
        notes=row["notes"],
        not_before=not_before,
    )


def _check_supplementary_follows_cartagena(
    party_rows: dict[str, list[_Row]], memberships: list[MembershipSpec]
) -> None:
    """Only Parties to the Cartagena Protocol can join the Supplementary Protocol, and not before
    the Cartagena Protocol is in force for them (Article 18 of the Supplementary Protocol)."""
    cartagena = {
        m.government: m.entry_into_force_on for m in memberships if m.protocol == registry.CARTAGENA
    }
    for row in party_rows[registry.SUPPLEMENTARY]:
        code = row["iso3"] or row["iso2"]
        if code not in cartagena:
            raise row.error("iso2", "not a Party to the Cartagena Protocol")
        in_force_on = row.date("entry_into_force_date")
        if in_force_on and cartagena[code] and in_force_on < cartagena[code]:
            raise row.error("entry_into_force_date", "before the Cartagena Protocol's")


def _groupings(rows: list[_Row]) -> tuple[GroupingSpec, ...]:
    regions: dict[str, list[MemberSpec]] = {code: [] for code, _ in REGIONS.values()}
    ldc: list[MemberSpec] = []
    by_column: dict[str, list[MemberSpec]] = {g.code: [] for g in COLUMN_GROUPINGS}
    for row in rows:
        code = _code(row)
        for value in filter(None, row["un_regional_group"].split("|")):
            if value not in REGIONS:
                raise row.error("un_regional_group", f"unknown group {value!r}")
            regions[REGIONS[value][0]].append(MemberSpec(code))
        if member := _ldc_member(row, code):
            ldc.append(member)
        if row["m49_developed_developing_2020"] not in DEVELOPMENT_VALUES:
            raise row.error("m49_developed_developing_2020", "neither Developed nor Developing")
        for grouping in COLUMN_GROUPINGS:
            if grouping.value == "1":
                member = row.flag(grouping.column)
            else:
                member = row[grouping.column] == grouping.value
            if member:
                by_column[grouping.code].append(MemberSpec(code))
    specs = [
        GroupingSpec(code, name, "region", REGION_DESCRIPTION, REGION_SOURCE, tuple(regions[code]))
        for code, name in REGIONS.values()
    ]
    specs.append(
        GroupingSpec(
            "ldc", "Least developed countries", "ldc", LDC_DESCRIPTION, LDC_SOURCE, tuple(ldc)
        )
    )
    specs += [
        GroupingSpec(g.code, g.name, g.kind, g.description, g.source, tuple(by_column[g.code]))
        for g in COLUMN_GROUPINGS
    ]
    specs.append(GroupingSpec(**EIT, members=None))
    return tuple(specs)


def _ldc_member(row: _Row, code: str) -> MemberSpec | None:
    """On the current LDC list, or on the 2024 list with a dated graduation; never a guess."""
    on_2024_list, current = row.flag("ldc_m49_2024"), row.flag("ldc_current")
    if current and not on_2024_list:
        raise row.error("ldc_current", "1, but not on the 2024 M49 list (ldc_m49_2024)")
    if not on_2024_list:
        return None
    if current:
        return MemberSpec(code)
    graduated_on = LDC_GRADUATIONS.get(code)
    if graduated_on is None:
        raise row.error(
            "ldc_current", "0, but on the 2024 M49 list and no graduation date is recorded"
        )
    return MemberSpec(
        code,
        valid_to=graduated_on - timedelta(days=1),
        note=f"Graduated from LDC status on {graduated_on.isoformat()} (UN DESA CDP).",
    )
