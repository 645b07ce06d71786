"""The BCH's two JSON formats, read and written: the report-analyzer feed (an array of flat
report objects) and BCH national-report documents (``header.schema``).

One reader takes both, item by item, since a file may hold either; feeds and documents hold
published reports (the importer gives them that status).
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from cbap.bch.documents import ReportDoc, read_analyzer_feed, read_bch_document, to_analyzer_feed
from cbap.reports.formats.exporting import ExportSet
from cbap.reports.formats.incoming import IncomingReport, Reading
from cbap.reports.models import ReportingCycle
from cbap.reports.selectors import ReportVersion


def read(reading: Reading, content: bytes, default_cycle: ReportingCycle | None):
    """Every feed item or document of a JSON file (an array of them, or one object)."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        reading.problem(_("Not valid JSON: %(error)s.") % {"error": error})
        return []
    except RecursionError:
        data = None
    if data is None or _depth(data) > MAX_DEPTH:
        reading.problem(
            _(
                "The JSON is nested more than %(depth)s levels deep; a BCH feed or document is "
                "never nested so deep."
            )
            % {"depth": MAX_DEPTH}
        )
        return []
    items = data if isinstance(data, list) else [data]
    result: list[IncomingReport] = []
    for index, item in enumerate(items, start=1):
        is_document = isinstance(item, dict) and isinstance(item.get("header"), dict)
        where = (
            _("document %(number)s") % {"number": index}
            if is_document
            else _("feed item %(number)s") % {"number": index}
        )
        try:
            if is_document:
                doc = read_bch_document(item)
            else:
                [doc] = read_analyzer_feed([item])
        except ValueError as error:
            government = item.get("government") if isinstance(item, dict) else None
            if isinstance(government, dict):
                government = government.get("identifier")
            reading.problem(f"{error}.", row=where, report=str(government or ""))
            continue
        document_id, identifier = doc.document_id, ""
        header = doc.metadata.get("header")
        if isinstance(header, dict) and header.get("identifier"):
            identifier = str(header["identifier"])
        elif isinstance(doc.metadata.get("identifier"), str):
            identifier = doc.metadata["identifier"]
        if isinstance(document_id, str):
            identifier = identifier or document_id
            document_id = int(document_id) if document_id.isdigit() else None
        elif document_id is not None and not isinstance(document_id, int):
            reading.problem(
                _("documentId must be a whole number, not %(value)s.")
                % {"value": repr(document_id)},
                report=doc.government,
                row=where,
            )
            document_id = None
        result.append(
            IncomingReport(
                government=doc.government,
                where=where,
                answers=dict(doc.answers),
                cycle=doc.schema,
                submitted_on=doc.submitted_on,
                document_id=document_id,
                bch_identifier=identifier,
                synthetic=doc.synthetic,
            )
        )
    return result


MAX_DEPTH = 20
"""Levels of nesting a BCH feed or document may have (its answers need five)."""


def _depth(data) -> int:
    """How deeply the JSON value is nested, without recursion (a hostile file may nest deeper
    than Python recurses)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            stack.extend((child, depth + 1) for child in children)
    return deepest


def kind(content: bytes) -> str:
    """ "document" when the file's first object has a ``header.schema``, else "feed"."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "feed"  # the reader reports why it cannot be read
    items = data if isinstance(data, list) else [data]
    first = next((item for item in items if isinstance(item, dict)), {})
    if isinstance(first.get("header"), dict) and first["header"].get("schema"):
        return "document"
    return "feed"


def _government_id(report: ReportVersion) -> str:
    return report.government.iso2.lower()


def _doc(export: ExportSet, report: ReportVersion) -> ReportDoc:
    metadata = {"identifier": report.bch_identifier} if report.bch_identifier else {}
    return ReportDoc(
        government=_government_id(report),
        document_id=report.document_id,
        schema=export.cycle.schema,
        answers=report.answers,
        synthetic=report.is_synthetic,
        submitted_on=report.submitted_on,
        metadata=metadata,
    )


def render_feed(export: ExportSet) -> bytes:
    """A report-analyzer feed: a JSON array, one object per report."""
    feed = to_analyzer_feed(_doc(export, r) for r in export.reports)
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")


def render_document(export: ExportSet) -> bytes:
    """BCH national-report documents (``header.schema``): one JSON object for one report, a
    JSON array of them for several."""
    documents = []
    for report in export.reports:
        header: dict[str, Any] = {"schema": export.cycle.schema, "languages": ["en"]}
        if report.bch_identifier:
            header["identifier"] = report.bch_identifier
        document: dict[str, Any] = {
            "header": header,
            "government": {"identifier": _government_id(report)},
        }
        if report.document_id is not None:
            document["documentId"] = report.document_id
        if report.submitted_on:
            document["date"] = report.submitted_on.isoformat()
        if report.is_synthetic:
            document["synthetic"] = True
        document.update(report.answers)
        documents.append(document)
    data: Any = documents[0] if len(documents) == 1 else documents
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
