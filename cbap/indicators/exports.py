"""Indicator values out of cbap, in each format, picked by name; every one renders the same dict.

`DASHBOARD_RENDERERS` take `selectors.dashboard()`, `INDICATOR_RENDERERS` take
`selectors.indicator_detail(code)`, each with the site's address as `base_url` (the view builds it
from the request). CSV has one row per value; XLSX adds the definition, the change and the
provenance as sheets, with absolute links to the reports (a spreadsheet has no site to be relative
to); JSON is the dict itself, with site-relative links as in the API.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from cbap.core import downloads
from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.indicators import results

VALUE_COLUMNS = [
    "cycle",
    "role",
    "fit",
    "status",
    "reason",
    "value",
    "value_high",
    "unit",
    "distribution",
    "context",
    "numerator",
    "denominator",
    "reported",
    "parties",
    "coverage",
    "lower_bound",
    "upper_bound",
    "ci_low",
    "ci_high",
    "unknown_members",
    "value_if_members",
    "parties_if_members",
    "shared_with",
    "synthetic_reports",
    "comparable",
    "warnings",
    "population_note",
    "source",
    "window",
    "records",
    "demo_records",
    "undated_records",
    "views",
    "downloads",
    "beside_source",
    "beside_value",
    "beside_numerator",
    "beside_denominator",
]
"""A value's columns; from `source` on, what a value from records adds (the window, the
records counted, of them demo data, those without a date, their use) and the records' figure
beside a report's value (which does not decide it)."""
DASHBOARD_COLUMNS = ["goal", "code", "indicator", "measure", "population", *VALUE_COLUMNS]
DASHBOARD_COLUMNS.append("data_needed")
INDICATOR_COLUMNS = ["code", "group", "group_label", *VALUE_COLUMNS]
PROVENANCE_COLUMNS = [
    "cycle",
    "category",
    "government",
    "name",
    "report",
    "demo",
    "answers",
    "records",
]
RECORD_COLUMNS = [
    "cycle",
    "figure",
    "kind",
    "id",
    "title",
    "url",
    "start",
    "end",
    "demo",
    "parties",
]
"""The records behind a figure from records (`figure`: value), or beside a report's (beside)."""


def _value_cells(value: results.IndicatorValue) -> dict:
    """A value in cells: a sum's range as `value` (lowest) and `value_high` ("open" when a band
    has no upper limit); the other reading of a population with members of unknown membership
    as `value_if_members` and `parties_if_members`."""
    cells = {name: getattr(value, name, None) for name in VALUE_COLUMNS}
    if isinstance(value.value, dict):
        high = value.value["high"]
        cells.update(value=value.value["low"], value_high="open" if high is None else high)
    other = value.if_members
    if other is not None:
        shown = other.value["low"] if isinstance(other.value, dict) else other.value
        cells.update(value_if_members=shown, parties_if_members=other.parties)
    cells["distribution"] = results.distribution_text(value.distribution)
    cells["context"] = results.context_text(value.context)
    cells["shared_with"] = ", ".join(value.shared_with)
    cells["warnings"] = results.warnings_text(value.warnings)
    records = value.records
    if records:
        cells.update(
            window=f"{records['since']}/{records['until']}",
            records=records["records"],
            undated_records=records["undated"],
            views=records["views"],
            downloads=records["downloads"],
        )
    if value.beside is not None:
        cells.update(
            beside_source=value.beside.source,
            beside_value=value.beside.value,
            beside_numerator=value.beside.numerator,
            beside_denominator=value.beside.denominator,
        )
    return cells


def dashboard_rows(data: dict) -> list[dict]:
    return [
        {
            "goal": goal["code"],
            "code": indicator["code"],
            "indicator": indicator["text"],
            "measure": indicator["measure"],
            "population": indicator["population"],
            **_value_cells(value),
            "data_needed": ", ".join(indicator["data_needed"]),
        }
        for goal in data["goals"]
        for indicator in goal["indicators"]
        for value in indicator["values"]
    ]


def indicator_rows(data: dict) -> list[dict]:
    rows = []
    for value in data["values"]:
        rows.append(
            {
                "code": data["code"],
                "group": "",
                "group_label": _("All Parties"),
                **_value_cells(value),
            }
        )
        for group in value.by:
            rows.append(
                {
                    "code": data["code"],
                    "group": group.group,
                    "group_label": group.label,
                    **_value_cells(group),
                }
            )
    return rows


def provenance_rows(data: dict, *, base_url: str = "") -> list[dict]:
    """One row per Party behind each figure; report links prefixed with `base_url`."""
    base = base_url.rstrip("/")
    rows = []
    for value in data["values"]:
        for category, parties in (value.provenance or {}).items():
            for party in parties:
                rows.append(
                    {
                        "cycle": value.cycle,
                        "category": category,
                        "government": party["code"],
                        "name": party["name"],
                        "report": f"{base}{party['report_url']}" if party["report_url"] else "",
                        "demo": "yes" if party["synthetic"] else "no",
                        "answers": answers_text(party["answers"]),
                        "records": " ".join(
                            f"{base}{record['url']}" for record in party.get("records", [])
                        ),
                    }
                )
    return rows


def record_rows(data: dict, *, base_url: str = "") -> list[dict]:
    """One row per record behind a figure from records, or beside a report's value; links
    prefixed with `base_url`."""
    base = base_url.rstrip("/")
    rows = []
    for value in data["values"]:
        for figure, items in (("value", value.items), ("beside", value.beside_items)):
            for item in items or []:
                rows.append(
                    {
                        **{name: item[name] for name in ("kind", "id", "title", "start", "end")},
                        "cycle": value.cycle,
                        "figure": figure,
                        "url": f"{base}{item['url']}",
                        "demo": "yes" if item["demo"] else "no",
                        "parties": " ".join(item["parties"]),
                    }
                )
    return rows


def answers_text(answers: list[dict]) -> str:
    """ "Q011: Yes; Q012_adq: no answer" for a cell."""
    parts = []
    for answer in answers:
        if not answer["answered"]:
            shown = _("no answer")
        elif answer["titles"]:
            shown = ", ".join(answer["titles"])
        else:
            shown = str(answer["number"])
        parts.append(f"{answer['key']}: {shown}")
    return "; ".join(parts)


def _json(data: dict, *, base_url: str = "") -> bytes:
    notice = {"notice": _(SYNTHETIC_NOTICE)} if data.get("synthetic") else {}
    document = results.jsonable({**notice, **data})
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _sheet(workbook, title: str, columns: list[str], rows: list[dict]):
    cells = ([_cell(row.get(column)) for column in columns] for row in rows)
    return downloads.add_sheet(workbook, downloads.Sheet(title, columns, cells))


def _link_column(sheet, column: int) -> None:
    """Make the URLs of a column clickable."""
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if isinstance(cell.value, str) and cell.value.startswith(("http://", "https://")):
            cell.hyperlink = cell.value
            cell.style = "Hyperlink"


def _cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _about_first(lines: list[tuple[str, object]]):
    """A workbook opening on its "About" sheet: an indicator is read by its definition first."""
    workbook = downloads.new_workbook()
    downloads.about_sheet(workbook, [(label, _cell(value)) for label, value in lines])
    return workbook


def _cycle_lines(data: dict) -> list[tuple[str, object]]:
    return [
        (
            f"NR{cycle['number']}",
            ngettext(
                "%(title)s (%(role)s), deadline %(deadline)s: %(reports)s published report, "
                "%(synthetic)s of them demo data",
                "%(title)s (%(role)s), deadline %(deadline)s: %(reports)s published reports, "
                "%(synthetic)s of them demo data",
                cycle["reports"],
            )
            % {
                "title": cycle["title"],
                "role": results.role_label(cycle["role"]),
                "deadline": cycle["deadline"],
                "reports": cycle["reports"],
                "synthetic": cycle["synthetic_reports"],
            },
        )
        for cycle in data["cycles"]
    ]


def _sheet_titles() -> dict[str, str]:
    """The XLSX sheet names in the reader's language (the columns keep the data's keys)."""
    return {
        # Translators: XLSX sheet names: at most 31 characters, none of : \ / ? * [ ]
        "values": pgettext("XLSX sheet", "Values"),
        "change": pgettext("XLSX sheet", "Change"),
        "provenance": pgettext("XLSX sheet", "Provenance"),
        "records": pgettext("XLSX sheet", "Records"),
    }


def dashboard_csv(data: dict, *, base_url: str = "") -> bytes:
    return downloads.csv_bytes(DASHBOARD_COLUMNS, dashboard_rows(data))


def dashboard_xlsx(data: dict, *, base_url: str = "") -> bytes:
    lines = [(_("Indicators of the Capacity-building Action Plan"), data["plan_version"])]
    if data["synthetic"]:
        lines.append((_("Notice"), _(SYNTHETIC_NOTICE)))
    workbook = _about_first(lines + _cycle_lines(data))
    _sheet(workbook, _sheet_titles()["values"], DASHBOARD_COLUMNS, dashboard_rows(data))
    return downloads.workbook_bytes(workbook)


def indicator_csv(data: dict, *, base_url: str = "") -> bytes:
    return downloads.csv_bytes(INDICATOR_COLUMNS, indicator_rows(data))


def indicator_xlsx(data: dict, *, base_url: str = "") -> bytes:
    titles = _sheet_titles()
    behind = data.get("provenance_label") or _("All Parties")
    lines: list[tuple[str, object]] = [
        (_("Indicator"), f"{data['code']} {data['text']}"),
        (_("Goal"), f"{data['goal']} {data['goal_title']}"),
        (_("Measure"), f"{data['measure']} ({data['unit']})"),
        (_("Same numerator as"), ", ".join(data["shared_with"]) or "–"),
        (_("Population"), data["population_label"]),
        (_("Data needed"), ", ".join(data["data_needed"]) or "–"),
        (_("Parties behind"), _("the figures of %(group)s") % {"group": behind}),
    ]
    if data["synthetic"]:
        lines.insert(0, (_("Notice"), _(SYNTHETIC_NOTICE)))
    for source in data["sources"]:
        cycle = {"cycle": source["cycle"]}
        labels = (_("NR%(cycle)s records"), _("NR%(cycle)s beside the value (records)"))
        for records, label in zip((source["records"], source["beside"]), labels, strict=True):
            if records:
                lines.append((label % cycle, f"{records['label']}: {records['counted_text']}"))
        lines += [
            (_("NR%(cycle)s fit") % cycle, source["fit"]),
            (
                _("NR%(cycle)s questions") % cycle,
                ", ".join(q["key"] for q in source["questions"]) or "–",
            ),
            (_("NR%(cycle)s condition") % cycle, source["condition_text"] or "–"),
            (_("NR%(cycle)s numerator") % cycle, source["numerator_text"] or "–"),
            (_("NR%(cycle)s rationale") % cycle, source["rationale"]),
            (_("NR%(cycle)s wording change") % cycle, source["wording_change"] or "–"),
        ]
    workbook = _about_first(lines + _cycle_lines(data))
    _sheet(workbook, titles["values"], INDICATOR_COLUMNS, indicator_rows(data))
    change = data.get("change")
    if change:
        panel, cross = change["panel"], change["cross_section"]
        rows = [
            {"measure": "cross-section", **{k: cross[k] for k in ("baseline", "midterm", "delta")}},
            {
                "measure": "panel",
                **{k: panel[k] for k in ("baseline", "midterm", "delta")},
                "size": panel["size"],
                "yes_yes": panel["yes_yes"],
                "b (yes → no)": panel["yes_no"],
                "c (no → yes)": panel["no_yes"],
                "no_no": panel["no_no"],
                "McNemar p": panel["p_value"],
            },
        ]
        columns = ["measure", "baseline", "midterm", "delta", "size", "yes_yes"]
        columns += ["b (yes → no)", "c (no → yes)", "no_no", "McNemar p"]
        _sheet(workbook, titles["change"], columns, rows)
    provenance = provenance_rows(data, base_url=base_url)
    sheet = _sheet(workbook, titles["provenance"], PROVENANCE_COLUMNS, provenance)
    _link_column(sheet, PROVENANCE_COLUMNS.index("report") + 1)
    records = record_rows(data, base_url=base_url)
    if records:
        sheet = _sheet(workbook, titles["records"], RECORD_COLUMNS, records)
        _link_column(sheet, RECORD_COLUMNS.index("url") + 1)
    return downloads.workbook_bytes(workbook)


DASHBOARD_RENDERERS = {"json": _json, "csv": dashboard_csv, "xlsx": dashboard_xlsx}
INDICATOR_RENDERERS = {"json": _json, "csv": indicator_csv, "xlsx": indicator_xlsx}
