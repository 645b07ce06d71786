"""Reading and writing the BCH report shapes (no Django)."""

import copy
import doctest
import json
from datetime import date

import pytest

from cbap.bch import documents
from cbap.bch.documents import (
    METADATA_KEYS,
    ReportDoc,
    read_analyzer_feed,
    read_bch_document,
    to_analyzer_feed,
)

FEED = [
    {
        "government": {"identifier": "ke"},
        "documentId": 123,
        "Q007": {"value": "implementation.partiallyInPlace"},
        "Q008": [{"value": "instrument.biosafetyGuidelines"}],
        "Q008_a": {"value": {"en": "Biosafety Act 2009"}},
    },
    {
        "government": {"identifier": "eu"},
        "documentId": 124,
        "synthetic": True,
        "submittedOn": "2026-01-15",
        "Q010": {"value": "true"},
        "Q999": {"value": "unknown, kept for validation"},
    },
]

DOCUMENT = {
    "header": {"identifier": "8F3C9A2E", "schema": "cpbNationalReport5", "languages": ["en"]},
    "government": {"identifier": "ke"},
    "realm": "BCH",
    "date": "2025-12-01",
    "contact": [{"identifier": "C1"}],
    "stakeholders": {"en": "Ministry of Environment"},
    "Q005": {"value": "true"},
    "Q007": {"value": "implementation.fullInPlace"},
}


def test_it_reads_every_report_of_an_analyzer_feed():
    docs = read_analyzer_feed(FEED)
    assert docs == [
        ReportDoc(
            government="ke",
            document_id=123,
            schema=None,
            answers={
                "Q007": {"value": "implementation.partiallyInPlace"},
                "Q008": [{"value": "instrument.biosafetyGuidelines"}],
                "Q008_a": {"value": {"en": "Biosafety Act 2009"}},
            },
        ),
        ReportDoc(
            government="eu",
            document_id=124,
            schema=None,
            answers={"Q010": {"value": "true"}, "Q999": {"value": "unknown, kept for validation"}},
            synthetic=True,
            submitted_on=date(2026, 1, 15),
        ),
    ]


def test_it_reads_a_feed_from_json_text_and_records_the_schema_it_is_told():
    docs = read_analyzer_feed(json.dumps(FEED), schema="cpbNationalReport5")
    assert [d.schema for d in docs] == ["cpbNationalReport5", "cpbNationalReport5"]
    assert (
        read_analyzer_feed(json.dumps(FEED).encode())[0].answers
        == read_analyzer_feed(FEED)[0].answers
    )


def test_it_reads_a_published_bch_document():
    doc = read_bch_document(DOCUMENT)
    assert doc.government == "ke"
    assert doc.document_id == "8F3C9A2E"
    assert doc.schema == "cpbNationalReport5"
    assert doc.submitted_on == date(2025, 12, 1)
    assert doc.synthetic is False
    # Q005 is a question of the edit form only: kept, so that validation can report it.
    assert doc.answers == {
        "Q005": {"value": "true"},
        "Q007": {"value": "implementation.fullInPlace"},
    }
    assert set(doc.metadata) == {"header", "realm", "date", "contact", "stakeholders"}


def test_it_prefers_an_explicit_document_id_and_submission_date():
    doc = read_bch_document({**DOCUMENT, "documentId": 77, "submittedOn": "2025-11-30T10:00:00Z"})
    assert (doc.document_id, doc.submitted_on) == (77, date(2025, 11, 30))


@pytest.mark.parametrize("key", sorted(METADATA_KEYS))
def test_it_never_takes_metadata_for_an_answer(key):
    item = {"government": {"identifier": "ke"}, key: "2025-01-01", "Q007": {"value": "x"}}
    if key == "government":
        item[key] = {"identifier": "ke"}
    if key == "synthetic":
        item[key] = True
    assert list(read_analyzer_feed([item])[0].answers) == ["Q007"]


def test_it_round_trips_a_feed_losslessly():
    docs = read_analyzer_feed(FEED)
    assert to_analyzer_feed(docs) == FEED
    assert read_analyzer_feed(to_analyzer_feed(docs)) == docs
    assert read_analyzer_feed(json.loads(json.dumps(to_analyzer_feed(docs)))) == docs


def test_it_round_trips_a_document_through_the_feed_shape():
    doc = read_bch_document(DOCUMENT)
    [item] = to_analyzer_feed([doc])
    assert item["government"] == {"identifier": "ke"}
    assert item["schema"] == "cpbNationalReport5"
    assert item["header"] == DOCUMENT["header"]
    assert read_analyzer_feed([item]) == [doc]


def test_it_does_not_change_what_it_reads():
    feed = copy.deepcopy(FEED)
    to_analyzer_feed(read_analyzer_feed(feed))
    assert feed == FEED


@pytest.mark.parametrize(
    ("feed", "message"),
    [
        ({"government": {"identifier": "ke"}}, "JSON array"),
        ([["not", "an", "object"]], "feed item 0 is not a JSON object"),
        ([{"documentId": 1}], "feed item 0 names no government"),
        ([{"government": {"identifier": "ke"}, "submittedOn": "soon"}], "not YYYY-MM-DD"),
    ],
)
def test_it_refuses_a_malformed_feed(feed, message):
    with pytest.raises(ValueError, match=message):
        read_analyzer_feed(feed)


def test_it_accepts_a_government_given_as_a_plain_identifier():
    assert read_analyzer_feed([{"government": "KE"}])[0].government == "KE"


def test_its_documented_examples_hold():
    assert doctest.testmod(documents).failed == 0
