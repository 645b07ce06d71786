"""A Party's national contacts: focal point, competent national authority, Article 17 contact point.

These are national records in the BCH too (record types `focalPoint`, `authority` and `contact`,
see `cbap/bch/data/bch/record-types-cb.json`); field names follow the BCH's, in snake case,
and labels are the BCH form's. Lists (phones, e-mails, websites) are lists there as well.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.records.models import ContactChannels, Record


class ContactRole(models.TextChoices):
    # Titles of the BCH focal-point categories CPB-FP1 and CPB-A17-FP, and of the CNA schema.
    FOCAL_POINT = (
        "focal_point",
        gettext_lazy("National focal point for the Cartagena Protocol on Biosafety"),
    )
    COMPETENT_AUTHORITY = "competent_authority", gettext_lazy("Competent national authority")
    ARTICLE_17 = "article_17", gettext_lazy("Emergency measures (Article 17) contact point")


RESPONSIBILITIES_MAX = 300

# Labels of the content fields whose verbose name is Django's default (the field's name): given
# here, not on the field, so that marking them for translation changes no migration.
DEFAULT_LABELS = {
    "role": gettext_lazy("role"),
    "name": gettext_lazy("name"),
    "organization": gettext_lazy("organization"),
    "city": gettext_lazy("city"),
}


class NationalContact(ContactChannels, Record):
    """One national contact of a Party, in one role."""

    owner_party = models.ForeignKey(
        "parties.Government",
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=gettext_lazy("Party"),
    )
    role = models.CharField(max_length=30, choices=ContactRole.choices)
    name = models.CharField(
        max_length=300,
        help_text=gettext_lazy(
            "The person's full name, or the name of the competent national authority."
        ),
    )
    designation = models.CharField(gettext_lazy("job title"), max_length=300, blank=True)
    organization = models.CharField(max_length=300, blank=True)
    department = models.CharField(
        gettext_lazy("department / division / unit"), max_length=300, blank=True
    )
    address = models.TextField(gettext_lazy("street address"), blank=True)
    city = models.CharField(max_length=200, blank=True)
    state = models.CharField(gettext_lazy("state or province"), max_length=200, blank=True)
    postal_code = models.CharField(gettext_lazy("postal code or zip"), max_length=40, blank=True)
    responsible_for_all = models.BooleanField(
        gettext_lazy("only designated competent national authority"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "For a competent national authority: is it the only one in the country?"
        ),
    )
    responsibilities = models.TextField(
        gettext_lazy("responsibilities"),
        blank=True,
        help_text=(
            gettext_lazy(
                "For a competent national authority that is not the only one: a short "
                "description of its responsibilities (at most %(RESPONSIBILITIES_MAX)s "
                "characters)."
            )
            % {"RESPONSIBILITIES_MAX": RESPONSIBILITIES_MAX}
        ),
    )

    content_fields = (
        "role",
        "name",
        "designation",
        "organization",
        "department",
        "address",
        "city",
        "state",
        "postal_code",
        "phones",
        "emails",
        "websites",
        "responsible_for_all",
        "responsibilities",
    )

    class Meta:
        ordering = ["owner_party__name", "role", "name"]
        verbose_name = gettext_lazy("national contact")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("contacts:party", args=[self.owner_party.code]) + f"#contact-{self.pk}"

    @classmethod
    def content_labels(cls) -> dict[str, str]:
        return {**super().content_labels(), **{k: str(v) for k, v in DEFAULT_LABELS.items()}}

    def clean(self) -> None:
        errors = {}
        if not self.emails:
            errors["emails"] = _("Give at least one e-mail address.")
        if len(self.responsibilities) > RESPONSIBILITIES_MAX:
            errors["responsibilities"] = _("At most %(max)s characters.") % {
                "max": RESPONSIBILITIES_MAX
            }
        if self.role == ContactRole.COMPETENT_AUTHORITY:
            if self.responsible_for_all is None:
                errors["responsible_for_all"] = _(
                    "Say whether this is the only competent authority."
                )
            elif self.responsible_for_all is False and not self.responsibilities.strip():
                errors["responsibilities"] = _("Describe the responsibilities of this authority.")
        if errors:
            raise ValidationError(errors)
