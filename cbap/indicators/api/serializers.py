"""Output serializers of the indicator API: the shapes of `selectors.value_rows` and
`selectors.indicator_detail`, spelled out so the OpenAPI schema documents every field."""

from rest_framework import serializers


class IndicatorDistributionItemSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Option value of the question.")
    title = serializers.CharField()
    count = serializers.IntegerField(help_text="Parties that gave this answer.")


class IndicatorValueFieldsSerializer(serializers.Serializer):
    """What every value has, for all Parties or for one group."""

    status = serializers.CharField(help_text="ok, or no_data (then value is null).")
    reason = serializers.CharField(allow_null=True, help_text="Why there is no data.")
    measure = serializers.CharField(help_text="percentage, number, sum or distribution.")
    fit = serializers.CharField(allow_null=True, help_text="direct, proxy or not_measured.")
    value = serializers.JSONField(
        allow_null=True,
        help_text="Percent (0–100), number of Parties, or option → Parties for a distribution; "
        "null when there is no data (never 0).",
    )
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    reported = serializers.IntegerField(help_text="Parties in the population that reported.")
    parties = serializers.IntegerField(help_text="Parties in the population on the deadline.")
    coverage = serializers.FloatField(allow_null=True, help_text="reported / parties (0–1).")
    lower_bound = serializers.FloatField(
        allow_null=True, help_text="If every non-reporting Party had answered no."
    )
    upper_bound = serializers.FloatField(
        allow_null=True, help_text="If every non-reporting Party had answered yes."
    )
    ci_low = serializers.FloatField(allow_null=True, help_text="Wilson 95 % interval, percent.")
    ci_high = serializers.FloatField(allow_null=True)
    synthetic_reports = serializers.IntegerField(
        help_text="Counted reports that are demo data (not real national reports)."
    )
    distribution = IndicatorDistributionItemSerializer(many=True, allow_null=True)
    data_needed = serializers.ListField(child=serializers.CharField())


class IndicatorGroupValueSerializer(IndicatorValueFieldsSerializer):
    group = serializers.CharField(help_text='e.g. "region:African Group", "ldc", "sids".')
    label = serializers.CharField()


class IndicatorCycleValueSerializer(IndicatorValueFieldsSerializer):
    cycle = serializers.IntegerField()
    role = serializers.CharField(help_text="baseline or midterm")
    by = IndicatorGroupValueSerializer(many=True)


class IndicatorValueRowSerializer(IndicatorCycleValueSerializer):
    """One indicator in one cycle (the list)."""

    code = serializers.CharField()
    goal = serializers.CharField()


class IndicatorAnswerSerializer(serializers.Serializer):
    key = serializers.CharField()
    answered = serializers.BooleanField()
    values = serializers.ListField(child=serializers.CharField())
    titles = serializers.ListField(child=serializers.CharField())
    number = serializers.IntegerField(allow_null=True)


class IndicatorPartySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    report_url = serializers.CharField(allow_null=True)
    synthetic = serializers.BooleanField()
    answers = IndicatorAnswerSerializer(many=True, help_text="The answers that decided it.")


class IndicatorProvenanceSerializer(serializers.Serializer):
    numerator = IndicatorPartySerializer(many=True)
    denominator = IndicatorPartySerializer(many=True)
    no_answer = IndicatorPartySerializer(many=True)
    excluded_by_condition = IndicatorPartySerializer(many=True)
    not_reported = IndicatorPartySerializer(many=True)


class IndicatorDetailCycleValueSerializer(IndicatorCycleValueSerializer):
    provenance = IndicatorProvenanceSerializer(required=False)
    fingerprint = serializers.CharField(
        required=False,
        help_text="sha256 of every fact this value was computed from (engine.fingerprint): "
        "two downloads with the same fingerprint were computed on the same facts.",
    )


class IndicatorQuestionOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    title = serializers.CharField()
    named = serializers.BooleanField(help_text="The definition names this option.")


class IndicatorSourceQuestionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    options = IndicatorQuestionOptionSerializer(many=True)


class IndicatorSourceSerializer(serializers.Serializer):
    cycle = serializers.IntegerField()
    role = serializers.CharField()
    fit = serializers.CharField(allow_null=True)
    rationale = serializers.CharField(allow_null=True)
    wording_change = serializers.CharField(allow_null=True)
    questions = IndicatorSourceQuestionSerializer(many=True)
    condition = serializers.JSONField(allow_null=True)
    numerator = serializers.JSONField(allow_null=True)
    sum_of = serializers.CharField(allow_null=True)
    distribution_of = serializers.CharField(allow_null=True)
    condition_text = serializers.CharField(allow_null=True)
    numerator_text = serializers.CharField(allow_null=True)


class IndicatorCrossSectionSerializer(serializers.Serializer):
    baseline = serializers.FloatField(allow_null=True)
    midterm = serializers.FloatField(allow_null=True)
    delta = serializers.FloatField(allow_null=True, help_text="Percentage points.")


class IndicatorPanelSerializer(IndicatorCrossSectionSerializer):
    size = serializers.IntegerField()
    members = serializers.ListField(child=serializers.CharField())
    yes_yes = serializers.IntegerField()
    yes_no = serializers.IntegerField(help_text="b: yes at baseline, no at midterm.")
    no_yes = serializers.IntegerField(help_text="c: no at baseline, yes at midterm.")
    no_no = serializers.IntegerField()
    p_value = serializers.FloatField(allow_null=True, help_text="Exact McNemar, two-sided.")


class IndicatorChangeSerializer(serializers.Serializer):
    code = serializers.CharField()
    baseline_cycle = serializers.IntegerField()
    midterm_cycle = serializers.IntegerField()
    cross_section = IndicatorCrossSectionSerializer()
    panel = IndicatorPanelSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class IndicatorCycleSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    deadline = serializers.DateField()
    role = serializers.CharField()
    reports = serializers.IntegerField()
    synthetic_reports = serializers.IntegerField()


class IndicatorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    goal = serializers.CharField()
    goal_title = serializers.CharField()
    text = serializers.CharField(help_text="Verbatim from decision CP-10/4.")
    measure = serializers.CharField()
    population = serializers.CharField()
    population_label = serializers.CharField()
    data_needed = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField()
    plan_url = serializers.CharField()
    synthetic = serializers.BooleanField(help_text="Demo data — not real national reports.")
    cycles = IndicatorCycleSerializer(many=True)
    sources = IndicatorSourceSerializer(many=True)
    values = IndicatorDetailCycleValueSerializer(many=True)
    delta = serializers.FloatField(allow_null=True)
    change = IndicatorChangeSerializer(allow_null=True)
