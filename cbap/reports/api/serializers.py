from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cbap.reports.exporting import SYNTHETIC_NOTICE
from cbap.reports.models import NationalReport, Question, QuestionMapping, ReportingCycle


class CycleSerializer(serializers.ModelSerializer):
    previous = serializers.SlugRelatedField(slug_field="number", read_only=True)
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
    cycle = serializers.SlugRelatedField(slug_field="number", read_only=True)
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


class ReportDetailSerializer(ReportSerializer):
    """A report with its answers in the BCH shapes, keyed by question key: the published
    answers, or the working copy for those who may see drafts (`answers_shown` says which)."""

    answers = serializers.SerializerMethodField()
    answers_shown = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "answers_shown", "answers"]

    @extend_schema_field(serializers.DictField())
    def get_answers(self, report) -> dict:
        return self.context["answers"]

    def get_answers_shown(self, report) -> str:
        return self.context["answers_shown"]
