"""IATI 2.03: published activities leave as files the official schema accepts, and IATI activity
files (a real publisher's among them) come back as activities, whole or not at all."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from cbap.activities import vocabularies
from cbap.activities.formats import iati
from cbap.activities.formats.importing import records_import
from cbap.activities.formats.incoming import Reading
from cbap.activities.models import Activity
from cbap.records.models import Revision
from cbap.records.selectors import published_contents
from tests import personas
from tests.activities.conftest import new_activity, new_resource, published

FINNISH = Path(__file__).parent / "fixtures" / "finland-mfa-FI-3-v2.03-training.xml"
BENIN = "FI-3-2020- 2020000056"
ERITREA = "FI-3-2020- 2020000161"
CBAP = {"cbap": iati.CBAP}


def exported(*activities) -> bytes:
    """The IATI file of the activities' published content."""
    contents = published_contents(list(activities))
    stream = io.BytesIO()
    iati.write([(activity, contents[activity.pk]) for activity in activities], stream)
    return stream.getvalue()


def imported(data: bytes, actor, *, publish=False, file="activities.xml", **owner):
    reading = Reading(file)
    incoming = iati.read(io.BytesIO(data), file=file, reading=reading, **owner)
    return records_import(
        incoming=incoming, file=file, actor=actor, publish=publish, reading=reading
    )


def official_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(iati.DATA / "iati-activities-schema.xsd")))


def every_field(resource, organization, **changes) -> dict:
    """Content with every field of an activity filled."""
    return {
        "title": {
            "en": "Demo course on LMO detection (synthetic)",
            "fr": "Cours démo (synthétique)",
        },
        "description": {"en": "Demo data (synthetic): five days in the lab.", "es": "Datos demo."},
        "activity_status": "completed",
        "start_date": "2024-03-04",
        "end_date": "2024-03-08",
        "duration": 5,
        "duration_unit": "days",
        "programme": "Demo biosafety programme (synthetic)",
        "identifier": "XM-DEMO-2024-001",
        "scope": "national",
        "countries": ["KEN"],
        "regions": ["african_group"],
        "organizations": [
            {"role": "funding", "name": "Demo donor (synthetic)", "type": "40", "ref": "XM-DEMO"},
            {"role": "accountable", "name": "Demo ministry (synthetic)", "type": "10"},
            {"role": "extending", "name": "Demo agency (synthetic)"},
            {
                "role": "implementing",
                "name": organization.name,
                "organization": organization.pk,
                "type": "21",
                "ref": "XM-DPS",
            },
            {"role": "collaborating", "name": "Demo university (synthetic)", "type": "80"},
        ],
        "funding_types": ["bilateral", "other_multilateral"],
        "budget": "25000.50",
        "currency": "USD",
        "budget_date": "2024-01-15",
        "categories": ["training", "workshop"],
        "audiences": ["laboratory_technicians", "customs_officers"],
        "actors": ["academia", "national_authorities"],
        "participants": 30,
        "participants_by_sex": {"women": 16, "men": 13, "not_recorded": 1},
        "participants_by_audience": {"laboratory_technicians": 20, "customs_officers": 10},
        "plan_codes": ["A.8", "A.8.i"],
        "cb_areas": [next(iter(vocabularies.cb_areas()))],
        "articles": ["15", "16"],
        "gbf_targets": ["GBF-TARGET-17"],
        "sdgs": ["2", "3"],
        "new_technologies": True,
        "new_technologies_note": "Covers genome-edited organisms (synthetic).",
        "achievements": {"en": "Thirty people can detect LMOs.", "fr": "Trente personnes."},
        "lessons": {"en": "Hands-on sessions work best."},
        "outputs": [resource.pk],
        "evidence": ["https://example.org/report.pdf", "https://example.org/photos"],
        **changes,
    }


@pytest.fixture
def national(plan, regions, kenya, kenya_focal_point, provider):
    """Kenya's activity with every field filled, published by its focal point."""
    resource = new_resource(kenya_focal_point, party=kenya)
    activity = new_activity(kenya_focal_point, party=kenya, **every_field(resource, provider))
    return published(activity, kenya_focal_point)


@pytest.fixture
def bare(plan, regions, kenya, kenya_focal_point):
    """Kenya's proposed activity with no identifier, dates, description nor organization."""
    activity = new_activity(
        kenya_focal_point,
        party=kenya,
        activity_status="proposed",
        start_date=None,
        end_date=None,
        description={},
        categories=[],
        audiences=[],
    )
    return published(activity, kenya_focal_point)


@pytest.fixture
def reference(plan, regions, kenya, brazil, provider, editor, secretariat_admin):
    """The provider's regional activity with every field filled, validated by the Secretariat;
    its own entry among the organizations gives the reporting organisation's reference."""
    resource = new_resource(editor, organization=provider)
    content = every_field(
        resource,
        provider,
        identifier="XM-DPS-2024-7",
        activity_status="approved",
        scope="regional",
        countries=["KEN", "BRA"],
        regions=["african_group", "grulac"],
    )
    draft = new_activity(editor, organization=provider, **content)
    return published(draft, secretariat_admin)


def finnish(old: bytes = b"", new: bytes = b"") -> bytes:
    """The Finnish file, with the first `old` replaced by `new`."""
    data = FINNISH.read_bytes()
    return data.replace(old, new, 1) if old else data


# ------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------


def test_published_activities_export_as_a_file_the_official_iati_schema_accepts(
    national, reference, bare
):
    document = etree.fromstring(exported(national, reference, bare))
    official_schema().assertValid(document)
    assert document.get("version") == "2.03"
    assert len(document.findall("iati-activity")) == 3


def test_the_export_says_in_iati_terms_what_the_activity_holds(national, reference):
    kenyan, regional = etree.fromstring(exported(national, reference)).findall("iati-activity")
    assert kenyan.findtext("iati-identifier") == "XM-DEMO-2024-001"
    assert kenyan.find("reporting-org").attrib == {"ref": "CBAP-KEN", "type": "10"}
    assert [(n.get(iati.XML_LANG), n.text) for n in kenyan.iterfind("title/narrative")] == [
        ("en", "Demo course on LMO detection (synthetic)"),
        ("fr", "Cours démo (synthétique)"),
    ]
    assert kenyan.find("activity-status").get("code") == "4"
    assert {(d.get("type"), d.get("iso-date")) for d in kenyan.iterfind("activity-date")} == {
        ("2", "2024-03-04"),
        ("4", "2024-03-08"),
    }
    assert kenyan.find("activity-scope").get("code") == "4"
    assert kenyan.find("recipient-country").attrib == {"code": "KE", "percentage": "100"}
    assert [s.get("code") for s in kenyan.iterfind("sector[@vocabulary='99']")] == ["A.8", "A.8.i"]
    assert kenyan.find("sector").get("vocabulary-uri") == iati.ACTION_PLAN
    regions = kenyan.xpath("tag[@vocabulary-uri=$uri]/@code", uri=f"{iati.CBAP}:region")
    assert regions == ["african_group"]
    value = kenyan.find("budget/value")
    assert (value.text, value.get("currency"), value.get("value-date")) == (
        "25000.50",
        "USD",
        "2024-01-15",
    )
    collaborating = kenyan.find("participating-org[@cbap:role='collaborating']", CBAP)
    assert collaborating.get("role") == "4"
    assert kenyan.find("result").get("type") == "1"
    assert kenyan.xpath("result/indicator/period/actual[not(dimension)]/@value") == ["30"]
    assert regional.find("reporting-org").attrib == {"ref": "XM-DPS", "type": "21"}
    shares = regional.xpath("recipient-country/@percentage")
    assert sum(Decimal(share) for share in shares) == 100
    assert regional.find("activity-status").attrib == {
        "code": "1",
        f"{{{iati.CBAP}}}status": "approved",
    }
    assert [d.get("type") for d in regional.iterfind("activity-date")] == ["1", "3"]


def test_what_iati_requires_and_an_activity_lacks_is_written_as_a_stand_in(bare):
    (activity,) = etree.fromstring(exported(bare)).findall("iati-activity")
    identifier = activity.find("iati-identifier")
    assert identifier.text == f"CBAP-KEN-{bare.pk}"
    assert identifier.get(f"{{{iati.CBAP}}}made") == "cbap"
    for name in ("description", "participating-org", "activity-date"):
        assert activity.find(name).get(f"{{{iati.CBAP}}}stand-in") == "true"


# ------------------------------------------------------------------------------------------
# Import
# ------------------------------------------------------------------------------------------


def test_a_real_finnish_iati_file_imports_as_the_providers_activities(
    plan, finnish_countries, provider, editor
):
    result = imported(finnish(), editor, file=FINNISH.name, owner_organization=provider.name)
    assert result.problems == []
    assert result.counts() == {"created": 6, "updated": 0, "unchanged": 0}
    benin = Activity.objects.get(external_id=BENIN)
    assert benin.owner_organization == provider
    assert benin.identifier == BENIN
    assert benin.title == {"en": "Quality laboratory testing -training project in Benin"}
    assert benin.description["en"].startswith("Antimicrobial resistance (AMR) is a serious")
    assert set(benin.description) == {"en"}  # the Finnish narratives are left out
    assert benin.activity_status == "ongoing"
    assert (benin.start_date, benin.end_date) == (date(2020, 6, 24), date(2022, 12, 31))
    assert (benin.scope, benin.countries) == ("national", ["BEN"])
    assert (benin.budget, benin.currency, benin.budget_date) == (
        Decimal("226650.00"),
        "EUR",
        date(2020, 1, 1),
    )
    assert benin.organizations == [
        {
            "role": "funding",
            "name": "Ministry for Foreign Affairs of Finland",
            "type": "10",
            "ref": "FI-3",
        },
        {
            "role": "extending",
            "name": "Laakarin Sosialinen Vastuu ry",
            "type": "22",
            "ref": "22000",
        },
    ]
    eritrea = Activity.objects.get(external_id=ERITREA)
    assert eritrea.title["en"] == "Promoting Gender Equality in Eritrea through Teacher Education"
    assert (eritrea.start_date, eritrea.end_date) == (date(2020, 4, 2), date(2021, 12, 31))
    water = Activity.objects.get(external_id="FI-3-2020-2015150332")
    assert water.sdgs == ["3"]  # SDGs 6, 5 and 13 are not among cbap's
    evaluation = Activity.objects.get(external_id="FI-3-2020-2020200344")
    assert (evaluation.scope, evaluation.countries) == ("global", [])  # developing countries


def test_export_import_export_import_keeps_every_content_field(
    national, bare, reference, kenya_focal_point, provider, secretariat_admin
):
    first = imported(exported(national, bare), kenya_focal_point, publish=True, owner_party="KEN")
    assert first.problems == []
    copies = {copy.identifier: copy for copy in first.created}
    assert copies["XM-DEMO-2024-001"].content() == national.content()
    assert copies[""].content() == bare.content()
    assert copies[""].external_id == f"CBAP-KEN-{bare.pk}"
    second = imported(exported(*first.created), kenya_focal_point, publish=True, owner_party="KEN")
    assert second.counts() == {"created": 0, "updated": 0, "unchanged": 2}

    first = imported(
        exported(reference), secretariat_admin, publish=True, owner_organization=provider.name
    )
    assert first.problems == []
    assert first.created[0].content() == reference.content()
    second = imported(
        exported(*first.created),
        secretariat_admin,
        publish=True,
        owner_organization=provider.name,
    )
    assert second.counts() == {"created": 0, "updated": 0, "unchanged": 1}


def test_the_reader_gives_every_content_field_of_an_activity(national):
    reading = Reading("activities.xml")
    (incoming,) = iati.read(
        io.BytesIO(exported(national)), file="activities.xml", reading=reading, owner_party="KEN"
    )
    assert set(incoming.content) == set(Activity.content_fields)
    assert incoming.where == "line 3, activity XM-DEMO-2024-001"


def test_a_government_iati_has_no_country_code_for_travels_as_a_tag_and_comes_back(
    plan, regions, kenya, kenya_focal_point
):
    personas.government("EU", "EU", "European Union")
    activity = published(
        new_activity(kenya_focal_point, party=kenya, countries=["KEN", "EU"]), kenya_focal_point
    )
    (written,) = etree.fromstring(exported(activity)).findall("iati-activity")
    assert written.xpath("recipient-country/@code") == ["KE"]
    assert written.xpath("tag[@vocabulary-uri=$uri]/@code", uri=iati.COUNTRY) == ["EU"]
    result = imported(exported(activity), kenya_focal_point, owner_party="KEN")
    assert result.created[0].countries == ["KEN", "EU"]


@pytest.mark.parametrize(
    ("old", "new", "field", "value"),
    [
        (
            b'<activity-status code="2" />',
            b'<activity-status code="9" />',
            "activity-status/@code",
            "9",
        ),
        (
            b'<activity-status code="2" />',
            b'<activity-status code="6" />',
            "activity-status/@code",
            "6",
        ),
        (b'type="22" role="3"', b'type="22" role="7"', "participating-org[2]/@role", "7"),
        (b'type="22" role="3"', b'type="99" role="3"', "participating-org[2]/@type", "99"),
        (
            b'currency="EUR" value-date',
            b'currency="XYZ" value-date',
            "budget/value/@currency",
            "XYZ",
        ),
        (
            b'<recipient-country code="BJ"',
            b'<recipient-country code="ZZ"',
            "recipient-country/@code",
            "ZZ",
        ),
        (
            b'<recipient-country code="BJ"',
            b'<activity-scope code="9" /><recipient-country code="BJ"',
            "activity-scope/@code",
            "9",
        ),
    ],
)
def test_an_unknown_code_is_reported_with_its_line_and_nothing_is_written(
    plan, finnish_countries, provider, editor, old, new, field, value
):
    result = imported(finnish(old, new), editor, owner_organization=provider.name)
    reported = [(p.record, p.field, p.value) for p in result.problems]
    assert (f"line 2, activity {BENIN}", field, value) in reported
    assert not Activity.objects.exists()


def test_an_activity_without_identifier_is_reported_with_its_line(
    plan, finnish_countries, provider, editor
):
    data = finnish(f"<iati-identifier>{BENIN}<".encode(), b"<iati-identifier> <")
    result = imported(data, editor, owner_organization=provider.name)
    assert [(p.record, p.field) for p in result.problems] == [("line 2", "iati-identifier")]
    assert not Activity.objects.exists()


def test_a_schema_error_is_reported_with_its_line_and_nothing_is_written(
    plan, finnish_countries, provider, editor
):
    data = finnish()
    bogus = data.index(b"<activity-status", data.index(ERITREA.encode()))
    data = data[:bogus] + b"<bogus/>\n" + data[bogus:]
    line = data[:bogus].count(b"\n") + 1
    result = imported(data, editor, owner_organization=provider.name)
    assert [(p.record, p.field) for p in result.problems] == [
        (f"line {line}, activity {ERITREA}", "bogus")
    ]
    assert "IATI 2.03 activity schema" in result.problems[0].reason
    assert not Activity.objects.exists()


def test_a_file_that_is_not_well_formed_is_reported_with_its_line(
    plan, finnish_countries, provider, editor
):
    data = finnish(b"</title>", b"</titel>")
    line = data[: data.index(b"</titel>")].count(b"\n") + 1
    result = imported(data, editor, owner_organization=provider.name)
    (problem,) = result.problems
    assert problem.record == f"line {line}"
    assert "not well-formed" in problem.reason
    assert not Activity.objects.exists()


def test_a_file_with_a_duplicated_iati_identifier_is_refused(
    plan, finnish_countries, provider, editor
):
    data = finnish(ERITREA.encode(), BENIN.encode())
    result = imported(data, editor, owner_organization=provider.name)
    (problem,) = result.problems
    assert (problem.record, problem.field) == (f"line 75, activity {BENIN}", "identifier")
    assert "already used" in problem.reason
    assert not Activity.objects.exists()


def test_a_reimport_of_the_same_identifier_with_a_change_makes_a_new_revision(
    plan, finnish_countries, provider, editor
):
    imported(finnish(), editor, owner_organization=provider.name)
    changed = finnish(b"Quality laboratory testing", b"Quality laboratory training")
    result = imported(changed, editor, owner_organization=provider.name)
    assert result.counts() == {"created": 0, "updated": 1, "unchanged": 5}
    benin = Activity.objects.get(external_id=BENIN)
    assert benin.title == {"en": "Quality laboratory training -training project in Benin"}
    assert benin.version == 2
    assert Revision.objects.filter(object_id=benin.pk, content_type__model="activity").count() == 2


@pytest.mark.parametrize(
    ("vocabulary", "codelist"),
    [
        ("status", "ActivityStatus"),
        ("scope", "ActivityScope"),
        ("organization_role", "OrganisationRole"),
        ("organization_type", "OrganisationType"),
    ],
)
def test_every_iati_code_of_cbaps_vocabularies_is_in_the_official_codelist(vocabulary, codelist):
    codes = {term.iati for term in vocabularies.VOCABULARIES[vocabulary].values()}
    assert codes <= iati.codelist(codelist)


def test_a_file_naming_an_external_entity_is_refused_without_reading_it(
    plan, finnish_countries, provider, editor, tmp_path
):
    secret = tmp_path / "secret.txt"
    secret.write_text("a file of the server")
    doctype = f'<!DOCTYPE iati-activities [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>\n'
    data = doctype.encode() + finnish(b"Quality laboratory testing", b"&secret;")
    result = imported(data, editor, owner_organization=provider.name)
    assert result.problems
    assert not any("a file of the server" in str(problem) for problem in result.problems)
    assert not Activity.objects.exists()
