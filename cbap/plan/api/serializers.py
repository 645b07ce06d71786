from rest_framework import serializers

from cbap.plan.models import (
    Goal,
    Indicator,
    KeyArea,
    NarrativeParagraph,
    Outcome,
    PlanActivity,
    PlanVersion,
)


class PlanVersionSerializer(serializers.ModelSerializer):
    previous = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = PlanVersion
        fields = [
            "code",
            "title",
            "decision",
            "document",
            "adopted_on",
            "runs_to",
            "previous",
            "is_current",
            "note",
        ]


class KeyAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = KeyArea
        fields = ["code", "number", "text", "scope"]


class PlanActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanActivity
        fields = ["code", "number", "text", "scope"]


class IndicatorSerializer(serializers.ModelSerializer):
    goal = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = ["code", "goal", "letter", "text", "measure", "scope"]


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["code", "number", "text"]


class GoalSerializer(serializers.ModelSerializer):
    key_areas = KeyAreaSerializer(source="keyareas", many=True, read_only=True)
    activities = PlanActivitySerializer(source="planactivitys", many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    outcomes = OutcomeSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "code",
            "section",
            "number",
            "title",
            "articles",
            "key_areas",
            "activities",
            "indicators",
            "outcomes",
        ]


class NarrativeParagraphSerializer(serializers.ModelSerializer):
    class Meta:
        model = NarrativeParagraph
        fields = ["code", "part", "heading", "subheading", "number", "text"]
