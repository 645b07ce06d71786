"""Importing activities and resources from the web: the upload form, the job page with its
progress and problems, the worker for big files, and the uploader told of the outcome."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from cbap.activities.formats import jobs
from cbap.activities.formats.exchange import exported_bytes, records_file_import
from cbap.activities.models import Activity, ImportJob, Resource
from cbap.records.models import Status
from tests import personas
from tests.activities.conftest import new_resource, published
from tests.activities.test_iati_format import BENIN, finnish


def upload(client, url_name, content: bytes, name: str, **data):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse(url_name), {"file": file, **data})


def test_an_editor_imports_an_iati_file_for_their_organization(
    client, plan, finnish_countries, provider, editor
):
    client.force_login(editor)
    page = client.get(reverse("activities:import")).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert f'<option value="organization:{provider.pk}">{provider.name}</option>' in page
    response = upload(
        client,
        "activities:import",
        finnish(),
        "finland.xml",
        fmt="iati",
        owner=f"organization:{provider.pk}",
    )
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Imported: 6 created, 0 updated, 0 unchanged." in html and "Saved as drafts." in html
    assert 'http-equiv="refresh"' not in html
    assert Activity.objects.filter(owner_organization=provider, status=Status.DRAFT).count() == 6
    assert bytes(ImportJob.objects.get().data) == b""  # the file is not kept
    [note] = editor.notifications.all()  # the uploader may have left the page meanwhile
    assert (note.kind, note.link) == ("import_done", job.get_absolute_url())
    assert note.text == "Imported: 6 created."


def test_a_file_with_problems_lists_them_and_writes_nothing(
    client, plan, finnish_countries, provider, editor
):
    client.force_login(editor)
    broken = finnish(b'<recipient-country code="BJ"', b'<recipient-country code="ZZ"')
    upload(
        client,
        "activities:import",
        broken,
        "f.xml",
        fmt="iati",
        owner=f"organization:{provider.pk}",
    )
    job = ImportJob.objects.get()
    assert (job.status, job.problem_count) == ("failed", 1)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was imported." in html and "The file has 1 problem;" in html
    assert f"<td>line 2, activity {BENIN}</td><td>recipient-country/@code</td>" in html
    assert "<code>ZZ</code>" in html
    assert not Activity.objects.exists()
    [note] = editor.notifications.all()
    assert note.kind == "import_failed" and "1 problem(s)" in note.text


def test_an_iati_file_needs_an_owner(client, plan, finnish_countries, provider, editor):
    client.force_login(editor)
    upload(client, "activities:import", finnish(), "f.xml", fmt="iati", owner="")
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.problem_count == 6
    assert job.errors[0]["reason"] == "A record belongs to one Party or to one organization."
    assert not Activity.objects.exists()


def test_bch_documents_keep_the_owner_they_name(
    client, plan, regions, kenya, kenya_focal_point, provider, editor
):
    """A focal point's resources, exported as BCH documents, come back into an empty library
    as the Party's published records; the provider's editor may not import them."""
    resource = published(new_resource(kenya_focal_point, party=kenya), kenya_focal_point)
    data = exported_bytes(kind="resource", fmt="bch")
    Resource.objects.filter(pk=resource.pk).delete()
    client.force_login(editor)
    upload(client, "activities:resource_import", data, "vlr.json", fmt="bch", owner="")
    refused = ImportJob.objects.get()
    assert refused.status == "failed" and not Resource.objects.exists()
    assert refused.errors[0]["field"] == "owner" and "Kenya" in refused.errors[0]["value"]
    client.force_login(kenya_focal_point)
    upload(client, "activities:resource_import", data, "vlr.json", fmt="bch", publish="on")
    job = ImportJob.objects.filter(created_by=kenya_focal_point).get()
    assert job.status == "done", job.errors
    assert Resource.objects.get().owner_party == kenya
    assert Resource.objects.get().status == Status.PUBLISHED


def test_too_big_a_file_is_refused_before_anything_is_kept(
    client, plan, provider, editor, monkeypatch
):
    monkeypatch.setattr(jobs.ImportForm, "MAX_BYTES", 10)
    client.force_login(editor)
    response = upload(client, "activities:import", b"<x>" * 10, "big.xml", fmt="iati")
    assert response.status_code == 400
    assert "files up to 0 MB are imported here" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_resource_file_cannot_claim_the_iati_format(client, plan, provider, editor):
    client.force_login(editor)
    response = upload(client, "activities:resource_import", b"<x/>", "r.xml", fmt="iati")
    assert response.status_code == 400 and not ImportJob.objects.exists()


def test_only_those_who_record_may_upload(client, plan):
    assert client.get(reverse("activities:import")).status_code == 403
    client.force_login(personas.person("nobody@example.org"))
    response = client.get(reverse("activities:import"))
    assert response.status_code == 403
    assert "do not allow you to record" in response.content.decode()


def test_someone_elses_import_is_not_found(client, plan, provider, editor, kenya_focal_point):
    job = jobs.import_job_create(
        kind="activity", fmt="iati", file_name="x.xml", data=b"", actor=editor
    )
    client.force_login(kenya_focal_point)
    assert client.get(job.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(job.get_absolute_url()).status_code == 404


def test_a_running_job_shows_how_many_records_were_read(client, plan, provider, editor):
    job = jobs.import_job_create(
        kind="activity", fmt="iati", file_name="big.xml", data=b"", actor=editor
    )
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    cache.set(jobs._progress_key(job.pk), 12000)
    client.force_login(editor)
    html = client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "<strong>Checking and saving</strong>" in html
    assert '<progress id="progress">12000</progress> 12000' in html
    assert "<script" not in html.split("<main")[1]


@pytest.mark.django_db(transaction=True)
def test_big_files_are_imported_by_the_worker(plan, finnish_countries, provider, editor):
    job = jobs.import_job_create(
        kind="activity",
        fmt="iati",
        file_name="finland.xml",
        data=finnish(),
        actor=editor,
        owner_organization=provider.name,
    )
    jobs.import_job_start(job=job, background=True)
    job.refresh_from_db()
    assert job.status == "pending"  # queued for the worker, not run by the web process
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    job.refresh_from_db()
    assert (job.status, job.outcome["created"], job.processed) == ("done", 6, 6)
    assert Activity.objects.count() == 6


def test_the_import_reports_its_progress_batch_by_batch(
    plan, finnish_countries, provider, editor, monkeypatch
):
    monkeypatch.setattr("cbap.activities.formats.importing.BATCH", 4)
    seen = []
    result = records_file_import(
        stream=io.BytesIO(finnish()),
        file="finland.xml",
        fmt="iati",
        actor=editor,
        publish=False,
        owner_organization=provider.name,
        progress=seen.append,
    )
    assert result.counts()["created"] == 6
    assert seen == [4, 6]
