"""Nothing exhausted: a file too big, too deep or too long is refused before it costs much,
with a reason, and nothing is written."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cbap.accounts.models import Role
from cbap.accounts.permissions import SYSTEM
from cbap.bch.problems import MAX_TEXT
from cbap.reports.formats import importing, long_csv, workbook
from cbap.reports.formats.incoming import MAX_PROBLEMS
from cbap.reports.models import ImportJob, NationalReport
from tests.personas import organization, person

pytestmark = pytest.mark.django_db

HEADER = "government,cycle,question,value,additional_information\n"


def run(content, name):
    return importing.reports_import(actor=SYSTEM, content=content, file_name=name, cycle_number=5)


def zip_bomb() -> bytes:
    """A few hundred kilobytes that would unpack to 100 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (100 * 2**20))
    return buffer.getvalue()


def test_an_xlsx_bomb_is_refused_from_its_directory_before_it_is_unpacked(nr5, governments):
    content = zip_bomb()
    assert len(content) < 500_000
    (problem,) = run(content, "bomb.xlsx").problems
    assert "unpacks to 100 MB" in problem.reason
    assert not NationalReport.objects.exists()


def test_an_xlsx_of_too_many_parts_is_refused(nr5, governments):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(workbook.MAX_MEMBERS + 1):
            archive.writestr(f"part{index}.xml", "<x/>")
    (problem,) = run(buffer.getvalue(), "parts.xlsx").problems
    assert f"holds {workbook.MAX_MEMBERS + 1} parts" in problem.reason


@pytest.mark.parametrize("depth", [25, 100_000])
def test_json_nested_too_deep_is_refused_without_recursing(nr5, governments, depth):
    content = ("[" * depth + "]" * depth).encode()
    (problem,) = run(content, "deep.json").problems
    assert "nested more than 20 levels deep" in problem.reason


def test_a_csv_of_too_many_rows_is_refused(nr5, governments, monkeypatch):
    monkeypatch.setattr(long_csv, "MAX_ROWS", 10)
    content = (HEADER + "KEN,5,Q007,implementation.none,\n" * 11).encode()
    (problem,) = run(content, "long.csv").problems
    assert "more than 10 rows (row 12 and more)" in problem.reason and problem.row == "row 12"
    far_too_long = (HEADER + "KEN,5,Q007,implementation.none,\n" * 51).encode()
    (problem,) = run(far_too_long, "long.csv").problems
    assert "(52 lines)" in problem.reason  # refused before the file is even decoded
    text = "\n".join(f"line {n}" for n in range(20))  # one row of 20 lines is fine
    quoted = f'{HEADER.strip()},language\nKEN,5,Q013,"{text}",,en\n'.encode()
    assert run(quoted, "quoted.csv").ok


def test_only_so_many_problems_are_listed_with_the_total(nr5, governments):
    content = (HEADER + "".join(f"KEN,5,Q{n:04d}X,yes,\n" for n in range(500))).encode()
    problems = run(content, "errors.csv").problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].reason.startswith("… and ")
    assert "more problems (" in problems[-1].reason


def test_an_answer_longer_than_the_limit_is_refused_and_nothing_is_written(nr5, governments):
    content = (HEADER + f"KEN,5,Q013,{'x' * (MAX_TEXT + 1)},\n").encode()
    (problem,) = run(content, "long-answer.csv").problems
    assert problem.question == "Q013" and "at most 30,000 characters" in problem.reason
    assert not NationalReport.objects.exists()


def test_someone_who_imports_for_no_party_is_refused_before_the_file_is_read(client, nr5):
    editor = person(
        "editor@example.org", Role.ORGANIZATION_EDITOR, organization=organization("Trainers")
    )
    client.force_login(editor)
    upload = SimpleUploadedFile("bomb.xlsx", zip_bomb())
    response = client.post("/reports/import/", {"file": upload})
    assert response.status_code == 403
    assert not ImportJob.objects.exists()
    assert client.get("/reports/import/").status_code == 403
