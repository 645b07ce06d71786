"""The activity and resource forms. They validate like the models (the same rules, by calling
them in `clean`) but never save: the record services do, from `content()`.

Multilingual texts are edited in one language at a time (`text_language`); the texts in the
other languages travel in a hidden field, so saving one language keeps the others.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cbap.accounts.models import Organization
from cbap.activities import services, vocabularies
from cbap.activities.models import Activity, Resource
from cbap.activities.selectors import code_order, plan_texts
from cbap.activities.validation import SEXES
from cbap.activities.vocabularies import TEXT_LANGUAGES
from cbap.parties.models import Government, Grouping
from cbap.records.forms import CheckedRecordForm, LinesField

LANGUAGE_NAMES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
    "zh": "中文",
}
SEX_LABELS = {key: term.title for key, term in vocabularies.SEXES.items()}


def checkboxes(vocabulary: str, label, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=vocabularies.choices(vocabulary),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


class OrganizationsField(LinesField):
    """Organizations in their roles, one per line: `role | name | IATI organisation type`."""

    def __init__(self, *, roles: bool, **kwargs):
        self.roles = roles
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                " | ".join(
                    part
                    for part in (
                        entry.get("role", "") if self.roles else None,
                        entry.get("name", ""),
                        entry.get("type", ""),
                    )
                    if part is not None
                ).rstrip(" |")
                for entry in value
                if isinstance(entry, dict)
            )
        return value

    def to_python(self, value) -> list[dict]:
        entries = []
        for line in super().to_python(value):
            parts = [part.strip() for part in line.split("|")]
            if self.roles:
                if len(parts) < 2:
                    raise ValidationError(
                        _("“%(line)s”: write role | name | type, e.g. funding | GEF | 40.")
                        % {"line": line}
                    )
                entry = {"role": parts[0].lower(), "name": parts[1]}
                rest = parts[2:]
            else:
                entry, rest = {"name": parts[0]}, parts[1:]
            if rest and rest[0]:
                entry["type"] = rest[0]
            entries.append(entry)
        return entries


class MultilingualForm(CheckedRecordForm):
    """The base of both forms: the language the texts are typed in, and the other languages';
    the fields both have (Action Plan codes, new technologies) and the choices they read.
    Each form declares its own `countries` and `cb_areas` (their labels differ)."""

    multilingual: tuple[str, ...] = ()

    text_language = forms.ChoiceField(
        label=gettext_lazy("Language of the texts"),
        choices=list(LANGUAGE_NAMES.items()),
        help_text=gettext_lazy(
            "The texts below are in this language; their versions in other languages are kept."
        ),
    )
    other_texts = forms.CharField(widget=forms.HiddenInput, required=False)
    # The version an edit started from (a stale save is a conflict); none when creating.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput, required=False)
    plan_codes = forms.MultipleChoiceField(
        label=gettext_lazy("Action Plan goals, key areas and activities addressed"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    new_technologies = forms.BooleanField(
        label=gettext_lazy("It addresses organisms developed through new technologies"),
        required=False,
    )

    unchecked = ("external_id",)

    def __init__(self, *args, **kwargs):
        initial = dict(kwargs.pop("initial", None) or {})
        language = (get_language() or "en").split("-")[0]
        language = language if language in TEXT_LANGUAGES else "en"
        texts = {name: initial.get(name) for name in self.multilingual}
        if any(isinstance(value, dict) and value for value in texts.values()):
            written = {
                lang for value in texts.values() if isinstance(value, dict) for lang in value
            }
            language = language if language in written else sorted(written)[0]
        initial.setdefault("text_language", language)
        for name, value in texts.items():
            if isinstance(value, dict):
                initial[name] = value.get(initial["text_language"], "")
        initial["other_texts"] = json.dumps(
            {name: value for name, value in texts.items() if isinstance(value, dict)}
        )
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["plan_codes"].choices = plan_choices()
        self.fields["countries"].choices = Government.objects.order_by("name").values_list(
            "code", "name"
        )
        self.fields["cb_areas"].choices = list(vocabularies.cb_areas().items())

    def texts(self) -> dict[str, dict[str, str]]:
        """Every multilingual field as {language: text}: the typed language replaced, the
        others kept."""
        try:
            others = json.loads(self.cleaned_data.get("other_texts") or "{}")
        except json.JSONDecodeError:
            others = {}
        language = self.cleaned_data.get("text_language") or "en"
        result = {}
        for name in self.multilingual:
            value = dict(others.get(name) or {}) if isinstance(others.get(name), dict) else {}
            typed = (self.cleaned_data.get(name) or "").strip()
            if typed:
                value[language] = typed
            else:
                value.pop(language, None)
            result[name] = value
        return result

    def checked_content(self) -> dict:
        return self.content(store=False)

    # The form's parts, each a fieldset with its legend: (legend, field names).
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def fieldsets(self):
        """The visible fields by part, the change note last."""
        placed = {name for _legend, names in self.sections for name in names}
        parts = [(legend, [self[name] for name in names]) for legend, names in self.sections]
        rest = [f for f in self.visible_fields() if f.name not in placed]
        return parts + ([(gettext_lazy("Note on this change"), rest)] if rest else [])


class ActivityForm(MultilingualForm):
    multilingual = ("title", "description", "achievements", "lessons")
    field_of = {"participants_by_sex": "women", "participants_by_audience": "audience_other"}
    sections = (
        (
            gettext_lazy("The activity"),
            (
                "text_language",
                "title",
                "description",
                "activity_status",
                "categories",
                "programme",
                "identifier",
            ),
        ),
        (gettext_lazy("When"), ("start_date", "end_date", "duration", "duration_unit")),
        (gettext_lazy("Where"), ("scope", "countries", "regions")),
        (
            gettext_lazy("Who"),
            (
                "organizations",
                "funding_types",
                "budget",
                "currency",
                "budget_date",
                "audiences",
                "actors",
            ),
        ),
        (
            gettext_lazy("Participants, when known"),
            (
                "participants",
                "women",
                "men",
                "other_sex",
                "not_recorded",
                *(f"audience_{key}" for key in vocabularies.AUDIENCES),
            ),
        ),
        (
            gettext_lazy("What it addresses"),
            (
                "plan_codes",
                "cb_areas",
                "articles",
                "gbf_targets",
                "sdgs",
                "new_technologies",
                "new_technologies_note",
            ),
        ),
        (gettext_lazy("Results"), ("achievements", "outputs", "lessons", "evidence")),
    )

    title = forms.CharField(label=gettext_lazy("Title of the activity"), max_length=500)
    description = forms.CharField(
        label=gettext_lazy("Short description, including its goals and objectives"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    activity_status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=vocabularies.choices("status")
    )
    start_date = forms.DateField(
        label=gettext_lazy("Start date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end_date = forms.DateField(
        label=gettext_lazy("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    duration = forms.IntegerField(
        label=gettext_lazy("Duration (for a proposed activity without dates)"),
        min_value=1,
        required=False,
    )
    duration_unit = forms.ChoiceField(
        label=gettext_lazy("Duration in"),
        choices=[("", "—"), *vocabularies.choices("duration_unit")],
        required=False,
    )
    programme = forms.CharField(
        label=gettext_lazy("Larger project or programme it is part of"),
        max_length=300,
        required=False,
    )
    identifier = forms.CharField(
        label=gettext_lazy("Project number or IATI identifier"), max_length=150, required=False
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Geographic scope"), choices=vocabularies.choices("scope")
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy("A regional activity may name its regions instead."),
    )
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions"), required=False, widget=forms.CheckboxSelectMultiple
    )
    organizations = OrganizationsField(
        roles=True,
        label=gettext_lazy("Organizations in their roles"),
        help_text=gettext_lazy(
            "One per line: role | name | IATI organisation type (optional). Roles: funding, "
            "accountable, extending, implementing, collaborating. Types, e.g.: 10 government, "
            "21 international NGO, 40 multilateral, 80 academic, training and research."
        ),
    )
    funding_types = checkboxes("funding_type", gettext_lazy("Type(s) of funding source(s)"))
    budget = forms.DecimalField(
        label=gettext_lazy("Total budget"), min_value=Decimal(0), decimal_places=2, required=False
    )
    currency = forms.CharField(
        label=gettext_lazy("Currency (ISO 4217 code, e.g. USD)"), max_length=3, required=False
    )
    budget_date = forms.DateField(
        label=gettext_lazy("Budget value date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    categories = checkboxes("category", gettext_lazy("Categories of capacity-building activities"))
    audiences = checkboxes("audience", gettext_lazy("Target audiences"))
    actors = checkboxes("actor", gettext_lazy("Actors involved"))
    participants = forms.IntegerField(
        label=gettext_lazy("Number of participants"), min_value=0, required=False
    )
    women = forms.IntegerField(label=SEX_LABELS["women"], min_value=0, required=False)
    men = forms.IntegerField(label=SEX_LABELS["men"], min_value=0, required=False)
    other_sex = forms.IntegerField(label=SEX_LABELS["other"], min_value=0, required=False)
    not_recorded = forms.IntegerField(label=SEX_LABELS["not_recorded"], min_value=0, required=False)
    cb_areas = forms.MultipleChoiceField(
        label=gettext_lazy("Capacity-building areas (as the national reports name them)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    articles = forms.CharField(
        label=gettext_lazy("Articles of the Protocol"),
        required=False,
        help_text=gettext_lazy("Numbers separated by commas, e.g. 15, 16, 22."),
    )
    gbf_targets = checkboxes("gbf_target", gettext_lazy("Global Biodiversity Framework targets"))
    sdgs = checkboxes("sdg", gettext_lazy("Sustainable Development Goals"))
    new_technologies_note = forms.CharField(
        label=gettext_lazy("New technologies: which, and how"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    achievements = forms.CharField(
        label=gettext_lazy("Main achievements"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    lessons = forms.CharField(
        label=gettext_lazy("Good practices and lessons learned"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    outputs = forms.CharField(
        label=gettext_lazy("Outputs: library resources it produced"),
        required=False,
        help_text=gettext_lazy("Their numbers in the library, separated by commas, e.g. 12, 15."),
    )
    evidence = LinesField(
        label=gettext_lazy("Evidence (links)"),
        required=False,
        item_validator=URLValidator(schemes=["http", "https"]),
    )

    class Meta:
        model = Activity
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        initial = dict(kwargs.get("initial") or {})
        by_sex = initial.get("participants_by_sex") or {}
        for key, name in zip(SEXES, ("women", "men", "other_sex", "not_recorded"), strict=True):
            initial.setdefault(name, by_sex.get(key))
        if isinstance(initial.get("articles"), list):
            initial["articles"] = ", ".join(map(str, initial["articles"]))
        if isinstance(initial.get("outputs"), list):
            initial["outputs"] = ", ".join(map(str, initial["outputs"]))
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["regions"].choices = Grouping.objects.filter(
            kind=Grouping.Kind.REGION
        ).values_list("code", "name")
        by_audience = initial.get("participants_by_audience") or {}
        for key, term in vocabularies.AUDIENCES.items():
            self.fields[f"audience_{key}"] = forms.IntegerField(
                label=format_lazy(gettext_lazy("of them: {audience}"), audience=term.title),
                min_value=0,
                required=False,
                initial=by_audience.get(key),
            )

    def clean_articles(self) -> list[str]:
        return _numbers(self.cleaned_data["articles"], as_text=True)

    def clean_outputs(self) -> list[int]:
        return _numbers(self.cleaned_data["outputs"], as_text=False)

    def content(self, store: bool = True) -> dict:
        data = self.cleaned_data
        by_sex = {
            key: data[name]
            for key, name in zip(SEXES, ("women", "men", "other_sex", "not_recorded"), strict=True)
            if data.get(name) is not None
        }
        return {
            **self.texts(),
            **{
                name: data.get(name)
                for name in Activity.content_fields
                if name in self.fields and name not in self.multilingual
            },
            "start_date": _iso(data.get("start_date")),
            "end_date": _iso(data.get("end_date")),
            "budget_date": _iso(data.get("budget_date")),
            "budget": str(data["budget"]) if data.get("budget") is not None else None,
            "currency": (data.get("currency") or "").upper(),
            "participants_by_sex": by_sex,
            "participants_by_audience": {
                key: data[f"audience_{key}"]
                for key in vocabularies.AUDIENCES
                if data.get(f"audience_{key}") is not None
            },
            "organizations": registered(data.get("organizations") or []),
        }


class ResourceForm(MultilingualForm):
    multilingual = ("title", "summary")
    sections = (
        (
            gettext_lazy("The resource"),
            (
                "text_language",
                "title",
                "resource_types",
                "is_training_material",
                "summary",
                "languages",
            ),
        ),
        (
            gettext_lazy("Who and when"),
            ("authors", "organizations", "publisher", "publication_date"),
        ),
        (gettext_lazy("Where to get it"), ("links", "upload")),
        (
            gettext_lazy("What it is about"),
            ("plan_codes", "cb_areas", "countries", "new_technologies"),
        ),
    )

    title = forms.CharField(label=gettext_lazy("Title"), max_length=500)
    resource_types = checkboxes("resource_type", gettext_lazy("Type of resource"))
    is_training_material = forms.BooleanField(
        label=gettext_lazy("It is a training material"), required=False
    )
    authors = forms.CharField(label=gettext_lazy("Author name(s)"), max_length=500, required=False)
    organizations = OrganizationsField(
        roles=False,
        label=gettext_lazy("Authoring organization(s)"),
        help_text=gettext_lazy("One per line: name | IATI organisation type (optional)."),
    )
    publisher = forms.CharField(label=gettext_lazy("Publisher"), max_length=300, required=False)
    publication_date = forms.CharField(
        label=gettext_lazy("Publication date"),
        max_length=10,
        help_text=gettext_lazy("A year, year and month, or date: 2024, 2024-12 or 2024-12-05."),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages of the resource"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary, abstract or table of contents"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    links = LinesField(
        label=gettext_lazy("Links to the resource"),
        required=False,
        item_validator=URLValidator(schemes=["http", "https"]),
    )
    upload = forms.FileField(
        label=gettext_lazy("Upload a file"),
        required=False,
        help_text=gettext_lazy("PDF, Word, Excel, PowerPoint, PNG, JPEG or text; at most 20 MB."),
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries it is about"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    cb_areas = forms.MultipleChoiceField(
        label=gettext_lazy("Subjects (capacity-building areas of the national reports)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    files = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Resource
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        initial = dict(kwargs.get("initial") or {})
        initial["files"] = json.dumps(initial.get("files") or [])
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.checked_upload: services.CheckedFile | None = None

    def clean_files(self) -> list[dict]:
        try:
            files = json.loads(self.cleaned_data.get("files") or "[]")
        except json.JSONDecodeError:
            files = []
        return files if isinstance(files, list) else []

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.checked_upload = services.file_check(upload=upload)
        return upload

    def content(self, store: bool = True) -> dict:
        """The content; with `store`, an uploaded file is kept first (only a valid form's)."""
        data = self.cleaned_data
        files = list(data.get("files") or [])
        if self.checked_upload:
            kept = (
                services.file_store(checked=self.checked_upload)
                if store
                else self.checked_upload.described()
            )
            files = [f for f in files if f.get("id") != kept.get("id")] + [kept]
        return {
            **self.texts(),
            **{
                name: data.get(name)
                for name in Resource.content_fields
                if name in self.fields and name not in self.multilingual
            },
            "files": files,
            "organizations": registered(data.get("organizations") or []),
        }


def registered(entries: list[dict]) -> list[dict]:
    """The organizations, each linked to the registered organization of the same name (its
    profile) where there is one."""
    names = {name.casefold(): pk for pk, name in Organization.objects.values_list("pk", "name")}
    return [
        {**entry, "organization": names[entry["name"].casefold()]}
        if "organization" not in entry and entry.get("name", "").casefold() in names
        else entry
        for entry in entries
    ]


def plan_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The plan's codes grouped by goal, each with its short text."""
    texts = plan_texts()
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in sorted(texts, key=code_order):
        goal = ".".join(code.split(".")[:2])
        groups.setdefault(goal, []).append((code, f"{code} {texts[code]}"))
    return list(groups.items())


def _numbers(text: str, *, as_text: bool) -> list:
    values = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValidationError(_("“%(part)s” is not a number.") % {"part": part})
        values.append(part if as_text else int(part))
    return values


def _iso(value) -> str | None:
    return value.isoformat() if value else None
