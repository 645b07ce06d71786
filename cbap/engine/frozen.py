"""A cycle's facts as plain JSON data and back: what a frozen dataset (a snapshot of the
evaluation's inputs) keeps, so that every number computed from it is the same whenever it is
computed again, whatever happens to the live data afterwards.

What no measure reads is left out: the free text of answers, and the engine's memo (derived
again from the facts). Sets are written sorted, so the same facts give the same data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cbap.engine.facts import Cycle, RecordRef, Records, Report, Selection


@dataclass(frozen=True)
class FrozenAnswer:
    """An answer as a frozen dataset keeps it (the engine's `facts.Answer`, without its text)."""

    values: tuple[str, ...] = ()
    with_text: frozenset[str] = frozenset()
    number: int | None = None
    text: str | None = None


def cycle_data(cycle: Cycle) -> dict:
    """The cycle's facts as JSON data."""
    return {
        "number": cycle.number,
        "deadline": cycle.deadline.isoformat(),
        "populations": {
            name: None if members is None else sorted(members)
            for name, members in cycle.populations.items()
        },
        "groups": {name: sorted(members) for name, members in cycle.groups.items()},
        "unknown_members": {name: sorted(codes) for name, codes in cycle.unknown_members.items()},
        "reports": {
            code: {key: _answer_data(answer) for key, answer in sorted(report.answers.items())}
            for code, report in sorted(cycle.reports.items())
        },
        "records": None if cycle.records is None else _records_data(cycle.records),
    }


def cycle_from_data(data: Mapping) -> Cycle:
    """The facts that `cycle_data` wrote."""
    return Cycle(
        number=data["number"],
        deadline=date.fromisoformat(data["deadline"]),
        populations={
            name: None if members is None else frozenset(members)
            for name, members in data["populations"].items()
        },
        groups={name: frozenset(members) for name, members in data["groups"].items()},
        unknown_members={name: frozenset(codes) for name, codes in data["unknown_members"].items()},
        reports={
            code: Report(
                government=code,
                answers={key: _answer(raw) for key, raw in answers.items()},
            )
            for code, answers in data["reports"].items()
        },
        records=None if data["records"] is None else _records(data["records"]),
    )


def _answer_data(answer) -> dict:
    data: dict = {"values": list(answer.values)}
    if answer.with_text:
        data["with_text"] = sorted(answer.with_text)
    if answer.number is not None:
        data["number"] = answer.number
    return data


def _answer(data: Mapping) -> FrozenAnswer:
    return FrozenAnswer(
        values=tuple(data["values"]),
        with_text=frozenset(data.get("with_text", ())),
        number=data.get("number"),
    )


def _records_data(records: Records) -> dict:
    return {
        "since": records.since.isoformat(),
        "until": records.until.isoformat(),
        "recorded": {name: sorted(codes) for name, codes in records.recorded.items()},
        "selections": {
            key: {
                "records": selection.records,
                "demo": selection.demo,
                "undated": selection.undated,
                "parties": sorted(selection.parties),
                "views": selection.views,
                "downloads": selection.downloads,
                "items": None
                if selection.items is None
                else [_item_data(item) for item in selection.items],
            }
            for key, selection in records.selections.items()
        },
    }


def _records(data: Mapping) -> Records:
    return Records(
        since=date.fromisoformat(data["since"]),
        until=date.fromisoformat(data["until"]),
        recorded={name: frozenset(codes) for name, codes in data["recorded"].items()},
        selections={
            key: Selection(
                records=raw["records"],
                demo=raw["demo"],
                undated=raw["undated"],
                parties=frozenset(raw["parties"]),
                views=raw["views"],
                downloads=raw["downloads"],
                items=None if raw["items"] is None else tuple(map(_item, raw["items"])),
            )
            for key, raw in data["selections"].items()
        },
    )


def _item_data(item: RecordRef) -> dict:
    return {
        "kind": item.kind,
        "id": item.id,
        "title": item.title,
        "parties": list(item.parties),
        "demo": item.demo,
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat() if item.end else None,
    }


def _item(data: Mapping) -> RecordRef:
    return RecordRef(
        kind=data["kind"],
        id=data["id"],
        title=data["title"],
        parties=tuple(data["parties"]),
        demo=data["demo"],
        start=date.fromisoformat(data["start"]) if data["start"] else None,
        end=date.fromisoformat(data["end"]) if data["end"] else None,
    )
