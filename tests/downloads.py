"""What every CSV download of cbap is, checked the same way in each app's tests."""

import csv
import io

BOM = b"\xef\xbb\xbf"


def data_only_csv(content: bytes, first_columns: list[str]) -> list[list[str]]:
    """The rows of a CSV download after asserting the convention (`cbap.core.downloads`): UTF-8
    with a byte-order mark, then the header (starting with `first_columns`), then rows of data
    as wide as the header: no notes above, below or beside them."""
    assert content.startswith(BOM + ",".join(first_columns).encode())
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    assert header[: len(first_columns)] == list(first_columns)
    assert all(len(row) == len(header) for row in rows), "a row that is not data"
    return rows
