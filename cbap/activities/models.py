"""Capacity-building activities and the resources of the virtual library: two record types on
the record mechanism, modelled on the BCH's "Capacity Development Initiative" (CDI) and "Virtual
Library Resource" (VLR) (`cbap/bch/data/bch/record-types-cb.json`) and on IATI 2.03.

Both have two kinds of owner, as in the BCH: a Party (a *national* record: its national users
draft, its focal point publishes) or an organization (a *reference* record: its editors write,
the Secretariat validates). Multilingual texts are stored as the BCH stores them, {language:
text}. Terms are the keys of `vocabularies`; Action Plan elements are named by their stable
codes (A.8, A.8.1, A.8.i). What the public sees is indexed in `Listing` and `Facet` on
publication (`publication_changed`), so that lists and counts read one narrow table.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.activities import facets, vocabularies
from cbap.activities.validation import activity_errors, resource_errors
from cbap.bch.text import text_in
from cbap.records.models import Record
from cbap.records.validators import ListOf


class Activity(Record):
    """A capacity-building activity (BCH: capacity development initiative)."""

    external_id = models.CharField(
        gettext_lazy("identifier in its source"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=gettext_lazy(
            "The BCH document identifier or IATI identifier it was imported under; a re-import "
            "of the same identifier makes a new revision."
        ),
    )
    title = models.JSONField(gettext_lazy("title"), default=dict)
    description = models.JSONField(gettext_lazy("description"), default=dict, blank=True)
    activity_status = models.CharField(
        gettext_lazy("status of the activity"),
        max_length=12,
        choices=vocabularies.choices("status"),
    )
    start_date = models.DateField(gettext_lazy("start date"), null=True, blank=True)
    end_date = models.DateField(gettext_lazy("end date"), null=True, blank=True)
    duration = models.PositiveSmallIntegerField(gettext_lazy("duration"), null=True, blank=True)
    duration_unit = models.CharField(
        gettext_lazy("duration unit"),
        max_length=6,
        blank=True,
        choices=vocabularies.choices("duration_unit"),
    )
    programme = models.CharField(
        gettext_lazy("parent project or programme"), max_length=300, blank=True
    )
    identifier = models.CharField(
        gettext_lazy("project number or IATI identifier"),
        max_length=150,
        blank=True,
        help_text=gettext_lazy("e.g. an IATI identifier such as FI-3-2019-123; unique when given."),
    )
    scope = models.CharField(
        gettext_lazy("geographic scope"), max_length=12, choices=vocabularies.choices("scope")
    )
    countries = models.JSONField(
        gettext_lazy("countries"), default=list, blank=True, validators=[ListOf("text")]
    )
    regions = models.JSONField(
        gettext_lazy("regions"), default=list, blank=True, validators=[ListOf("text")]
    )
    organizations = models.JSONField(
        gettext_lazy("organizations in their roles"), default=list, blank=True
    )
    funding_types = models.JSONField(
        gettext_lazy("type(s) of funding source(s)"), default=list, blank=True
    )
    budget = models.DecimalField(
        gettext_lazy("total budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(gettext_lazy("currency"), max_length=3, blank=True)
    budget_date = models.DateField(gettext_lazy("budget value date"), null=True, blank=True)
    categories = models.JSONField(gettext_lazy("categories"), default=list, blank=True)
    audiences = models.JSONField(gettext_lazy("target audiences"), default=list, blank=True)
    actors = models.JSONField(gettext_lazy("actors involved"), default=list, blank=True)
    participants = models.PositiveIntegerField(gettext_lazy("participants"), null=True, blank=True)
    participants_by_sex = models.JSONField(
        gettext_lazy("participants by sex"),
        default=dict,
        blank=True,
        help_text=gettext_lazy("women, men, other, not_recorded → number, when known"),
    )
    participants_by_audience = models.JSONField(
        gettext_lazy("participants by audience"), default=dict, blank=True
    )
    plan_codes = models.JSONField(
        gettext_lazy("Action Plan elements addressed"), default=list, blank=True
    )
    cb_areas = models.JSONField(
        gettext_lazy("capacity-building areas (national reports)"), default=list, blank=True
    )
    articles = models.JSONField(gettext_lazy("Protocol articles"), default=list, blank=True)
    gbf_targets = models.JSONField(gettext_lazy("GBF targets"), default=list, blank=True)
    sdgs = models.JSONField(gettext_lazy("Sustainable Development Goals"), default=list, blank=True)
    new_technologies = models.BooleanField(
        gettext_lazy("addresses organisms developed through new technologies"), default=False
    )
    new_technologies_note = models.TextField(gettext_lazy("new technologies: details"), blank=True)
    achievements = models.JSONField(gettext_lazy("main achievements"), default=dict, blank=True)
    lessons = models.JSONField(
        gettext_lazy("good practices and lessons learned"), default=dict, blank=True
    )
    outputs = models.JSONField(
        gettext_lazy("outputs (library resources)"), default=list, blank=True
    )
    evidence = models.JSONField(
        gettext_lazy("evidence links"), default=list, blank=True, validators=[ListOf("url")]
    )

    content_fields = (
        "title",
        "description",
        "activity_status",
        "start_date",
        "end_date",
        "duration",
        "duration_unit",
        "programme",
        "identifier",
        "scope",
        "countries",
        "regions",
        "organizations",
        "funding_types",
        "budget",
        "currency",
        "budget_date",
        "categories",
        "audiences",
        "actors",
        "participants",
        "participants_by_sex",
        "participants_by_audience",
        "plan_codes",
        "cb_areas",
        "articles",
        "gbf_targets",
        "sdgs",
        "new_technologies",
        "new_technologies_note",
        "achievements",
        "lessons",
        "outputs",
        "evidence",
    )

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = gettext_lazy("capacity-building activity")
        verbose_name_plural = gettext_lazy("capacity-building activities")

    def __str__(self) -> str:
        return text_in(self.title) or _("Activity %(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])

    def clean(self) -> None:
        if errors := activity_errors(self):
            raise ValidationError(errors)

    def publication_changed(self, content: dict | None) -> None:
        index_many([(self, content)])


class Resource(Record):
    """A resource of the virtual library (BCH: virtual library resource)."""

    external_id = models.CharField(
        gettext_lazy("identifier in its source"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=gettext_lazy(
            "The BCH document identifier or IATI identifier it was imported under; a re-import "
            "of the same identifier makes a new revision."
        ),
    )
    title = models.JSONField(gettext_lazy("title"), default=dict)
    resource_types = models.JSONField(gettext_lazy("type(s) of resource"), default=list)
    authors = models.CharField(gettext_lazy("author name(s)"), max_length=500, blank=True)
    organizations = models.JSONField(
        gettext_lazy("authoring organization(s)"), default=list, blank=True
    )
    publisher = models.CharField(gettext_lazy("publisher"), max_length=300, blank=True)
    publication_date = models.CharField(
        gettext_lazy("publication date"),
        max_length=10,
        help_text=gettext_lazy("A year, year and month, or date: 2024, 2024-12 or 2024-12-05."),
    )
    languages = models.JSONField(gettext_lazy("languages"), default=list, blank=True)
    summary = models.JSONField(gettext_lazy("summary"), default=dict)
    links = models.JSONField(
        gettext_lazy("links to the resource"), default=list, blank=True, validators=[ListOf("url")]
    )
    files = models.JSONField(gettext_lazy("files"), default=list, blank=True)
    countries = models.JSONField(
        gettext_lazy("countries"), default=list, blank=True, validators=[ListOf("text")]
    )
    cb_areas = models.JSONField(
        gettext_lazy("subjects (capacity-building areas)"), default=list, blank=True
    )
    plan_codes = models.JSONField(
        gettext_lazy("Action Plan elements addressed"), default=list, blank=True
    )
    new_technologies = models.BooleanField(
        gettext_lazy("addresses organisms developed through new technologies"), default=False
    )
    is_training_material = models.BooleanField(gettext_lazy("training material"), default=False)

    content_fields = (
        "title",
        "resource_types",
        "authors",
        "organizations",
        "publisher",
        "publication_date",
        "languages",
        "summary",
        "links",
        "files",
        "countries",
        "cb_areas",
        "plan_codes",
        "new_technologies",
        "is_training_material",
    )

    class Meta:
        ordering = ["-publication_date", "pk"]
        verbose_name = gettext_lazy("library resource")
        verbose_name_plural = gettext_lazy("library resources")

    def __str__(self) -> str:
        return text_in(self.title) or _("Resource %(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("activities:resource", args=[self.pk])

    def clean(self) -> None:
        if errors := resource_errors(self):
            raise ValidationError(errors)

    def publication_changed(self, content: dict | None) -> None:
        index_many([(self, content)])


class StoredFile(models.Model):
    """An uploaded file of a resource, kept in the database (bounded in size, type-checked on
    upload); a resource's `files` names it by id, so revisions keep pointing at it."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    media_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Listing(models.Model):
    """What the public sees of a published activity or resource, flattened for lists, search and
    counts; written only by `indexing` when the record is published or withdrawn."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", gettext_lazy("activity")
        RESOURCE = "resource", gettext_lazy("resource")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    record_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500)
    text = models.TextField(help_text="Every published text, lower case, for search.")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    owner = models.CharField(max_length=300)
    owner_party = models.ForeignKey(
        "parties.Government", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    owner_organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="one_listing_per_record")
        ]
        indexes = [models.Index(fields=["kind", "start"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id}: {self.title}"


class Facet(models.Model):
    """One value of one facet of a listing (a listing has several per facet: its countries …)."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "listing"]),
            models.Index(fields=["listing", "name", "value"]),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class ResourceUsage(models.Model):
    """Views and downloads of a resource in a month, counted without personal data (no address,
    no cookie, no person) and without the requests of known robots."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="usage")
    month = models.DateField(help_text="The first day of the month.")
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["resource", "month"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "month"], name="one_usage_row_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.month:%Y-%m}"


def index_many(records_with_content) -> None:
    """Index each (record, content) as published (`content` None: drop it from the index), in a
    few queries per thousand records: the record services call it on publication and
    withdrawal (`publication_changed`), imports and demo data for many records at once."""
    geography = facets.Geography.load()
    pairs = list(records_with_content)
    kinds = {Activity: Listing.Kind.ACTIVITY, Resource: Listing.Kind.RESOURCE}
    for model, kind in kinds.items():
        ids = [record.pk for record, _content in pairs if isinstance(record, model)]
        Listing.objects.filter(kind=kind, record_id__in=ids).delete()
    public = [(record, content) for record, content in pairs if content is not None]
    listings = Listing.objects.bulk_create(
        [Listing(**facets.listing_fields(r, c, kinds[type(r)])) for r, c in public],
        batch_size=1000,
    )
    rows = []
    for listing, (record, content) in zip(listings, public, strict=True):
        compute = facets.activity_facets if isinstance(record, Activity) else facets.resource_facets
        rows += [
            Facet(listing=listing, name=name, value=value[:40])
            for name, value in compute(record, content, geography)
        ]
    Facet.objects.bulk_create(rows, batch_size=2000)
