"""Every export format's writer, picked by name (the `fmt` of a download URL or `--format`)."""

from __future__ import annotations

from collections.abc import Callable

from cbap.reports.formats import bch_json, long_csv, wide, workbook
from cbap.reports.formats.exporting import ExportSet

RENDERERS: dict[str, Callable[[ExportSet], bytes]] = {
    "feed": bch_json.render_feed,
    "document": bch_json.render_document,
    "csv": long_csv.render,
    "xlsx": workbook.render_xlsx,
    "wide-csv": wide.render_csv,
    "wide-xlsx": wide.render_xlsx,
}
