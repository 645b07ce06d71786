"""Reading and writing national reports in the shapes the BCH serves them.

Plain Python with no Django import. Two inputs are understood:

* the **report-analyzer feed** (``/api/v2019/report-analyzer/cpb-national-report-5`` and the
  like): a JSON array with one object per published report, the question answers as top-level
  properties next to a little metadata::

      [{"government": {"identifier": "ke"}, "documentId": 123,
        "Q007": {"value": "implementation.partiallyInPlace"},
        "Q008": [{"value": "instrument.biosafetyGuidelines"}],
        "Q008_a": {"value": {"en": "Biosafety Act 2009"}}}]

  ``read_analyzer_feed(feed)`` -> ``[ReportDoc(government="ke", document_id=123, schema=None,
  answers={"Q007": …, "Q008": …, "Q008_a": …}, synthetic=False, submitted_on=None)]``.
  The synthetic demo reports use the same shape with two more properties,
  ``"synthetic": true`` and ``"submittedOn": "2025-11-30"``.

* a **published BCH document** (``cpbNationalReport5`` record)::

      {"header": {"identifier": "8F3C…", "schema": "cpbNationalReport5", "languages": ["en"]},
       "government": {"identifier": "ke"}, "date": "2025-12-01",
       "Q007": {"value": "implementation.fullInPlace"}, …}

  ``read_bch_document(doc)`` -> ``ReportDoc(government="ke", document_id="8F3C…",
  schema="cpbNationalReport5", answers={"Q007": …}, submitted_on=date(2025, 12, 1), …)``.

Answers are kept raw (the BCH shapes; :func:`cbap.bch.answers.normalize` reads them).
Every property that is not known metadata (:data:`METADATA_KEYS`) goes into ``answers``, so that
validation can report unknown keys. Known metadata other than the ReportDoc fields is kept in
``metadata`` so that :func:`to_analyzer_feed` writes back exactly what was read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

__all__ = [
    "METADATA_KEYS",
    "ReportDoc",
    "read_analyzer_feed",
    "read_bch_document",
    "to_analyzer_feed",
]

# Properties of a feed object or document that are not answers to questions. The first line
# maps onto ReportDoc fields; the others are the BCH document envelope and the general
# information of the edit forms (contact, dates, reporting period, languages, notes …).
METADATA_KEYS = frozenset(
    {
        "government", "documentId", "schema", "synthetic", "submittedOn",
        "header", "realm", "_id", "id", "identifier", "revision", "metadata", "info",
        "createdOn", "createdBy", "updatedOn", "updatedBy", "submittedBy", "publishedOn",
        "date", "reportPeriodStartDate", "reportPeriodEndDate", "contact", "stakeholders",
        "languages", "notes", "title", "summary", "workingDocumentLock",
    }
)  # fmt: skip

# The ReportDoc fields' own keys, never copied into `metadata`.
_FIELD_KEYS = frozenset({"government", "documentId", "schema", "synthetic", "submittedOn"})


@dataclass(frozen=True)
class ReportDoc:
    """One national report as read from the BCH.

    `government` is the BCH government identifier as given (lower-case ISO 3166-1 alpha-2 in
    the BCH, e.g. "ke"; "eu" for the European Union); `document_id` the feed's ``documentId``
    (an int) or the document's ``header.identifier``; `schema` e.g. "cpbNationalReport5" when
    known; `answers` the raw answers keyed by question key, unknown keys included;
    `synthetic` true for generated demo data; `submitted_on` the submission date when given;
    `metadata` the other known metadata properties, kept for a faithful write-back.
    """

    government: str
    document_id: int | str | None
    schema: str | None
    answers: Mapping[str, Any]
    synthetic: bool = False
    submitted_on: date | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


def _loaded(obj: Any) -> Any:
    if isinstance(obj, bytes | bytearray):
        obj = obj.decode("utf-8")
    if isinstance(obj, str):
        obj = json.loads(obj)
    return obj


def _government(value: Any, where: str) -> str:
    if isinstance(value, Mapping):
        value = value.get("identifier")
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where} names no government ('government': {{'identifier': …}})")
    return value


def _date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"{where} has a submission date that is not YYYY-MM-DD: {value!r}")


def _doc(obj: Any, where: str, *, schema: str | None, date_key: str | None) -> ReportDoc:
    if not isinstance(obj, Mapping):
        raise ValueError(f"{where} is not a JSON object")
    submitted = obj.get("submittedOn")
    if submitted is None and date_key:
        submitted = obj.get(date_key)
    return ReportDoc(
        government=_government(obj.get("government"), where),
        document_id=obj.get("documentId"),
        schema=obj.get("schema") or schema,
        answers={k: v for k, v in obj.items() if k not in METADATA_KEYS},
        synthetic=obj.get("synthetic") is True,
        submitted_on=_date(submitted, where),
        metadata={k: v for k, v in obj.items() if k in METADATA_KEYS - _FIELD_KEYS},
    )


def read_analyzer_feed(obj: Any, *, schema: str | None = None) -> list[ReportDoc]:
    """The reports of a report-analyzer feed: a JSON array (a list, or its JSON text) of
    objects like ``{"government": {"identifier": "ke"}, "documentId": 123, "Q007": {…}}``.
    `schema` (e.g. "cpbNationalReport5") is recorded on every report that does not name its
    own, since the feed objects do not say which report they are.

    >>> [doc] = read_analyzer_feed([{"government": {"identifier": "ke"}, "documentId": 7,
    ...                              "Q007": {"value": "implementation.none"}}])
    >>> doc.government, doc.document_id, doc.answers
    ('ke', 7, {'Q007': {'value': 'implementation.none'}})
    """
    items = _loaded(obj)
    if not isinstance(items, list):
        raise ValueError("a report-analyzer feed is a JSON array of report objects")
    return [
        _doc(item, f"feed item {index}", schema=schema, date_key=None)
        for index, item in enumerate(items)
    ]


def read_bch_document(obj: Any) -> ReportDoc:
    """A published BCH national-report document (a dict, or its JSON text): the schema comes
    from ``header.schema``, the document id from ``documentId`` or ``header.identifier``, the
    submission date from ``submittedOn`` or the form's ``date`` (question 3, "Date of
    submission").

    >>> doc = read_bch_document({"header": {"identifier": "A1", "schema": "cpbNationalReport5"},
    ...                          "government": {"identifier": "ke"}, "date": "2025-12-01",
    ...                          "Q010": {"value": "true"}})
    >>> doc.schema, doc.document_id, doc.submitted_on.isoformat(), doc.answers
    ('cpbNationalReport5', 'A1', '2025-12-01', {'Q010': {'value': 'true'}})
    """
    obj = _loaded(obj)
    if not isinstance(obj, Mapping):
        raise ValueError("a BCH document is a JSON object")
    header = obj.get("header") or {}
    doc = _doc(obj, "the BCH document", schema=header.get("schema"), date_key="date")
    if doc.document_id is None and header.get("identifier"):
        return ReportDoc(
            government=doc.government,
            document_id=header["identifier"],
            schema=doc.schema,
            answers=doc.answers,
            synthetic=doc.synthetic,
            submitted_on=doc.submitted_on,
            metadata=doc.metadata,
        )
    return doc


def to_analyzer_feed(docs: Iterable[ReportDoc]) -> list[dict[str, Any]]:
    """Write reports back as report-analyzer feed objects: ``government``, ``documentId``
    (when known), ``schema`` (when known), ``synthetic: true`` (only for synthetic reports),
    ``submittedOn`` (YYYY-MM-DD, when known), the kept metadata, then the answers.
    ``read_analyzer_feed(to_analyzer_feed(docs)) == docs`` for feed reports, and
    ``to_analyzer_feed(read_analyzer_feed(feed)) == feed`` for a feed whose dates are
    YYYY-MM-DD and whose ``synthetic`` flags, if any, are true."""
    feed = []
    for doc in docs:
        item: dict[str, Any] = {"government": {"identifier": doc.government}}
        if doc.document_id is not None:
            item["documentId"] = doc.document_id
        if doc.schema is not None:
            item["schema"] = doc.schema
        if doc.synthetic:
            item["synthetic"] = True
        if doc.submitted_on is not None:
            item["submittedOn"] = doc.submitted_on.isoformat()
        item.update(doc.metadata)
        item.update(doc.answers)
        feed.append(item)
    return feed
