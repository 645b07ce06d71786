"""Organization profiles in the API: what comes in (validated here, then by the model) and what
goes out."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.accounts.models import Organization
from cbap.organizations.models import PROFILE_MAX, OrganizationProfile
from cbap.parties.api.serializers import GovernmentCodeField
from cbap.records.api.serializers import ContactChannelsInputSerializer, RecordInputSerializer


class CountryCodeField(GovernmentCodeField):
    """The country as its code (any case in, upper case stored), validated against the registry."""

    def to_internal_value(self, data):
        return super().to_internal_value(data).code


class ProfileInputSerializer(ContactChannelsInputSerializer, RecordInputSerializer):
    model = OrganizationProfile

    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text=gettext_lazy("The organization's id, on creation only."),
    )
    name = serializers.CharField(max_length=300)
    acronym = serializers.CharField(max_length=30, required=False, allow_blank=True)
    organization_type = serializers.CharField(max_length=100)
    country = CountryCodeField(
        help_text=gettext_lazy("Code of the government where it is based, e.g. KEN.")
    )
    address = serializers.CharField(required=False, allow_blank=True)
    city = serializers.CharField(max_length=200, required=False, allow_blank=True)
    profile = serializers.CharField(max_length=PROFILE_MAX)

    def validate(self, attrs):
        record = self.context.get("record")
        if record is None and "organization" not in attrs:
            raise serializers.ValidationError({"organization": _("Give the organization's id.")})
        if record is not None and attrs.get("organization", record.owner_organization) != (
            record.owner_organization
        ):
            raise serializers.ValidationError(
                {"organization": _("A profile cannot move to another organization.")}
            )
        return attrs


class ProfileOutputSerializer(serializers.Serializer):
    """A profile as the requester sees it: the working copy with its status for people who may
    see drafts, else the published revision (`version` is then the published revision)."""

    id = serializers.IntegerField(source="record.pk")
    organization = serializers.IntegerField(source="record.owner_organization_id")
    is_demo = serializers.BooleanField(
        source="record.owner_organization.is_demo",
        help_text=gettext_lazy("A synthetic organization of the demo site."),
    )
    name = serializers.CharField()
    acronym = serializers.CharField()
    organization_type = serializers.CharField()
    country = serializers.CharField()
    address = serializers.CharField()
    city = serializers.CharField()
    phones = serializers.ListField(child=serializers.CharField())
    emails = serializers.ListField(child=serializers.CharField())
    websites = serializers.ListField(child=serializers.CharField())
    profile = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    published_version = serializers.IntegerField(source="record.published_version")
