"""A frozen dataset of the evaluation's inputs (a snapshot): every cycle's facts as the
indicators read them on a day (published reports, the registry on each deadline, the records of
activities, resources, needs and matches with the records behind each figure), kept so that
every number computed from it never changes afterwards while the live platform goes on, as the
BCH freezes its national-report dataset on the deadline."""

from __future__ import annotations

import json
import zlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy


class Snapshot(models.Model):
    """Frozen by the Secretariat in the background (`services.snapshot_freeze`): queued, then
    freezing, then frozen with its data, or failed with why (and no data)."""

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        FREEZING = "freezing", gettext_lazy("Freezing")
        FROZEN = "frozen", gettext_lazy("Frozen")
        FAILED = "failed", gettext_lazy("Failed")

    name = models.SlugField(gettext_lazy("name"), max_length=60, unique=True)
    reason = models.TextField(gettext_lazy("why it is frozen"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    cycles_done = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    data = models.BinaryField(
        null=True, help_text=gettext_lazy("The cycles' facts: JSON, compressed.")
    )
    summary = models.JSONField(
        default=dict, help_text=gettext_lazy("Per cycle: the reports and records it holds.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:snapshot", args=[self.name])

    @property
    def frozen(self) -> bool:
        return self.status == self.Status.FROZEN

    def cycles(self) -> dict:
        """Cycle number (as text) → the cycle's frozen data (`indicators.snapshots`)."""
        return json.loads(zlib.decompress(bytes(self.data)))

    @staticmethod
    def packed(cycles: dict) -> bytes:
        return zlib.compress(json.dumps(cycles, separators=(",", ":")).encode("utf-8"), 6)
