"""The Capacity-building Action Plan as adopted (CP-10/4) and as later meetings adjust it.

Every element keeps a stable `code` (glossary: docs/glossary.md) that is the same in every plan
version; a version is a complete copy, so older versions stay readable and comparable.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy


class PlanVersion(models.Model):
    code = models.CharField(max_length=40, unique=True, help_text=gettext_lazy("e.g. CP-10/4"))
    title = models.CharField(max_length=300)
    decision = models.CharField(
        max_length=40, help_text=gettext_lazy("Decision that adopted or adjusted the plan.")
    )
    document = models.CharField(max_length=60, blank=True)
    adopted_on = models.DateField()
    runs_to = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)
    is_current = models.BooleanField(default=False)
    columns = models.JSONField(
        default=list,
        help_text=gettext_lazy("The table's header row: [{key, title, meaning}] per column."),
    )
    sections = models.JSONField(
        default=list, help_text=gettext_lazy("[{code, title}] of sections A and B.")
    )
    content_hash = models.CharField(
        max_length=64, help_text=gettext_lazy("Of the data file it was loaded from.")
    )
    loaded_at = models.DateTimeField(auto_now=True)
    # The official document each loaded translation comes from: {"fr": "CBD/CP/MOP/DEC/10/4"}.
    translation_sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["adopted_on", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    @classmethod
    def current(cls) -> PlanVersion:
        return cls.objects.get(is_current=True)

    @property
    def column(self) -> dict[str, dict]:
        """The header row by column key, e.g. `column["indicators"]["meaning"]` is the decision's
        "Measures whether activity took place"."""
        return {c["key"]: c for c in self.columns}

    @property
    def section_titles(self) -> dict[str, str]:
        return {s["code"]: s["title"] for s in self.sections}

    def query(self) -> str:
        """`?version=…` for links within a version other than the current one, else ""."""
        return "" if self.is_current else "?" + urlencode({"version": self.code})


class Section(models.TextChoices):  # the decision's words: plan text, not interface
    A = "A", "Areas for implementation"
    B = "B", "Enabling environment"


class Scope(models.TextChoices):
    ALL = "all", gettext_lazy("All Parties")
    SUPPLEMENTARY_PROTOCOL = (
        "supplementary_protocol",
        gettext_lazy("For Parties to the Supplementary Protocol"),
    )


class ScopeSource(models.TextChoices):
    """Whether the decision itself marks an item's scope, or cbap infers it (data/README.md)."""

    DECISION = "decision", gettext_lazy("Marked in the decision")
    INFERRED = "inferred", gettext_lazy("Inferred by cbap")


SCOPE_LABELS = {
    (Scope.SUPPLEMENTARY_PROTOCOL, ScopeSource.DECISION): gettext_lazy(
        "For Parties to the Supplementary Protocol"
    ),
    (Scope.SUPPLEMENTARY_PROTOCOL, ScopeSource.INFERRED): gettext_lazy(
        "applies to Parties to the Supplementary Protocol (inferred)"
    ),
}


class ScopedElement(models.Model):
    """Key areas, plan activities, indicators: some apply only to Supplementary Protocol Parties."""

    scope = models.CharField(max_length=30, choices=Scope.choices, default=Scope.ALL)
    scope_source = models.CharField(
        max_length=10, choices=ScopeSource.choices, default=ScopeSource.DECISION
    )

    class Meta:
        abstract = True

    @property
    def scope_label(self) -> str:
        """The decision's own marker, or a label that says cbap inferred the scope; "" for all."""
        return str(SCOPE_LABELS.get((self.scope, self.scope_source), ""))


class Measure(models.TextChoices):
    PERCENTAGE = "percentage", gettext_lazy("Percentage")
    NUMBER = "number", gettext_lazy("Number")


class Goal(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(max_length=10)
    section = models.CharField(max_length=1, choices=Section.choices)
    number = models.CharField(max_length=4)
    title = models.TextField()
    articles = models.JSONField(
        default=list, help_text=gettext_lazy("Protocol articles the goal cites.")
    )
    position = models.PositiveSmallIntegerField()
    # The title in other languages, from official translations only: {"fr": "…"}.
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="goal_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plan:element", args=[self.code])

    @property
    def section_title(self) -> str:
        """The section's title as the version's data file gives it ("Areas for implementation")."""
        return self.version.section_titles.get(self.section) or self.get_section_display()


class GoalElement(models.Model):
    """What key areas, plan activities, indicators and outcomes share: a goal, a code, a text."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE)  # named by each Meta
    code = models.CharField(max_length=16)
    text = models.TextField()
    position = models.PositiveSmallIntegerField()
    # The text in other languages, from official translations only: {"fr": "…"}.
    translations = models.JSONField(default=dict, blank=True)

    kind_label = ""

    class Meta:
        abstract = True
        ordering = ["goal", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("plan:element", args=[self.code])


class KeyArea(ScopedElement, GoalElement):
    number = models.CharField(max_length=4)
    kind_label = gettext_lazy("Key area for capacity-building")

    class Meta(GoalElement.Meta):
        default_related_name = "key_areas"
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="key_area_code")]

    @property
    def marker(self) -> str:
        return f"({self.number})"


class PlanActivity(ScopedElement, GoalElement):
    """An example capacity-building activity listed in the plan (not an activity carried out)."""

    number = models.CharField(max_length=6)
    kind_label = gettext_lazy("Capacity-building activity (example in the plan)")

    class Meta(GoalElement.Meta):
        verbose_name_plural = gettext_lazy("plan activities")
        default_related_name = "plan_activities"
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="plan_activity_code")]

    @property
    def marker(self) -> str:
        return f"({self.number})"


class Indicator(ScopedElement, GoalElement):
    letter = models.CharField(max_length=2)
    measure = models.CharField(max_length=12, choices=Measure.choices)
    kind_label = gettext_lazy("Indicator")

    class Meta(GoalElement.Meta):
        default_related_name = "indicators"
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="indicator_code")]

    def get_absolute_url(self) -> str:
        return reverse("plan:indicator", args=[self.code])

    @property
    def marker(self) -> str:
        return f"({self.letter})"


class Outcome(GoalElement):
    number = models.CharField(
        max_length=4, help_text=gettext_lazy("o1, o2 … in the order of the decision")
    )
    kind_label = gettext_lazy("Outcome")

    class Meta(GoalElement.Meta):
        default_related_name = "outcomes"
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="outcome_code")]

    @property
    def marker(self) -> str:
        return self.number


class NarrativeParagraph(models.Model):
    """A paragraph of the decision or of its annex, which explain the plan around the table."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="narrative")
    code = models.CharField(max_length=30)
    part = models.CharField(max_length=20)
    heading = models.CharField(max_length=300, blank=True)
    subheading = models.CharField(max_length=300, blank=True)
    number = models.CharField(max_length=12, blank=True)
    text = models.TextField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="narrative_code")]

    def __str__(self) -> str:
        return self.code


class VocabularyTerm(models.Model):
    """Actors, target audiences and levels named by the plan (¶13–15), for later records to use."""

    class Vocabulary(models.TextChoices):
        ACTORS = "actors", gettext_lazy("Actors")
        TARGET_AUDIENCES = "target_audiences", gettext_lazy("Target audiences")
        LEVELS = "levels", gettext_lazy("Levels")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="terms")
    vocabulary = models.CharField(max_length=20, choices=Vocabulary.choices)
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "vocabulary", "position"]

    def __str__(self) -> str:
        return self.text


class IndicatorTarget(models.Model):
    """A value an indicator is to reach by a year (2030, or an interim milestone before it), as
    a meeting of the Parties or a recommendation set it: data of a plan version, with its
    source, never computed by cbap."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="targets")
    indicator_code = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    value = models.FloatField()
    source = models.CharField(
        max_length=200, help_text=gettext_lazy("The decision or recommendation that sets it.")
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "indicator_code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "indicator_code", "year"], name="one_target_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code} by {self.year}: {self.value:g}"


class PriorityPeriod(models.Model):
    """Priorities the meeting of the Parties sets for a period of work (annex ¶21–22)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="priorities")
    decision = models.CharField(max_length=40)
    starts_on = models.DateField()
    ends_on = models.DateField()
    element_codes = models.JSONField(
        default=list, help_text=gettext_lazy("Codes of the prioritized elements.")
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "starts_on"]

    def __str__(self) -> str:
        return f"{self.decision}: {self.starts_on}–{self.ends_on}"
