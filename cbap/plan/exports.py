"""The plan export in each format, picked by name; every one renders the same dict."""

from __future__ import annotations

import json

from django.utils.translation import pgettext
from openpyxl import Workbook

from cbap.core import downloads
from cbap.plan import catalogue

CSV_COLUMNS = [
    "version",
    "goal",
    "section",
    "kind",
    "code",
    "marker",
    "text",
    "measure",
    "scope",
    "scope_source",
    "articles",
]
SCOPED_KINDS = {"key_areas", "activities", "indicators"}


def _sheet_titles() -> dict[str, str]:
    """The XLSX sheet names in the reader's language (the columns keep the data's keys)."""
    return {
        # Translators: XLSX sheet names: at most 31 characters, none of : \ / ? * [ ]
        "version": pgettext("XLSX sheet", "Version"),
        "columns": pgettext("XLSX sheet", "Header row"),
        "goal": pgettext("XLSX sheet", "Goals"),
        "key_areas": pgettext("XLSX sheet", "Key areas"),
        "activities": pgettext("XLSX sheet", "Plan activities"),
        "indicators": pgettext("XLSX sheet", "Indicators"),
        "outcomes": pgettext("XLSX sheet", "Outcomes"),
        "priorities": pgettext("XLSX sheet", "Priorities"),
        "narrative": pgettext("XLSX sheet", "Narrative"),
        "vocabularies": pgettext("XLSX sheet", "Vocabularies"),
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
            "scope_source": e.scope_source if e.kind in SCOPED_KINDS else "",
            "articles": " ".join(str(n) for n in catalogue.cited_articles(e.text)),
        }
        for e in catalogue.elements(plan)
    ]


def render_json(plan: dict) -> bytes:
    return json.dumps(plan, ensure_ascii=False, indent=2).encode("utf-8")


def render_csv(plan: dict) -> bytes:
    return downloads.csv_bytes(CSV_COLUMNS, element_rows(plan))


def render_xlsx(plan: dict) -> bytes:
    """One sheet per column of the plan's table, after the version and the table's header row;
    then the priority periods, the narrative and the vocabularies."""
    titles = _sheet_titles()
    workbook = Workbook()
    about = workbook.active
    about.title = titles["version"]
    for key, value in plan["version"].items():
        about.append([key, value])
    _sheet(workbook, titles["columns"], ["key", "title", "meaning"], plan.get("columns", []))
    rows = element_rows(plan)
    for kind in catalogue.KIND_LABELS:
        columns = ["goal", "code", "marker", "text"]
        columns += ["measure"] if kind == "indicators" else []
        columns += ["scope", "scope_source"] if kind in SCOPED_KINDS else []
        sheet = _sheet(workbook, titles[kind], columns, [r for r in rows if r["kind"] == kind])
        sheet.column_dimensions["D"].width = 100
    _sheet(
        workbook,
        titles["priorities"],
        ["decision", "starts_on", "ends_on", "element_codes", "note"],
        [{**p, "element_codes": " ".join(p["element_codes"])} for p in plan.get("priorities", [])],
    )
    _sheet(
        workbook,
        titles["narrative"],
        ["code", "part", "heading", "subheading", "number", "text"],
        plan.get("narrative", []),
    )
    _sheet(
        workbook,
        titles["vocabularies"],
        ["vocabulary", "term"],
        [
            {"vocabulary": name, "term": term}
            for name, terms in plan.get("vocabularies", {}).items()
            for term in terms
        ],
    )
    return downloads.workbook_bytes(workbook)


def _sheet(workbook, title: str, columns: list[str], rows: list[dict]):
    return downloads.add_sheet(workbook, downloads.Sheet(title, columns, rows))


RENDERERS = {"json": render_json, "csv": render_csv, "xlsx": render_xlsx}
