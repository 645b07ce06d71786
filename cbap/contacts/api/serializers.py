"""Contacts in the API: what comes in (validated here, then by the model) and what goes out."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.contacts.models import RESPONSIBILITIES_MAX, ContactRole, NationalContact
from cbap.parties.api.serializers import GovernmentCodeField
from cbap.records.api.serializers import ContactChannelsInputSerializer, RecordInputSerializer


class ContactInputSerializer(ContactChannelsInputSerializer, RecordInputSerializer):
    model = NationalContact

    party = GovernmentCodeField(
        required=False,
        help_text=gettext_lazy("The Party's code (ISO alpha-3, any case), on creation only."),
    )
    role = serializers.ChoiceField(choices=ContactRole.choices)
    name = serializers.CharField(max_length=300)
    designation = serializers.CharField(max_length=300, required=False, allow_blank=True)
    organization = serializers.CharField(max_length=300, required=False, allow_blank=True)
    department = serializers.CharField(max_length=300, required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    city = serializers.CharField(max_length=200, required=False, allow_blank=True)
    state = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    responsible_for_all = serializers.BooleanField(required=False, allow_null=True)
    responsibilities = serializers.CharField(
        max_length=RESPONSIBILITIES_MAX, required=False, allow_blank=True
    )

    def validate(self, attrs):
        creating = self.context.get("record") is None
        if creating and "party" not in attrs:
            raise serializers.ValidationError({"party": _("Give the Party's code.")})
        if (
            not creating
            and "party" in attrs
            and attrs["party"] != self.context["record"].owner_party
        ):
            raise serializers.ValidationError(
                {"party": _("A contact cannot move to another Party.")}
            )
        return attrs


class ContactOutputSerializer(serializers.Serializer):
    """A contact as the requester sees it: the working copy with its status for people who may
    see drafts, else the published revision (`version` is then the published revision)."""

    id = serializers.IntegerField(source="record.pk")
    party = serializers.CharField(source="record.owner_party.code")
    party_name = serializers.CharField(source="record.owner_party.name")
    role = serializers.CharField()
    role_label = serializers.SerializerMethodField()
    name = serializers.CharField()
    designation = serializers.CharField()
    organization = serializers.CharField()
    department = serializers.CharField()
    address = serializers.CharField()
    city = serializers.CharField()
    state = serializers.CharField()
    postal_code = serializers.CharField()
    phones = serializers.ListField(child=serializers.CharField())
    emails = serializers.ListField(child=serializers.CharField())
    websites = serializers.ListField(child=serializers.CharField())
    responsible_for_all = serializers.BooleanField(allow_null=True)
    responsibilities = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    published_version = serializers.IntegerField(source="record.published_version")

    def get_role_label(self, view) -> str:
        return ContactRole(view.role).label if view.role in ContactRole.values else view.role
