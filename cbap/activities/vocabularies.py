"""The vocabularies of capacity-building activities and library resources, with their sources.

Each term has a stable key (what records store), an English title (translated on pages) and,
where the source data give one, the BCH thesaurus identifier and the IATI code it is exchanged
as. No term is invented: the BCH's own term lists are not in the repository (only one example
term per domain and the identifiers its code names, `cbap/bch/data/bch/thesaurus-domains.json`),
so the terms come from the decision (¶14 actors, ¶15 audiences, ¶5 SDGs), from the issue's
list of categories, from the IATI 2.03 codelists (`data/iati/`) and from those BCH examples.
A term without a known BCH identifier travels in BCH documents as `cbap:<vocabulary>:<key>`.
See `data/README.md`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy, pgettext_lazy

from cbap.bch.reference import read_json

# The BCH thesaurus's generic "Other" term, appended to lists that take a free text.
OTHER = "5B6177DD-5E5E-434E-8CB7-D63D67D5EBED"


# The languages a multilingual text may be written in: the six of the United Nations.
TEXT_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


@dataclass(frozen=True)
class Term:
    key: str
    title: str  # lazy: the reader's language when shown
    bch: str = ""  # BCH thesaurus identifier, where the source data give it
    iati: str = ""  # IATI codelist code, where one corresponds


def _terms(*terms: Term) -> dict[str, Term]:
    return {term.key: term for term in terms}


# BCH cbiStatus (proposed: example term and `isProposedOrApproved()`; approved: the other term
# that function names) and IATI ActivityStatus.
STATUSES = _terms(
    Term(
        "proposed",
        gettext_lazy("Proposed (not yet approved)"),
        "73E2AC27-D964-487C-A4E6-0997BB27AF01",
        "1",
    ),
    Term(
        "approved",
        gettext_lazy("Approved (not yet started)"),
        "851B10ED-AE62-4F28-B178-6D40389CC8DB",
        "1",
    ),
    Term("ongoing", gettext_lazy("Ongoing"), "", "2"),
    Term("completed", gettext_lazy("Completed"), "", "4"),
    Term("cancelled", gettext_lazy("Cancelled"), "", "5"),
)

# BCH geographicScope (identifiers its code gives a role: isNational, isSubnational, isCommunity;
# the two of isGlobalOrRegional are not told apart there) and IATI ActivityScope.
SCOPES = _terms(
    Term("global", gettext_lazy("Global"), "", "1"),
    Term("regional", gettext_lazy("Regional"), "", "2"),
    Term("national", gettext_lazy("National"), "20B2CC6D-646D-4FD5-BD53-D652BA3FA088", "4"),
    Term("subnational", gettext_lazy("Sub-national"), "DEBB019D-8647-40EC-8AE5-10CA88572F6E", "5"),
    Term("community", gettext_lazy("Community"), "9627DF2B-FFAC-4F85-B075-AF783FF2A0B5", "8"),
)

# The categories; the BCH cbiCats example term for experiential learning.
CATEGORIES = _terms(
    Term("training", gettext_lazy("Training")),
    Term("workshop", gettext_lazy("Workshop")),
    Term("e_learning", gettext_lazy("E-learning")),
    Term("technical_assistance", gettext_lazy("Technical assistance")),
    Term(
        "experiential_learning",
        gettext_lazy(
            "Experiential learning (e.g. on-job training, field/study trip, staff exchange, etc.)"
        ),
        "FE6EC4EA-55E7-4E90-80AD-FE4B54707B73",
    ),
    Term("fellowship", gettext_lazy("Fellowship or academic exchange")),
    Term("other", gettext_lazy("Other"), OTHER),
)

# Decision CP-10/4, annex ¶15 ("policymakers, administrative authorities, laboratory
# technicians and customs officers"), and the BCH cbiAudience example term.
AUDIENCES = _terms(
    Term("policymakers", gettext_lazy("Policymakers")),
    Term("administrative_authorities", gettext_lazy("Administrative authorities")),
    Term("laboratory_technicians", gettext_lazy("Laboratory technicians")),
    Term("customs_officers", gettext_lazy("Customs officers")),
    Term(
        "civil_society",
        gettext_lazy("Civil society organizations"),
        "D8862526-B776-4FD2-8C62-6DF9D5E92166",
    ),
    Term("other", gettext_lazy("Other"), OTHER),
)

# Decision CP-10/4, annex ¶14, in its order and words.
ACTORS = _terms(
    Term("national_authorities", gettext_lazy("Relevant national authorities and institutions")),
    Term("customs_border", gettext_lazy("Customs and border officials")),
    Term("other_governments", gettext_lazy("Other Governments")),
    Term("academia", gettext_lazy("Academia")),
    Term("research_institutions", gettext_lazy("Research institutions")),
    Term("laboratory_networks", gettext_lazy("Networks of laboratories")),
    Term("iplc", gettext_lazy("Indigenous peoples and local communities")),
    Term("ngos", gettext_lazy("Non-governmental organizations")),
    Term("public", gettext_lazy("The public and other relevant stakeholders")),
    Term(
        "gef_funders",
        gettext_lazy(
            "The Global Environment Facility and other international funding organizations"
        ),
    ),
    Term(
        "private_sector",
        gettext_lazy("Private sector, including banks, corporations and investors"),
    ),
    Term("un_agencies", gettext_lazy("United Nations agencies")),
    Term("secretariat", gettext_lazy("The Secretariat")),
)

# BCH cbiFundingSrc: the example term (bilateral) and the two its code names.
FUNDING_TYPES = _terms(
    Term("bilateral", gettext_lazy("Bilateral"), "74EBA28E-1F0C-4157-BD47-C8492487AD70"),
    Term("self_funded", gettext_lazy("Self-funded"), "AFDE8912-E398-4194-95BA-FE488DCC891A"),
    Term(
        "other_multilateral",
        gettext_lazy("Other multilateral"),
        "E5A02FED-E87E-4D95-8AAF-BB44E6B22BC4",
    ),
)

# IATI OrganisationRole, and the BCH's collaborating partners (IATI has no such role: they
# travel there as implementing organizations).
ORGANIZATION_ROLES = _terms(
    Term("funding", pgettext_lazy("organization role", "Funding"), "", "1"),
    Term("accountable", pgettext_lazy("organization role", "Accountable"), "", "2"),
    Term("extending", pgettext_lazy("organization role", "Extending"), "", "3"),
    Term("implementing", pgettext_lazy("organization role", "Implementing"), "", "4"),
    Term("collaborating", pgettext_lazy("organization role", "Collaborating partner"), "", "4"),
)

# IATI OrganisationType (non-embedded codelist), the type of an organization in its role.
ORGANIZATION_TYPES = _terms(
    Term("10", gettext_lazy("Government"), "", "10"),
    Term("11", gettext_lazy("Local Government"), "", "11"),
    Term("15", gettext_lazy("Other Public Sector"), "", "15"),
    Term("21", gettext_lazy("International NGO"), "", "21"),
    Term("22", gettext_lazy("National NGO"), "", "22"),
    Term("23", gettext_lazy("Regional NGO"), "", "23"),
    Term("24", gettext_lazy("Partner Country based NGO"), "", "24"),
    Term("30", gettext_lazy("Public Private Partnership"), "", "30"),
    Term("40", gettext_lazy("Multilateral"), "", "40"),
    Term("60", gettext_lazy("Foundation"), "", "60"),
    Term("70", gettext_lazy("Private Sector"), "", "70"),
    Term("71", gettext_lazy("Private Sector in Provider Country"), "", "71"),
    Term("72", gettext_lazy("Private Sector in Aid Recipient Country"), "", "72"),
    Term("73", gettext_lazy("Private Sector in Third Country"), "", "73"),
    Term("80", gettext_lazy("Academic, Training and Research"), "", "80"),
    Term("90", gettext_lazy("Other"), "", "90"),
)

# Decision CP-10/4, annex ¶5: the Sustainable Development Goals it names.
SDG_GOALS = _terms(
    Term("2", gettext_lazy("SDG 2: end hunger, achieve food security and improved nutrition")),
    Term("3", gettext_lazy("SDG 3: ensure healthy lives and promote well-being for all")),
)
GBF_TARGETS = _terms(
    Term("GBF-TARGET-17", gettext_lazy("GBF target 17 (biosafety)"), "GBF-TARGET-17"),
)

# BCH resourceTypesVlr: its example term; and the kinds the issue names.
RESOURCE_TYPES = _terms(
    Term("training_material", gettext_lazy("Training material")),
    Term("guidance", gettext_lazy("Guidance")),
    Term("e_learning_module", gettext_lazy("E-learning module")),
    Term("manual", gettext_lazy("Manual")),
    Term("report", gettext_lazy("Report")),
    Term(
        "general",
        gettext_lazy("General library resource"),
        "6E27B530-7639-4091-AF58-9D61A77B4A28",
    ),
)

# Participants by sex, as the issue asks them counted.
SEXES = _terms(
    Term("women", gettext_lazy("Women")),
    Term("men", gettext_lazy("Men")),
    Term("other", gettext_lazy("Other")),
    Term("not_recorded", gettext_lazy("Sex not recorded")),
)

DURATION_UNITS = _terms(
    Term("days", gettext_lazy("days")),
    Term("months", gettext_lazy("months")),
    Term("years", gettext_lazy("years")),
)

# Vocabulary name → terms: the names the facets, forms and exchange formats use.
VOCABULARIES: dict[str, dict[str, Term]] = {
    "status": STATUSES,
    "scope": SCOPES,
    "category": CATEGORIES,
    "audience": AUDIENCES,
    "actor": ACTORS,
    "funding_type": FUNDING_TYPES,
    "organization_role": ORGANIZATION_ROLES,
    "organization_type": ORGANIZATION_TYPES,
    "sdg": SDG_GOALS,
    "gbf_target": GBF_TARGETS,
    "resource_type": RESOURCE_TYPES,
    "duration_unit": DURATION_UNITS,
    "sex": SEXES,
}


def choices(vocabulary: str) -> list[tuple[str, str]]:
    return [(term.key, term.title) for term in VOCABULARIES[vocabulary].values()]


def title(vocabulary: str, key: str) -> str:
    """The term's title in the reader's language; an unknown key is shown as it is."""
    term = VOCABULARIES[vocabulary].get(key)
    return str(term.title) if term else key


@cache
def cb_areas() -> dict[str, str]:
    """The capacity-building areas of the national reports: identifier → its NR5 title
    (`cbap/bch/data/bch/cb-areas-nr.json`; the generic "Other" term left out)."""
    terms = read_json("bch/cb-areas-nr.json")["terms"]
    return {
        term["identifier"]: term.get("nameNR5") or list(term["titles"].values())[-1]
        for term in terms
        if term["identifier"] != OTHER
    }
