"""The public profile of an organization: a reference record, as the BCH's "Biosafety
Organization" (schema `organization`, see `cbap/bch/data/bch/record-types-cb.json`).

Its organization editors write it (draft, then submit) and the Secretariat validates it before
publication, through the same record mechanism as national records: revisions, conflicts and the
audit trail. Field names follow the BCH's in snake case and labels are the BCH form's. The BCH's
type of organization is a thesaurus term whose list is not stored here, so it is free text.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.records.models import ContactChannels, Record

PROFILE_MAX = 5000

# Labels of the content fields whose verbose name is Django's default (the field's name): given
# here, not on the field, so that marking them for translation changes no migration.
DEFAULT_LABELS = {
    "acronym": gettext_lazy("acronym"),
    "country": gettext_lazy("country"),
    "address": gettext_lazy("address"),
    "city": gettext_lazy("city"),
}


class OrganizationProfile(ContactChannels, Record):
    """What the public reads about one organization (a capacity-building provider, donor or
    partner); at most one per organization."""

    owner_organization = models.OneToOneField(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="profile",
        verbose_name=gettext_lazy("organization"),
    )
    name = models.CharField(gettext_lazy("name of the organization"), max_length=300)
    acronym = models.CharField(max_length=30, blank=True)
    organization_type = models.CharField(
        gettext_lazy("type of organization"),
        max_length=100,
        help_text=gettext_lazy(
            "e.g. UN agency, intergovernmental organization, NGO, university, donor"
        ),
    )
    country = models.CharField(
        max_length=3,
        help_text=gettext_lazy("Where it is based: the government's code (ISO alpha-3), e.g. KEN."),
    )
    address = models.TextField(blank=True)
    city = models.CharField(max_length=200, blank=True)
    profile = models.TextField(
        gettext_lazy("organization’s profile"),
        help_text=gettext_lazy(
            "What the organization does for biosafety capacity-building (at most "
            "%(PROFILE_MAX)s characters)."
        )
        % {"PROFILE_MAX": PROFILE_MAX},
    )

    content_fields = (
        "name",
        "acronym",
        "organization_type",
        "country",
        "address",
        "city",
        "phones",
        "emails",
        "websites",
        "profile",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("organization profile")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", args=[self.pk])

    @classmethod
    def content_labels(cls) -> dict[str, str]:
        return {**super().content_labels(), **{k: str(v) for k, v in DEFAULT_LABELS.items()}}

    def clean(self) -> None:
        from cbap.parties.models import Government

        errors = {}
        if self.country and not Government.objects.filter(code=self.country).exists():
            errors["country"] = _("No government %(code)s in the registry.") % {
                "code": self.country
            }
        if not self.emails:
            errors["emails"] = _("Give at least one e-mail address.")
        if len(self.profile) > PROFILE_MAX:
            errors["profile"] = _("At most %(max)s characters.") % {"max": PROFILE_MAX}
        if errors:
            raise ValidationError(errors)
