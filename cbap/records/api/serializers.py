"""Serializers shared by every record type's API."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.accounts.models import Organization
from cbap.parties.api.serializers import GovernmentCodeField
from cbap.records.models import Revision


class RecordInputSerializer(serializers.Serializer):
    """Base of a record type's input: the version the change starts from and the note for the
    history; `content()` is what `cbap.records.services` saves (`model.content_fields`)."""

    model = None  # the record type

    version = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=gettext_lazy("The version you start from, unless If-Match."),
    )
    message = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text=gettext_lazy("Note for the history."),
    )

    def content(self) -> dict:
        return {
            name: value
            for name, value in self.validated_data.items()
            if name in self.model.content_fields
        }


class OwnedInputSerializer(RecordInputSerializer):
    """Input of a record type with either owner: the Party's code or the organization's id,
    given on creation only."""

    party = GovernmentCodeField(
        required=False, help_text=gettext_lazy("On creation: the Party's code, e.g. KEN.")
    )
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text=gettext_lazy("On creation: the organization's id."),
    )

    def validate(self, attrs):
        record = self.context.get("record")
        owners = [name for name in ("party", "organization") if attrs.get(name) is not None]
        if record is None and len(owners) != 1:
            raise serializers.ValidationError(
                {"party": _("Give either the Party's code or the organization's id.")}
            )
        if record is not None and owners:
            raise serializers.ValidationError(
                {owners[0]: _("A record cannot move to another owner.")}
            )
        return attrs


class ContactChannelsInputSerializer(serializers.Serializer):
    """The fields of `records.models.ContactChannels`."""

    phones = serializers.ListField(child=serializers.CharField(max_length=60), required=False)
    emails = serializers.ListField(child=serializers.EmailField(), allow_empty=False)
    websites = serializers.ListField(child=serializers.URLField(), required=False)


class RevisionOutputSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = Revision
        fields = [
            "number",
            "created_at",
            "author",
            "status",
            "changed_fields",
            "message",
            "content",
        ]


class FieldChangeSerializer(serializers.Serializer):
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class DiffOutputSerializer(serializers.Serializer):
    a = serializers.IntegerField()
    b = serializers.IntegerField()
    changes = serializers.DictField(child=FieldChangeSerializer())


class DiffQuerySerializer(serializers.Serializer):
    a = serializers.IntegerField(min_value=1)
    b = serializers.IntegerField(min_value=1)


class TransitionInputSerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text=gettext_lazy("Same as message."),
    )
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=gettext_lazy("The version you looked at, unless If-Match."),
    )

    def text(self) -> str:
        return self.validated_data.get("message") or self.validated_data.get("reason") or ""


class RestoreInputSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1)
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=gettext_lazy("The version you start from, unless If-Match."),
    )


class ConflictOutputSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()
    changes = serializers.DictField(child=FieldChangeSerializer())
