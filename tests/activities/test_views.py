"""The pages of activities and the library, as the public, a focal point and a provider's
editor use them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cbap.activities.models import Activity, Resource, ResourceUsage, StoredFile
from tests.activities.conftest import activity_data, new_resource, published

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0"


def test_the_list_shows_published_activities_with_their_facets(
    client, kenya_activity, provider_activity, kenya, kenya_user
):
    from tests.activities.conftest import new_activity

    new_activity(kenya_user, party=kenya, title={"en": "Secret draft (synthetic)"})
    page = client.get("/activities/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Demo training on LMO detection (synthetic)" in text
    assert "Demo regional workshop on risk assessment (synthetic)" in text
    assert "Secret draft" not in text
    filtered = client.get("/activities/", {"goal": "A.8"}).content.decode()
    assert "Demo regional workshop" not in filtered
    assert 'value="A.8" checked' in filtered


def test_a_draft_is_unknown_to_the_public_and_to_another_party(
    client, plan, regions, kenya, kenya_user, brazil_user
):
    from tests.activities.conftest import new_activity

    draft = new_activity(kenya_user, party=kenya)
    assert client.get(f"/activities/{draft.pk}/").status_code == 404
    client.force_login(brazil_user)
    assert client.get(f"/activities/{draft.pk}/").status_code == 404
    assert client.get(f"/activities/{draft.pk}/edit/").status_code == 404
    client.force_login(kenya_user)
    assert client.get(f"/activities/{draft.pk}/").status_code == 200


def test_a_national_user_records_an_activity_as_a_draft_of_their_party(
    client, plan, regions, kenya, kenya_user
):
    client.force_login(kenya_user)
    data = {
        "owner": "party:KEN",
        "text_language": "en",
        "title": "Demo course on risk assessment (synthetic)",
        "activity_status": "completed",
        "start_date": "2025-02-03",
        "end_date": "2025-02-07",
        "scope": "national",
        "countries": ["KEN"],
        "plan_codes": ["A.5.ii"],
        "categories": ["training"],
        "organizations": "funding | Demo donor (synthetic) | 40",
        "participants": "30",
        "women": "12",
        "men": "18",
        "articles": "15, 16",
    }
    response = client.post("/activities/new/", data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.owner_party, activity.status) == (kenya, "draft")
    assert activity.title == {"en": "Demo course on risk assessment (synthetic)"}
    assert activity.participants_by_sex == {"women": 12, "men": 18}
    assert activity.organizations == [
        {"role": "funding", "name": "Demo donor (synthetic)", "type": "40"}
    ]
    assert activity.articles == ["15", "16"]


def test_a_form_with_errors_names_the_fields_and_saves_nothing(
    client, plan, regions, kenya, kenya_user
):
    client.force_login(kenya_user)
    response = client.post(
        "/activities/new/",
        {
            "owner": "party:KEN",
            "text_language": "en",
            "title": "X",
            "activity_status": "ongoing",
            "scope": "national",
            "participants": "3",
            "women": "5",
            "organizations": "sponsor | Somebody",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "start_date" in errors and "women" in errors and "organizations" in errors
    assert not Activity.objects.exists()


def test_editing_one_language_keeps_the_others(client, plan, regions, kenya, kenya_user):
    from cbap.records import services

    activity = services.record_create(
        model=Activity,
        actor=kenya_user,
        owner_party=kenya,
        data=activity_data(title={"en": "Course (synthetic)", "fr": "Cours (synthétique)"}),
    )
    client.force_login(kenya_user)
    form = client.get(f"/activities/{activity.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, dict)}
    data.update(
        {"text_language": "fr", "title": "Cours révisé (synthétique)", "version": activity.version}
    )
    data["countries"] = ["KEN"]
    data["plan_codes"] = ["A.8.i"]
    data["categories"] = ["training"]
    data["audiences"] = ["laboratory_technicians"]
    response = client.post(f"/activities/{activity.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    activity.refresh_from_db()
    assert activity.title == {"en": "Course (synthetic)", "fr": "Cours révisé (synthétique)"}


def test_an_editor_records_a_training_material_with_its_file(
    client, plan, regions, provider, editor
):
    client.force_login(editor)
    pdf = SimpleUploadedFile(
        "manual.pdf", b"%PDF-1.7\n% demo (synthetic)\n", content_type="application/pdf"
    )
    response = client.post(
        "/activities/library/new/",
        {
            "owner": f"organization:{provider.pk}",
            "text_language": "en",
            "title": "Demo manual (synthetic)",
            "resource_types": ["manual"],
            "is_training_material": "on",
            "publication_date": "2025-06",
            "summary": "Demo data (synthetic).",
            "upload": pdf,
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    [described] = resource.files
    assert described["name"] == "manual.pdf" and described["media_type"] == "application/pdf"
    download = client.get(f"/activities/library/{resource.pk}/files/{described['id']}/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="manual.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("manual.pdf", b"<html><script>alert(1)</script>", "not a .pdf file"),
        ("tool.exe", b"MZ\x90\x00", "a library file is one of"),
        ("sheet.xlsx", b"PK\x03\x04 not really a zip", "not a .xlsx file"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_written(
    client, plan, regions, provider, editor, name, content, reason
):
    client.force_login(editor)
    response = client.post(
        "/activities/library/new/",
        {
            "owner": f"organization:{provider.pk}",
            "text_language": "en",
            "title": "Demo (synthetic)",
            "resource_types": ["manual"],
            "publication_date": "2025",
            "summary": "Demo.",
            "upload": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400
    assert reason in " ".join(response.context["form"].errors["upload"])
    assert not Resource.objects.exists() and not StoredFile.objects.exists()


def test_a_file_too_big_is_refused(client, plan, regions, provider, editor, settings):
    settings.CBAP_LIBRARY_FILE_MAX = 1024
    client.force_login(editor)
    response = client.post(
        "/activities/library/new/",
        {
            "owner": f"organization:{provider.pk}",
            "text_language": "en",
            "title": "Demo (synthetic)",
            "resource_types": ["manual"],
            "publication_date": "2025",
            "summary": "Demo.",
            "upload": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 4096),
        },
    )
    assert response.status_code == 400
    assert "at most" in " ".join(response.context["form"].errors["upload"])
    assert not StoredFile.objects.exists()


def test_views_and_downloads_are_counted_by_month_but_not_a_robots(
    client, plan, regions, kenya, kenya_focal_point
):
    resource = published(new_resource(kenya_focal_point, party=kenya), kenya_focal_point)
    client.get(f"/activities/library/{resource.pk}/", HTTP_USER_AGENT=BROWSER)
    client.get(f"/activities/library/{resource.pk}/", HTTP_USER_AGENT=BROWSER)
    client.get(f"/activities/library/{resource.pk}/", HTTP_USER_AGENT="Googlebot/2.1")
    client.get(f"/activities/library/{resource.pk}/")  # no user agent: not counted
    [usage] = ResourceUsage.objects.filter(resource=resource)
    assert (usage.views, usage.downloads) == (2, 0)
    page = client.get(f"/activities/library/{resource.pk}/", HTTP_USER_AGENT=BROWSER)
    assert "Use by month" in page.content.decode()


def test_the_downloads_hold_the_filtered_list_and_no_formula(
    client, plan, regions, kenya, kenya_focal_point
):
    from tests.activities.conftest import new_activity

    published(
        new_activity(kenya_focal_point, party=kenya, title={"en": '=HYPERLINK("http://x")'}),
        kenya_focal_point,
    )
    csv = b"".join(
        client.get("/activities/activities.csv", {"country": "KEN"}).streaming_content
    ).decode("utf-8-sig")
    header, row = csv.splitlines()[:2]
    assert header.startswith("id,title,owner")
    assert "'=HYPERLINK" in row
    xlsx = client.get("/activities/activities.xlsx", {"country": "KEN"})
    assert xlsx["Content-Disposition"].endswith('activities-country-KEN.xlsx"')
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet.cell(2, 2).data_type == "s"
    data = client.get("/activities/activities.json", {"country": "BRA"}).json()
    assert data["rows"] == []


def test_the_goal_and_party_pages_say_what_has_been_done(client, kenya_activity):
    goal = client.get("/plan/A.8/").content.decode()
    assert "What has been done" in goal
    assert "Demo training on LMO detection (synthetic)" in goal
    assert "/activities/?plan_activity=A.8.i" in goal
    party = client.get("/parties/KEN/").content.decode()
    assert "Demo training on LMO detection (synthetic)" in party


def test_the_map_has_its_numbers_as_a_table(client, kenya_activity):
    page = client.get("/activities/map/").content.decode()
    assert "Kenya: 1 activity" in page
    assert '<a href="/activities/?country=KEN">1</a>' in page


def test_the_site_search_finds_published_activities_and_resources(
    client, kenya_activity, kenya, kenya_focal_point
):
    published(new_resource(kenya_focal_point, party=kenya), kenya_focal_point)
    page = client.get("/search/", {"q": "detect"}).content.decode()
    assert f'href="/activities/{kenya_activity.pk}/"' in page
    assert "Demo manual on LMO detection (synthetic)" in page


def test_a_named_organization_links_to_its_profile_and_participants_count_by_audience(
    client, plan, regions, kenya, kenya_user, provider
):
    client.force_login(kenya_user)
    response = client.post(
        "/activities/new/",
        {
            "owner": "party:KEN",
            "text_language": "en",
            "title": "Demo course (synthetic)",
            "activity_status": "proposed",
            "duration": "6",
            "duration_unit": "months",
            "scope": "national",
            "countries": ["KEN"],
            "organizations": "implementing | demo provider (SYNTHETIC)\nfunding | Unregistered donor (synthetic) | 60",
            "participants": "20",
            "audience_policymakers": "5",
            "audience_customs_officers": "4",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.organizations == [
        {"role": "implementing", "name": "demo provider (SYNTHETIC)", "organization": provider.pk},
        {"role": "funding", "name": "Unregistered donor (synthetic)", "type": "60"},
    ]
    assert activity.participants_by_audience == {"policymakers": 5, "customs_officers": 4}
