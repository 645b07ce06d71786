from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cbap.bch.rules import ANSWERED, NOT_ANSWERED, NOT_APPLICABLE
from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.records.models import Status
from cbap.reports.models import NationalReport, Question, QuestionMapping, ReportingCycle


class CycleSerializer(serializers.ModelSerializer):
    previous = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    published_reports = serializers.IntegerField(source="published_count", read_only=True)
    synthetic_reports = serializers.IntegerField(source="synthetic_count", read_only=True)
    questions = serializers.IntegerField(source="question_count", read_only=True)

    class Meta:
        model = ReportingCycle
        fields = [
            "number",
            "schema",
            "title",
            "deadline",
            "format_decision",
            "role",
            "previous",
            "questionnaire_hash",
            "questions",
            "published_reports",
            "synthetic_reports",
        ]


class MappingSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionMapping
        fields = ["previous_key", "value_mapping", "equivalent", "caution"]


class QuestionSerializer(serializers.ModelSerializer):
    """A question with its options and rules as the BCH defines them (`rules` are the JSON's
    `validations`), and its link to the previous cycle's question when there is one."""

    mapping = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "key",
            "number",
            "section_key",
            "section_title",
            "parent_key",
            "type",
            "title",
            "multiple",
            "mandatory",
            "options",
            "rules",
            "mapping",
        ]

    @extend_schema_field(MappingSerializer(allow_null=True))
    def get_mapping(self, question):
        mapping = self.context.get("mappings", {}).get(question.key)
        return MappingSerializer(mapping).data if mapping else None


class ReportSerializer(serializers.ModelSerializer):
    """A report; `status` and `submitted_on` as the person sees them (the published version's
    for the public, the working copy's for those who may see drafts; see `selectors.as_seen`)."""

    cycle = serializers.SlugRelatedField(slug_field="number", read_only=True)
    status = serializers.SerializerMethodField()
    submitted_on = serializers.SerializerMethodField()
    government = serializers.SlugRelatedField(slug_field="code", read_only=True)
    government_name = serializers.CharField(source="government.name", read_only=True)
    synthetic_notice = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = NationalReport
        fields = [
            "id",
            "cycle",
            "government",
            "government_name",
            "status",
            "version",
            "published_version",
            "submitted_on",
            "document_id",
            "bch_identifier",
            "is_synthetic",
            "synthetic_notice",
            "url",
        ]

    def get_synthetic_notice(self, report) -> str | None:
        return SYNTHETIC_NOTICE if report.is_synthetic else None

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices))
    def get_status(self, report) -> str:
        seen = getattr(report, "seen", None)
        return seen.status if seen is not None else report.status

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_submitted_on(self, report) -> str | None:
        seen = getattr(report, "seen", None)
        day = seen.submitted_on if seen is not None else report.submitted_on
        return day.isoformat() if day else None


class ReportDetailSerializer(ReportSerializer):
    """A report with its answers in the BCH shapes, keyed by question key: the published
    answers, or the working copy for those who may see drafts (`answers_shown` says which).
    `states` gives every answerable question of the questionnaire its state in those answers:
    "answered", "not_answered", or "not_applicable" (hidden or disabled by the questionnaire's
    rules given the other answers; an answer stored anyway does not count)."""

    answers = serializers.SerializerMethodField()
    answers_shown = serializers.SerializerMethodField()
    states = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "answers_shown", "answers", "states"]

    @extend_schema_field(serializers.DictField())
    def get_answers(self, report) -> dict:
        return self.context["answers"]

    @extend_schema_field(
        serializers.DictField(
            child=serializers.ChoiceField(choices=[ANSWERED, NOT_ANSWERED, NOT_APPLICABLE])
        )
    )
    def get_states(self, report) -> dict:
        return self.context["states"]

    def get_answers_shown(self, report) -> str:
        return self.context["answers_shown"]
