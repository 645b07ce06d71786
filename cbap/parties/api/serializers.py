"""Output shapes of the registry; the API, the JSON and CSV downloads and `cbap parties export`
all render these, so every format says the same thing."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.parties.models import (
    GOVERNMENT_CODE,
    Government,
    Grouping,
    GroupingMembership,
    ProtocolMembership,
)


class GovernmentCodeField(serializers.SlugRelatedField):
    """A government given by its code in any case ("ken" is Kenya), shown as "KEN"."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("No government {value} in the registry."),
        "invalid": gettext_lazy("Give a government's code, e.g. KEN."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Government.objects.all())
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        code = data.strip().upper() if isinstance(data, str) else data
        if not isinstance(code, str) or not GOVERNMENT_CODE.fullmatch(code):
            self.fail("invalid")  # never sent to the database (PostgreSQL refuses a NUL byte)
        return super().to_internal_value(code)


class ProtocolMembershipSerializer(serializers.ModelSerializer):
    date_status = serializers.CharField(
        read_only=True,
        help_text=gettext_lazy(
            '"known", "unverified" (one source only) or "unknown" (no date in the sources).'
        ),
    )

    class Meta:
        model = ProtocolMembership
        fields = [
            "protocol",
            "signed_on",
            "deposited_on",
            "entry_into_force_on",
            "not_before",
            "date_status",
            "date_quality",
            "source",
            "notes",
        ]


class GroupingMembershipSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="grouping.code", read_only=True)
    name = serializers.CharField(source="grouping.name", read_only=True)
    kind = serializers.CharField(source="grouping.kind", read_only=True)

    class Meta:
        model = GroupingMembership
        fields = ["code", "name", "kind", "valid_from", "valid_to", "note"]


class GovernmentSerializer(serializers.ModelSerializer):
    """A government with its memberships and its groupings on `as_of`."""

    url = serializers.CharField(source="get_absolute_url", read_only=True)
    as_of = serializers.DateField(read_only=True)
    cartagena_party = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy(
            "Party to the Cartagena Protocol on `as_of`; null when nobody can tell (no "
            "date in the sources)."
        ),
    )
    supplementary_party = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy(
            "Party to the Supplementary Protocol on `as_of`; null when nobody can tell (no "
            "date in the sources, e.g. 11 Parties between February 2019 and August 2026)."
        ),
    )
    memberships = ProtocolMembershipSerializer(many=True, read_only=True)
    groupings = GroupingMembershipSerializer(source="groupings_on_day", many=True, read_only=True)

    class Meta:
        model = Government
        fields = [
            "code",
            "iso3",
            "iso2",
            "m49",
            "name",
            "kind",
            "url",
            "as_of",
            "cartagena_party",
            "supplementary_party",
            "memberships",
            "groupings",
        ]


class GroupingSerializer(serializers.ModelSerializer):
    """A grouping with the codes of its members on `as_of`."""

    as_of = serializers.DateField(read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Grouping
        fields = ["code", "name", "kind", "description", "source", "as_of", "members"]

    def get_members(self, grouping) -> list[str]:
        return [membership.government.code for membership in grouping.members_on_day]
