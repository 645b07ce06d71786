"""The form of a finding or recommendation: it validates like the model (the same rules) but
never saves: the record services do."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from cbap.evaluation.models import Finding, Snapshot
from cbap.plan.models import Goal, Indicator, PlanVersion
from cbap.records.forms import CheckedRecordForm


class FindingForm(CheckedRecordForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    snapshot = forms.ChoiceField(label=gettext_lazy("The snapshot its numbers are from"))
    goal = forms.ChoiceField(label=gettext_lazy("Goal"), required=False)
    sources = forms.MultipleChoiceField(
        label=gettext_lazy("Indicators it draws on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Finding
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 12})}

    field_order = [*Finding.content_fields, "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        frozen = Snapshot.objects.filter(status=Snapshot.Status.FROZEN).defer("data")
        self.fields["snapshot"].choices = [(s.name, s.name) for s in frozen]
        current = PlanVersion.current()
        self.fields["goal"].choices = [("", gettext_lazy("The plan as a whole"))] + [
            (g.code, f"{g.code}. {g.title}") for g in Goal.objects.filter(version=current)
        ]
        self.fields["sources"].choices = [
            (i.code, i.code) for i in Indicator.objects.filter(goal__version=current)
        ]

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in Finding.content_fields}
