"""Activities and resources in the API: what comes in (shapes checked here, every rule by the
model, the same as for the forms and imports) and what goes out."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.activities.models import Activity, Resource
from cbap.records.api.serializers import OwnedInputSerializer

TEXT_HELP = gettext_lazy('Text by language, e.g. {"en": "…", "fr": "…"}.')
LIST_HELP = gettext_lazy("Keys of the vocabulary (see the activities data README).")


class ActivityInputSerializer(OwnedInputSerializer):
    model = Activity

    title = serializers.JSONField(help_text=TEXT_HELP)
    description = serializers.JSONField(required=False, help_text=TEXT_HELP)
    activity_status = serializers.CharField(max_length=12)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    duration = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    duration_unit = serializers.CharField(required=False, allow_blank=True, max_length=6)
    programme = serializers.CharField(required=False, allow_blank=True, max_length=300)
    identifier = serializers.CharField(required=False, allow_blank=True, max_length=150)
    scope = serializers.CharField(max_length=12)
    countries = serializers.ListField(child=serializers.CharField(max_length=3), required=False)
    regions = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    organizations = serializers.ListField(child=serializers.DictField(), required=False)
    funding_types = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=LIST_HELP
    )
    budget = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )
    currency = serializers.CharField(required=False, allow_blank=True, max_length=3)
    budget_date = serializers.DateField(required=False, allow_null=True)
    categories = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=LIST_HELP
    )
    audiences = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=LIST_HELP
    )
    actors = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=LIST_HELP
    )
    participants = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    participants_by_sex = serializers.DictField(
        child=serializers.IntegerField(min_value=0), required=False
    )
    participants_by_audience = serializers.DictField(
        child=serializers.IntegerField(min_value=0), required=False
    )
    plan_codes = serializers.ListField(child=serializers.CharField(max_length=16), required=False)
    cb_areas = serializers.ListField(child=serializers.CharField(), required=False)
    articles = serializers.ListField(child=serializers.CharField(max_length=3), required=False)
    gbf_targets = serializers.ListField(child=serializers.CharField(), required=False)
    sdgs = serializers.ListField(child=serializers.CharField(), required=False)
    new_technologies = serializers.BooleanField(required=False)
    new_technologies_note = serializers.CharField(required=False, allow_blank=True)
    achievements = serializers.JSONField(required=False, help_text=TEXT_HELP)
    lessons = serializers.JSONField(required=False, help_text=TEXT_HELP)
    outputs = serializers.ListField(child=serializers.IntegerField(), required=False)
    evidence = serializers.ListField(child=serializers.URLField(), required=False)

    def content(self) -> dict:
        content = super().content()
        for name in ("start_date", "end_date", "budget_date"):
            if content.get(name) is not None:
                content[name] = content[name].isoformat()
        if content.get("budget") is not None:
            content["budget"] = str(content["budget"])
        return content


class ResourceInputSerializer(OwnedInputSerializer):
    model = Resource

    title = serializers.JSONField(help_text=TEXT_HELP)
    resource_types = serializers.ListField(child=serializers.CharField(), help_text=LIST_HELP)
    authors = serializers.CharField(required=False, allow_blank=True, max_length=500)
    organizations = serializers.ListField(child=serializers.DictField(), required=False)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=300)
    publication_date = serializers.CharField(max_length=10)
    languages = serializers.ListField(child=serializers.CharField(max_length=3), required=False)
    summary = serializers.JSONField(help_text=TEXT_HELP)
    links = serializers.ListField(child=serializers.URLField(), required=False)
    countries = serializers.ListField(child=serializers.CharField(max_length=3), required=False)
    cb_areas = serializers.ListField(child=serializers.CharField(), required=False)
    plan_codes = serializers.ListField(child=serializers.CharField(max_length=16), required=False)
    new_technologies = serializers.BooleanField(required=False)
    is_training_material = serializers.BooleanField(required=False)


class _RecordOutput(serializers.Serializer):
    """A record as the requester sees it: the working copy with its status for people who may
    see drafts, else the published revision."""

    id = serializers.IntegerField(source="record.pk")
    party = serializers.CharField(source="record.owner_party.code", default=None)
    organization = serializers.IntegerField(source="record.owner_organization_id")
    is_synthetic = serializers.BooleanField(
        source="record.is_synthetic", help_text=gettext_lazy("Demo data made by cbap.")
    )
    status = serializers.CharField()
    version = serializers.IntegerField()
    published_version = serializers.IntegerField(source="record.published_version")
    content = serializers.DictField(help_text=gettext_lazy("The content fields, as stored."))


class ActivityOutputSerializer(_RecordOutput):
    pass


class ResourceOutputSerializer(_RecordOutput):
    pass
