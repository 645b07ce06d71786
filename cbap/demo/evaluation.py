"""A demo snapshot of the midterm evaluation: the demo data frozen as loaded, so that the
evaluation pages have a frozen dataset to show and compare with the live data, and a published
demo finding on goal A.1 written from its sentences."""

from __future__ import annotations

from cbap.accounts.permissions import SYSTEM
from cbap.evaluation import sentences, services
from cbap.evaluation.models import Finding, Snapshot
from cbap.records import services as record_services

NAME = "demo-midterm"


def demo_evaluation_load(out) -> None:
    if Snapshot.objects.filter(name=NAME).exists():
        out.write(f"evaluation: the demo snapshot {NAME} exists already.")
        return
    snapshot = services.snapshot_create(
        name=NAME,
        reason="Demo data (synthetic): the demo reports and records as loaded.",
        actor=SYSTEM,
        background=False,
    )
    said = sentences.goal_sentences(snapshot, "A.1")
    finding = record_services.record_create(
        model=Finding,
        actor=SYSTEM,
        data={
            "snapshot": NAME,
            "goal": "A.1",
            "kind": Finding.Kind.FINDING,
            "text": "\n\n".join(
                ["Demo data (synthetic): a finding written from the demo numbers."]
                + [s.text for s in said]
            ),
            "sources": [s.code for s in said],
        },
    )
    record_services.record_transition(record=finding, actor=SYSTEM, action="publish")
    out.write(
        f"evaluation: demo snapshot {snapshot.name} {snapshot.get_status_display()}, "
        "and a demo finding on A.1."
    )
