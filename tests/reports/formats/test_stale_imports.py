"""Nothing is overwritten unseen: an import must be made from the report as it is now.

Kenya's NR5 report is imported (version 1 after publication steps, whatever number it has);
then Kenya's focal point edits Q013 on the web. A file made before that edit must be refused,
naming the question changed meanwhile, and the web edit must survive."""

import io
import json

import pytest
from openpyxl import load_workbook

from cbap.accounts.permissions import SYSTEM
from cbap.reports import selectors, services
from cbap.reports.formats import exporting, importing
from cbap.reports.formats.renderers import RENDERERS
from cbap.reports.models import NationalReport
from tests.reports.conftest import NR5_ANSWERS

pytestmark = pytest.mark.django_db

WEB_EDIT = {**NR5_ANSWERS, "Q013": {"value": {"en": "Biosafety Act 2009, amended 2025."}}}


@pytest.fixture
def kenya(nr5, governments):
    feed = [{"government": {"identifier": "ke"}, **NR5_ANSWERS}]
    assert importing.reports_import(
        actor=SYSTEM, content=json.dumps(feed).encode(), file_name="f.json", cycle_number=5
    ).ok
    return NationalReport.objects.get()


def download(nr5, government, fmt, *, working_copies=True):
    export = exporting.export_set(cycle=nr5, government=government, working_copies=working_copies)
    return RENDERERS[fmt](export)


def web_edit(report):
    services.report_answers_save(
        cycle=report.cycle,
        government=report.government,
        answers=WEB_EDIT,
        expected_version=report.version,
        actor=SYSTEM,
    )


def reimport(content, name):
    return importing.reports_import(actor=SYSTEM, content=content, file_name=name, cycle_number=5)


@pytest.mark.parametrize(("fmt", "name"), [("xlsx", "k.xlsx"), ("csv", "k.csv")])
def test_a_stale_table_is_refused_and_names_what_changed_and_the_web_edit_survives(
    nr5, governments, kenya, fmt, name
):
    stale = download(nr5, governments["KEN"], fmt)
    web_edit(kenya)
    result = reimport(stale, name)
    (problem,) = result.problems
    assert "was changed in cbap since this file was made from version" in problem.reason
    assert "changed meanwhile: Q013" in problem.reason
    assert NationalReport.objects.get().answers == WEB_EDIT  # the web edit survives
    fresh = download(nr5, governments["KEN"], fmt)
    again = reimport(fresh, name)
    assert again.ok, again.problems
    assert again.counts()["unchanged"] == 1


def test_the_workbook_says_which_version_it_was_made_from(nr5, governments, kenya):
    book = load_workbook(io.BytesIO(download(nr5, governments["KEN"], "xlsx")))
    rows = {row[0]: row[1] for row in book["Report"].iter_rows(values_only=True) if row}
    assert rows["version"] == kenya.version


def test_a_table_that_does_not_say_its_version_may_not_replace_an_existing_report(
    nr5, governments, kenya
):
    content = b"government,cycle,question,value,additional_information\nKEN,5,Q010,false,\n"
    (problem,) = reimport(content, "hand-made.csv").problems
    assert "does not say which version it was made from" in problem.reason
    assert NationalReport.objects.get().answers == NR5_ANSWERS


def test_a_bch_feed_may_not_replace_changes_not_yet_published(nr5, governments, kenya):
    web_edit(kenya)  # a draft over the published version
    feed = [
        {
            "government": {"identifier": "ke"},
            **NR5_ANSWERS,
            "Q007": {"value": "implementation.fullInPlace"},
        }
    ]
    problems = reimport(json.dumps(feed).encode(), "f.json").problems
    assert len(problems) == 1, problems
    (problem,) = problems
    assert "since its last publication" in problem.reason and "Q013" in problem.reason
    assert NationalReport.objects.get().answers == WEB_EDIT


def test_a_report_that_changes_while_the_file_is_being_saved_is_not_overwritten(
    nr5, governments, kenya
):
    current = download(nr5, governments["KEN"], "csv")
    edited = current.replace(b"implementation.partiallyInPlace", b"implementation.fullInPlace")

    def edit_meanwhile(done, total, status):
        if status == "saving" and done == 0:
            web_edit(NationalReport.objects.get())

    result = importing.reports_import(
        actor=SYSTEM, content=edited, file_name="k.csv", progress=edit_meanwhile
    )
    (problem,) = result.problems
    assert "changed while this file was being imported" in problem.reason
    assert result.counts() == {"created": 0, "updated": 0, "unchanged": 0}
    assert NationalReport.objects.get().answers == WEB_EDIT


def test_a_public_export_of_a_report_edited_since_its_publication_is_stale(
    nr5, governments, kenya, client
):
    public = client.get("/reports/5/KEN/export.csv").content
    web_edit(kenya)
    assert not reimport(public, "k.csv").ok
    assert selectors.report_published(NationalReport.objects.get()).answers == NR5_ANSWERS
