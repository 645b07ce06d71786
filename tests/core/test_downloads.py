"""One convention for every file cbap hands out (`cbap.core.downloads`)."""

import io

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
