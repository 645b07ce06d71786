"""BCH documents of capacity development initiatives and library resources are read into
activities and resources, written back, and read again to the same content; a file with any
problem is refused whole, each problem naming the file, the document, the field, the value and
why. Every document here is synthetic."""

import json

import pytest

from cbap.activities import vocabularies
from cbap.activities.formats import bch
from cbap.activities.formats.importing import records_import
from cbap.activities.formats.incoming import Reading
from cbap.activities.models import Activity, Resource
from cbap.activities.services import CheckedFile, file_store
from cbap.records.models import Revision
from tests.activities.conftest import new_activity, new_resource

pytestmark = pytest.mark.django_db

OTHER = vocabularies.OTHER
EXAMPLE_RESOURCE = "2E055D01-C58F-3195-D1C1-E53F0FF352AD"
EXAMPLE_ORGANIZATION = "2C86F905-B244-8FDD-4988-5088C023BDE9"
GOOGLE = [{"url": "https://www.google.com", "name": "Google", "language": "en"}]


def imported(data: bytes, actor, *, file="bch.json", publish=False, **owner):
    """The file read by the BCH reader and imported, as the import page does it."""
    reading = Reading(file)
    incoming = bch.read(data, file=file, reading=reading, **owner)
    return records_import(
        incoming=incoming, file=file, actor=actor, publish=publish, reading=reading
    )


def as_file(*documents) -> bytes:
    return json.dumps(list(documents)).encode()


def example_cdi() -> dict:
    """The CDI example of the BCH's API documentation (record-types-cb.json), field by field,
    its texts marked synthetic. The example names no place; a regional initiative needs one."""
    info = {"en": "Test Info (synthetic)"}
    agency = [{"identifier": f"{EXAMPLE_ORGANIZATION}@1"}]
    return {
        "header": {
            "identifier": "EBC2DAD5-04C8-0530-6D58-C949CAECD809",
            "schema": "capacityBuildingInitiative",
            "languages": ["en"],
        },
        "title": info,
        "projectNumber": info,
        "projectDocument": GOOGLE,
        "contacts": [{"identifier": "SIMP-A1D0D0A8-65B1-B8D5-FF9F-B7B6B95CDDEB@1"}],
        "geographicScope": {"identifier": "528B1187-F1BD-4479-9FB3-ADBD9076D361"},
        "countryRegions": [{"identifier": "ke"}],
        "status": {"identifier": "73E2AC27-D964-487C-A4E6-0997BB27AF01"},
        "startDate": "2024-11-04",
        "endDate": "2024-12-27",
        "durationPeriod": 2,
        "durationText": "Months",
        "activityScope": {"identifier": "2DFCDD0B-5D62-4016-829F-8E70E767875A"},
        "isProjectProgramme": "True",
        "projectProgrammeName": info,
        "broaderProjects": [{"identifier": "A75D346C-E205-A4B9-EE94-2B1CEADB7945@1"}],
        "isImplementedByAgencies": "True",
        "implementingAgencies": agency,
        "isExecutededByAgencies": "True",
        "executingAgencies": agency,
        "isCollaboratededByPartners": "True",
        "description": info,
        "categories": [
            {"identifier": "FE6EC4EA-55E7-4E90-80AD-FE4B54707B73"},
            {"identifier": OTHER, "customValue": info},
        ],
        "targetGroups": [
            {"identifier": "D8862526-B776-4FD2-8C62-6DF9D5E92166"},
            {"identifier": OTHER, "customValue": info},
        ],
        "cbdSubjects": [{"identifier": "CBD-SUBJECT-FOR"}],
        "gbfTargets": [{"identifier": "GBF-TARGET-17"}],
        "absKeyAreas": [{"identifier": "9096451F-09FF-4E70-8345-3C7D84DEF545"}],
        "cpbThematicAreas": [
            {"identifier": "1D4567E7-C615-4A49-BD1A-7CF6AD25CC63"},
            {"identifier": OTHER, "customValue": info},
        ],
        "fundingSourceTypes": [{"identifier": "74EBA28E-1F0C-4157-BD47-C8492487AD70"}],
        "coreFundingSources": agency,
        "coFinancingSources": agency,
        "totalBudget": 1234,
        "resultsAchievements": info,
        "resultsOutputs": GOOGLE,
        "resultsReference": [{"identifier": f"{EXAMPLE_RESOURCE}@1"}],
        "bestPractices": info,
        "relevantInformation": info,
        "relevantDocuments": GOOGLE,
    }


def resource_document(identifier: str, **changes) -> dict:
    return {
        "header": {"identifier": identifier, "schema": "resource", "languages": ["en"]},
        "title": {"en": "Demo manual on LMO detection (synthetic)"},
        "resourceTypes": [{"identifier": "6E27B530-7639-4091-AF58-9D61A77B4A28"}],
        "publicationDate": "2024-12",
        "resourceLinks": [{"url": "https://example.org/manual.pdf", "name": "Manual"}],
        "summary": {"en": "Demo data (synthetic): the course's manual."},
        "gbfTargets": [{"identifier": "GBF-TARGET-17"}],
        **changes,
    }


def cdi_document(identifier: str = "synthetic-cdi-1", **changes) -> dict:
    """Kenya's national training, as a BCH document."""
    return {
        "header": {
            "identifier": identifier,
            "schema": "capacityBuildingInitiative",
            "languages": ["en"],
        },
        "government": {"identifier": "ke"},
        "title": {"en": "Demo training on LMO detection (synthetic)"},
        "geographicScope": {"identifier": "20B2CC6D-646D-4FD5-BD53-D652BA3FA088"},
        "status": {"identifier": "cbap:status:completed"},
        "startDate": "2024-03-04",
        "endDate": "2024-03-08",
        "isProjectProgramme": False,
        "categories": [{"identifier": "cbap:category:training"}],
        "cbap": {"plan_codes": ["A.8.i"]},
        **changes,
    }


def without(document: dict, *path: str) -> dict:
    """The document without the field at `path` ("header", "identifier" …)."""
    copy = json.loads(json.dumps(document))
    *parents, last = path
    holder = copy
    for name in parents:
        holder = holder[name]
    del holder[last]
    return copy


def counts() -> tuple[int, int, int]:
    return Activity.objects.count(), Resource.objects.count(), Revision.objects.count()


def stored_as(incoming) -> dict:
    """The content the record of an incoming document would hold once stored."""
    record = (Activity if incoming.kind == "activity" else Resource)()
    record.apply_content(incoming.content)
    return record.content()


@pytest.fixture
def every_field(plan, regions, kenya, provider, kenya_focal_point, editor):
    """A national and a reference resource and activity, every content field filled: the
    national activity's budget in US dollars, the reference one's in euros."""
    area = next(iter(vocabularies.cb_areas()))
    stored_file = file_store(
        checked=CheckedFile("manual.pdf", "application/pdf", b"%PDF-1.4 synthetic")
    )
    registered = {"name": provider.name, "organization": provider.pk, "type": "80"}

    def resource_fields(country: str) -> dict:
        return {
            "title": {
                "en": "Demo manual (synthetic)",
                "fr": "Manuel de démonstration (synthétique)",
            },
            "resource_types": ["manual", "general"],
            "authors": "Demo author (synthetic)",
            "organizations": [{**registered, "ref": "XM-DEMO-ORG"}],
            "publisher": "Demo publisher (synthetic)",
            "publication_date": "2024-05",
            "languages": ["en", "fr"],
            "summary": {"en": "Demo data (synthetic).", "fr": "Données de démonstration."},
            "links": ["https://example.org/manual.pdf"],
            "files": [stored_file],
            "countries": [country],
            "cb_areas": [area],
            "plan_codes": ["A.8.ii"],
            "new_technologies": True,
            "is_training_material": True,
        }

    def activity_fields(resource, currency: str) -> dict:
        return {
            "title": {"en": "Demo course (synthetic)", "fr": "Cours de démonstration"},
            "description": {"en": "Demo data (synthetic).", "fr": "Données de démonstration."},
            "activity_status": "ongoing",
            "start_date": "2024-03-04",
            "end_date": "2025-03-08",
            "duration": 12,
            "duration_unit": "months",
            "programme": "Demo programme (synthetic)",
            "identifier": f"XM-DEMO-{currency}",
            "scope": "regional",
            "countries": ["KEN"],
            "regions": ["african_group"],
            "organizations": [
                {"role": "funding", "name": "Demo donor (synthetic)", "type": "40", "ref": "XM-1"},
                {**registered, "role": "implementing"},
            ],
            "funding_types": ["bilateral", "self_funded"],
            "budget": "150000.00",
            "currency": currency,
            "budget_date": "2024-01-01",
            "categories": ["training", "experiential_learning"],
            "audiences": ["laboratory_technicians", "civil_society"],
            "actors": ["academia", "ngos"],
            "participants": 30,
            "participants_by_sex": {"women": 14, "men": 15, "not_recorded": 1},
            "participants_by_audience": {"laboratory_technicians": 20, "civil_society": 10},
            "plan_codes": ["A.8.i", "A.5.1"],
            "cb_areas": [area],
            "articles": ["18", "22"],
            "gbf_targets": ["GBF-TARGET-17"],
            "sdgs": ["2", "3"],
            "new_technologies": True,
            "new_technologies_note": "Demo data (synthetic): genome editing.",
            "achievements": {"en": "Demo (synthetic): 30 trained.", "fr": "30 formés."},
            "lessons": {"en": "Demo (synthetic): practise.", "fr": "Pratiquer."},
            "outputs": [resource.pk],
            "evidence": ["https://example.org/report.pdf"],
        }

    national_resource = new_resource(kenya_focal_point, party=kenya, **resource_fields("KEN"))
    reference_resource = new_resource(editor, organization=provider, **resource_fields("BRA"))
    records = [
        national_resource,
        reference_resource,
        new_activity(kenya_focal_point, party=kenya, **activity_fields(national_resource, "USD")),
        new_activity(editor, organization=provider, **activity_fields(reference_resource, "EUR")),
    ]
    for record in records:
        assert all(value not in (None, "", [], {}, False) for value in record.content().values())
    return records


def test_the_bch_example_of_a_cdi_imports_as_an_activity(
    plan, regions, kenya, provider, secretariat_admin
):
    library = imported(
        as_file(resource_document(EXAMPLE_RESOURCE)),
        secretariat_admin,
        owner_organization=provider.name,
    )
    result = imported(
        as_file(example_cdi()), secretariat_admin, publish=True, owner_organization=provider.name
    )
    assert result.problems == []
    [activity] = result.created
    activity = Activity.objects.get(pk=activity.pk)
    assert (activity.external_id, activity.owner_organization) == (
        "EBC2DAD5-04C8-0530-6D58-C949CAECD809",
        provider,
    )
    assert activity.status == "published"
    info = {"en": "Test Info (synthetic)"}
    content = activity.content()
    assert {
        name: content[name] for name in ("title", "description", "achievements", "lessons")
    } == {
        "title": info,
        "description": info,
        "achievements": info,
        "lessons": info,
    }
    assert content["activity_status"] == "proposed"
    assert content["scope"] == "regional"
    assert (content["start_date"], content["end_date"]) == ("2024-11-04", "2024-12-27")
    assert (content["duration"], content["duration_unit"]) == (2, "months")
    assert (content["programme"], content["identifier"]) == (
        "Test Info (synthetic)",
        "Test Info (synthetic)",
    )
    assert content["countries"] == ["KEN"]
    assert content["categories"] == ["experiential_learning", "other"]
    assert content["audiences"] == ["civil_society", "other"]
    assert content["funding_types"] == ["bilateral"]
    assert content["gbf_targets"] == ["GBF-TARGET-17"]
    assert (content["budget"], content["currency"]) == ("1234.00", "USD")
    assert content["outputs"] == [library.created[0].pk]
    assert content["evidence"] == ["https://www.google.com"]
    assert content["organizations"] == [
        {"role": role, "name": EXAMPLE_ORGANIZATION, "ref": f"{EXAMPLE_ORGANIZATION}@1"}
        for role in ("funding", "implementing")
    ]


def test_every_field_of_national_and_reference_records_survives_export_and_import(
    every_field, secretariat_admin
):
    for number, record in enumerate(every_field):
        type(record).objects.filter(pk=record.pk).update(external_id=f"synthetic-{number}")
        record.refresh_from_db()
    data = bch.write([(record, record.content()) for record in every_field])
    reading = Reading("export.json")
    incoming = bch.read(data, file="export.json", reading=reading)
    assert reading.problems == []
    assert [stored_as(item) for item in incoming] == [r.content() for r in every_field]
    assert [(item.owner_party, item.owner_organization) for item in incoming] == [
        ("KEN", ""),
        ("", "Demo provider (synthetic)"),
    ] * 2
    before = counts()
    result = records_import(
        incoming=incoming, file="export.json", actor=secretariat_admin, reading=reading
    )
    assert result.counts() == {"created": 0, "updated": 0, "unchanged": 4}
    assert counts() == before


def test_records_made_in_cbap_are_written_with_bch_identifiers_and_the_cbap_block(
    every_field, kenya, provider
):
    national_resource, reference_resource, national, reference = every_field
    documents = json.loads(bch.write([(national, national.content()), (reference, {})]))
    written = documents[0]
    assert written["header"] == {
        "identifier": f"cbap-activity-{national.pk}",
        "schema": "capacityBuildingInitiative",
        "languages": ["en", "fr"],
    }
    assert written["government"] == {"identifier": "ke"}
    assert written["status"] == {"identifier": "cbap:status:ongoing"}
    assert written["categories"] == [
        {"identifier": "cbap:category:training"},
        {"identifier": "FE6EC4EA-55E7-4E90-80AD-FE4B54707B73"},
    ]
    assert written["countryRegions"] == [
        {"identifier": "ke"},
        {"identifier": "cbap:region:african_group"},
    ]
    assert written["gbfTargets"] == [{"identifier": "GBF-TARGET-17"}]
    assert written["totalBudget"] == "150000.00"
    assert written["projectProgrammeName"] == {"en": "Demo programme (synthetic)"}
    assert written["resultsReference"] == [{"identifier": f"cbap-resource-{national_resource.pk}"}]
    assert "budget" not in written["cbap"] and written["cbap"]["budget_date"] == "2024-01-01"
    assert "owner" not in written["cbap"]
    assert documents[1]["cbap"] == {"owner": {"organization": provider.name}}


def test_records_made_in_cbap_import_elsewhere_as_new_records_with_the_same_content(
    every_field, secretariat_admin
):
    data = bch.write([(record, record.content()) for record in every_field])
    result = imported(data, secretariat_admin)
    assert result.problems == [] and result.counts()["created"] == 4
    for original in every_field:
        kind = "activity" if isinstance(original, Activity) else "resource"
        copy = type(original).objects.get(external_id=f"cbap-{kind}-{original.pk}")
        assert copy.content() == original.content()
        assert (copy.owner_party, copy.owner_organization) == (
            original.owner_party,
            original.owner_organization,
        )


def test_an_imported_document_exported_and_imported_again_keeps_its_content(
    plan, regions, kenya, provider, secretariat_admin
):
    library = imported(
        as_file(resource_document(EXAMPLE_RESOURCE)),
        secretariat_admin,
        owner_organization=provider.name,
    )
    first = imported(as_file(example_cdi()), secretariat_admin, owner_organization=provider.name)
    records = [
        Resource.objects.get(pk=library.created[0].pk),
        Activity.objects.get(pk=first.created[0].pk),
    ]
    contents = [record.content() for record in records]
    before = counts()
    again = imported(bch.write([(r, r.content()) for r in records]), secretariat_admin)
    assert again.problems == []
    assert again.counts() == {"created": 0, "updated": 0, "unchanged": 2}
    assert counts() == before
    assert [type(r).objects.get(pk=r.pk).content() for r in records] == contents


def test_a_reimport_with_a_change_makes_a_new_revision_and_without_one_writes_nothing(
    plan, regions, kenya, kenya_focal_point
):
    first = imported(as_file(cdi_document()), kenya_focal_point)
    assert first.counts()["created"] == 1
    before = counts()
    same = imported(as_file(cdi_document()), kenya_focal_point)
    assert same.counts() == {"created": 0, "updated": 0, "unchanged": 1}
    assert counts() == before
    retitled = {"en": "Demo training on LMO detection, second course (synthetic)"}
    changed = imported(as_file(cdi_document(title=retitled)), kenya_focal_point)
    assert changed.counts() == {"created": 0, "updated": 1, "unchanged": 0}
    activity = Activity.objects.get(external_id="synthetic-cdi-1")
    assert (activity.title, activity.version) == (retitled, 2)
    assert counts() == (before[0], before[1], before[2] + 1)


@pytest.mark.parametrize(
    "data",
    [
        json.dumps(cdi_document()).encode(),
        json.dumps({"documents": [cdi_document()]}).encode(),
        b"\xef\xbb\xbf" + as_file(cdi_document()),
    ],
    ids=["one document", "documents key", "list with a byte-order mark"],
)
def test_a_file_holds_one_document_a_list_of_them_or_a_documents_key(
    plan, regions, kenya, kenya_focal_point, data
):
    assert imported(data, kenya_focal_point).counts()["created"] == 1


@pytest.mark.parametrize(
    ("data", "record", "field", "value", "reason"),
    [
        (
            b'[{"header": {"identifier": "x",}}]',
            "line 1, column 32",
            "",
            '[{"header": {"identifier": "x",}}]',
            "Not valid JSON",
        ),
        (b'{"records": []}', "", "", '{"records": []}', "Expected a BCH document"),
        (
            as_file(cdi_document(header={"identifier": "synthetic-cdi-1", "schema": "contact"})),
            "document 1 (synthetic-cdi-1)",
            "header.schema",
            "contact",
            "schemas capacityBuildingInitiative, resource",
        ),
        (as_file(without(cdi_document(), "header")), "document 1", "header", "", "no header"),
        (
            as_file(without(cdi_document(), "header", "identifier")),
            "document 1",
            "header.identifier",
            "",
            "no identifier",
        ),
        (
            as_file(cdi_document("x" * 201)),
            f"document 1 ({'x' * 201})",
            "header.identifier",
            "x" * 200,
            "at most 200 characters",
        ),
        (
            as_file(cdi_document(startDate=20240304)),
            "document 1 (synthetic-cdi-1)",
            "startDate",
            "20240304",
            "Expected a date",
        ),
        (
            as_file(cdi_document(colour="blue")),
            "document 1 (synthetic-cdi-1)",
            "colour",
            "blue",
            "Not a field of a BCH capacityBuildingInitiative document",
        ),
        (
            as_file(cdi_document(cbap={"colour": "blue"})),
            "document 1 (synthetic-cdi-1)",
            "cbap.colour",
            "blue",
            "Not a field of the cbap block",
        ),
        (
            as_file(cdi_document(status={"identifier": "NOT-A-TERM"})),
            "document 1 (synthetic-cdi-1)",
            "status",
            "NOT-A-TERM",
            "Unknown term",
        ),
        (
            as_file(cdi_document(countryRegions=[{"identifier": "xx"}])),
            "document 1 (synthetic-cdi-1)",
            "countryRegions",
            "xx",
            "No government in the registry",
        ),
        (
            as_file(cdi_document(government={"identifier": "zz"})),
            "document 1 (synthetic-cdi-1)",
            "government",
            "zz",
            "No government in the registry",
        ),
    ],
    ids=[
        "malformed JSON",
        "wrong top-level shape",
        "wrong schema",
        "no header",
        "no identifier",
        "identifier too long",
        "wrong type",
        "unknown field",
        "unknown field of the cbap block",
        "unknown term",
        "unknown country",
        "unknown government",
    ],
)
def test_a_problem_is_reported_with_its_place_value_and_reason_and_nothing_is_written(
    plan, regions, kenya, kenya_focal_point, kenya_activity, data, record, field, value, reason
):
    before = counts()
    result = imported(data, kenya_focal_point, file="bad.json", publish=True)
    [problem] = result.problems
    assert (problem.file, problem.record, problem.field, problem.value) == (
        "bad.json",
        record,
        field,
        value,
    )
    assert reason in problem.reason
    assert str(problem).startswith("bad.json: ")
    assert counts() == before


def test_a_file_with_one_good_and_one_bad_document_writes_nothing(
    plan, regions, kenya, kenya_focal_point
):
    before = counts()
    bad = cdi_document("synthetic-cdi-2", durationText="fortnights")
    result = imported(as_file(cdi_document(), bad), kenya_focal_point, publish=True)
    assert [(p.record, p.field, p.value) for p in result.problems] == [
        ("document 2 (synthetic-cdi-2)", "durationText", "fortnights")
    ]
    assert result.counts() == {"created": 0, "updated": 0, "unchanged": 0}
    assert counts() == before


def test_an_output_names_a_library_resource_cbap_already_holds(
    plan, regions, kenya, kenya_focal_point
):
    document = cdi_document(resultsReference=[{"identifier": "UNKNOWN-VLR@2"}])
    result = imported(as_file(document), kenya_focal_point)
    assert [(p.field, p.value) for p in result.problems] == [("resultsReference", "UNKNOWN-VLR@2")]
    assert not Activity.objects.exists()
