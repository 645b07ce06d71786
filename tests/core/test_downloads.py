"""One convention for every file cbap hands out (`cbap.core.downloads`)."""

import csv
import io

from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from cbap.core import downloads


def test_a_csv_is_utf8_with_a_byte_order_mark_and_starts_with_its_header():
    content = downloads.csv_bytes(["code", "name"], [["TUR", "Türkiye"], {"code": "KEN"}])
    assert content.startswith(b"\xef\xbb\xbfcode,name\n")
    assert content.decode("utf-8-sig").splitlines() == ["code,name", "TUR,Türkiye", "KEN,"]


def test_a_file_name_says_its_filters_and_leaves_empty_ones_out():
    name = downloads.file_name(
        "parties",
        "2019-10-01",
        filters={"region": "weog", "q": "", "filter": ["Q1:yes", "Q2:b"]},
        extension="csv",
    )
    assert name == "cbap-parties-2019-10-01-region-weog-filter-Q1-yes-Q2-b.csv"
    assert downloads.file_name("plan", "CP-10/4", extension="json") == "cbap-plan-CP-10-4.json"


def test_a_workbook_holds_data_sheets_then_about_and_text_never_becomes_a_formula():
    sheet = downloads.Sheet("Data", ["code", "answer"], [["KEN", "=1+1"]])
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes([sheet], [("Source", "demo")])))
    assert book.sheetnames == ["Data", "About"]
    cell = book["Data"]["B2"]
    assert cell.value == "=1+1" and cell.data_type == "s"
    assert book["Data"].freeze_panes == "A2"
    assert dict(book["About"].iter_rows(values_only=True)) == {"Source": "demo"}


def test_a_download_is_an_attachment_typed_by_its_extension():
    response = downloads.download(b"[]", "cbap-nr5.feed.json")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="cbap-nr5.feed.json"'


def test_a_streamed_csv_is_the_same_file_line_by_line():
    header, rows = ["code", "name"], [["TUR", "Türkiye"], ["KEN", "Kenya"]]
    lines = list(downloads.csv_stream(header, iter(rows)))
    assert lines[0] == "\ufeffcode,name\n"
    assert "".join(lines).encode() == downloads.csv_bytes(header, rows)


def test_a_download_of_lines_streams_them():
    response = downloads.download(downloads.csv_stream(["at"], [["2026"]]), "cbap-audit.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(response.streaming_content) == b"\xef\xbb\xbfat\n2026\n"


def test_a_csv_is_its_header_and_its_rows_and_nothing_else():
    content = downloads.csv_bytes(["code", "name"], [{"code": "KEN"}, ["TUR", "T"]])
    assert content.decode("utf-8-sig") == "code,name\nKEN,\nTUR,T\n"  # no note above or below


def test_a_sheet_takes_rows_as_mappings_keyed_by_its_header():
    sheet = downloads.Sheet("Data", ["code", "formula"], [{"code": "KEN", "formula": "=A1"}])
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes([sheet])))
    assert book.sheetnames == ["Data"]  # nothing to say, no About
    assert list(book["Data"].values) == [("code", "formula"), ("KEN", "=A1")]
    assert book["Data"]["B2"].data_type == "s"


def test_a_file_name_says_each_choice_of_a_filtered_download():
    filters = {"compare": 4, "filter": ["Q1:yes"], "by": None}
    name = downloads.file_name("nr5", "Q007", "region", filters=filters, extension="xlsx")
    assert name == "cbap-nr5-Q007-region-compare-4-filter-Q1-yes.xlsx"
    assert downloads.file_name("indicators", extension="csv") == "cbap-indicators.csv"


TRICKY = [
    '=HYPERLINK("http://x","click")',
    "+1",
    "-5 years",
    "@SUM(A1)",
    "\tTab",
    "\rReturn",
    "'",
    "''",
    "'=already quoted",
    "'plain quote",
    "plain",
    "",
    "a=b",
]


def test_no_csv_cell_starts_a_formula_and_every_text_reads_back_as_it_was():
    content = downloads.csv_bytes(["text"], [[text] for text in TRICKY])
    text = content.decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(text, newline=""))][1:]
    assert not [cell for cell in cells if cell.startswith(downloads.FORMULA_STARTS)]
    assert [downloads.csv_text_read(cell) for cell in cells] == TRICKY
    assert cells[0] == '\'=HYPERLINK("http://x","click")' and cells[10] == "plain"
    numbers = downloads.csv_bytes(["n"], [[-3], [1.5]]).decode("utf-8-sig")
    assert numbers.splitlines() == ["n", "-3", "1.5"]  # numbers are numbers, not texts
