from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.plan import catalogue, validation
from cbap.plan.models import (
    Goal,
    Indicator,
    KeyArea,
    Measure,
    NarrativeParagraph,
    Outcome,
    PlanActivity,
    PlanVersion,
    Scope,
    ScopeSource,
    Section,
)


class PlanVersionSerializer(serializers.ModelSerializer):
    previous = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

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
        fields = ["code", "number", "text", "scope", "scope_source"]


class PlanActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanActivity
        fields = ["code", "number", "text", "scope", "scope_source"]


class IndicatorSerializer(serializers.ModelSerializer):
    goal = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = ["code", "goal", "letter", "text", "measure", "scope", "scope_source"]


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["code", "number", "text"]


class GoalSerializer(serializers.ModelSerializer):
    key_areas = KeyAreaSerializer(many=True, read_only=True)
    activities = PlanActivitySerializer(source="plan_activities", many=True, read_only=True)
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


# --- The whole plan, in the shape of the JSON export (selectors.plan_as_dict) ----------------


class VersionMetaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("e.g. CP-10/4 (contains '/')"))
    title = serializers.CharField()
    decision = serializers.CharField()
    document = serializers.CharField(allow_blank=True)
    adopted_on = serializers.DateField()
    runs_to = serializers.IntegerField()
    previous = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class ColumnSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=validation.COLUMN_KEYS)
    title = serializers.CharField(
        help_text=gettext_lazy("The decision's column header, e.g. 'Indicators'")
    )
    meaning = serializers.CharField(
        help_text=gettext_lazy("The header's gloss, e.g. 'Measures whether activity took place'")
    )


class SectionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("A or B"))
    title = serializers.CharField()


ARTICLES_HELP = gettext_lazy(
    "Protocol articles the text cites ('Article 17 …'), derived from the text."
)


class ScopedItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    scope = serializers.ChoiceField(choices=Scope.choices)
    scope_source = serializers.ChoiceField(
        choices=ScopeSource.choices,
        help_text=gettext_lazy(
            "'decision': the decision marks the scope; 'inferred': cbap infers it"
        ),
    )
    articles = serializers.ListField(child=serializers.IntegerField(), help_text=ARTICLES_HELP)


class PlanKeyAreaSerializer(ScopedItemSerializer):
    number = serializers.CharField()


class PlanActivityItemSerializer(ScopedItemSerializer):
    number = serializers.CharField()


class PlanIndicatorSerializer(ScopedItemSerializer):
    letter = serializers.CharField()
    measure = serializers.ChoiceField(choices=Measure.choices)


class PlanGoalSerializer(serializers.Serializer):
    code = serializers.CharField()
    section = serializers.ChoiceField(choices=Section.choices)
    number = serializers.CharField()
    title = serializers.CharField()
    articles = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy("Protocol articles the goal's title cites."),
    )
    key_areas = PlanKeyAreaSerializer(many=True)
    activities = PlanActivityItemSerializer(many=True)
    indicators = PlanIndicatorSerializer(many=True)
    outcomes = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Outcome statements; codes <goal>.o1, .o2 …"),
    )


class PlanNarrativeSerializer(NarrativeParagraphSerializer):
    articles = serializers.SerializerMethodField(help_text=ARTICLES_HELP)

    class Meta(NarrativeParagraphSerializer.Meta):
        fields = [*NarrativeParagraphSerializer.Meta.fields, "articles"]

    def get_articles(self, paragraph) -> list[int]:
        text = paragraph["text"] if isinstance(paragraph, dict) else paragraph.text
        return catalogue.cited_articles(text)


class VocabulariesSerializer(serializers.Serializer):
    actors = serializers.ListField(child=serializers.CharField(), required=False)
    target_audiences = serializers.ListField(child=serializers.CharField(), required=False)
    levels = serializers.ListField(child=serializers.CharField(), required=False)


class PrioritySerializer(serializers.Serializer):
    decision = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    element_codes = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField(allow_blank=True)


class PlanSerializer(serializers.Serializer):
    version = VersionMetaSerializer()
    columns = ColumnSerializer(
        many=True, help_text=gettext_lazy("The header row of the plan's table.")
    )
    sections = SectionSerializer(many=True)
    goals = PlanGoalSerializer(many=True)
    narrative = PlanNarrativeSerializer(many=True)
    vocabularies = VocabulariesSerializer()
    priorities = PrioritySerializer(
        many=True, help_text=gettext_lazy("Empty until the meeting of the Parties sets priorities.")
    )


class VersionDetailSerializer(PlanVersionSerializer):
    columns = ColumnSerializer(many=True, read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    priorities = PrioritySerializer(many=True, read_only=True)

    class Meta(PlanVersionSerializer.Meta):
        fields = [*PlanVersionSerializer.Meta.fields, "columns", "sections", "priorities"]


class ElementSerializer(serializers.Serializer):
    """Any goal or goal element, by its stable code (a catalogue.Element and its articles)."""

    code = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=["goal", "key_areas", "activities", "indicators", "outcomes"]
    )
    goal = serializers.CharField()
    marker = serializers.CharField(
        help_text=gettext_lazy("3, ii, c, o1 … as the decision numbers the item")
    )
    text = serializers.CharField()
    measure = serializers.CharField(allow_blank=True, help_text=gettext_lazy("Indicators only"))
    scope = serializers.CharField()
    scope_source = serializers.CharField()
    articles = serializers.SerializerMethodField(help_text=ARTICLES_HELP)

    def get_articles(self, element) -> list[int]:
        cited = catalogue.cited_articles(element.text)
        return list(dict.fromkeys([*element.articles, *cited]))


class ArticleSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField(
        allow_blank=True,
        help_text=gettext_lazy(
            "Heading as the BCH's 5th national report names its section on the article; "
            "empty when the repository has no source for it."
        ),
    )
    cited_by = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("Element codes")
    )
