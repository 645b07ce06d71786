"""Self-assessments, offers and requests for support in the API: what comes in (shapes checked
here, every rule by the model, the same as for the forms and the workbook) and what goes out."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cbap.needs import selectors
from cbap.needs.models import Offer, SelfAssessment, SupportRequest
from cbap.parties.api.serializers import GovernmentCodeField
from cbap.records.api.serializers import OwnedInputSerializer, RecordInputSerializer

LINES_HELP = gettext_lazy(
    'Key area → {"level": "high|medium|low|none|not_assessed", "rank": 1, "kinds": [...], '
    '"audiences": [...], "notes": "…", "confidential": false}.'
)


class NationalInputSerializer(RecordInputSerializer):
    """A Party's own record: its code on creation, never another afterwards."""

    party = GovernmentCodeField(
        required=False, help_text=gettext_lazy("On creation: the Party's code, e.g. KEN.")
    )

    def validate(self, attrs):
        record = self.context.get("record")
        if record is None and attrs.get("party") is None:
            raise serializers.ValidationError({"party": _("Give the Party's code.")})
        if record is not None and attrs.get("party") not in (None, record.owner_party):
            raise serializers.ValidationError(
                {"party": _("A record cannot move to another owner.")}
            )
        return attrs


class SelfAssessmentInputSerializer(NationalInputSerializer):
    model = SelfAssessment

    assessed_on = serializers.DateField()
    lines = serializers.JSONField(help_text=LINES_HELP)
    sources = serializers.JSONField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField(max_length=3), required=False)


class SelfAssessmentOutputSerializer(serializers.Serializer):
    """A self-assessment as the requester sees it (the published revision for the public, its
    confidential lines saying only that they are)."""

    id = serializers.IntegerField(source="record.pk")
    party = serializers.CharField(source="record.owner_party.code")
    is_synthetic = serializers.BooleanField(source="record.is_synthetic")
    assessed_on = serializers.CharField()
    lines = serializers.SerializerMethodField(help_text=LINES_HELP)
    sources = serializers.JSONField()
    notes = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    version = serializers.IntegerField()
    published_version = serializers.IntegerField(source="record.published_version")

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_lines(self, view) -> dict:
        request = self.context.get("request")
        return selectors.visible_lines(getattr(request, "user", None), view.record, view.content)


class OfferInputSerializer(OwnedInputSerializer):
    model = Offer

    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True)
    key_areas = serializers.ListField(child=serializers.CharField(max_length=16))
    kinds = serializers.ListField(child=serializers.CharField(max_length=30))
    eligible = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    languages = serializers.ListField(child=serializers.CharField(max_length=3), required=False)
    audiences = serializers.ListField(child=serializers.CharField(max_length=60), required=False)
    places = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    contact = serializers.CharField(required=False, allow_blank=True, max_length=300)


class OfferOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="record.pk")
    party = serializers.CharField(source="record.owner_party.code", default=None)
    organization = serializers.IntegerField(source="record.owner_organization_id")
    is_synthetic = serializers.BooleanField(source="record.is_synthetic")
    title = serializers.CharField()
    description = serializers.CharField()
    key_areas = serializers.ListField(child=serializers.CharField())
    kinds = serializers.ListField(child=serializers.CharField())
    eligible = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    audiences = serializers.ListField(child=serializers.CharField())
    places = serializers.IntegerField(allow_null=True)
    budget = serializers.CharField(allow_null=True)
    currency = serializers.CharField()
    start_date = serializers.CharField(allow_null=True)
    end_date = serializers.CharField(allow_null=True)
    contact = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    published_version = serializers.IntegerField(source="record.published_version")


class SupportRequestInputSerializer(NationalInputSerializer):
    model = SupportRequest

    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True)
    key_areas = serializers.ListField(
        child=serializers.CharField(max_length=16),
        help_text=gettext_lazy("Key areas that the Party's self-assessment rates as needs."),
    )
    kinds = serializers.ListField(child=serializers.CharField(max_length=30), required=False)
    audiences = serializers.ListField(child=serializers.CharField(max_length=60), required=False)
    languages = serializers.ListField(child=serializers.CharField(max_length=3), required=False)
    needed_by = serializers.DateField(required=False, allow_null=True)
    contact = serializers.CharField(required=False, allow_blank=True, max_length=300)


class SupportRequestOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="record.pk")
    party = serializers.CharField(source="record.owner_party.code")
    is_synthetic = serializers.BooleanField(source="record.is_synthetic")
    title = serializers.CharField()
    description = serializers.CharField()
    key_areas = serializers.ListField(child=serializers.CharField())
    kinds = serializers.ListField(child=serializers.CharField())
    audiences = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    needed_by = serializers.CharField(allow_null=True)
    contact = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    published_version = serializers.IntegerField(source="record.published_version")
