"""Importing national reports: every format, every problem at once, revisions, rights."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cbap.accounts.models import Organization, Role, RoleAssignment, User
from cbap.accounts.permissions import SYSTEM
from cbap.audit.models import AuditEntry
from cbap.records.models import Revision
from cbap.reports import selectors, services
from cbap.reports.formats import importing, jobs
from cbap.reports.formats.workbook import render_workbook
from cbap.reports.models import ImportJob, NationalReport
from tests.reports.conftest import NR5_ANSWERS

pytestmark = pytest.mark.django_db


def run(content, name="nr5.json", actor=SYSTEM, **options):
    if not isinstance(content, bytes):
        content = json.dumps(content).encode()
    return importing.reports_import(content=content, file_name=name, actor=actor, **options)


def rows_written():
    return (NationalReport.objects.count(), Revision.objects.count(), AuditEntry.objects.count())


def csv_bytes(rows, header=("government", "cycle", "question", "value", "additional_information")):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


# ------------------------------------------------------------------------------------------
# Formats
# ------------------------------------------------------------------------------------------


def test_a_bch_feed_imports_as_published_reports(nr5, governments, feed):
    result = run(feed, cycle_number=5)
    assert result.ok, result.problems
    assert result.counts() == {"created": 2, "updated": 0, "unchanged": 0}
    kenya = NationalReport.objects.get(government__code="KEN", cycle=nr5)
    assert kenya.answers == NR5_ANSWERS
    # revision 1 is the imported content, revision 2 its publication
    assert (kenya.status, kenya.document_id, kenya.version, kenya.published_version) == (
        "published",
        501,
        2,
        2,
    )
    assert not kenya.is_synthetic
    assert AuditEntry.objects.filter(event="import", target_label="nr5.json").exists()


def test_a_feed_that_names_no_cycle_needs_one(nr5, governments, feed):
    result = run(feed)
    assert len(result.problems) == 2
    assert "which reporting cycle" in result.problems[0].reason
    assert NationalReport.objects.count() == 0
    named = [{**item, "schema": "cpbNationalReport5"} for item in feed]
    assert run(named).ok


def test_a_cycle_that_contradicts_the_file_is_refused(cycles, governments, feed):
    named = [{**item, "schema": "cpbNationalReport5"} for item in feed]
    result = run(named, cycle_number=4)
    assert result.problems and "the import is for NR4" in result.problems[0].reason


def test_synthetic_feed_objects_are_flagged(nr5, governments, feed):
    feed[0]["synthetic"] = True
    feed[0]["submittedOn"] = "2026-01-12"
    assert run(feed, cycle_number=5).ok
    kenya = NationalReport.objects.get(government__code="KEN")
    assert kenya.is_synthetic and kenya.submitted_on.isoformat() == "2026-01-12"
    assert not NationalReport.objects.get(government__code="BRA").is_synthetic


def test_a_bch_document_imports_with_its_schema_date_and_identifier(cycles, governments):
    document = {
        "header": {"identifier": "8F3C-AB12", "schema": "cpbNationalReport5", "languages": ["en"]},
        "government": {"identifier": "de"},
        "date": "2025-12-01",
        "contact": {"identifier": "X"},
        **NR5_ANSWERS,
    }
    result = run(document, name="germany.json")
    assert result.format == "document" and result.ok, result.problems
    germany = NationalReport.objects.get(government__code="DEU")
    assert (germany.cycle.number, germany.bch_identifier, germany.document_id) == (
        5,
        "8F3C-AB12",
        None,
    )
    assert germany.submitted_on.isoformat() == "2025-12-01"
    assert germany.answers == NR5_ANSWERS  # the envelope ("contact") is not an answer


def test_a_csv_in_long_form_imports_one_row_per_value(nr5, governments):
    content = csv_bytes(
        [
            ["KEN", "5", "Q007", "implementation.partiallyInPlace", ""],
            ["KEN", "5", "Q008", "instrument.nationalBiosafetyLaws", ""],
            ["KEN", "5", "Q008", "One or more sets of biosafety guidelines", ""],  # a title
            ["KEN", "5", "Q013", "Biosafety Act 2009, amended 2022.", ""],
            ["KEN", "5", "Q016", "true.some", "Only for plants."],
            ["KEN", "5", "Q026", "Yes", ""],
            ["KEN", "5", "Q026_adq", "4", ""],
            ["KEN", "5", "Q027", "3B9ECE67-B35C-40FF-8C06-4EA5FF762899", "60"],
            ["KEN", "5", "Q027", "6DD1B161-4CDB-4900-BD31-DBB97E86B2AE", "40"],
            ["ke", "NR5", "Q010", "true", ""],
        ]
    )
    result = run(content, name="kenya.csv", actor=SYSTEM)
    assert result.format == "csv" and result.ok, result.problems
    kenya = NationalReport.objects.get(government__code="KEN")
    expected = {k: v for k, v in NR5_ANSWERS.items() if k not in ("Q010_adq", "Q011", "Q012")}
    assert kenya.answers == expected
    assert kenya.status == "draft"  # no status column


def test_csv_texts_in_several_languages_and_report_columns(nr5, governments):
    header = (
        "government",
        "cycle",
        "question",
        "value",
        "additional_information",
        "language",
        "status",
        "synthetic",
        "submitted_on",
    )
    content = csv_bytes(
        [
            [
                "BRA",
                "5",
                "Q013",
                "Lei de Biossegurança",
                "",
                "pt",
                "published",
                "yes",
                "2026-01-05",
            ],
            ["BRA", "5", "Q013", "Biosafety Law", "", "en", "published", "yes", "2026-01-05"],
            [
                "BRA",
                "5",
                "Q016",
                "true.some",
                "Plants only",
                "en",
                "published",
                "yes",
                "2026-01-05",
            ],
            [
                "BRA",
                "5",
                "Q016",
                "true.some",
                "Plantes seulement",
                "fr",
                "published",
                "yes",
                "2026-01-05",
            ],
        ],
        header,
    )
    assert run(content, name="brazil.csv").ok
    brazil = NationalReport.objects.get(government__code="BRA")
    assert brazil.answers == {
        "Q013": {"value": {"pt": "Lei de Biossegurança", "en": "Biosafety Law"}},
        "Q016": {
            "value": "true.some",
            "additionalInformation": {"en": "Plants only", "fr": "Plantes seulement"},
        },
    }
    assert (brazil.status, brazil.is_synthetic, str(brazil.submitted_on)) == (
        "published",
        True,
        "2026-01-05",
    )


def test_a_filled_in_blank_workbook_imports(nr5, governments):
    blank = render_workbook(
        cycle=nr5, questionnaire=selectors.questionnaire_for(nr5), government=governments["KEN"]
    )
    workbook = load_workbook(io.BytesIO(blank))
    sheet = workbook["Answers"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    rows["Q007"][6].value = "implementation.partiallyInPlace"
    rows["Q008"][
        6
    ].value = "instrument.nationalBiosafetyLaws; One or more sets of biosafety guidelines"
    rows["Q016"][6].value = "Yes, to some extent"
    rows["Q016"][7].value = "Only for plants."
    rows["Q026"][6].value = "true"
    rows["Q026_adq"][6].value = 4
    rows["Q027"][
        6
    ].value = "3B9ECE67-B35C-40FF-8C06-4EA5FF762899;6DD1B161-4CDB-4900-BD31-DBB97E86B2AE"
    rows["Q027"][
        7
    ].value = "3B9ECE67-B35C-40FF-8C06-4EA5FF762899: 60\n6DD1B161-4CDB-4900-BD31-DBB97E86B2AE: 40"
    rows["Q013"][6].value = "Biosafety Act 2009, amended 2022."
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(buffer.getvalue(), name="kenya.xlsx")
    assert result.format == "xlsx" and result.ok, result.problems
    kenya = NationalReport.objects.get(government__code="KEN")
    expected = {
        k: v for k, v in NR5_ANSWERS.items() if k not in ("Q010", "Q010_adq", "Q011", "Q012")
    }
    assert kenya.answers == expected
    assert kenya.status == "draft"


def test_workbook_problems_name_their_rows(nr5, governments):
    blank = render_workbook(
        cycle=nr5, questionnaire=selectors.questionnaire_for(nr5), government=governments["KEN"]
    )
    workbook = load_workbook(io.BytesIO(blank))
    rows = {row[0].value: row for row in workbook["Answers"].iter_rows(min_row=2)}
    rows["Q007"][6].value = "perhaps"
    rows["Q016"][7].value = "text without an answer"
    rows["Q008"][6].value = "instrument.none; instrument.indirectLaws"
    workbook["Report"]["B1"].value = "XXX"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(buffer.getvalue(), name="kenya.xlsx")
    found = {(p.row, p.question, p.value): p.reason for p in result.problems}
    assert "is not an option" in found[(f"Answers row {rows['Q007'][0].row}", "Q007", "perhaps")]
    assert (
        "without an option"
        in found[(f"Answers row {rows['Q016'][0].row}", "Q016", "text without an answer")]
    )
    assert (
        "excludes every other option"
        in found[(f"Answers row {rows['Q008'][0].row}", "Q008", "instrument.none")]
    )
    assert "Unknown government “XXX”" in found[("sheet Report", "", "XXX")]
    assert NationalReport.objects.count() == 0


def test_a_workbook_that_is_not_a_report_workbook_is_refused(nr5):
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    result = run(buffer.getvalue(), name="other.xlsx")
    assert "has no sheet Report or Answers" in result.problems[0].reason


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("x.json", b'[{"government": {"identifier": "ke"}}]', "feed"),
        ("x.json", b'{"header": {"schema": "cpbNationalReport5"}}', "document"),
        ("x.csv", b"government,cycle", "csv"),
        ("upload", b"\xef\xbb\xbf  [ ]", "feed"),
        ("upload", b"government,cycle,question", "csv"),
        ("upload", b"PK\x03\x04rest", "xlsx"),
        ("report.XLSX", b"", "xlsx"),
    ],
)
def test_it_detects_the_format(name, content, expected):
    assert importing.detect_format(name, content) == expected


# ------------------------------------------------------------------------------------------
# Every problem at once, nothing written
# ------------------------------------------------------------------------------------------


def test_every_kind_of_problem_is_reported_at_once_and_nothing_is_written(nr5, governments):
    bad = [
        {
            "government": {"identifier": "ke"},
            "Q999": {"value": "x"},  # unknown question
            "Q007": {"value": "implementation.maybe"},  # unknown option
            "Q013": {"value": 12},  # wrong type: a number for text
            "Q009": [{"value": "true"}, {"value": "false"}],  # several answers, single choice
            "Q008": [
                {"value": "instrument.none"},
                {"value": "instrument.indirectLaws"},
            ],  # exclusive
            "Q010": {"value": "false"},
            "Q010_adq": {"value": "true"},  # hidden by Q010 = No
        },
        {"government": {"identifier": "ke"}, "Q007": {"value": "implementation.none"}},  # duplicate
        {"government": {"identifier": "xx"}, "Q007": {"value": "implementation.none"}},  # unknown
        {
            "government": {"identifier": "br"},
            "Q026": {"value": "true"},
            "Q026_adq": {"value": "four"},
        },
    ]
    run(
        feed_ok := [{"government": {"identifier": "de"}, "Q007": {"value": "implementation.none"}}],
        cycle_number=5,
    )
    before = rows_written()
    result = run(bad + feed_ok, name="bad.json", cycle_number=5)
    assert rows_written() == before
    assert not result.outcomes
    found = {(p.report, p.question, p.value): p for p in result.problems}
    assert all(p.file == "bad.json" for p in result.problems)
    assert "not a question" in found[("ke", "Q999", '{"value": "x"}')].reason
    assert "is not an option of Q007" in found[("ke", "Q007", "implementation.maybe")].reason
    assert "multilingual text" in found[("ke", "Q013", '{"value": 12}')].reason
    assert (
        "single-choice question"
        in found[("ke", "Q009", '[{"value": "true"}, {"value": "false"}]')].reason
    )
    assert "excludes every other option" in found[("ke", "Q008", "instrument.none")].reason
    assert (
        "is hidden by the answer to Q010" in found[("ke", "Q010_adq", '{"value": "true"}')].reason
    )
    assert "second report of Kenya" in found[("ke", "", "")].reason
    assert "Unknown government “xx”" in found[("xx", "", "xx")].reason
    assert "whole number" in found[("br", "Q026_adq", '{"value": "four"}')].reason
    assert found[("ke", "Q007", "implementation.maybe")].row == "feed item 1"
    assert found[("br", "Q026_adq", '{"value": "four"}')].row == "feed item 4"
    assert len(result.problems) == 9


def test_a_plain_string_free_text_answer_refuses_the_whole_feed(nr5, governments, feed):
    plain = {**feed[0], "Q013": {"value": "Biosafety Act 2009"}}  # no language said
    before = rows_written()
    result = run([plain, feed[1]], name="plain.json", cycle_number=5)
    assert rows_written() == before
    assert not result.ok and not result.outcomes
    [problem] = result.problems
    assert (problem.file, problem.report, problem.row, problem.question) == (
        "plain.json",
        "ke",
        "feed item 1",
        "Q013",
    )
    assert problem.value == '{"value": "Biosafety Act 2009"}'
    assert "Q013 (“" in problem.reason
    assert "expects multilingual text" in problem.reason
    assert "plain string: {'value': 'Biosafety Act 2009'}" in problem.reason


def test_csv_problems_name_their_rows(nr5, governments):
    content = csv_bytes(
        [
            ["KEN", "5", "Q007", "implementation.partiallyInPlace", ""],
            ["KEN", "5", "Q008", "instrument.none", ""],
            ["KEN", "5", "Q008", "instrument.nope", ""],
            ["KEN", "5", "Q026_adq", "many", ""],
            ["KEN", "5", "Q013", "Text", "not allowed here"],
            ["KEN", "7", "Q007", "implementation.none", ""],
        ]
    )
    before = rows_written()
    result = run(content, name="kenya.csv")
    assert rows_written() == before
    rows = {(p.row, p.question): p.reason for p in result.problems}
    assert "is not an option" in rows[("row 4", "Q008")]
    assert "takes no additional information" in rows[("row 6", "Q013")]
    assert "Unknown reporting cycle “7”" in rows[("row 7", "")]
    assert any(p.question == "Q026_adq" and p.value == "many" for p in result.problems)
    assert str(result.problems[0]).startswith("kenya.csv: report KEN, row ")


def test_csv_texts_are_kept_as_written_while_codes_are_trimmed(nr5, governments):
    content = csv_bytes(
        [
            [" KEN ", " 5", " Q013 ", "  leading space and trailing  ", ""],
            ["KEN", "5", "Q016", " true.some ", "  only for plants "],
        ]
    )
    result = run(content, name="k.csv")
    assert result.ok, result.problems
    assert NationalReport.objects.get().answers == {
        "Q013": {"value": {"en": "  leading space and trailing  "}},
        "Q016": {"value": "true.some", "additionalInformation": {"en": "  only for plants "}},
    }


def test_a_number_question_given_text_quotes_the_cell(nr5, governments):
    result = run(
        csv_bytes([["KEN", "5", "Q026", "true", ""], ["KEN", "5", "Q026_adq", "many", ""]]),
        name="k.csv",
    )
    [problem] = result.problems
    assert (problem.row, problem.question, problem.value) == ("row 3", "Q026_adq", "many")
    assert problem.reason.endswith("takes a whole number, not “many”.")
    assert "{" not in problem.reason  # no internal shape such as {'value': 'many'}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b"government,cycle,question,value,additional_information\n"
            b"KEN,5,Q007,implementation.none,\n"
            b'KEN,5,Q008,"instrument.none,\n'
            b"KEN,5,Q013,Some text,\n",
            'Malformed CSV: a quoted value opens in row 3 (line 3) and is never closed (a “"” is '
            "missing), so the rest of the file would be read as that one value. Nothing was read.",
        ),
        (
            b"government,cycle,question,value,additional_information\n"
            b'KEN,5,Q013,"multi\nline text",\n'
            b'KEN,5,Q007,"implementation.none"x,\n',
            "Malformed CSV in row 3 (line 4): ',' expected after '\"'. Nothing was read.",
        ),
    ],
)
def test_a_malformed_csv_is_reported_as_such_with_its_row(nr5, governments, content, reason):
    result = run(content, name="broken.csv")
    assert [(p.file, p.row, p.reason) for p in result.problems] == [("broken.csv", "row 3", reason)]
    assert NationalReport.objects.count() == 0


def test_a_csv_without_the_required_columns_is_refused(nr5):
    result = run(b"country,question\nKEN,Q007\n", name="x.csv")
    assert [p.reason for p in result.problems] == [
        "Missing column(s): government, cycle, value, additional_information.",
        "Unknown column(s): country.",
    ]


def test_unreadable_files_are_one_problem_each(nr5):
    assert "Not valid JSON" in run(b"[{", name="x.json").problems[0].reason
    assert "Not a readable XLSX" in run(b"PK\x03\x04junk", name="x.xlsx").problems[0].reason


def test_mandatory_questions_are_not_enforced_on_import(nr5, governments):
    assert run([{"government": {"identifier": "ke"}}], cycle_number=5).ok


# ------------------------------------------------------------------------------------------
# Revisions
# ------------------------------------------------------------------------------------------


def test_re_importing_a_changed_report_writes_a_new_revision(nr5, governments, feed):
    run(feed, cycle_number=5)
    feed[0]["Q007"] = {"value": "implementation.fullInPlace"}
    result = run(feed, cycle_number=5)
    assert result.counts() == {"created": 0, "updated": 1, "unchanged": 1}
    kenya = NationalReport.objects.get(government__code="KEN")
    assert (kenya.version, kenya.published_version) == (4, 4)  # the change, then its publication
    revision = Revision.objects.get(object_id=kenya.pk, number=3)
    assert revision.changed_fields == ["answers"]
    assert revision.content["answers"]["Q007"] == {"value": "implementation.fullInPlace"}
    assert "Imported from nr5.json" in revision.message
    assert Revision.objects.get(object_id=kenya.pk, number=4).status == "published"


def test_importing_the_same_content_twice_changes_nothing(nr5, governments, feed):
    run(feed, cycle_number=5)
    before = rows_written()
    result = run(feed, cycle_number=5)
    assert result.counts() == {"created": 0, "updated": 0, "unchanged": 2}
    # the file's own audit entry is the only new row
    assert rows_written() == (before[0], before[1], before[2] + 1)


def test_a_dry_run_writes_nothing_and_says_what_would_happen(nr5, governments, feed):
    result = run(feed, cycle_number=5, dry_run=True)
    assert result.ok and result.counts()["created"] == 2
    assert "would be created" in result.summary()
    assert rows_written() == (0, 0, 0)


# ------------------------------------------------------------------------------------------
# Rights
# ------------------------------------------------------------------------------------------


def test_a_focal_point_imports_their_own_partys_report(nr5, focal_point, feed):
    result = run(feed[:1], cycle_number=5, actor=focal_point)
    assert result.ok
    assert {r.author for r in Revision.objects.all()} == {focal_point}


def test_a_focal_point_cannot_import_another_partys_report(nr5, focal_point, feed):
    result = run(feed, cycle_number=5, actor=focal_point)
    assert [p.reason for p in result.problems] == [
        "You may not import the report of Brazil: as national focal point of Kenya you import "
        "Kenya's reports only."
    ]
    assert result.problems[0].report == "br"
    assert NationalReport.objects.count() == 0


def workbook_saying(nr5, government, status: str, version: int | None = None) -> bytes:
    content = render_workbook(
        cycle=nr5, questionnaire=selectors.questionnaire_for(nr5), government=government
    )
    workbook = load_workbook(io.BytesIO(content))
    workbook["Report"]["B5"].value = status
    if version is not None:
        workbook["Report"].insert_rows(10)
        workbook["Report"]["A10"], workbook["Report"]["B10"] = "version", version
    rows = {row[0].value: row for row in workbook["Answers"].iter_rows(min_row=2)}
    rows["Q007"][6].value = "implementation.none"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbook_a_national_user_uploads_is_a_draft_whatever_it_says(
    nr5, focal_point, secretariat, governments
):
    content = workbook_saying(nr5, governments["KEN"], "published")
    assert run(content, name="k.xlsx", actor=focal_point).ok
    report = NationalReport.objects.get()
    assert report.status == "draft"
    again = workbook_saying(nr5, governments["KEN"], "published", version=report.version)
    assert run(again, name="k.xlsx", actor=secretariat).ok
    assert NationalReport.objects.get().status == "published"


def test_a_csv_keeps_its_status_for_those_who_may_publish(nr5, focal_point):
    content = csv_bytes(
        [["KEN", "5", "Q007", "implementation.none", "", "submitted"]],
        ("government", "cycle", "question", "value", "additional_information", "status"),
    )
    assert run(content, name="k.csv", actor=focal_point).ok
    assert NationalReport.objects.get().status == "submitted"


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        (
            Role.NATIONAL_USER,
            "national authorized users enter their Party's report in the web form and do not "
            "import files; the Party's national focal point or a Secretariat administrator "
            "imports them.",
        ),
        (
            Role.SECRETARIAT_ANALYST,
            "Secretariat analysts read and analyse national reports but do not enter them; a "
            "Secretariat administrator or the Party's national focal point imports them.",
        ),
        (
            Role.ORGANIZATION_EDITOR,
            "organization editors keep their organization's records; national reports are "
            "imported by a Secretariat administrator or the Party's national focal point.",
        ),
        (
            None,
            "national reports are imported by a Secretariat administrator or the Party's "
            "national focal point.",
        ),
    ],
)
def test_each_role_that_may_not_import_is_told_why(nr5, governments, feed, role, reason):
    user = User.objects.create_user(f"{role}@example.org", "pw")
    if role == Role.NATIONAL_USER:
        RoleAssignment.objects.create(user=user, role=role, party=governments["KEN"])
    elif role == Role.ORGANIZATION_EDITOR:
        organization = Organization.objects.create(name="Biosafety trainers")
        RoleAssignment.objects.create(user=user, role=role, organization=organization)
    elif role is not None:
        RoleAssignment.objects.create(user=user, role=role)
    result = run(feed[:1], cycle_number=5, actor=user)  # Kenya's report
    assert [p.reason for p in result.problems] == [
        f"You may not import the report of Kenya: {reason}"
    ]
    assert NationalReport.objects.count() == 0


def test_a_secretariat_administrator_imports_any_partys_report(nr5, governments, secretariat, feed):
    assert run(feed, cycle_number=5, actor=secretariat).ok
    assert NationalReport.objects.count() == 2


def test_an_unknown_status_is_a_problem(nr5, governments):
    content = csv_bytes(
        [["KEN", "5", "Q007", "implementation.none", "", "final"]],
        ("government", "cycle", "question", "value", "additional_information", "status"),
    )
    assert "Unknown status “final”" in run(content, name="k.csv").problems[0].reason


# ------------------------------------------------------------------------------------------
# Command line and web
# ------------------------------------------------------------------------------------------


def test_the_command_imports_a_file(nr5, governments, feed, tmp_path):
    path = tmp_path / "nr5.json"
    path.write_text(json.dumps(feed))
    out = io.StringIO()
    call_command("reports", "import", str(path), "--cycle", "5", stdout=out)
    assert "2 report(s) read; 2 were created" in out.getvalue()
    call_command("reports", "import", str(path), "--cycle", "5", "--dry-run", stdout=out)
    assert "dry run" in out.getvalue()


def test_the_command_lists_every_problem_and_fails(nr5, governments, feed, tmp_path):
    feed[0]["Q007"] = {"value": "nope"}
    feed[1]["government"] = {"identifier": "zz"}
    path = tmp_path / "nr5.json"
    path.write_text(json.dumps(feed))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("reports", "import", str(path), "--cycle", "5", stderr=err)
    assert "nr5.json: report ke, feed item 1, question Q007, value 'nope'" in err.getvalue()
    assert "Unknown government “zz”" in err.getvalue()


def test_the_command_imports_with_a_users_rights(nr5, focal_point, feed, tmp_path):
    path = tmp_path / "nr5.json"
    path.write_text(json.dumps(feed))
    with pytest.raises(CommandError):
        call_command(
            "reports",
            "import",
            str(path),
            "--cycle",
            "5",
            "--as",
            "nfp@example.ke",
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError, match="No user"):
        call_command("reports", "import", str(path), "--as", "nobody@example.org")


def upload(client, content, name, **data):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("reports:import"), {"file": file, **data})


def test_the_upload_form_needs_a_signed_in_user(client, nr5):
    assert client.get(reverse("reports:import")).status_code == 302


def test_the_secretariat_uploads_a_feed_and_sees_the_result(
    client, nr5, secretariat, governments, feed
):
    client.force_login(secretariat)
    page = client.get(reverse("reports:import")).content.decode()
    assert 'enctype="multipart/form-data"' in page
    response = upload(client, json.dumps(feed).encode(), "nr5.json", cycle="5")
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Imported: 2 created, 0 updated, 0 unchanged." in html
    assert 'http-equiv="refresh"' not in html
    assert '<progress id="progress" max="2" value="2">' in html
    assert NationalReport.objects.count() == 2
    assert job.created_by == secretariat and bytes(ImportJob.objects.get().data) == b""
    [note] = secretariat.notifications.all()  # the uploader may have left the page meanwhile
    assert (note.kind, note.link) == ("import_done", job.get_absolute_url())
    assert note.subject == "Import of nr5.json: imported" and note.text == "Imported: 2 created."


def test_a_focal_point_upload_for_another_party_shows_the_error_table(
    client, nr5, focal_point, feed
):
    client.force_login(focal_point)
    upload(client, json.dumps(feed).encode(), "nr5.json", cycle="5")
    html = client.get(ImportJob.objects.get().get_absolute_url()).content.decode()
    assert "Nothing was imported." in html
    assert "You may not import the report of Brazil" in html
    assert NationalReport.objects.count() == 0
    [note] = focal_point.notifications.all()
    assert note.kind == "import_failed" and "Nothing was imported: 1 problem(s)" in note.text


def test_someone_elses_import_job_is_not_found(client, nr5, focal_point, secretariat):
    job = jobs.import_job_create(file_name="x.json", data=b"[]", actor=secretariat)
    client.force_login(focal_point)
    assert client.get(job.get_absolute_url()).status_code == 404


def test_a_waiting_job_page_refreshes_itself_without_javascript(client, nr5, secretariat):
    job = jobs.import_job_create(file_name="big.json", data=b"[]", actor=secretariat)
    client.force_login(secretariat)
    html = client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "<progress" in html and "<script" not in html.split("<main")[1]


def test_a_job_whose_thread_died_says_so_and_stops_refreshing(client, nr5, secretariat):
    job = jobs.import_job_create(file_name="big.json", data=b"[]", actor=secretariat)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=2))
    client.force_login(secretariat)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "stopped before it finished" in html and 'http-equiv="refresh"' not in html


def test_too_big_an_upload_is_refused(client, nr5, secretariat, monkeypatch):
    monkeypatch.setattr("cbap.reports.views.MAX_UPLOAD_BYTES", 10)
    client.force_login(secretariat)
    response = upload(client, b"[1, 2, 3, 4, 5, 6]", "big.json")
    assert "files up to 0 MB are imported here" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_progress_is_reported_while_saving_too(nr5, governments, feed, monkeypatch):
    monkeypatch.setattr(importing, "PROGRESS_SECONDS", 0)
    seen = []

    def progress(done, total, status):
        seen.append((status, done, total, NationalReport.objects.count()))

    assert run(feed, cycle_number=5, progress=progress).ok
    saving = [entry for entry in seen if entry[0] == "saving"]
    # each step counts the reports saved so far: it moves while the reports are written
    assert saving == [
        ("saving", 0, 2, 0),
        ("saving", 0, 2, 0),
        ("saving", 1, 2, 1),
        ("saving", 2, 2, 2),
    ]
    assert seen[0][0] == "validating"


def test_the_job_page_shows_the_progress_of_saving(client, nr5, secretariat):
    job = jobs.import_job_create(file_name="big.json", data=b"[]", actor=secretariat)
    ImportJob.objects.filter(pk=job.pk).update(status="validating", processed=500, total=500)
    cache.set(jobs._progress_key(job.pk), (120, 500, "saving"))
    client.force_login(secretariat)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "<strong>Saving</strong>" in html
    assert '<label for="progress">Reports saved</label>' in html
    assert '<progress id="progress" max="500" value="120">' in html
    cache.delete(jobs._progress_key(job.pk))
    html = client.get(job.get_absolute_url()).content.decode()
    assert '<label for="progress">Reports checked</label>' in html


@pytest.mark.django_db(transaction=True)
def test_big_files_are_imported_by_the_worker(cycle_specs, governments, feed, secretariat):
    services.reference_data_load(specs=cycle_specs)
    job = jobs.import_job_create(
        file_name="nr5.json", data=json.dumps(feed).encode(), actor=secretariat, cycle_number=5
    )
    jobs.import_job_start(job=job, background=True)
    job.refresh_from_db()
    assert job.status == "pending"  # queued for the worker, not run by the web process
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == "done" and job.outcome["created"] == 2
    assert (job.processed, job.total) == (2, 2)
    assert NationalReport.objects.count() == 2
