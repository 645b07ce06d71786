"""A fingerprint of everything an indicator's value is computed from, so that a caller can
tell whether two values were computed on the same facts (and could cache them)."""

from __future__ import annotations

import hashlib
import json

from cbap.engine.definitions import Definition
from cbap.engine.facts import Answer, Cycle

METHOD_VERSION = 4
"""Part of every fingerprint: bump it when a change to `indicators.compute` alters what it returns.
2: bounds keep what is known of non-reporters; populations of unknown members or not of Parties.
3: sums of banded answers as ranges; context counts; members of unknown membership.
4: values from the published records of activities and resources, and beside a report's."""


def fingerprint(definition: Definition, cycle: Cycle) -> str:
    """A stable sha256 of everything compute() reads, so callers can cache its results.

    Only the answers to the questions this cycle's source reads, and only of the
    population's governments, are included: other edits leave the fingerprint alone. A source
    from records (or beside a report's value) adds what it selects of the published records:
    the window, each selection's counts and Parties (not the records' titles), and the Parties
    that any record counts for.
    """
    source = definition.source_for(cycle.number)
    questions = sorted(source.referenced_questions()) if source else []
    population = cycle.populations.get(definition.population) or frozenset()
    facts = {
        "method": METHOD_VERSION,
        "definition": definition.to_dict(),
        "cycle": cycle.number,
        "deadline": cycle.deadline.isoformat(),
        "populations": {
            name: None if codes is None else sorted(codes)
            for name, codes in cycle.populations.items()
        },
        "unknown_members": {name: sorted(codes) for name, codes in cycle.unknown_members.items()},
        "groups": {name: sorted(codes) for name, codes in cycle.groups.items()},
        "reports": {
            government: {
                "answers": {
                    question: _answer_facts(report.answers[question])
                    for question in questions
                    if question in report.answers
                },
            }
            for government, report in cycle.reports.items()
            if government in population
        },
        "records": _records_facts(source, cycle),
    }
    encoded = json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _answer_facts(answer: Answer) -> dict:
    # Free text is left out: no measure reads it.
    return {
        "values": list(answer.values),
        "with_text": sorted(answer.with_text),
        "number": answer.number,
    }


def _records_facts(source, cycle: Cycle) -> dict | None:
    selectors = source.record_selectors() if source else ()
    records = cycle.records
    if not selectors or records is None:
        return None
    selections = {}
    for selector in selectors:
        found = records.selections.get(selector.key)
        selections[selector.key] = found and {
            "records": found.records,
            "demo": found.demo,
            "undated": found.undated,
            "parties": sorted(found.parties),
            "views": found.views,
            "downloads": found.downloads,
        }
    return {
        "since": records.since.isoformat(),
        "until": records.until.isoformat(),
        "recorded": {
            name: sorted(records.recorded.get(name, ()))
            for name in sorted({selector.records for selector in selectors})
        },
        "selections": selections,
    }
