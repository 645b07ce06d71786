"""Serializers of the indicator API: the list's query parameters in, and out the shapes of
`selectors.value_rows` and `selectors.indicator_detail`, spelled out so the OpenAPI schema
documents every field."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.indicators import definitions as catalogue


class IndicatorValueListQuerySerializer(serializers.Serializer):
    """The list's query parameters; any other parameter is refused, so that a misspelt filter
    (e.g. `indicator=` for `code=`) fails instead of silently returning everything."""

    ALLOWED = {"cycle", "by", "code", "format"}  # format: DRF's own ?format=json

    cycle = serializers.ChoiceField(choices=catalogue.CYCLES, required=False)
    by = serializers.ListField(child=serializers.CharField(), required=False)
    code = serializers.CharField(required=False)

    def to_internal_value(self, data):
        unknown = sorted(set(data) - self.ALLOWED)
        if unknown:
            raise serializers.ValidationError(
                {
                    name: [
                        _("unknown parameter; use %(names)s")
                        % {"names": ", ".join(sorted(self.ALLOWED - {"format"}))}
                    ]
                    for name in unknown
                }
            )
        values = {
            "cycle": data.get("cycle"),
            "by": [name for value in data.getlist("by") for name in value.split(",") if name],
            "code": data.get("code") or None,
        }
        return super().to_internal_value({k: v for k, v in values.items() if v is not None})

    def validate_code(self, code: str) -> str:
        if catalogue.definition_for(code) is None:
            raise serializers.ValidationError(_("no indicator %(code)s") % {"code": code})
        return code


class IndicatorDistributionItemSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=gettext_lazy("The summed question."))
    value = serializers.CharField(help_text=gettext_lazy("Option value (a band) of the question."))
    title = serializers.CharField()
    count = serializers.IntegerField(help_text=gettext_lazy("Parties that gave this answer."))


class IndicatorContextSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField(
        help_text=gettext_lazy("Parties of the denominator for which it holds.")
    )
    known = serializers.IntegerField(
        help_text=gettext_lazy("Parties of the denominator that answered it.")
    )


class IndicatorReadingSerializer(serializers.Serializer):
    """The value had every government of unknown membership been in the population."""

    value = serializers.JSONField(allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    reported = serializers.IntegerField(allow_null=True)
    parties = serializers.IntegerField(allow_null=True)
    coverage = serializers.FloatField(allow_null=True)
    lower_bound = serializers.FloatField(allow_null=True)
    upper_bound = serializers.FloatField(allow_null=True)


class IndicatorRecordTotalsSerializer(serializers.Serializer):
    """What a value from records counted, over all the records it selects."""

    source = serializers.CharField(help_text=gettext_lazy("activities or resources."))
    since = serializers.DateField(
        help_text=gettext_lazy("The window's start: the plan's adoption.")
    )
    until = serializers.DateField(help_text=gettext_lazy("The window's end: the deadline."))
    records = serializers.IntegerField(help_text=gettext_lazy("Matching records counted."))
    demo = serializers.IntegerField(help_text=gettext_lazy("Of them, demo data."))
    undated = serializers.IntegerField(
        help_text=gettext_lazy("Matching records without a date: not counted.")
    )
    views = serializers.IntegerField(
        help_text=gettext_lazy("Views of the selected resources in the window's months.")
    )
    downloads = serializers.IntegerField(
        help_text=gettext_lazy("Downloads of the selected resources in the window's months.")
    )


class IndicatorBesideSerializer(serializers.Serializer):
    """The records' figure beside a report's value, which does not decide it."""

    source = serializers.CharField()
    fit = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    reason = serializers.CharField(allow_null=True)
    value = serializers.JSONField(allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    reported = serializers.IntegerField(allow_null=True)
    parties = serializers.IntegerField(allow_null=True)
    lower_bound = serializers.FloatField(allow_null=True)
    upper_bound = serializers.FloatField(allow_null=True)
    records = IndicatorRecordTotalsSerializer(allow_null=True)


class IndicatorValueFieldsSerializer(serializers.Serializer):
    """What every value has, for all Parties or for one group."""

    status = serializers.CharField(help_text=gettext_lazy("ok, or no_data (then value is null)."))
    reason = serializers.CharField(allow_null=True, help_text=gettext_lazy("Why there is no data."))
    measure = serializers.CharField(help_text=gettext_lazy("percentage, number or sum."))
    unit = serializers.CharField(
        help_text=gettext_lazy(
            'What the value counts: the percent sign, "Parties", or what a sum adds up ("cases").'
        )
    )
    fit = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("direct, proxy or not_measured.")
    )
    value = serializers.JSONField(
        allow_null=True,
        help_text=gettext_lazy(
            "Percent (0–100), a number in `unit`, or for a sum of banded answers "
            '{"low": n, "high": m} (high null: open, a band has no upper limit); null when there '
            "is no data (never 0)."
        ),
    )
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    reported = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy(
            "Parties in the population that reported (n); null when the population is "
            "not a set of Parties or nobody knows yet who is in it (population_note says which)."
        ),
    )
    parties = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy("Parties in the population on the deadline (N), or null."),
    )
    coverage = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("reported / parties (0–1).")
    )
    population_note = serializers.CharField(
        allow_null=True,
        help_text=gettext_lazy("Why there is no N or coverage; null when there is."),
    )
    lower_bound = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy(
            "If every non-reporting Party had answered no (over both readings of a "
            "population with members of unknown membership)."
        ),
    )
    upper_bound = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy(
            "If every non-reporting Party had answered yes; for a sum, null is open."
        ),
    )
    ci_low = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy("Wilson 95-percent interval, in percent."),
    )
    ci_high = serializers.FloatField(allow_null=True)
    synthetic_reports = serializers.IntegerField(
        help_text=gettext_lazy("Counted reports that are demo data (not real national reports).")
    )
    distribution = IndicatorDistributionItemSerializer(
        many=True,
        allow_null=True,
        help_text=gettext_lazy("A sum's Parties per band of each question."),
    )
    context = IndicatorContextSerializer(
        many=True, help_text=gettext_lazy("Counts shown beside the value.")
    )
    unknown_members = serializers.IntegerField(
        help_text=gettext_lazy(
            "Governments whose membership of the population on the deadline is unknown "
            "(no date in the registry): left out of this value, counted in `if_members`."
        )
    )
    if_members = IndicatorReadingSerializer(
        allow_null=True,
        help_text=gettext_lazy(
            "The same value had every government of unknown membership been in the "
            "population; null when there is none."
        ),
    )
    shared_with = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Indicators with the same numerator: they count the same Parties."),
    )
    data_needed = serializers.ListField(child=serializers.CharField())
    comparable = serializers.BooleanField(
        allow_null=True,
        help_text=gettext_lazy(
            "Whether the baseline (NR4) and the midterm (NR5) measure the indicator the "
            "same way: false when a question's wording changed or only one report measures it "
            "(`warnings` says how), null when neither report measures it."
        ),
    )
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Why a change between baseline and midterm is not like for like."),
    )
    source = serializers.CharField(
        help_text=gettext_lazy(
            "Where the value comes from: report (the cycle's national reports), or activities "
            "or resources (the published records, from the plan's adoption to the deadline). "
            "From records, a Party without a matching record is unknown, not a no: the value "
            "is a floor, `reported` the Parties that any record of the window counts for."
        )
    )
    records = IndicatorRecordTotalsSerializer(allow_null=True)
    demo_records = serializers.IntegerField(
        help_text=gettext_lazy("Counted records that are demo data (not real records).")
    )
    beside = IndicatorBesideSerializer(
        allow_null=True,
        help_text=gettext_lazy(
            "The published records' figure shown beside a report's value; the report decides."
        ),
    )


class IndicatorGroupValueSerializer(IndicatorValueFieldsSerializer):
    group = serializers.CharField(
        help_text=gettext_lazy('e.g. "region:African Group", "ldc", "sids".')
    )
    label = serializers.CharField()


class IndicatorCycleValueSerializer(IndicatorValueFieldsSerializer):
    cycle = serializers.IntegerField()
    role = serializers.CharField(help_text=gettext_lazy("baseline or midterm"))
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


class IndicatorRecordLinkSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=gettext_lazy("activity or resource."))
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    demo = serializers.BooleanField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)


class IndicatorRecordSerializer(IndicatorRecordLinkSerializer):
    parties = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("The Parties it counts for (government codes)."),
    )


class IndicatorPartySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    report_url = serializers.CharField(allow_null=True)
    synthetic = serializers.BooleanField()
    answers = IndicatorAnswerSerializer(
        many=True, help_text=gettext_lazy("The answers that decided it.")
    )
    records = IndicatorRecordLinkSerializer(
        many=True,
        required=False,
        help_text=gettext_lazy("From records: the records that count for it."),
    )


class IndicatorProvenanceSerializer(serializers.Serializer):
    numerator = IndicatorPartySerializer(many=True)
    denominator = IndicatorPartySerializer(many=True)
    no_answer = IndicatorPartySerializer(many=True)
    excluded_by_condition = IndicatorPartySerializer(many=True)
    not_reported = IndicatorPartySerializer(many=True)
    unknown_membership = IndicatorPartySerializer(
        many=True,
        help_text=gettext_lazy("Membership of the population on the deadline unknown (no date)."),
    )
    no_record = IndicatorPartySerializer(
        many=True,
        help_text=gettext_lazy(
            "From records: the Parties that no matching record counts for (unknown, not no)."
        ),
    )


class IndicatorAnswerPartiesSerializer(IndicatorDistributionItemSerializer):
    parties = IndicatorPartySerializer(
        many=True, help_text=gettext_lazy("The Parties that gave this answer.")
    )


class IndicatorDetailCycleValueSerializer(IndicatorCycleValueSerializer):
    provenance_group = serializers.CharField(
        allow_null=True,
        required=False,
        help_text=gettext_lazy("The group the provenance is of (null: all)."),
    )
    provenance_value = IndicatorValueFieldsSerializer(
        allow_null=True,
        required=False,
        help_text=gettext_lazy("The figure the provenance is behind."),
    )
    provenance = IndicatorProvenanceSerializer(required=False, allow_null=True)
    by_answer = IndicatorAnswerPartiesSerializer(
        many=True,
        allow_null=True,
        required=False,
        help_text=gettext_lazy("A sum's bands, each with the Parties that gave it."),
    )
    items = IndicatorRecordSerializer(
        many=True,
        allow_null=True,
        required=False,
        help_text=gettext_lazy("From records: the records behind the figure."),
    )
    beside_items = IndicatorRecordSerializer(
        many=True,
        allow_null=True,
        required=False,
        help_text=gettext_lazy("The records behind the figure beside a report's value."),
    )
    fingerprint = serializers.CharField(
        required=False,
        help_text=gettext_lazy(
            "sha256 of every fact this value was computed from (engine.fingerprints): "
            "two downloads with the same fingerprint were computed on the same facts."
        ),
    )


class IndicatorQuestionOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    title = serializers.CharField()
    named = serializers.BooleanField(help_text=gettext_lazy("The definition names this option."))


class IndicatorSourceQuestionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    options = IndicatorQuestionOptionSerializer(many=True)


class IndicatorRecordsSourceSerializer(serializers.Serializer):
    """How a records source counts."""

    kind = serializers.CharField(help_text=gettext_lazy("activities or resources."))
    label = serializers.CharField()
    where = serializers.JSONField(
        help_text=gettext_lazy("The reviewed condition on the records' facets.")
    )
    where_text = serializers.CharField()
    party = serializers.CharField(
        allow_null=True,
        help_text=gettext_lazy(
            "How a record counts for a Party: country (the countries it covers) or owner (the "
            "Party that recorded it)."
        ),
    )
    count = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("For a number: records, views or downloads.")
    )
    window = serializers.DictField(child=serializers.DateField(allow_null=True))
    counted_text = serializers.CharField()
    context = serializers.ListField(child=serializers.CharField())


class IndicatorBesideSourceSerializer(IndicatorRecordsSourceSerializer):
    source = serializers.CharField()
    fit = serializers.CharField()
    rationale = serializers.CharField()


class IndicatorSourceSerializer(serializers.Serializer):
    cycle = serializers.IntegerField()
    role = serializers.CharField()
    source = serializers.CharField(
        help_text=gettext_lazy("report, or the records: activities or resources.")
    )
    records = IndicatorRecordsSourceSerializer(allow_null=True)
    beside = IndicatorBesideSourceSerializer(
        allow_null=True,
        help_text=gettext_lazy("A records source shown beside a report's value; it never decides."),
    )
    fit = serializers.CharField(allow_null=True)
    rationale = serializers.CharField(allow_null=True)
    wording_change = serializers.CharField(allow_null=True)
    questions = IndicatorSourceQuestionSerializer(many=True)
    condition = serializers.JSONField(allow_null=True)
    numerator = serializers.JSONField(allow_null=True)
    sum_of = serializers.ListField(child=serializers.CharField())
    bands = serializers.JSONField(
        help_text=gettext_lazy("Question → option value → [lowest, highest] (highest null: open).")
    )
    context = serializers.ListField(child=serializers.CharField())
    condition_text = serializers.CharField(allow_null=True)
    numerator_text = serializers.CharField(allow_null=True)


class IndicatorChangeValuesSerializer(serializers.Serializer):
    baseline = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("Percent, or Parties.")
    )
    midterm = serializers.FloatField(allow_null=True)
    delta = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy("Percentage points, or Parties (see the change's unit)."),
    )


class IndicatorCrossSectionSerializer(IndicatorChangeValuesSerializer):
    baseline_coverage = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("Reported / Parties at the baseline (0–1).")
    )
    midterm_coverage = serializers.FloatField(allow_null=True)


class IndicatorPanelCellsSerializer(serializers.Serializer):
    yes_yes = serializers.ListField(child=serializers.CharField())
    yes_no = serializers.ListField(child=serializers.CharField())
    no_yes = serializers.ListField(child=serializers.CharField())
    no_no = serializers.ListField(child=serializers.CharField())


class IndicatorPanelSerializer(IndicatorChangeValuesSerializer):
    size = serializers.IntegerField()
    cells = IndicatorPanelCellsSerializer(help_text=gettext_lazy("The governments of each cell."))
    members = serializers.ListField(child=serializers.CharField())
    yes_yes = serializers.IntegerField()
    yes_no = serializers.IntegerField(help_text=gettext_lazy("b: yes at baseline, no at midterm."))
    no_yes = serializers.IntegerField(help_text=gettext_lazy("c: no at baseline, yes at midterm."))
    no_no = serializers.IntegerField()
    p_value = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("Exact McNemar, two-sided.")
    )


class IndicatorPanelPartySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    synthetic = serializers.BooleanField()
    reports = serializers.ListField(
        child=serializers.DictField(), help_text=gettext_lazy("cycle and url.")
    )


class IndicatorPanelCellPartiesSerializer(serializers.Serializer):
    cell = serializers.CharField()
    title = serializers.CharField()
    parties = IndicatorPanelPartySerializer(many=True)


class IndicatorChangeSerializer(serializers.Serializer):
    code = serializers.CharField()
    measure = serializers.CharField(help_text=gettext_lazy("percentage or number"))
    unit = serializers.CharField(help_text=gettext_lazy('"percentage points" or "Parties"'))
    baseline_cycle = serializers.IntegerField()
    midterm_cycle = serializers.IntegerField()
    cross_section = IndicatorCrossSectionSerializer()
    panel = IndicatorPanelSerializer()
    panel_parties = IndicatorPanelCellPartiesSerializer(many=True, required=False)
    warnings = serializers.ListField(child=serializers.CharField())


class IndicatorCycleSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    deadline = serializers.DateField()
    role = serializers.CharField()
    reports = serializers.IntegerField()
    synthetic_reports = serializers.IntegerField()


class IndicatorGroupSerializer(serializers.Serializer):
    group = serializers.CharField()
    label = serializers.CharField()


class MembershipEvidenceSerializer(serializers.Serializer):
    cycle = serializers.IntegerField()
    population = serializers.CharField()
    question = serializers.CharField(help_text=gettext_lazy("The report question, e.g. NR5 Q159."))
    code = serializers.CharField()
    name = serializers.CharField()
    report = serializers.CharField(help_text=gettext_lazy("What the government's report says."))
    registry = serializers.CharField(
        help_text=gettext_lazy("What the registry says on the deadline.")
    )
    report_url = serializers.CharField(allow_null=True)


class IndicatorTargetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField()
    source = serializers.CharField(help_text=gettext_lazy("The decision or recommendation."))
    note = serializers.CharField()
    covered = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy("Share of the distance from baseline to target covered at midterm."),
    )
    projected = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy("The value by the end of the year at the pace so far."),
    )
    on_track = serializers.BooleanField(allow_null=True)
    reason = serializers.CharField(allow_null=True, help_text=gettext_lazy("Why unknown."))


class IndicatorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    goal = serializers.CharField()
    goal_title = serializers.CharField()
    text = serializers.CharField(help_text=gettext_lazy("Verbatim from decision CP-10/4."))
    measure = serializers.CharField()
    unit = serializers.CharField(
        help_text=gettext_lazy('The percent sign, "Parties", or what a sum adds up.')
    )
    column = serializers.CharField(help_text=gettext_lazy("The plan's column and its meaning."))
    scope = serializers.CharField(
        help_text=gettext_lazy("Who the plan addresses the indicator to.")
    )
    scope_note = serializers.CharField(
        help_text=gettext_lazy("How the scope was read, when cbap inferred it.")
    )
    population = serializers.CharField()
    population_label = serializers.CharField()
    shared_with = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Indicators with the same numerator: they count the same Parties."),
    )
    data_needed = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField()
    plan_url = serializers.CharField(
        help_text=gettext_lazy("The indicator in its goal, in the plan.")
    )
    synthetic = serializers.BooleanField(help_text=gettext_lazy(SYNTHETIC_NOTICE))
    demo_records = serializers.BooleanField(
        help_text=gettext_lazy("Some value counts demo activities or resources.")
    )
    cycles = IndicatorCycleSerializer(many=True)
    sources = IndicatorSourceSerializer(many=True)
    values = IndicatorDetailCycleValueSerializer(many=True)
    delta = serializers.FloatField(allow_null=True)
    change = IndicatorChangeSerializer(allow_null=True)
    targets = IndicatorTargetSerializer(
        many=True, help_text=gettext_lazy("Targets of the plan version; none: none is set.")
    )
    membership_evidence = MembershipEvidenceSerializer(
        many=True,
        help_text=gettext_lazy(
            "Where a report's own answer on being in the population differs from the "
            "registry, or the registry cannot tell."
        ),
    )
    groups = IndicatorGroupSerializer(
        many=True, help_text=gettext_lazy("The disaggregations, for ?group=.")
    )
    provenance_group = serializers.CharField(allow_null=True)
    provenance_label = serializers.CharField()
