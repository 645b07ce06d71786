"""A demo snapshot of the midterm evaluation: the demo data frozen as loaded, so that the
evaluation pages have a frozen dataset to show and compare with the live data."""

from __future__ import annotations

from cbap.accounts.permissions import SYSTEM
from cbap.evaluation import services
from cbap.evaluation.models import Snapshot

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
    out.write(f"evaluation: demo snapshot {snapshot.name} {snapshot.get_status_display()}.")
