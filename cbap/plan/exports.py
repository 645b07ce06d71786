"""The plan export in each format, picked by name; every one renders the same dict."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import Workbook
from openpyxl.styles import Font

from cbap.plan import catalogue

CSV_COLUMNS = ["version", "goal", "section", "kind", "code", "marker", "text", "measure", "scope"]
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def element_rows(plan: dict) -> list[dict]:
    sections = {g["code"]: g["section"] for g in plan["goals"]}
    return [
        {
            "version": plan["version"]["code"],
            "goal": e.goal,
            "section": sections[e.goal],
            "kind": e.kind,
            "code": e.code,
            "marker": e.marker,
            "text": e.text,
            "measure": e.measure,
            "scope": e.scope,
        }
        for e in catalogue.elements(plan)
    ]


def render_json(plan: dict) -> bytes:
    return json.dumps(plan, ensure_ascii=False, indent=2).encode("utf-8")


def render_csv(plan: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(element_rows(plan))
    return buffer.getvalue().encode("utf-8")


def render_xlsx(plan: dict) -> bytes:
    """One sheet per column of the plan's table, plus the version on the first sheet."""
    workbook = Workbook()
    about = workbook.active
    about.title = "Version"
    for key, value in plan["version"].items():
        about.append([key, value])
    rows = element_rows(plan)
    for kind, label in catalogue.KIND_LABELS.items():
        sheet = workbook.create_sheet(label)
        columns = ["goal", "code", "marker", "text"] + (
            ["measure", "scope"] if kind == "indicators" else []
        )
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            if row["kind"] == kind:
                sheet.append([row[c] for c in columns])
        sheet.column_dimensions["D"].width = 100
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


RENDERERS = {"json": render_json, "csv": render_csv, "xlsx": render_xlsx}
