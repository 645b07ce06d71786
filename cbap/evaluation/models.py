"""The midterm evaluation's snapshots and findings.

A frozen dataset of the evaluation's inputs (a snapshot): every cycle's facts as the
indicators read them on a day (published reports, the registry on each deadline, the records of
activities, resources, needs and matches with the records behind each figure), kept so that
every number computed from it never changes afterwards while the live platform goes on, as the
BCH freezes its national-report dataset on the deadline. A finding or recommendation is written
beside the numbers of one; a report build is a document made from one by the worker."""

from __future__ import annotations

import json
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.core.jobs import STALLED_AFTER
from cbap.core.languages import deferred
from cbap.plan.models import Goal, Indicator, PlanVersion
from cbap.records.models import Record


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
    capacity = models.BinaryField(
        null=True,
        help_text=gettext_lazy(
            "The capacity-building records (activities, resources, needs, matches): JSON, "
            "compressed; none in a snapshot frozen before they were kept."
        ),
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
        return self.unpacked(self.data)

    @staticmethod
    def packed(data: dict) -> bytes:
        return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), 6)

    @staticmethod
    def unpacked(data) -> dict:
        return json.loads(zlib.decompress(bytes(data)))


class ReportBuild(models.Model):
    """A document made from a frozen snapshot by the worker (`services.report_build_run`):
    the evaluation report, or a Party's country profile, in one format and language. Queued,
    then building, then built with its file, or failed with why (and no file): the file is
    written only with the status built."""

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        BUILDING = "building", gettext_lazy("Building")
        BUILT = "built", gettext_lazy("Built")
        FAILED = "failed", gettext_lazy("Failed")

    class Step(models.TextChoices):
        READING = "reading", gettext_lazy("Reading the snapshot's numbers and the findings")
        RENDERING = "rendering", gettext_lazy("Writing the file")

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="builds")
    party = models.CharField(
        max_length=3,
        blank=True,
        help_text=gettext_lazy("A Party's code: its country profile; none: the evaluation report."),
    )
    fmt = models.CharField(max_length=4, help_text=gettext_lazy("One of `report.FORMATS`."))
    language = models.CharField(max_length=10)
    site = models.CharField(
        max_length=200, help_text=gettext_lazy("The address that links in the document start with.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=10, choices=Step.choices, blank=True)
    error = models.TextField(blank=True)
    content = models.BinaryField(null=True)
    findings_key = models.CharField(
        max_length=64,
        blank=True,
        help_text=gettext_lazy(
            "The published findings it holds (`selectors.findings_key`): out of date once they "
            "change."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:build", args=[self.pk])

    @property
    def title(self):
        """What it is, in the language of whoever reads it (a page, an e-mail)."""
        return deferred(
            gettext_lazy("Country profile of %(party)s, snapshot %(name)s (%(fmt)s)")
            if self.party
            else gettext_lazy("Evaluation report, snapshot %(name)s (%(fmt)s)"),
            name=self.snapshot.name,
            fmt=self.fmt.upper(),
            party=self.party,
        )

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.BUILT, self.Status.FAILED)

    @property
    def stalled(self) -> bool:
        """Unfinished an hour after it was asked: its worker stopped (or none runs)."""
        return not self.finished and timezone.now() - self.created_at > STALLED_AFTER


class Finding(Record):
    """A finding or a recommendation of the evaluation, for a goal or for the plan as a whole,
    written by a Secretariat analyst beside the numbers of a frozen snapshot (a record of no
    Party or organization: drafted, submitted for review, published; revisions, audit). Its
    `sources` are the indicators it draws on, each linked to its frozen page."""

    class Kind(models.TextChoices):
        FINDING = "finding", gettext_lazy("Finding")
        RECOMMENDATION = "recommendation", gettext_lazy("Recommendation")

    snapshot = models.CharField(gettext_lazy("snapshot"), max_length=60)
    goal = models.CharField(
        gettext_lazy("goal"),
        max_length=10,
        blank=True,
        help_text=gettext_lazy("A goal's code, e.g. A.1; none: the plan as a whole."),
    )
    kind = models.CharField(
        gettext_lazy("kind"), max_length=16, choices=Kind.choices, default=Kind.FINDING
    )
    text = models.TextField(gettext_lazy("text"))
    sources = models.JSONField(gettext_lazy("indicators it draws on"), default=list, blank=True)

    content_fields = ("snapshot", "goal", "kind", "text", "sources")

    class Meta:
        ordering = ["goal", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.goal or _('on the plan')}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:finding", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if not Snapshot.objects.filter(name=self.snapshot, status=Snapshot.Status.FROZEN).exists():
            errors["snapshot"] = _("No frozen snapshot is named %(name)s.") % {
                "name": self.snapshot
            }
        current = PlanVersion.current()
        goals = set(Goal.objects.filter(version=current).values_list("code", flat=True))
        if self.goal and self.goal not in goals:
            errors["goal"] = _("Not a goal of the plan: %(code)s.") % {"code": self.goal}
        if not (self.text or "").strip():
            errors["text"] = _("Write the finding or the recommendation.")
        codes = set(Indicator.objects.filter(goal__version=current).values_list("code", flat=True))
        sources = self.sources if isinstance(self.sources, list) else [self.sources]
        if unknown := [c for c in sources if c not in codes]:
            errors["sources"] = _("Not an indicator of the plan: %(codes)s.") % {
                "codes": ", ".join(map(str, unknown))
            }
        elif self.goal and (others := [c for c in sources if not c.startswith(f"{self.goal}.")]):
            errors["sources"] = _("Not an indicator of goal %(goal)s: %(codes)s.") % {
                "goal": self.goal,
                "codes": ", ".join(others),
            }
        if errors:
            raise ValidationError(errors)
