"""A Party's national contacts: focal point, competent national authority, Article 17 contact point.

These are national records in the BCH too (record types `focalPoint`, `authority` and `contact`,
see `cbap/bch/data/bch/record-types-cb.json`); field names follow the BCH's, in snake case,
and labels are the BCH form's. Lists (phones, e-mails, websites) are lists there as well.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
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
    designation = models.CharField("job title", max_length=300, blank=True)
    organization = models.CharField(max_length=300, blank=True)
    department = models.CharField("department / division / unit", max_length=300, blank=True)
    address = models.TextField("street address", blank=True)
    city = models.CharField(max_length=200, blank=True)
    state = models.CharField("state or province", max_length=200, blank=True)
    postal_code = models.CharField("postal code or zip", max_length=40, blank=True)
    responsible_for_all = models.BooleanField(
        "only designated competent national authority",
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "For a competent national authority: is it the only one in the country?"
        ),
    )
    responsibilities = models.TextField(
        "responsibilities",
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
        verbose_name = "national contact"

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("contacts:party", args=[self.owner_party.code]) + f"#contact-{self.pk}"

    def clean(self) -> None:
        errors = {}
        if not self.emails:
            errors["emails"] = "Give at least one e-mail address."
        if len(self.responsibilities) > RESPONSIBILITIES_MAX:
            errors["responsibilities"] = f"At most {RESPONSIBILITIES_MAX} characters."
        if self.role == ContactRole.COMPETENT_AUTHORITY:
            if self.responsible_for_all is None:
                errors["responsible_for_all"] = "Say whether this is the only competent authority."
            elif self.responsible_for_all is False and not self.responsibilities.strip():
                errors["responsibilities"] = "Describe the responsibilities of this authority."
        if errors:
            raise ValidationError(errors)
