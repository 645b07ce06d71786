"""The self-assessment workbook: written with one row per key area and what the Party said,
read back to the same content, and every wrong row named by its row, column and value;
nothing is read from a file that is not such a workbook."""

import io

import pytest
from openpyxl import load_workbook

from cbap.needs.validation import key_area_codes
from cbap.needs.workbook import (
    HEADER,
    MAX_BYTES,
    MAX_ROWS,
    assessment_workbook,
    read_assessment_workbook,
)
from cbap.records import services as record_services
from tests.needs.conftest import started

FILE = "needs.xlsx"
COLUMN = {name: index + 1 for index, name in enumerate(HEADER)}


@pytest.fixture
def assessment(plan, kenya_nr5, kenya, kenya_focal_point):
    """Kenya's started self-assessment with two lines said and notes."""
    record = started(kenya, kenya_focal_point)
    record.lines["A.5.2"] = {
        "level": "high",
        "rank": 1,
        "kinds": ["training", "experts"],
        "audiences": ["policymakers", "laboratory_technicians"],
        "notes": "Labs\nand a second line",
        "confidential": True,
    }
    record.lines["A.8.2"] = {"level": "medium", "rank": 2}
    record.notes = "Asked of the ministries in March."
    record.save()
    return record


def workbook_of(record) -> bytes:
    return assessment_workbook(record, record.content())


def opened(data: bytes):
    return load_workbook(io.BytesIO(data))


def saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(code: str) -> int:
    return key_area_codes().index(code) + 2


def edited(data: bytes, edit) -> bytes:
    workbook = opened(data)
    edit(workbook)
    return saved(workbook)


def set_cell(code: str, name: str, value):
    def edit(workbook):
        workbook["Needs"].cell(row_of(code), COLUMN[name]).value = value

    return edit


def set_about(key: str, value):
    def edit(workbook):
        for topic, cell in workbook["About"].iter_rows(max_col=2):
            if topic.value == key:
                cell.value = value

    return edit


def appended(code: str, level: str = "low"):
    def edit(workbook):
        workbook["Needs"].append(["A", code, "", level])

    return edit


def both(*edits):
    def edit(workbook):
        for one in edits:
            one(workbook)

    return edit


def test_a_workbook_reads_back_as_the_content_it_was_made_from(assessment, kenya_focal_point):
    reading = read_assessment_workbook(workbook_of(assessment), file=FILE, assessment=assessment)
    assert reading.problems == []
    assert reading.lines == assessment.lines
    assert reading.lines["A.5.2"]["audiences"] == ["policymakers", "laboratory_technicians"]
    assert (reading.assessed_on, reading.notes) == (assessment.assessed_on, assessment.notes)
    assert (reading.version, reading.record, reading.party) == (
        assessment.version,
        assessment.pk,
        "KEN",
    )
    # Saved as the views save it: nothing changed, no new version.
    again = record_services.record_update(
        record=assessment,
        actor=kenya_focal_point,
        data=reading.content(),
        expected_version=reading.version,
    )
    assert again.version == assessment.version


def test_a_workbook_made_from_an_older_version_is_a_stale_save(assessment, kenya_focal_point):
    data = workbook_of(assessment)
    record_services.record_update(
        record=assessment,
        actor=kenya_focal_point,
        data={"notes": "Changed on the page meanwhile."},
        expected_version=assessment.version,
    )
    reading = read_assessment_workbook(data, file=FILE)
    assert reading.problems == [] and reading.version == assessment.version
    with pytest.raises(record_services.ConflictError):
        record_services.record_update(
            record=assessment,
            actor=kenya_focal_point,
            data=reading.content(),
            expected_version=reading.version,
        )


def test_the_workbook_has_a_row_per_key_area_lists_to_choose_from_and_says_whose_it_is(
    assessment,
):
    workbook = opened(workbook_of(assessment))
    needs, about = workbook["Needs"], workbook["About"]
    assert [c.value for c in needs[1]] == list(HEADER)
    assert needs.freeze_panes == "A2"
    codes = [row[1] for row in needs.iter_rows(min_row=2, values_only=True)]
    assert codes == list(key_area_codes())
    line = [c.value for c in needs[row_of("A.5.2")]]
    assert line[:2] == ["A.5", "A.5.2"]
    assert line[3:9] == [
        "high",
        1,
        "training, experts",
        "policymakers, laboratory_technicians",
        "Labs\nand a second line",
        "yes",
    ]
    sources = [row[9] or "" for row in needs.iter_rows(min_row=2, values_only=True)]
    assert any(text.startswith("National report 5, Q123: “") for text in sources)
    lists = {str(v.sqref): v.formula1 for v in needs.data_validations.dataValidation}
    last = len(codes) + 1
    assert lists[f"D2:D{last}"] == '"high,medium,low,none,not_assessed"'
    assert lists[f"I2:I{last}"] == '"yes,no"'
    said = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert (said["party"], said["record"], said["version"]) == (
        "KEN",
        assessment.pk,
        assessment.version,
    )
    assert said["assessed_on"].date() == assessment.assessed_on
    assert "technical_assistance = Technical assistance" in said["kinds"]
    assert "customs_officers = Customs officers" in said["audiences"]


def test_text_that_looks_like_a_formula_stays_text(assessment, kenya_focal_point):
    formulas = {
        "A.5.2": '=HYPERLINK("http://example.org","x")',
        "A.8.2": "+1+1",
        "A.5.4": "-2",
        "A.5.1": "@SUM(1)",
    }
    lines = dict(assessment.lines)
    for code, text in formulas.items():
        lines[code] = {**lines[code], "notes": text}
    record = record_services.record_update(
        record=assessment,
        actor=kenya_focal_point,
        data={"lines": lines, "notes": "=1+1"},
        expected_version=assessment.version,
    )
    data = workbook_of(record)
    workbook = opened(data)
    for code, text in formulas.items():
        cell = workbook["Needs"].cell(row_of(code), COLUMN["notes"])
        assert (cell.value, cell.data_type) == (text, "s")
    notes = next(row[1] for row in workbook["About"].iter_rows() if row[0].value == "notes")
    assert (notes.value, notes.data_type) == ("=1+1", "s")
    reading = read_assessment_workbook(data, file=FILE)
    assert reading.problems == []
    assert {code: reading.lines[code]["notes"] for code in formulas} == formulas
    assert reading.notes == "=1+1"


# Each wrong row: the edit, then where (a key area's row, "new" for the row appended after the
# last key area, or the text of the problem's record), the column, the value, and a word of
# the reason.
ROW_CASES = {
    "unknown key area": (appended("Z.9.9"), "new", "key_area", "Z.9.9", "No key area"),
    "key area twice": (appended("A.5.2"), "new", "key_area", "A.5.2", "already given in row"),
    "level off the scale": (
        set_cell("A.5.2", "level", "urgent"),
        "A.5.2",
        "level",
        "urgent",
        "not on the scale",
    ),
    "rank zero": (set_cell("A.5.2", "rank", 0), "A.5.2", "rank", "0", "whole number from 1"),
    "rank below zero": (set_cell("A.5.2", "rank", -3), "A.5.2", "rank", "-3", "whole number"),
    "rank a fraction": (set_cell("A.5.2", "rank", 1.5), "A.5.2", "rank", "1.5", "whole number"),
    "rank in words": (set_cell("A.5.2", "rank", "first"), "A.5.2", "rank", "first", "whole"),
    "rank twice": (set_cell("A.8.2", "rank", 1), "A.8.2", "rank", "1", "already given to A.5.2"),
    "unknown kind": (
        set_cell("A.5.2", "kinds", "training, money"),
        "A.5.2",
        "kinds",
        "money",
        "Not a term",
    ),
    "unknown audience": (
        set_cell("A.5.2", "audiences", "policymakers; farmers"),
        "A.5.2",
        "audiences",
        "farmers",
        "Not a term",
    ),
    "confidential neither yes nor no": (
        set_cell("A.5.2", "confidential", "maybe"),
        "A.5.2",
        "confidential",
        "maybe",
        "yes or no",
    ),
    "a row that names no key area": (appended(""), "new", "key_area", "", "names no key area"),
    "a key area without its row": (
        lambda workbook: workbook["Needs"].delete_rows(row_of("A.5.2")),
        "sheet Needs",
        "key_area",
        "A.5.2",
        "No row for the key area A.5.2",
    ),
    "notes too long": (set_cell("A.5.2", "notes", "x" * 2001), "A.5.2", "notes", "", "at most"),
    "no date": (
        set_about("assessed_on", "last spring"),
        "sheet About",
        "assessed_on",
        "last spring",
        "not a date",
    ),
    "a date in the future": (
        set_about("assessed_on", "2999-01-01"),
        "sheet About",
        "assessed_on",
        "2999-01-01",
        "in the future",
    ),
}


@pytest.mark.parametrize(
    ("edit", "where", "field", "value", "reason"), ROW_CASES.values(), ids=ROW_CASES.keys()
)
def test_a_wrong_cell_is_one_problem_named_by_row_column_and_value(
    assessment, edit, where, field, value, reason
):
    reading = read_assessment_workbook(edited(workbook_of(assessment), edit), file=FILE)
    if where == "new":
        where = f"Needs row {len(key_area_codes()) + 2}"
    elif where in assessment.lines:
        where = f"Needs row {row_of(where)}"
    assert [(p.file, p.record, p.field, p.value) for p in reading.problems] == [
        (FILE, where, field, value)
    ]
    assert reason in reading.problems[0].reason
    assert reading.lines == {}


def rows_added(count: int):
    def edit(workbook):
        for _ in range(count):
            workbook["Needs"].append(["A", "", "", ""])

    return edit


FILE_CASES = {
    "no sheet Needs": (lambda wb: setattr(wb["Needs"], "title", "Lines"), "no sheet Needs"),
    "no sheet About": (lambda wb: wb.remove(wb["About"]), "no sheet About"),
    "no column level": (
        lambda wb: setattr(wb["Needs"].cell(1, COLUMN["level"]), "value", "need"),
        "needs the columns",
    ),
    "too many rows": (rows_added(MAX_ROWS), "more than 1,000 rows"),
    "no version": (
        set_about("version", None),
        "which version",
    ),
}


@pytest.mark.parametrize(("edit", "reason"), FILE_CASES.values(), ids=FILE_CASES.keys())
def test_a_file_that_is_not_this_workbook_is_one_problem(assessment, edit, reason):
    reading = read_assessment_workbook(edited(workbook_of(assessment), edit), file=FILE)
    assert len(reading.problems) == 1, reading.problems
    assert reason in reading.problems[0].reason
    assert reading.lines == {}


def test_rows_up_to_the_bound_are_read(assessment):
    within = MAX_ROWS - len(key_area_codes())
    reading = read_assessment_workbook(
        edited(workbook_of(assessment), rows_added(within)), file=FILE
    )
    assert reading.problems == [] and reading.lines == assessment.lines
    beyond = read_assessment_workbook(
        edited(workbook_of(assessment), rows_added(within + 1)), file=FILE
    )
    assert [p.reason for p in beyond.problems] == [
        "Sheet Needs has more than 1,000 rows; a self-assessment has one row per key area."
    ]


def without_dimensions(data: bytes) -> bytes:
    """The workbook with no sheet saying its size (as some writers make them)."""
    import re
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            target.writestr(member, content)
    return buffer.getvalue()


def test_rows_are_counted_where_the_sheet_does_not_say_its_size(assessment):
    within = MAX_ROWS - len(key_area_codes())
    data = without_dimensions(edited(workbook_of(assessment), rows_added(within)))
    assert load_workbook(io.BytesIO(data), read_only=True)["Needs"].max_row is None
    assert read_assessment_workbook(data, file=FILE).problems == []
    data = without_dimensions(edited(workbook_of(assessment), rows_added(within + 1)))
    reading = read_assessment_workbook(data, file=FILE)
    assert [p.reason for p in reading.problems] == [
        "Sheet Needs has more than 1,000 rows; a self-assessment has one row per key area."
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"level,rank\nhigh,1\n", "Not a readable XLSX workbook"),
        (b"PK\x03\x04" + b"\0" * 100, "Not a readable XLSX workbook"),
        (b"\0" * (MAX_BYTES + 1), "less than 5 MB"),
    ],
    ids=["csv", "broken zip", "too big"],
)
def test_a_file_that_is_no_workbook_is_one_problem(db, data, reason):
    reading = read_assessment_workbook(data, file="needs.csv")
    assert [(p.file, p.record, p.field) for p in reading.problems] == [("needs.csv", "", "")]
    assert reason in reading.problems[0].reason
    assert (reading.lines, reading.version) == ({}, None)


def test_a_zip_that_is_no_workbook_is_one_problem(db):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    reading = read_assessment_workbook(buffer.getvalue(), file=FILE)
    assert len(reading.problems) == 1
    assert "Not a readable XLSX workbook" in reading.problems[0].reason


def test_a_workbook_of_another_record_is_refused(assessment, kenya, kenya_focal_point):
    other = started(kenya, kenya_focal_point)
    reading = read_assessment_workbook(workbook_of(assessment), file=FILE, assessment=other)
    assert [(p.record, p.field, p.value) for p in reading.problems] == [
        ("sheet About", "record", str(assessment.pk))
    ]
    assert "another self-assessment" in reading.problems[0].reason


def test_labels_and_blanks_read_as_the_form_saves_them(assessment):
    edit = both(
        set_cell("A.5.2", "level", "Not assessed"),
        set_cell("A.5.2", "rank", None),
        set_cell("A.5.2", "kinds", " "),
        set_cell("A.5.2", "audiences", None),
        set_cell("A.5.2", "notes", None),
        set_cell("A.5.2", "confidential", None),
        set_cell("A.8.2", "level", None),
        set_cell("A.8.2", "rank", "3"),
        set_cell("A.8.2", "confidential", "YES"),
    )
    reading = read_assessment_workbook(edited(workbook_of(assessment), edit), file=FILE)
    assert reading.problems == []
    assert reading.lines["A.5.2"] == {"level": "not_assessed"}
    assert reading.lines["A.8.2"] == {"level": "not_assessed", "rank": 3, "confidential": True}
