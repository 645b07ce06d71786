"""The shared record mechanism: workflow status, versions and revisions.

National records (contacts, national reports …) belong to a Party; reference records (offers,
activities …) to an organization. Each concrete record type subclasses `Record`; services in
`cbap.records.services` are the only way to change one, so nothing escapes revisions or audit.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy

from cbap.records.validators import ListOf


class Status(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted for publication")
    PUBLISHED = "published", gettext_lazy("Published")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")


class Record(models.Model):
    """Base of every editable record. `version` grows by one with every saved change."""

    owner_party = models.ForeignKey(
        "parties.Government", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=0)
    published_version = models.PositiveIntegerField(
        null=True, blank=True, help_text=gettext_lazy("Revision number the public sees.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Field names whose values are the record's content (kept in revisions and compared in diffs).
    content_fields: tuple[str, ...] = ()
    # The foreign key that names the Party owning a national record (`owner_party`, unless the
    # record type names the Party in its own words, as a national report names its government).
    party_field = "owner_party"

    class Meta:
        abstract = True

    def content(self) -> dict:
        """The content fields as JSON values (dates as ISO strings, relations as primary keys)."""
        return {name: _json_value(self, name) for name in self.content_fields}

    def apply_content(self, data: dict) -> None:
        """Set content fields from JSON (or Python) values; any other key is refused."""
        unknown = set(data) - set(self.content_fields)
        if unknown:
            raise ValueError(f"Not content of {self._meta.label}: {', '.join(sorted(unknown))}")
        for name, value in data.items():
            field = self._meta.get_field(name)
            setattr(self, field.attname, field.to_python(value))

    @classmethod
    def content_labels(cls) -> dict[str, str]:
        """Field name → label shown to people (in forms, history and diffs)."""
        return {name: str(cls._meta.get_field(name).verbose_name) for name in cls.content_fields}

    @classmethod
    def listed(cls) -> models.QuerySet:
        """The records as lists show them (their name and link): a record type whose name
        reads related rows selects them here, so that a list costs one query."""
        return cls._default_manager.all()

    def publication_changed(self, content: dict | None) -> None:
        """Called by `services.record_transition` in its transaction when what the public sees
        changed: `content` was just published, or (None) nothing is public any more. A record
        type that keeps a public index of its published content (activities) updates it here."""

    @property
    def is_public(self) -> bool:
        """The public sees a record only while one of its revisions is published."""
        return self.published_version is not None


def _json_value(record: models.Model, name: str):
    field = record._meta.get_field(name)
    value = getattr(record, field.attname)
    if value is None or isinstance(value, str | bool | int | float | list | dict):
        return value
    return field.value_to_string(record)


class ContactChannels(models.Model):
    """Phones, e-mails and websites, kept as JSON lists as the BCH keeps them."""

    phones = models.JSONField(
        gettext_lazy("phone number(s)"), default=list, blank=True, validators=[ListOf("text")]
    )
    emails = models.JSONField(
        gettext_lazy("e-mail(s)"), default=list, blank=True, validators=[ListOf("email")]
    )
    websites = models.JSONField(
        gettext_lazy("website address(es)"), default=list, blank=True, validators=[ListOf("url")]
    )

    class Meta:
        abstract = True


class Revision(models.Model):
    """A saved state of a record: who, when, what changed, and the whole content then."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    content = models.JSONField()
    changed_fields = models.JSONField(default=list)
    message = models.TextField(blank=True)
    step = models.CharField(
        max_length=12,
        blank=True,
        help_text=gettext_lazy("The workflow step this revision took, if any."),
    )

    class Meta:
        ordering = ["content_type", "object_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="one_revision_number"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"revision {self.number} of {self.content_type.model} {self.object_id}"
