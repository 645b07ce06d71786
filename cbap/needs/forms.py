"""The self-assessment form: for each key area of the plan, under its goal, the level of need,
the rank, the kinds of support, the audiences, notes and whether the line is confidential; the
forms of an offer and of a request for support. They validate like the model (the same rules)
but never save: the record services do."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.activities.forms import LANGUAGE_NAMES
from cbap.needs.models import Offer, SelfAssessment, SupportRequest
from cbap.needs.selectors import key_areas_by_goal
from cbap.needs.validation import key_area_codes, line_problems
from cbap.needs.vocabularies import KINDS, LEVELS, audiences
from cbap.parties.models import Government, Grouping
from cbap.records.forms import CheckedRecordForm


class SelfAssessmentForm(CheckedRecordForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # Where pre-filled lines came from: kept as it is, never typed.
    sources = forms.JSONField(widget=forms.HiddenInput, required=False)

    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages in which support is wanted"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SelfAssessment
        fields = ["assessed_on", "notes"]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        lines = (self.initial.get("lines") or {}) if not self.is_bound else {}
        audience_choices = list(audiences().items())
        for goal in goals:
            for code, _text in goal.key_areas:
                line = lines.get(code) or {}
                self.fields[f"level_{code}"] = forms.ChoiceField(
                    label=gettext_lazy("Level of need"),
                    choices=list(LEVELS.items()),
                    initial=line.get("level", "not_assessed"),
                )
                self.fields[f"rank_{code}"] = forms.IntegerField(
                    label=gettext_lazy("Priority rank"),
                    min_value=1,
                    required=False,
                    initial=line.get("rank"),
                )
                self.fields[f"kinds_{code}"] = forms.MultipleChoiceField(
                    label=gettext_lazy("Kinds of support preferred"),
                    choices=list(KINDS.items()),
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    initial=line.get("kinds", []),
                )
                self.fields[f"audiences_{code}"] = forms.MultipleChoiceField(
                    label=gettext_lazy("Audiences concerned"),
                    choices=audience_choices,
                    required=False,
                    initial=line.get("audiences", []),
                )
                self.fields[f"notes_{code}"] = forms.CharField(
                    label=gettext_lazy("Notes"),
                    required=False,
                    max_length=2000,
                    initial=line.get("notes", ""),
                )
                self.fields[f"confidential_{code}"] = forms.BooleanField(
                    label=gettext_lazy("Confidential (only the Secretariat and matched providers)"),
                    required=False,
                    initial=line.get("confidential", False),
                )

    def lines(self) -> dict:
        data = self.cleaned_data
        result = {}
        for goal in self.goals:
            for code, _text in goal.key_areas:
                line = {"level": data[f"level_{code}"]}
                if data.get(f"rank_{code}") is not None:
                    line["rank"] = data[f"rank_{code}"]
                for name in ("kinds", "audiences"):
                    if data.get(f"{name}_{code}"):
                        line[name] = data[f"{name}_{code}"]
                if data.get(f"notes_{code}"):
                    line["notes"] = data[f"notes_{code}"]
                if data.get(f"confidential_{code}"):
                    line["confidential"] = True
                result[code] = line
        return result

    def content(self) -> dict:
        return {
            "assessed_on": self.cleaned_data["assessed_on"],
            "lines": self.lines(),
            "sources": self.cleaned_data.get("sources") or {},
            "notes": self.cleaned_data["notes"],
            "languages": self.cleaned_data["languages"],
        }

    def clean(self):
        """The lines' problems each on its field first; the model's rules when there is none."""
        if not self.errors:
            for problem in line_problems(self.lines(), key_area_codes()):
                field = f"{problem.field}_{problem.key_area}"
                self.add_error(field if field in self.fields else None, problem.reason)
        return super().clean()

    def _sources(self) -> dict:
        sources = self["sources"].value()
        if isinstance(sources, str):
            try:
                sources = json.loads(sources)
            except ValueError:
                sources = {}
        return sources if isinstance(sources, dict) else {}

    def general_sources(self) -> list:
        """What the sources say of every key area at once (a report's "no remaining needs")."""
        return self._sources().get("*", [])

    def rows(self):
        """(goal, [(code, text, {name: bound field}, where the line came from)]) for the
        template."""
        names = ("level", "rank", "kinds", "audiences", "notes", "confidential")
        sources = self._sources()
        return [
            (
                goal,
                [
                    (
                        code,
                        text,
                        {name: self[f"{name}_{code}"] for name in names},
                        sources.get(code, []),
                    )
                    for code, text in goal.key_areas
                ],
            )
            for goal in self.goals
        ]


class OfferForm(CheckedRecordForm):
    """An offer's fields; it validates like the model (the same rules) but never saves."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    key_areas = forms.MultipleChoiceField(
        label=gettext_lazy("Key areas or goals"),
        help_text=gettext_lazy("A goal covers all of its key areas."),
    )
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Kinds of support"),
        choices=list(KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    eligible = forms.MultipleChoiceField(
        label=gettext_lazy("Eligible Parties and groupings"),
        required=False,
        help_text=gettext_lazy("None chosen: open to every Party."),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"), choices=list(LANGUAGE_NAMES.items()), required=False
    )
    audiences = forms.MultipleChoiceField(label=gettext_lazy("Audiences"), required=False)

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "places",
            "budget",
            "currency",
            "start_date",
            "end_date",
            "contact",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    field_order = [*Offer.content_fields, "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_areas"].choices = [
            (
                f"{goal.code} {goal.title}",
                [(goal.code, f"{goal.code} — {goal.title}")]
                + [(code, f"{code} {text}") for code, text in goal.key_areas],
            )
            for goal in key_areas_by_goal()
        ]
        groupings = Grouping.objects.order_by("kind", "position", "name")
        self.fields["eligible"].choices = [
            (_("Groupings"), [(g.code, g.name) for g in groupings]),
            (_("Parties"), list(Government.objects.order_by("name").values_list("code", "name"))),
        ]
        self.fields["audiences"].choices = list(audiences().items())

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in Offer.content_fields},
            "budget": str(data["budget"]) if data["budget"] is not None else None,
            "start_date": data["start_date"].isoformat() if data["start_date"] else None,
            "end_date": data["end_date"].isoformat() if data["end_date"] else None,
        }


class SupportRequestForm(CheckedRecordForm):
    """A request's fields: its key areas are chosen among the needs that the Party's published
    self-assessment rates low, medium or high."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    key_areas = forms.MultipleChoiceField(
        label=gettext_lazy("Key areas"),
        help_text=gettext_lazy("The needs your published self-assessment rates, with their level."),
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Kinds of support"),
        choices=list(KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audiences = forms.MultipleChoiceField(
        label=gettext_lazy("For whom"), widget=forms.CheckboxSelectMultiple, required=False
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SupportRequest
        fields = ["title", "description", "needed_by", "contact"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "needed_by": forms.DateInput(attrs={"type": "date"}),
        }

    field_order = [*SupportRequest.content_fields, "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assessed = SupportRequest(owner_party=self.owner_party).assessed_needs()
        texts = {code: text for goal in key_areas_by_goal() for code, text in goal.key_areas}
        self.fields["key_areas"].choices = [
            (code, f"{code} {texts.get(code, '')} ({LEVELS[assessed[code]['level']]})")
            for code in key_area_codes()
            if code in assessed
        ]
        self.fields["audiences"].choices = list(audiences().items())

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in SupportRequest.content_fields},
            "needed_by": data["needed_by"].isoformat() if data["needed_by"] else None,
        }
